package dev.riskdesk.ui.review;

import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.limits.review.ProposalQueueService.Age;
import dev.riskdesk.limits.review.ProposalQueueService.ChangeSize;
import dev.riskdesk.limits.review.ProposalQueueService.Detail;
import dev.riskdesk.limits.review.ProposalQueueService.Row;
import dev.riskdesk.ui.common.ChangeMarker;
import dev.riskdesk.ui.common.Combos;
import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.Formats;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.ReasonTexts;
import dev.riskdesk.ui.common.Tables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
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
    static final double SIDE_WIDTH = 276;
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
            approvals.textProperty().bind(i18n.bind(() -> i18n.format("review.tab.approvals", f().integer(model.approvalsAwaitingMe())),
                    model.approvals()));
            approvals.setContent(new ApprovalsTab(model, i18n, this::openProfile).build());
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
        Label updated = ChangeMarker.of(i18n, model.changes(), "review-updated");
        VBox box = new VBox(4, message, error, updated);
        box.managedProperty().bind(message.visibleProperty().or(error.visibleProperty()).or(updated.visibleProperty()));
        return box;
    }

    // ------------------------------------------------------------ queue

    private Node queueTab() {
        table = Tables.table("review-table", model.rows());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getColumns().add(Tables.column(i18n, "review.col.account", 146, Row::accountNo));
        table.getColumns().add(Tables.column(i18n, "review.col.type", 80, r -> i18n.get("review.type." + r.type().name())));
        table.getColumns().add(Tables.numeric(i18n, "review.col.proposed", 92, r -> ReviewFigures.limit(f(), r.proposedLimit())));
        table.getColumns().add(Tables.numeric(i18n, "review.col.change", 76, r -> ReviewFigures.change(f(), r)));
        table.getColumns().add(Tables.numeric(i18n, "review.col.score", 58, r -> r.score() == null ? "\u2014" : r.score() + " " + r.band()));
        table.getColumns().add(Tables.numeric(i18n, "review.col.priority", 84, r -> ReviewFigures.priority(f(), r.priority())));
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
        ScrollPane side = new ScrollPane(new ReviewDetailPanel(model, i18n, this::openProfile).build());
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
                r -> r == null || r.isEmpty() ? i18n.get("review.filter.anyReason") : ReasonTexts.words(i18n, r));
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
        Button confirm = actionButton(i18n, "review-confirm", "review.action.confirm", "mdi2c-check", notDecidable,
                () -> decide(DecisionForm.Action.CONFIRM));
        confirm.getStyleClass().add("success");
        Button override = actionButton(i18n, "review-override", "review.action.override", "mdi2p-pencil-outline", noAmount,
                () -> decide(DecisionForm.Action.OVERRIDE));
        Button reject = actionButton(i18n, "review-reject", "review.action.reject", "mdi2c-close", noDetail,
                () -> decide(DecisionForm.Action.REJECT));
        reject.getStyleClass().add("danger");
        Button bulk = actionButton(i18n, "review-bulk", "review.action.bulk", "mdi2c-check-all",
                Bindings.size(table.getSelectionModel().getSelectedItems()).lessThan(2).or(noneLowRisk()).or(model.busyProperty()),
                this::bulkConfirm);
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

    /** A decision button: disabled while {@code disabled} holds, never narrower than its text. */
    static Button actionButton(I18n i18n, String id, String key, String icon, ObservableBooleanValue disabled, Runnable action) {
        Button b = Controls.button(i18n, id, key, icon);
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

    /** True while nothing selected could be confirmed in bulk (no low-risk proposal among them). */
    private javafx.beans.binding.BooleanBinding noneLowRisk() {
        return Bindings.createBooleanBinding(() -> model.planBulk(List.copyOf(table.getSelectionModel().getSelectedItems())).lowRisk().isEmpty(),
                table.getSelectionModel().getSelectedItems());
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
}
