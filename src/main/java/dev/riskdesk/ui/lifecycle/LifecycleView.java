package dev.riskdesk.ui.lifecycle;

import dev.riskdesk.lifecycle.LifecycleQueries;
import dev.riskdesk.lifecycle.LifecycleQueries.CaseRow;
import dev.riskdesk.lifecycle.LifecycleReason;
import dev.riskdesk.lifecycle.LifecycleStage;
import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.TextCounter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Lifecycle screen: the book per lifecycle stage on top, the cancellation cases with their filters, and beside
 * them the selected case with what an operator may do with it (keep on request, approve, decline).
 */
public final class LifecycleView {
    private final LifecycleViewModel model;
    private final I18n i18n;

    public LifecycleView(LifecycleViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
    }

    public Parent build() {
        TableView<CaseRow> table = table();
        VBox side = side();
        HBox.setHgrow(table, Priority.ALWAYS);
        HBox body = new HBox(12, table, side);
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox page = new VBox(12, tiles(), filters(), body, footer());
        page.getStyleClass().add("screen");
        page.setId("lifecycle");
        model.reload();
        return page;
    }

    private HBox tiles() {
        HBox row = new HBox(12,
                tile("lifecycle-inUse", "lifecycle.tile.inUse", stage(LifecycleQueries.Stage.IN_USE)),
                tile("lifecycle-grace", "lifecycle.tile.grace", stage(LifecycleQueries.Stage.GRACE)),
                tile("lifecycle-awaiting", "lifecycle.tile.awaiting", stage(LifecycleQueries.Stage.AWAITING_APPROVAL)),
                tile("lifecycle-cancelled", "lifecycle.tile.cancelled", stage(LifecycleQueries.Stage.CANCELLED)),
                tile("lifecycle-openLimit", "lifecycle.tile.openLimit", money(LifecycleQueries.Figures::openLimitInCases)),
                tile("lifecycle-freed", "lifecycle.tile.freed", money(LifecycleQueries.Figures::limitFreed)));
        return row;
    }

    private StringBinding stage(LifecycleQueries.Stage stage) {
        return i18n.bind(() -> model.figuresProperty().get() == null ? "–"
                : i18n.formats().integer(model.figuresProperty().get().accounts().getOrDefault(stage, 0L)), model.figuresProperty());
    }

    private StringBinding money(Function<LifecycleQueries.Figures, BigDecimal> figure) {
        return i18n.bind(() -> model.figuresProperty().get() == null ? "–"
                : "¥" + i18n.formats().integer(figure.apply(model.figuresProperty().get()).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact()),
                model.figuresProperty());
    }

    private VBox tile(String id, String titleKey, StringBinding value) {
        Label title = Controls.text(i18n, titleKey);
        title.getStyleClass().add("tile-title");
        title.setWrapText(true); // "In grace period" on two lines where the money tiles take the room, never "In grace per…"
        Label figure = new Label();
        figure.setId(id);
        figure.textProperty().bind(value);
        figure.getStyleClass().add("tile-value");
        figure.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a figure is never cut: the tiles with short figures give way
        VBox tile = new VBox(2, title, figure);
        tile.getStyleClass().add("tile");
        tile.setMaxWidth(Double.MAX_VALUE);
        tile.setPrefWidth(1);
        HBox.setHgrow(tile, Priority.ALWAYS);
        return tile;
    }

    private HBox filters() {
        ComboBox<LifecycleStage> stage = choice("lifecycle-filter-stage", withAny(LifecycleStage.values()), model.stageFilterProperty(),
                s -> i18n.get("lifecycle.stage." + s.name()));
        ComboBox<LifecycleReason> reason = choice("lifecycle-filter-reason", withAny(LifecycleReason.values()), model.reasonFilterProperty(),
                r -> i18n.get("lifecycle.reason." + r.name()));
        TextField account = new TextField();
        account.setId("lifecycle-filter-account");
        account.promptTextProperty().bind(i18n.text("lifecycle.filter.account.prompt"));
        account.textProperty().bindBidirectional(model.accountFilterProperty());
        account.setPrefColumnCount(12);
        account.setOnAction(e -> model.reload());
        CheckBox approval = new CheckBox();
        approval.setId("lifecycle-filter-approval");
        approval.textProperty().bind(i18n.text("lifecycle.filter.needsApproval"));
        approval.selectedProperty().bindBidirectional(model.needsApprovalFilterProperty());
        Label stageLabel = Controls.text(i18n, "lifecycle.filter.stage");
        stageLabel.setLabelFor(stage);
        Label reasonLabel = Controls.text(i18n, "lifecycle.filter.reason");
        reasonLabel.setLabelFor(reason);
        HBox bar = new HBox(8, stageLabel, stage, reasonLabel, reason, account, approval, Controls.spacer(),
                Controls.refreshButton(i18n, "lifecycle-refresh", model::reload));
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static <T> List<T> withAny(T[] values) {
        List<T> all = new ArrayList<>();
        all.add(null);
        all.addAll(List.of(values));
        return all;
    }

    private <T> ComboBox<T> choice(String id, List<T> items, ObjectProperty<T> value, Function<T, String> text) {
        ComboBox<T> box = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(items));
        box.setId(id);
        box.setPrefWidth(150);
        javafx.util.Callback<javafx.scene.control.ListView<T>, ListCell<T>> cells = list -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? i18n.get("lifecycle.filter.any") : text.apply(item));
            }
        };
        box.setCellFactory(cells);
        box.setButtonCell(cells.call(null));
        box.valueProperty().bindBidirectional(value);
        i18n.messagesProperty().addListener((obs, old, now) -> box.setButtonCell(cells.call(null)));
        return box;
    }

    private TableView<CaseRow> table() {
        TableView<CaseRow> table = new TableView<>(model.rows());
        table.setId("lifecycle-table");
        table.getStyleClass().add("dense");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("lifecycle.col.account", 150, CaseRow::accountNo, false));
        table.getColumns().add(column("lifecycle.col.reason", 100, c -> i18n.get("lifecycle.reason." + c.reason().name()), false));
        table.getColumns().add(column("lifecycle.col.planned", 112, c -> i18n.formats().date(c.plannedOn()), false));
        table.getColumns().add(column("lifecycle.col.limit", 100, c -> i18n.formats().money(c.openLimit()), true));
        table.getColumns().add(column("lifecycle.col.approval", 100, this::approvalText, false));
        table.getColumns().add(column("lifecycle.col.stage", 170, this::stageText, false));
        Label placeholder = new Label();
        placeholder.textProperty().bind(i18n.bind(() -> i18n.get(model.loadingProperty().get() ? "common.loading" : "lifecycle.empty"),
                model.loadingProperty()));
        table.setPlaceholder(placeholder);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedProperty().set(now));
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != table.getSelectionModel().getSelectedItem()) {
                if (now == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().select(now);
                }
            }
        });
        return table;
    }

    private String approvalText(CaseRow c) {
        if (!c.approvalRequired()) {
            return i18n.get("lifecycle.approval.none");
        }
        return c.approvedBy() == null ? i18n.get("lifecycle.approval.needed") : i18n.format("lifecycle.approval.by", c.approvedBy());
    }

    /** The stage, and for a closed case its outcome and date: "Kept 8 Dec 2026: customer asked". */
    private String stageText(CaseRow c) {
        if (c.closedOn() == null) {
            return i18n.get("lifecycle.stage." + c.stage().name());
        }
        String on = i18n.formats().date(c.closedOn());
        return c.keptBy() == null ? i18n.format("lifecycle.outcome.cancelled", on) : i18n.format("lifecycle.outcome.kept." + c.keptBy().name(), on);
    }

    private TableColumn<CaseRow, String> column(String key, double width, Function<CaseRow, String> text, boolean numeric) {
        TableColumn<CaseRow, String> column = new TableColumn<>();
        column.textProperty().bind(i18n.text(key));
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 80));
        column.setCellValueFactory(c -> i18n.bind(() -> text.apply(c.getValue())));
        if (numeric) {
            column.getStyleClass().add("numeric");
        }
        return column;
    }

    /** The selected case and the decisions on it. */
    private VBox side() {
        Label title = Controls.text(i18n, "lifecycle.case.title");
        title.getStyleClass().add("card-title");
        GridPane facts = new GridPane();
        facts.getStyleClass().add("review-figures");
        javafx.scene.layout.ColumnConstraints names = new javafx.scene.layout.ColumnConstraints();
        names.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        facts.getColumnConstraints().add(names);
        String[] keys = {"lifecycle.col.account", "lifecycle.col.reason", "lifecycle.col.stage", "lifecycle.case.grace", "lifecycle.col.limit",
                "lifecycle.col.approval", "lifecycle.case.keepReason"};
        List<Function<CaseRow, String>> values = List.of(CaseRow::accountNo, c -> i18n.get("lifecycle.reason." + c.reason().name()),
                this::stageText,
                c -> i18n.format("lifecycle.case.graceText", c.graceDays(), i18n.formats().date(c.detectedOn()), i18n.formats().date(c.plannedOn())),
                c -> i18n.formats().money(c.openLimit()), this::approvalText, c -> c.keepReason() == null ? "–" : c.keepReason());
        for (int i = 0; i < keys.length; i++) {
            Label name = Controls.text(i18n, keys[i]);
            name.getStyleClass().add("text-muted");
            Function<CaseRow, String> value = values.get(i);
            Label shown = new Label();
            shown.setId("lifecycle-case-" + i);
            shown.setWrapText(true);
            shown.textProperty().bind(i18n.bind(() -> model.selectedProperty().get() == null ? "–" : value.apply(model.selectedProperty().get()),
                    model.selectedProperty()));
            facts.addRow(i, name, shown);
        }
        Label none = Controls.text(i18n, "lifecycle.case.none");
        none.getStyleClass().add("text-muted");
        none.visibleProperty().bind(model.selectedProperty().isNull());
        none.managedProperty().bind(none.visibleProperty());
        facts.visibleProperty().bind(model.selectedProperty().isNotNull());
        facts.managedProperty().bind(facts.visibleProperty());

        TextArea reason = new TextArea();
        reason.setId("lifecycle-reason");
        reason.setWrapText(true);
        reason.setPrefRowCount(3);
        reason.promptTextProperty().bind(i18n.text("lifecycle.reason.prompt"));
        reason.textProperty().bindBidirectional(model.reasonProperty());
        TextCounter counter = new TextCounter(i18n, reason, model.reasonLimit());
        Label reasonLabel = Controls.text(i18n, "lifecycle.reason.label");
        reasonLabel.setLabelFor(reason);
        reasonLabel.setWrapText(true);
        reasonLabel.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        Button keep = Controls.button(i18n, "lifecycle-keep", "lifecycle.action.keep", "mdi2a-account-check-outline");
        keep.disableProperty().bind(model.canKeep().not());
        keep.setOnAction(e -> model.keep());
        keep.setMaxWidth(Double.MAX_VALUE);
        keep.setVisible(model.mayKeep());
        keep.setManaged(model.mayKeep());
        Button approve = Controls.button(i18n, "lifecycle-approve", "lifecycle.action.approve", "mdi2c-check-decagram-outline");
        approve.disableProperty().bind(model.canApprove().not());
        approve.setOnAction(e -> model.approve());
        Button decline = Controls.button(i18n, "lifecycle-decline", "lifecycle.action.decline", "mdi2c-close-octagon-outline");
        decline.disableProperty().bind(model.canDecline().not());
        decline.setOnAction(e -> model.decline());
        approve.setMaxWidth(Double.MAX_VALUE);
        decline.setMaxWidth(Double.MAX_VALUE);
        Label ownRun = Controls.text(i18n, "lifecycle.case.ownRun"); // why Approve is off for the maker
        ownRun.setId("lifecycle-ownRun");
        ownRun.setWrapText(true);
        ownRun.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        ownRun.getStyleClass().add("text-muted");
        ownRun.visibleProperty().bind(model.ownRun());
        ownRun.managedProperty().bind(ownRun.visibleProperty());
        VBox managerRow = new VBox(8, approve, ownRun, decline);
        managerRow.setVisible(model.mayApprove());
        managerRow.setManaged(model.mayApprove());

        VBox side = new VBox(10, title, none, facts, reasonLabel, counter.under(reason), keep, managerRow);
        side.getStyleClass().add("panel");
        side.setId("lifecycle-case");
        side.setPrefWidth(280);
        side.setMinWidth(260);
        side.setMaxWidth(320);
        return side;
    }

    private HBox footer() {
        Label count = new Label();
        count.setId("lifecycle-count");
        count.getStyleClass().add("text-muted");
        count.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        count.textProperty().bind(i18n.bind(() -> i18n.format("lifecycle.count", model.rows().size(), model.totalProperty().get()),
                model.rows(), model.totalProperty()));
        Label message = new Label();
        message.setId("lifecycle-message");
        message.getStyleClass().add("review-message");
        message.textProperty().bind(i18n.render(model.messageProperty()));
        message.visibleProperty().bind(Bindings.isNotNull(model.messageProperty()));
        message.managedProperty().bind(message.visibleProperty());
        Label hint = Controls.text(i18n, "lifecycle.hint");
        hint.setWrapText(true);
        hint.getStyleClass().add("text-muted");
        HBox.setHgrow(hint, Priority.ALWAYS);
        hint.setMaxWidth(Double.MAX_VALUE);
        HBox bar = new HBox(12, count, message, Controls.errorLabel(i18n, "lifecycle-error", model.errorProperty()), hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }
}
