package dev.riskdesk.ui.audit;

import dev.riskdesk.security.AuditQueryService.AuditEntry;
import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.FxProgress;
import dev.riskdesk.ui.common.AuditTexts;
import dev.riskdesk.ui.common.I18n;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Callback;

/** The audit log table with its filters and "load more", and the state of its hash chain. */
public final class AuditLogView {
    private final AuditLogViewModel model;
    private final I18n i18n;

    public AuditLogView(AuditLogViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
    }

    public Parent build() {
        TableView<AuditEntry> table = table();
        VBox.setVgrow(table, Priority.ALWAYS);
        FxProgress progress = new FxProgress();
        VBox page = new VBox(12, filters(), chain(progress), table, footer());
        page.getStyleClass().add("screen");
        page.setId("audit");
        model.reload();
        model.checkChain(progress);
        return page;
    }

    /** The chain's state, "Verify chain" to check it again, and while it runs its progress and "Cancel". */
    private HBox chain(FxProgress progress) {
        Label state = new Label();
        state.setId("audit-chain-state");
        state.textProperty().bind(i18n.render(model.chainTextProperty()));
        model.chainBrokenProperty().addListener((obs, was, broken) -> {
            state.getStyleClass().remove("error-text");
            if (broken) {
                state.getStyleClass().add("error-text");
            }
        });
        Button check = Controls.button(i18n, "audit-chain-check", "audit.chain.check", "mdi2s-shield-check-outline");
        check.disableProperty().bind(model.checkingChainProperty());
        check.setOnAction(e -> model.checkChain(progress));
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(160);
        bar.progressProperty().bind(progress.fractionProperty());
        bar.visibleProperty().bind(model.checkingChainProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Button cancel = Controls.button(i18n, "audit-chain-cancel", "common.cancel", "mdi2c-close");
        cancel.visibleProperty().bind(model.checkingChainProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> model.cancelChainCheck());
        HBox row = new HBox(8, Controls.text(i18n, "audit.chain.label"), state, bar, cancel, Controls.spacer(), check);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private HBox filters() {
        ComboBox<String> operator = choice("audit-filter-operator", model.operatorChoices(), name -> name);
        operator.valueProperty().bindBidirectional(model.operatorFilterProperty());
        ComboBox<String> action = choice("audit-filter-action", model.actionChoices(), this::actionText);
        action.valueProperty().bindBidirectional(model.actionFilterProperty());

        Label operatorLabel = Controls.text(i18n, "audit.filter.operator");
        operatorLabel.setLabelFor(operator);
        Label actionLabel = Controls.text(i18n, "audit.filter.action");
        actionLabel.setLabelFor(action);

        Label error = Controls.errorLabel(i18n, "audit-error", model.errorProperty());
        Button refresh = Controls.refreshButton(i18n, "audit-refresh", model::reload);

        HBox bar = new HBox(8, operatorLabel, operator, gap(), actionLabel, action, error, Controls.spacer(), refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private ComboBox<String> choice(String id, javafx.collections.ObservableList<String> items, Function<String, String> text) {
        ComboBox<String> box = new ComboBox<>(items);
        box.setId(id);
        box.setPrefWidth(200);
        Callback<javafx.scene.control.ListView<String>, ListCell<String>> cells = list -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null
                        : AuditLogViewModel.ANY.equals(item) ? i18n.get("audit.filter.any") : text.apply(item));
            }
        };
        box.setCellFactory(cells);
        box.setButtonCell(cells.call(null));
        i18n.messagesProperty().addListener((obs, old, now) -> {
            box.setButtonCell(cells.call(null)); // re-render the shown choice in the new language
        });
        return box;
    }

    private TableView<AuditEntry> table() {
        TableView<AuditEntry> table = new TableView<>(model.entries());
        table.setId("audit-table");
        table.getStyleClass().add("dense");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("audit.col.id", 64, e -> String.valueOf(e.id()), true));
        table.getColumns().add(column("audit.col.time", 170, e -> i18n.formats().timestamp(e.occurredAt()), false));
        table.getColumns().add(column("audit.col.operator", 100, AuditEntry::operatorName, false));
        table.getColumns().add(column("audit.col.action", 200, e -> actionText(e.action()), false));
        table.getColumns().add(column("audit.col.entity", 160, e -> e.entityId() == null ? entityText(e.entityType())
                : entityText(e.entityType()) + " " + e.entityId(), false));
        table.getColumns().add(column("audit.col.reason", 240, e -> AuditTexts.details(i18n, e.reason()), false));
        table.getColumns().add(column("audit.col.details", 220, e -> AuditTexts.details(i18n, e.details()), false));
        Label placeholder = new Label();
        placeholder.textProperty().bind(i18n.bind(() -> i18n.get(model.loadingProperty().get() ? "common.loading" : "audit.empty"),
                model.loadingProperty()));
        table.setPlaceholder(placeholder);
        return table;
    }

    /** The kind of thing an event is about, in words (a table name the bundle does not know reads as its words). */
    private String entityText(String type) {
        return type == null ? "" : i18n.getOr("audit.entity." + type, AuditTexts.words(i18n, type));
    }

    private String actionText(String action) {
        return AuditTexts.action(i18n, action);
    }

    private TableColumn<AuditEntry, String> column(String key, double width, Function<AuditEntry, String> text, boolean numeric) {
        TableColumn<AuditEntry, String> column = new TableColumn<>();
        column.textProperty().bind(i18n.text(key));
        column.setPrefWidth(width);
        column.setMinWidth(width <= 200 ? width : 120);
        column.setCellValueFactory(c -> i18n.bind(() -> text.apply(c.getValue())));
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                // reasons and details stay readable in full on hover, however narrow their column
                setTooltip(empty || item == null || item.isEmpty() ? null : new javafx.scene.control.Tooltip(item));
            }
        });
        if (numeric) {
            column.getStyleClass().add("numeric");
        }
        return column;
    }

    private HBox footer() {
        Label count = new Label();
        count.setId("audit-count");
        count.getStyleClass().add("text-muted");
        count.textProperty().bind(i18n.bind(() -> i18n.format(model.hasMoreProperty().get() ? "audit.count.more" : "audit.count",
                        model.entries().size()),
                model.entries(), model.hasMoreProperty()));
        Button more = new Button();
        more.setId("audit-load-more");
        more.textProperty().bind(i18n.bind(() -> i18n.format("audit.loadMore", model.pageSize())));
        more.disableProperty().bind(Bindings.or(model.hasMoreProperty().not(), model.loadingProperty()));
        more.setOnAction(e -> model.loadMore());
        HBox bar = new HBox(12, count, more);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static Region gap() {
        Region gap = new Region();
        gap.setMinWidth(12);
        return gap;
    }
}
