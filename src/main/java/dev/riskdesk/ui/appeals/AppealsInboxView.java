package dev.riskdesk.ui.appeals;

import dev.riskdesk.appeals.AppealType;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.ui.common.ChangeMarker;
import dev.riskdesk.ui.common.Combos;
import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Tables;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The appeal inbox: figures across the top, filters, the appeals by SLA deadline with breaches in
 * red and the last eight hours in amber, and claim / assign / register / open. A case opens in
 * place, with a way back to the same list.
 */
public final class AppealsInboxView {
    private final AppealsInboxViewModel model;
    private final I18n i18n;
    private final BiFunction<Long, Runnable, Node> cases;
    private final StackPane root = new StackPane();
    private final TableView<Appeals.InboxRow> table;
    private Parent inbox;

    public AppealsInboxView(AppealsInboxViewModel model, I18n i18n, BiFunction<Long, Runnable, Node> cases) {
        this.model = model;
        this.i18n = i18n;
        this.cases = cases;
        this.table = table();
    }

    public Parent build() {
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox page = new VBox(12, figures(), filters(), ChangeMarker.of(i18n, model.changes(), "appeals-updated"), table, actions());
        page.getStyleClass().add("screen");
        page.setId("appeals-inbox");
        inbox = page;
        root.getChildren().setAll(page);
        root.setId("appeals");
        model.reload();
        return root;
    }

    private HBox figures() {
        HBox tiles = new HBox(12,
                tile("appeals.fig.open", "appeals-fig-open", () -> figure(f -> i18n.formats().integer(f.open())),
                        () -> figure(f -> i18n.format("appeals.fig.openAges", f.openUnder24h(), f.open24to48h(), f.open2to7d(), f.openOver7d()))),
                tile("appeals.fig.breached", "appeals-fig-breached", () -> figure(f -> i18n.formats().integer(f.openBreached())),
                        () -> i18n.get("appeals.fig.breachedCaption")),
                tile("appeals.fig.median", "appeals-fig-median", () -> figure(f -> f.medianHandlingHours() == null ? "—"
                        : i18n.format("appeals.fig.hours", String.format(i18n.formats().locale(), "%.1f", f.medianHandlingHours()))),
                        () -> figure(f -> i18n.format("appeals.fig.decided", f.decided()))),
                tile("appeals.fig.sla", "appeals-fig-sla", () -> figure(f -> f.slaCompliance() == null ? "—" : i18n.formats().percent(f.slaCompliance())),
                        () -> figure(f -> i18n.format("appeals.fig.slaCaption", f.decidedWithinSla(), f.decided()))),
                tile("appeals.fig.overturn", "appeals-fig-overturn",
                        () -> figure(f -> f.overturnRate() == null ? "—" : i18n.formats().percent(f.overturnRate())),
                        () -> figure(f -> i18n.format("appeals.fig.overturnCaption", f.overturned(), f.decided()))));
        for (Node n : tiles.getChildren()) {
            HBox.setHgrow(n, Priority.ALWAYS);
            ((Region) n).setPrefWidth(0); // equal widths
        }
        return tiles;
    }

    private String figure(Function<Appeals.InboxFigures, String> text) {
        Appeals.InboxFigures f = model.figuresProperty().get();
        return f == null ? "…" : text.apply(f);
    }

    private VBox tile(String titleKey, String id, java.util.function.Supplier<String> value, java.util.function.Supplier<String> caption) {
        Label title = new Label();
        title.textProperty().bind(i18n.text(titleKey));
        title.getStyleClass().add("tile-title");
        Label v = new Label();
        v.setId(id);
        v.getStyleClass().add("tile-value");
        v.textProperty().bind(i18n.bind(value::get, model.figuresProperty()));
        Label c = new Label();
        c.getStyleClass().add("tile-caption");
        c.setWrapText(true);
        c.textProperty().bind(i18n.bind(caption::get, model.figuresProperty()));
        VBox box = new VBox(2, title, v, c);
        box.getStyleClass().add("tile");
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    private HBox filters() {
        ComboBox<String> status = combo("appeals-filter-status", AppealsInboxViewModel.statusChoices(),
                s -> i18n.getOr("appeals.filter.status." + s, AppealTexts.status(i18n, s)));
        status.valueProperty().bindBidirectional(model.statusFilterProperty());
        java.util.List<AppealType> types = new java.util.ArrayList<>();
        types.add(null);
        types.addAll(java.util.List.of(AppealType.values()));
        ComboBox<AppealType> type = combo("appeals-filter-type", types, t -> t == null ? i18n.get("appeals.filter.any") : AppealTexts.type(i18n, t));
        type.valueProperty().bindBidirectional(model.typeFilterProperty());
        ComboBox<String> rule = new ComboBox<>(model.ruleChoices());
        rule.setId("appeals-filter-rule");
        Combos.textsFollowingLanguage(rule, r -> r == null || r.isEmpty() ? i18n.get("appeals.filter.any") : AppealTexts.reason(i18n, r) + " (" + r + ")", i18n);
        rule.valueProperty().bindBidirectional(model.ruleFilterProperty());
        rule.setPrefWidth(200);
        ComboBox<AppealsInboxViewModel.AssigneeChoice> assignee = new ComboBox<>(model.assigneeChoices());
        assignee.setId("appeals-filter-assignee");
        Combos.textsFollowingLanguage(assignee, a -> a.handler() != null ? a.handler().username() + " · " + a.handler().displayName()
                : i18n.get("appeals.filter.assignee." + a.kind()), i18n);
        assignee.valueProperty().bindBidirectional(model.assigneeFilterProperty());

        Label error = new Label();
        error.setId("appeals-error");
        error.getStyleClass().add("error-text");
        error.textProperty().bind(i18n.render(model.errorProperty()));
        error.setWrapText(true);
        Button refresh = Controls.refreshButton(i18n, "appeals-refresh", model::reload);
        for (ComboBox<?> box : java.util.List.of(status, type, rule, assignee)) {
            box.setMinWidth(90); // the choices give way before their labels do
        }
        HBox bar = new HBox(8, Controls.fieldLabel(i18n, "appeals.filter.status"), status, Controls.fieldLabel(i18n, "appeals.filter.type"), type,
                Controls.fieldLabel(i18n, "appeals.filter.rule"), rule, Controls.fieldLabel(i18n, "appeals.filter.assignee"), assignee, error,
                Controls.spacer(), refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private <T> ComboBox<T> combo(String id, java.util.List<T> items, Function<T, String> text) {
        ComboBox<T> box = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(items));
        box.setId(id);
        Combos.textsFollowingLanguage(box, text, i18n);
        return box;
    }

    private TableView<Appeals.InboxRow> table() {
        TableView<Appeals.InboxRow> t = Tables.table("appeals-table", model.rows());
        t.getColumns().add(fixed(Tables.column(i18n, "appeals.col.no", 104, Appeals.InboxRow::appealNo)));
        t.getColumns().add(fixed(Tables.column(i18n, "appeals.col.sla", 138, r -> AppealTexts.remaining(i18n, r))));
        t.getColumns().add(fixed(Tables.column(i18n, "appeals.col.status", 158, r -> r.awaitingApproval()
                ? i18n.get("appeals.awaitingApprovalShort") : AppealTexts.status(i18n, r.status()))));
        t.getColumns().add(fixed(Tables.column(i18n, "appeals.col.type", 126, r -> AppealTexts.type(i18n, r.type()))));
        t.getColumns().add(Tables.column(i18n, "appeals.col.rule", 130, r -> AppealTexts.reason(i18n, r.ruleCode()),
                r -> r.ruleCode() == null ? null : r.ruleCode() + ": " + AppealTexts.reason(i18n, r.ruleCode())));
        t.getColumns().add(fixed(Tables.column(i18n, "appeals.col.account", 142, Appeals.InboxRow::accountNo)));
        t.getColumns().add(fixed(Tables.column(i18n, "appeals.col.customer", 92, Appeals.InboxRow::customerName)));
        t.getColumns().add(fixed(Tables.column(i18n, "appeals.col.assignee", 92, r -> r.assignee() == null ? "—" : r.assignee())));
        t.getColumns().add(Tables.column(i18n, "appeals.col.outcome", 126, r -> r.awaitingApproval() ? "" : AppealTexts.outcome(i18n, r.outcome())));
        t.setPlaceholder(Tables.placeholder(i18n, "appeals.empty", model.loadingProperty()));
        t.setRowFactory(tv -> {
            TableRow<Appeals.InboxRow> row = new TableRow<>() {
                @Override
                protected void updateItem(Appeals.InboxRow item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().removeAll("sla-breached", "sla-due-soon");
                    if (!empty && item != null && item.remaining() != null) {
                        if (item.breached()) {
                            getStyleClass().add("sla-breached");
                        } else if (item.remaining().compareTo(Duration.ofHours(8)) < 0) {
                            getStyleClass().add("sla-due-soon");
                        }
                    }
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    open(row.getItem());
                }
            });
            return row;
        });
        return t;
    }

    private static <T> javafx.scene.control.TableColumn<T, String> fixed(javafx.scene.control.TableColumn<T, String> column) {
        column.setMinWidth(column.getPrefWidth());
        return column;
    }

    private HBox actions() {
        Button open = Controls.button(i18n, "appeals-open", "appeals.action.open", "mdi2f-folder-open-outline");
        open.setDefaultButton(true);
        open.setOnAction(e -> open(table.getSelectionModel().getSelectedItem()));
        Button claim = Controls.button(i18n, "appeals-claim", "appeals.action.claim", "mdi2h-hand-back-right-outline");
        claim.setOnAction(e -> {
            Appeals.InboxRow row = table.getSelectionModel().getSelectedItem();
            if (row != null) {
                model.claim(row);
            }
        });
        Button assign = Controls.button(i18n, "appeals-assign", "appeals.action.assign", "mdi2a-account-arrow-right-outline");
        assign.setVisible(model.canAssign());
        assign.setManaged(model.canAssign());
        assign.setOnAction(e -> {
            Appeals.InboxRow row = table.getSelectionModel().getSelectedItem();
            if (row != null) {
                AppealDialogs.assign(i18n, model.handlers(), root.getScene().getWindow(),
                        (choice, answered) -> model.assign(row, choice.handler(), choice.reason(), answered));
            }
        });
        var none = table.getSelectionModel().selectedItemProperty().isNull();
        open.disableProperty().bind(none);
        claim.disableProperty().bind(none);
        assign.disableProperty().bind(none);
        Button register = Controls.button(i18n, "appeals-register", "appeals.action.register", "mdi2p-plus");
        register.setOnAction(e -> AppealDialogs.register(i18n, model.registrationForm(null), root.getScene().getWindow(),
                (r, answered) -> model.register(r.registration(), r.attachments(), this::openId, answered)));
        Label count = new Label();
        count.getStyleClass().add("count-label");
        count.textProperty().bind(i18n.bind(() -> i18n.format("appeals.count", model.rows().size()), model.rows()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, count, spacer, register, assign, claim, open);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void open(Appeals.InboxRow row) {
        if (row != null) {
            openId(row.id());
        }
    }

    private void openId(long id) {
        Node node = cases.apply(id, () -> {
            root.getChildren().setAll(inbox);
            model.reload();
            table.requestFocus();
        });
        root.getChildren().setAll(node);
    }

}
