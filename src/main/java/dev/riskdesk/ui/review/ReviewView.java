package dev.riskdesk.ui.review;

import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.limits.review.ProposalQueueService.Age;
import dev.riskdesk.limits.review.ProposalQueueService.ChangeSize;
import dev.riskdesk.limits.review.ProposalQueueService.Detail;
import dev.riskdesk.limits.review.ProposalQueueService.Pending;
import dev.riskdesk.limits.review.ProposalQueueService.Row;
import dev.riskdesk.limits.review.ProposalQueueService;
import dev.riskdesk.ui.common.Combos;
import dev.riskdesk.ui.common.EvidenceTexts;
import dev.riskdesk.ui.common.Formats;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.ReasonTexts;
import dev.riskdesk.ui.common.Tables;
import dev.riskdesk.ui.common.UiText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The limit review queue: open proposals by priority with filters, the selected proposal's
 * explanation and evidence beside it, and the three decisions (C confirm, O override, R reject;
 * J/K or the arrow keys move through the list). Managers also get the decisions awaiting their
 * approval; a decision the operator made is shown but cannot be approved by them.
 */
public final class ReviewView {
    private static final double SIDE_WIDTH = 276;
    private final ReviewViewModel model;
    private final I18n i18n;
    private final BiFunction<Long, Runnable, Node> profiles;
    private final StackPane root = new StackPane();
    private VBox queueScreen;
    private TableView<Row> table;
    private TabPane tabs;
    private Label count;

    public ReviewView(ReviewViewModel model, I18n i18n, BiFunction<Long, Runnable, Node> profiles) {
        this.model = model;
        this.i18n = i18n;
        this.profiles = profiles;
    }

    private Formats f() {
        return i18n.formats();
    }

    public Parent build() {
        tabs = new TabPane();
        tabs.setId("review-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab queue = new Tab();
        queue.setId("review-tab-queue");
        queue.textProperty().bind(i18n.bind(() -> i18n.format("review.tab.queue", f().integer(model.totalProperty().get())),
                model.totalProperty()));
        queue.setContent(queueTab());
        tabs.getTabs().add(queue);
        if (model.canApprove()) {
            Tab approvals = new Tab();
            approvals.setId("review-tab-approvals");
            approvals.textProperty().bind(i18n.bind(() -> i18n.format("review.tab.approvals", f().integer(model.approvals().size())),
                    model.approvals()));
            approvals.setContent(approvalsTab());
            tabs.getTabs().add(approvals);
        }
        VBox.setVgrow(tabs, Priority.ALWAYS);
        queueScreen = new VBox(8, banner(), tabs);
        queueScreen.getStyleClass().add("screen");
        queueScreen.setId("review");
        root.getChildren().add(queueScreen);
        model.reload();
        return root;
    }

    /** The last outcome or failure (a conflict says who changed the item and when). */
    private Node banner() {
        Label message = new Label();
        message.setId("review-message");
        message.getStyleClass().add("review-message");
        message.setGraphic(new FontIcon("mdi2c-check-circle-outline"));
        message.textProperty().bind(i18n.render(model.messageProperty()));
        message.visibleProperty().bind(model.messageProperty().isNotNull().and(model.errorProperty().isNull()));
        message.managedProperty().bind(message.visibleProperty());
        message.setWrapText(true);
        Label error = new Label();
        error.setId("review-error");
        error.getStyleClass().addAll("error-text", "review-error");
        error.setGraphic(new FontIcon("mdi2a-alert-circle-outline"));
        error.textProperty().bind(i18n.render(model.errorProperty()));
        error.visibleProperty().bind(model.errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);
        VBox box = new VBox(4, message, error);
        box.managedProperty().bind(message.visibleProperty().or(error.visibleProperty()));
        return box;
    }

    // ------------------------------------------------------------ queue

    private Node queueTab() {
        table = Tables.table("review-table", model.rows());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getColumns().add(Tables.column(i18n, "review.col.account", 146, Row::accountNo));
        table.getColumns().add(Tables.column(i18n, "review.col.type", 80, r -> i18n.get("review.type." + r.type().name())));
        table.getColumns().add(Tables.numeric(i18n, "review.col.proposed", 92, r -> limit(r.proposedLimit())));
        table.getColumns().add(Tables.numeric(i18n, "review.col.change", 62, this::changeText));
        table.getColumns().add(Tables.numeric(i18n, "review.col.score", 58, r -> r.score() == null ? "\u2014" : r.score() + " " + r.band()));
        table.getColumns().add(Tables.numeric(i18n, "review.col.priority", 84, r -> priority(r.priority())));
        table.getColumns().add(Tables.column(i18n, "review.col.status", 80, r -> i18n.get("review.statusShort." + r.status())));
        table.getColumns().add(Tables.column(i18n, "review.col.reasons", 100, r -> ReasonTexts.words(i18n, r.reasonCodes()),
                r -> ReasonTexts.tooltip(i18n, r.reasonCodes())));
        table.setPlaceholder(Tables.placeholder(i18n, "review.empty", model.loadingProperty()));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && now != model.selectedProperty().get()) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().clearAndSelect(table.getItems().indexOf(now));
                table.scrollTo(Math.max(0, table.getItems().indexOf(now) - 3));
            }
        });
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<Row> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openProfile(row.getItem().accountId());
                }
            });
            return row;
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        Node filters = filters();
        VBox left = new VBox(8, filters, table, actions());
        ScrollPane side = new ScrollPane(sidePanel());
        side.setId("review-side");
        side.setFitToWidth(true);
        side.getStyleClass().add("review-side");
        side.setMinWidth(SIDE_WIDTH);
        side.setPrefWidth(SIDE_WIDTH);
        side.setMaxWidth(SIDE_WIDTH);
        HBox.setHgrow(left, Priority.ALWAYS);
        left.setMinWidth(0);
        HBox split = new HBox(12, left, side);
        VBox box = new VBox(split);
        VBox.setVgrow(split, Priority.ALWAYS);
        box.getStyleClass().add("tab-body");
        box.addEventHandler(KeyEvent.KEY_PRESSED, this::shortcut);
        return box;
    }

    /** A limit in whole yuan when it has no fen (limits are rounded to ¥100 by the policy), else with them. */
    private String limit(BigDecimal amount) {
        return amount.stripTrailingZeros().scale() <= 0 ? "\u00a5" + f().integer(amount.longValueExact()) : f().money(amount);
    }

    /** Priority is expected loss in whole yuan: the cents of an estimate are noise in a queue. */
    private String priority(BigDecimal amount) {
        return "\u00a5" + f().integer(amount.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    }

    private String changeText(Row r) {
        if (r.change().signum() == 0) {
            return "—";
        }
        if (r.oldLimit().signum() == 0) {
            return "+∞";
        }
        double pct = r.change().divide(r.oldLimit(), 4, RoundingMode.HALF_UP).doubleValue();
        return (pct > 0 ? "+" : "") + f().percent(pct);
    }

    private <T> ComboBox<T> choice(String id, javafx.collections.ObservableList<T> items, javafx.beans.property.Property<T> value,
            Function<T, String> text) {
        ComboBox<T> box = new ComboBox<>(items);
        box.setId(id);
        box.valueProperty().bindBidirectional(value);
        Combos.textsFollowingLanguage(box, text, i18n);
        return box;
    }

    private Node filters() {
        List<ProposalType> types = new ArrayList<>();
        types.add(null);
        types.addAll(Arrays.asList(ProposalType.values()));
        ComboBox<ProposalType> type = choice("review-filter-type", FXCollections.observableArrayList(types), model.typeFilterProperty(),
                t -> t == null ? i18n.get("review.filter.anyType") : i18n.get("review.type." + t.name()));
        ComboBox<ChangeSize> size = choice("review-filter-size", FXCollections.observableArrayList(ChangeSize.values()),
                model.sizeFilterProperty(), s -> i18n.get("review.size." + s.name()));
        ComboBox<String> reason = choice("review-filter-reason", model.reasonChoices(), model.reasonFilterProperty(),
                r -> r == null || r.isEmpty() ? i18n.get("review.filter.anyReason") : reasonWords(r, null));
        reason.setMinWidth(130);
        reason.setPrefWidth(170);
        ComboBox<Age> age = choice("review-filter-age", FXCollections.observableArrayList(Age.values()), model.ageFilterProperty(),
                a -> i18n.get("review.age." + a.name()));
        for (ComboBox<?> box : List.of(type, size, age)) {
            box.setMinWidth(120);
            box.setPrefWidth(140);
        }
        Label count = new Label();
        count.setId("review-count");
        count.getStyleClass().add("text-muted");
        count.textProperty().bind(i18n.bind(() -> i18n.format("review.count", f().integer(model.rows().size()),
                f().integer(model.totalProperty().get())), model.rows(), model.totalProperty()));
        count.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = new Button();
        refresh.setId("review-refresh");
        refresh.setGraphic(new FontIcon("mdi2r-refresh"));
        refresh.getStyleClass().add("button-icon");
        refresh.setTooltip(new javafx.scene.control.Tooltip());
        refresh.getTooltip().textProperty().bind(i18n.text("common.refresh"));
        refresh.setOnAction(e -> model.reload());
        this.count = count;
        HBox bar = new HBox(8, type, size, reason, age, spacer, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private Node actions() {
        BooleanBinding noDetail = model.detailProperty().isNull().or(model.busyProperty());
        BooleanBinding notDecidable = Bindings.createBooleanBinding(() -> model.detailProperty().get() == null
                || !model.detailProperty().get().row().decidable(), model.detailProperty()).or(model.busyProperty());
        BooleanBinding noAmount = Bindings.createBooleanBinding(() -> model.detailProperty().get() == null
                || !model.detailProperty().get().row().decidable() || model.detailProperty().get().row().type() == ProposalType.UNFREEZE
                || model.detailProperty().get().row().type() == ProposalType.LIFT_SUSPENSION, model.detailProperty()).or(model.busyProperty());
        Button confirm = actionButton("review-confirm", "review.action.confirm", "mdi2c-check", notDecidable,
                () -> decide(DecisionForm.Action.CONFIRM));
        confirm.getStyleClass().add("success");
        Button override = actionButton("review-override", "review.action.override", "mdi2p-pencil-outline", noAmount,
                () -> decide(DecisionForm.Action.OVERRIDE));
        Button reject = actionButton("review-reject", "review.action.reject", "mdi2c-close", noDetail,
                () -> decide(DecisionForm.Action.REJECT));
        reject.getStyleClass().add("danger");
        Button bulk = actionButton("review-bulk", "review.action.bulk", "mdi2c-check-all",
                Bindings.size(table.getSelectionModel().getSelectedItems()).lessThan(2).or(model.busyProperty()), this::bulkConfirm);
        Button more = new Button();
        more.setId("review-more");
        more.textProperty().bind(i18n.text("review.more"));
        more.visibleProperty().bind(model.hasMoreProperty());
        more.managedProperty().bind(more.visibleProperty());
        more.setOnAction(e -> model.loadMore());
        more.setMinWidth(Region.USE_PREF_SIZE);
        Label keys = new Label();
        keys.getStyleClass().add("text-muted");
        keys.textProperty().bind(i18n.text("review.keys"));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, confirm, override, reject, bulk);
        bar.setAlignment(Pos.CENTER_LEFT);
        keys.getStyleClass().add("review-keys");
        HBox second = new HBox(8, keys, gap, count, more);
        second.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, bar, second);
    }

    private Button actionButton(String id, String key, String icon, javafx.beans.value.ObservableBooleanValue disabled, Runnable action) {
        Button b = new Button();
        b.setId(id);
        b.textProperty().bind(i18n.text(key));
        b.setGraphic(new FontIcon(icon));
        b.disableProperty().bind(disabled);
        b.setOnAction(e -> action.run());
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    private void shortcut(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl || e.isControlDown() || e.isAltDown() || e.isMetaDown() || model.busyProperty().get()) {
            return;
        }
        Detail d = model.detailProperty().get();
        KeyCode code = e.getCode();
        if (code == KeyCode.J) {
            model.selectNext(1);
        } else if (code == KeyCode.K) {
            model.selectNext(-1);
        } else if (code == KeyCode.C && d != null && d.row().decidable()) {
            decide(DecisionForm.Action.CONFIRM);
        } else if (code == KeyCode.O && d != null && d.row().decidable()) {
            decide(DecisionForm.Action.OVERRIDE);
        } else if (code == KeyCode.R && d != null) {
            decide(DecisionForm.Action.REJECT);
        } else if (code == KeyCode.P && d != null) {
            openProfile(d.row().accountId());
        } else {
            return;
        }
        e.consume();
    }

    private void decide(DecisionForm.Action action) {
        Detail d = model.detailProperty().get();
        if (d == null) {
            return;
        }
        DecisionDialog.show(root.getScene().getWindow(), i18n, model, new DecisionForm(action, d, f()), d, null);
    }

    private void bulkConfirm() {
        ReviewViewModel.BulkPlan plan = model.planBulk(List.copyOf(table.getSelectionModel().getSelectedItems()));
        DecisionDialog.showBulk(root.getScene().getWindow(), i18n, model, plan);
    }

    void openProfile(long accountId) {
        Node profile = profiles.apply(accountId, () -> {
            root.getChildren().setAll(queueScreen);
            table.requestFocus();
        });
        root.getChildren().setAll(profile);
    }

    // ------------------------------------------------------------ side panel

    private Node sidePanel() {
        VBox box = new VBox(10);
        box.setId("review-detail");
        box.getStyleClass().add("review-detail");
        Label empty = new Label();
        empty.getStyleClass().add("text-muted");
        empty.textProperty().bind(i18n.text("review.detail.none"));
        empty.setWrapText(true);
        box.getChildren().add(empty);
        Runnable render = () -> renderDetail(box, model.detailProperty().get());
        model.detailProperty().addListener((obs, old, d) -> render.run());
        i18n.messagesProperty().addListener((obs, old, now) -> render.run());
        return box;
    }

    private void renderDetail(VBox box, Detail d) {
        box.getChildren().clear();
        if (d == null) {
            Label empty = new Label(i18n.get("review.detail.none"));
            empty.getStyleClass().add("text-muted");
            empty.setWrapText(true);
            box.getChildren().add(empty);
            return;
        }
        Row r = d.row();
        Label title = new Label(i18n.format("review.detail.title", i18n.get("review.type." + r.type().name()), r.accountNo()));
        title.setId("review-detail-title");
        title.getStyleClass().add("title-4");
        title.setWrapText(true);
        Label status = new Label(i18n.get("review.status." + r.status()));
        status.getStyleClass().addAll("status-chip", "PENDING".equals(r.status()) ? "status-chip-active" : "status-chip-dormant");
        Button profile = new Button();
        profile.setId("review-open-profile");
        profile.setText(i18n.get("review.openProfile"));
        profile.setGraphic(new FontIcon("mdi2a-account-details-outline"));
        profile.getStyleClass().add("flat");
        profile.setOnAction(e -> openProfile(r.accountId()));
        status.setMinWidth(Region.USE_PREF_SIZE);
        profile.setMinWidth(Region.USE_PREF_SIZE);
        FlowPane head = new FlowPane(8, 4, status, profile);
        head.setAlignment(Pos.CENTER_LEFT);

        GridPane grid = new GridPane();
        grid.getStyleClass().add("review-figures");
        int row = 0;
        row = figure(grid, row, "review.detail.old", f().money(r.oldLimit()), "review-detail-old");
        row = figure(grid, row, "review.detail.proposed", f().money(r.proposedLimit()) + "  (" + changeText(r) + ")", "review-detail-proposed");
        row = figure(grid, row, "review.detail.cap", d.hiddenCap() == null ? "—" : f().money(d.hiddenCap()), "review-detail-cap");
        row = figure(grid, row, "review.detail.exposure", f().money(r.exposure()), "review-detail-exposure");
        row = figure(grid, row, "review.detail.score", r.score() == null ? "—" : r.score() + " (" + r.band() + ")", "review-detail-score");
        row = figure(grid, row, "review.detail.pd", r.pd() == null ? i18n.get("review.detail.pdUnknown") : f().percent(r.pd()), "review-detail-pd");
        row = figure(grid, row, "review.detail.priority", priority(r.priority()), "review-detail-priority");
        row = figure(grid, row, "review.detail.created", f().dateTime(r.createdAt()), "review-detail-created", true);
        if (d.temporary()) {
            figure(grid, row, "review.detail.expires", f().dateTime(d.expiresAt()), "review-detail-expires");
        }
        box.getChildren().addAll(title, head, grid);

        box.getChildren().add(section("review.detail.why"));
        VBox reasons = new VBox(4);
        reasons.setId("review-detail-reasons");
        for (String code : r.reasonCodes()) {
            Label reason = new Label("• " + reasonWords(code, d));
            reason.setWrapText(true);
            reasons.getChildren().add(reason);
        }
        box.getChildren().add(reasons);

        if (!d.ruleHits().isEmpty()) {
            box.getChildren().add(section("review.detail.evidence"));
            for (ProposalQueueService.RuleHit hit : d.ruleHits()) {
                box.getChildren().add(ruleHit(hit));
            }
        }
        if (!d.guardrails().isEmpty()) {
            box.getChildren().add(section("review.detail.guardrails"));
            FlowPane chips = new FlowPane(6, 4);
            d.guardrails().forEach(g -> {
                Label chip = new Label(i18n.getOr("review.guardrail." + g, g));
                chip.getStyleClass().add("flag-chip");
                chips.getChildren().add(chip);
            });
            box.getChildren().add(chips);
        }
        box.getChildren().add(section("review.detail.asOf"));
        Label asOf = new Label(d.dataAsOf().isEmpty() ? "—" : String.join("\n", d.dataAsOf().entrySet().stream()
                .map(e -> i18n.getOr("review.feed." + e.getKey(), e.getKey()) + ": " + dateText(e.getValue())).toList()));
        asOf.setId("review-detail-asof");
        asOf.setWrapText(true);
        box.getChildren().add(asOf);
        if (!r.decidable()) {
            Label why = new Label(i18n.get("AWAITING_DATA".equals(r.status()) ? "review.detail.awaitingData" : "review.detail.notOpen"));
            why.getStyleClass().add("text-muted");
            why.setWrapText(true);
            box.getChildren().add(why);
        }
    }

    private int figure(GridPane grid, int row, String key, String value, String id) {
        return figure(grid, row, key, value, id, false);
    }

    /** {@code wrap}: a long figure (a date and time) may break; amounts never do. */
    private int figure(GridPane grid, int row, String key, String value, String id, boolean wrap) {
        Label caption = new Label(i18n.get(key));
        caption.getStyleClass().add("header-caption");
        // the caption wraps, the figure never does: "¥15,300.\n00" is unreadable, and Chinese
        // captions such as 优先级（敞口 × 违约概率） are long
        caption.setWrapText(true);
        caption.setMinWidth(70);
        Label v = new Label(value);
        v.setId(id);
        v.getStyleClass().add("review-figure");
        if (wrap) {
            v.setWrapText(true);
        } else {
            v.setMinWidth(Region.USE_PREF_SIZE);
        }
        grid.add(caption, 0, row);
        grid.add(v, 1, row);
        return row + 1;
    }

    private Label section(String key) {
        Label title = new Label(i18n.get(key));
        title.getStyleClass().add("section-title");
        return title;
    }

    private Node ruleHit(ProposalQueueService.RuleHit hit) {
        Label name = new Label(hit.ruleCode());
        name.getStyleClass().add("text-bold");
        name.setWrapText(true);
        VBox box = new VBox(2, name);
        if (hit.stale()) {
            Label stale = new Label(i18n.get("review.detail.stale"));
            stale.getStyleClass().add("flag-chip");
            stale.setGraphic(new FontIcon("mdi2c-clock-alert-outline"));
            stale.setWrapText(true);
            stale.setMaxWidth(SIDE_WIDTH - 60);
            box.getChildren().add(stale);
        }
        for (Map.Entry<String, String> e : hit.evidence().entrySet()) {
            Label line = new Label(i18n.getOr("review.evidence." + e.getKey(), e.getKey()) + ": " + EvidenceTexts.value(f(), e.getKey(), e.getValue()));
            line.getStyleClass().add("text-muted");
            line.setWrapText(true);
            box.getChildren().add(line);
        }
        box.getStyleClass().add("rule-hit");
        return box;
    }

    /** A reason code in words: the rule's description when a rule hit carries it, else the bundle's text, else the code. */
    String reasonWords(String code, Detail d) {
        if (d != null) {
            for (ProposalQueueService.RuleHit hit : d.ruleHits()) {
                if (hit.ruleCode().equals(code)) {
                    return "zh".equals(i18n.locale().getLanguage()) ? hit.descriptionZh() : hit.descriptionEn();
                }
            }
        }
        return ReasonTexts.words(i18n, code);
    }

    private String dateText(String isoTime) {
        try {
            return f().dateTime(LocalDateTime.parse(isoTime));
        } catch (RuntimeException e) {
            return isoTime;
        }
    }

    // ------------------------------------------------------------ approvals

    private Node approvalsTab() {
        TableView<Pending> t = Tables.table("approvals-table", model.approvals());
        t.getColumns().add(Tables.column(i18n, "review.col.decided", 160, p -> f().dateTime(p.decidedAt())));
        t.getColumns().add(Tables.column(i18n, "review.col.account", 150, Pending::accountNo));
        t.getColumns().add(Tables.numeric(i18n, "review.col.old", 100, p -> f().money(p.oldLimit())));
        t.getColumns().add(Tables.numeric(i18n, "review.col.new", 90, p -> f().money(p.newLimit())));
        t.getColumns().add(Tables.numeric(i18n, "review.col.proposed", 90, p -> f().money(p.proposedLimit())));
        t.getColumns().add(Tables.column(i18n, "review.col.maker", 70, p -> p.mine() ? i18n.format("review.maker.me", p.makerName()) : p.makerName()));
        t.getColumns().add(Tables.column(i18n, "review.col.reason", 120, p -> p.reasonCode() == null ? "—"
                : i18n.getOr("review.decisionReason." + p.reasonCode(), p.reasonCode())));
        t.getColumns().add(Tables.column(i18n, "review.col.note", 150, p -> p.note() == null ? "" : p.note()));
        t.setPlaceholder(Tables.placeholder(i18n, "review.approvals.empty", null));
        t.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedApprovalProperty().set(now));
        model.selectedApprovalProperty().addListener((obs, old, now) -> {
            if (now != t.getSelectionModel().getSelectedItem()) {
                if (now == null) {
                    t.getSelectionModel().clearSelection();
                } else {
                    t.getSelectionModel().select(now);
                }
            }
        });
        VBox.setVgrow(t, Priority.ALWAYS);

        BooleanBinding notAllowed = Bindings.createBooleanBinding(() -> model.selectedApprovalProperty().get() == null
                || model.selectedApprovalProperty().get().mine(), model.selectedApprovalProperty()).or(model.busyProperty());
        Button approve = actionButton("approval-approve", "review.action.approve", "mdi2c-check-decagram-outline", notAllowed,
                () -> DecisionDialog.show(root.getScene().getWindow(), i18n, model, new DecisionForm(DecisionForm.Action.APPROVE, null, f()), null,
                        model.selectedApprovalProperty().get()));
        approve.getStyleClass().add("success");
        Button decline = actionButton("approval-decline", "review.action.decline", "mdi2u-undo-variant", notAllowed,
                () -> DecisionDialog.show(root.getScene().getWindow(), i18n, model, new DecisionForm(DecisionForm.Action.DECLINE, null, f()), null,
                        model.selectedApprovalProperty().get()));
        Button profile = actionButton("approval-profile", "review.openProfile", "mdi2a-account-details-outline",
                model.selectedApprovalProperty().isNull(), () -> openProfile(model.selectedApprovalProperty().get().accountId()));
        Label own = new Label();
        own.setId("approval-own");
        own.getStyleClass().add("text-muted");
        own.setGraphic(new FontIcon("mdi2e-eye-off-outline"));
        own.textProperty().bind(i18n.text("review.approvals.own"));
        own.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.selectedApprovalProperty().get() != null
                && model.selectedApprovalProperty().get().mine(), model.selectedApprovalProperty()));
        own.setWrapText(true);
        HBox.setHgrow(own, Priority.ALWAYS);
        HBox bar = new HBox(8, approve, decline, profile, own);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label explain = new Label();
        explain.getStyleClass().add("text-muted");
        explain.textProperty().bind(i18n.text("review.approvals.explain"));
        explain.setWrapText(true);
        VBox box = new VBox(8, explain, t, bar);
        box.getStyleClass().add("tab-body");
        return box;
    }
}
