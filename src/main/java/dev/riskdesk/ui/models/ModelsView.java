package dev.riskdesk.ui.models;

import dev.riskdesk.scoring.governance.PromotionKind;
import dev.riskdesk.scoring.governance.PromotionRequest;
import dev.riskdesk.scoring.governance.PromotionStatus;
import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.TextCounter;
import dev.riskdesk.ui.models.ModelsViewModel.ModelRow;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Models screen: the two champion seats on top, the registry of trained models with their out-of-time figures,
 * the promotion and rollback requests below it (the reason of the selected one beside them, since reasons are long), and beside them what a manager does with the selected model or
 * request. Approving opens {@link ApprovalDialog}, which shows what changes before it changes.
 */
public final class ModelsView {
    private final ModelsViewModel model;
    private final I18n i18n;

    public ModelsView(ModelsViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
    }

    public Parent build() {
        TableView<ModelRow> models = modelsTable();
        TableView<PromotionRequest> requests = requestsTable();
        Label requestsTitle = Controls.text(i18n, "models.requests.title");
        requestsTitle.getStyleClass().add("card-title");
        // both lists share the height: the registry grows by four models a training, the requests by one a decision
        VBox.setVgrow(models, Priority.ALWAYS);
        VBox.setVgrow(requests, Priority.ALWAYS);
        models.setPrefHeight(200);
        requests.setPrefHeight(200);
        VBox tables = new VBox(8, models, requestsTitle, requests);
        HBox.setHgrow(tables, Priority.ALWAYS);
        HBox body = new HBox(12, tables, side());
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox page = new VBox(12, seats(), body, footer());
        page.getStyleClass().add("screen");
        page.setId("models");
        model.reload();
        return page;
    }

    private HBox seats() {
        HBox row = new HBox(12, seat("models-champion-file", "models.seat.FILE", model.fileChampionProperty()),
                seat("models-champion-thin", "models.seat.THIN_FILE", model.thinFileChampionProperty()));
        row.getChildren().add(Controls.refreshButton(i18n, "models-refresh", model::reload));
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private VBox seat(String id, String titleKey, ReadOnlyObjectProperty<ModelRow> champion) {
        Label title = Controls.text(i18n, titleKey);
        title.getStyleClass().add("tile-title");
        title.setWrapText(true);
        Label value = new Label();
        value.setId(id);
        value.getStyleClass().add("tile-value");
        value.textProperty().bind(i18n.bind(() -> champion.get() == null ? i18n.get("models.seat.none")
                : i18n.format("models.seat.value", champion.get().id(), kind(champion.get())), champion));
        Label figures = new Label();
        figures.getStyleClass().add("text-muted");
        figures.textProperty().bind(i18n.bind(() -> champion.get() == null ? "" : figures(champion.get()), champion));
        VBox tile = new VBox(2, title, value, figures);
        tile.getStyleClass().add("tile");
        tile.setMaxWidth(Double.MAX_VALUE);
        tile.setPrefWidth(1);
        HBox.setHgrow(tile, Priority.ALWAYS);
        return tile;
    }

    private String kind(ModelRow m) {
        return i18n.get("models.kind." + m.kind().name());
    }

    private String figures(ModelRow m) {
        return i18n.format("models.figures", decimal(m.auc()), decimal(m.ks()), decimal(m.psi()));
    }

    private String decimal(double value) {
        return Double.isNaN(value) ? "–" : String.format(i18n.formats().locale(), "%.3f", value);
    }

    private TableView<ModelRow> modelsTable() {
        TableView<ModelRow> table = new TableView<>(model.models());
        table.setId("models-table");
        table.getStyleClass().add("dense");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("models.col.id", 56, m -> "#" + m.id(), true));
        table.getColumns().add(column("models.col.kind", 120, this::kind, false));
        table.getColumns().add(column("models.col.segment", 92, m -> i18n.get("models.segment." + m.seat().name()), false));
        table.getColumns().add(column("models.col.trained", 126, m -> m.trainedAt() == null ? "–" : i18n.formats().date(m.trainedAt().toLocalDate()), false));
        table.getColumns().add(column("models.col.auc", 92, m -> decimal(m.auc()), true));
        table.getColumns().add(column("models.col.ks", 58, m -> decimal(m.ks()), true));
        table.getColumns().add(column("models.col.psi", 58, m -> decimal(m.psi()), true));
        table.getColumns().add(column("models.col.status", 110, this::statusText, false));
        placeholder(table, "models.empty");
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedModelProperty().set(now));
        model.selectedModelProperty().addListener((obs, old, now) -> {
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

    /** Champion (and of which seat), retired, waiting for approval, or a challenger that never can be champion. */
    private String statusText(ModelRow m) {
        if (m.champion()) {
            return i18n.get("models.status.champion");
        }
        if (model.waitingFor(m.id()) != null) {
            return i18n.format("models.status.waiting", model.waitingFor(m.id()).id());
        }
        if (!m.kind().promotable()) {
            return i18n.get("models.status.challenger");
        }
        return i18n.get("models.status." + m.status().name());
    }

    private TableView<PromotionRequest> requestsTable() {
        TableView<PromotionRequest> table = new TableView<>(model.requests());
        table.setId("models-requests");
        table.getStyleClass().add("dense");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("models.req.id", 56, r -> "#" + r.id(), true));
        table.getColumns().add(column("models.req.change", 230, this::changeText, false));
        table.getColumns().add(column("models.req.status", 90, r -> i18n.get("models.req.status." + r.status().name()), false));
        table.getColumns().add(column("models.req.asked", 150, r -> name(r.requester()), false));
        table.getColumns().add(column("models.req.decided", 150, this::decidedText, false));
        placeholder(table, "models.requests.empty");
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedRequestProperty().set(now));
        model.selectedRequestProperty().addListener((obs, old, now) -> {
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

    /** "Promote #4 (replaces #1)", "Roll back to #1", "First champion #3". */
    String changeText(PromotionRequest r) {
        return r.championId() == null ? i18n.format("models.req.kind." + r.kind().name() + ".noChampion", r.modelId())
                : i18n.format("models.req.kind." + r.kind().name(), r.modelId(), r.championId());
    }

    private String decidedText(PromotionRequest r) {
        if (r.kind() == PromotionKind.FIRST || r.decider() == null || r.status() == PromotionStatus.WITHDRAWN) {
            return "–";
        }
        return name(r.decider());
    }

    /** The operator's display name in a list (the side panel and the dialog add the sign-in name). */
    private static String name(PromotionRequest.Actor actor) {
        return actor == null ? "–" : actor.displayName() == null || actor.displayName().isBlank() ? actor.username() : actor.displayName();
    }

    private static String actor(PromotionRequest.Actor actor) {
        return actor == null ? "–" : actor.toString();
    }

    private <T> void placeholder(TableView<T> table, String emptyKey) {
        Label placeholder = new Label();
        placeholder.textProperty().bind(i18n.bind(() -> i18n.get(model.loadingProperty().get() ? "common.loading" : emptyKey), model.loadingProperty()));
        table.setPlaceholder(placeholder);
    }

    private <T> TableColumn<T, String> column(String key, double width, Function<T, String> text, boolean numeric) {
        TableColumn<T, String> column = new TableColumn<>();
        column.textProperty().bind(i18n.text(key));
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 48));
        column.setCellValueFactory(c -> i18n.bind(() -> text.apply(c.getValue()), model.requests()));
        if (numeric) {
            column.getStyleClass().add("numeric");
        }
        return column;
    }

    /** The selected model and request, the reason, and the steps this operator may take. */
    private VBox side() {
        Label modelTitle = Controls.text(i18n, "models.selected.model");
        modelTitle.getStyleClass().add("card-title");
        Label modelName = new Label();
        modelName.setId("models-model-name");
        modelName.setWrapText(true);
        modelName.setMinHeight(Region.USE_PREF_SIZE);
        modelName.textProperty().bind(i18n.bind(() -> model.selectedModelProperty().get() == null ? i18n.get("models.selected.none")
                : "#" + model.selectedModelProperty().get().id() + " " + model.selectedModelProperty().get().name(), model.selectedModelProperty()));
        Label requestTitle = Controls.text(i18n, "models.selected.request");
        requestTitle.getStyleClass().add("card-title");
        Label change = fact("models-request-change", r -> changeText(r), "models.selected.noRequest");
        change.getStyleClass().add("review-figure");
        Label asked = fact("models-request-asked", r -> i18n.format("models.selected.asked", actor(r.requester()), i18n.formats().dateTime(r.requestedAt())), null);
        asked.getStyleClass().add("text-muted");
        Label why = fact("models-request-reason", PromotionRequest::reason, null);
        why.setMaxHeight(90); // a long reason shows its first lines here, and whole in the approval dialog
        why.setMinHeight(Region.USE_COMPUTED_SIZE);
        VBox requestFacts = new VBox(4, change, asked, why);

        VBox side = new VBox(8, modelTitle, modelName, requestTitle, requestFacts);
        if (model.mayRequest() || model.mayDecide()) {
            side.getChildren().addAll(actions());
        } else {
            Label readOnly = Controls.text(i18n, "models.readOnly");
            readOnly.setId("models-readOnly");
            readOnly.setWrapText(true);
            readOnly.setMinHeight(Region.USE_PREF_SIZE);
            readOnly.getStyleClass().add("text-muted");
            side.getChildren().add(readOnly);
        }
        side.getStyleClass().add("panel");
        side.setId("models-side");
        side.setPrefWidth(250);
        side.setMinWidth(240);
        side.setMaxWidth(320);
        return side;
    }

    private List<javafx.scene.Node> actions() {
        TextArea reason = new TextArea();
        reason.setId("models-reason");
        reason.setWrapText(true);
        reason.setPrefRowCount(2);
        reason.promptTextProperty().bind(i18n.text("models.reason.prompt"));
        reason.textProperty().bindBidirectional(model.reasonProperty());
        TextCounter counter = new TextCounter(i18n, reason, model.reasonLimit());
        Label reasonLabel = Controls.text(i18n, "models.reason.label");
        reasonLabel.setLabelFor(reason);
        reasonLabel.setWrapText(true);
        reasonLabel.setMinHeight(Region.USE_PREF_SIZE);

        Button promote = wide(Controls.button(i18n, "models-promote", "models.action.promote", "mdi2t-trophy-outline"));
        promote.disableProperty().bind(model.canRequestPromotion().not());
        promote.setOnAction(e -> model.requestPromotion());
        Button rollback = wide(Controls.button(i18n, "models-rollback", "models.action.rollback", "mdi2u-undo-variant"));
        rollback.disableProperty().bind(model.canRollback().not());
        rollback.setOnAction(e -> model.requestRollback());

        Button approve = wide(Controls.button(i18n, "models-approve", "models.action.approve", "mdi2c-check-decagram-outline"));
        approve.disableProperty().bind(model.canApprove().not());
        approve.setOnAction(e -> new ApprovalDialog(model, i18n, this::changeText).show(approve));
        Button decline = wide(Controls.button(i18n, "models-decline", "models.action.decline", "mdi2c-close-octagon-outline"));
        decline.disableProperty().bind(model.canDecline().not());
        decline.setOnAction(e -> model.decline());
        Button withdraw = wide(Controls.button(i18n, "models-withdraw", "models.action.withdraw", "mdi2k-keyboard-return"));
        withdraw.disableProperty().bind(model.canWithdraw().not());
        withdraw.setOnAction(e -> model.withdraw());
        VBox decideRow = new VBox(8, approve, decline);
        Label own = Controls.text(i18n, "models.ownRequest");
        own.setId("models-ownRequest");
        own.setWrapText(true);
        own.setMinHeight(Region.USE_PREF_SIZE);
        own.getStyleClass().add("text-muted");
        own.visibleProperty().bind(model.ownRequest());
        own.managedProperty().bind(own.visibleProperty());
        for (Button b : List.of(promote, rollback)) {
            b.setVisible(model.mayRequest());
            b.setManaged(model.mayRequest());
        }
        decideRow.setVisible(model.mayDecide());
        decideRow.setManaged(model.mayDecide());
        // one's own waiting request cannot be decided, only withdrawn: the hint and the button show together
        withdraw.visibleProperty().bind(model.ownRequest());
        withdraw.managedProperty().bind(withdraw.visibleProperty());
        return List.of(reasonLabel, counter.under(reason), promote, rollback, decideRow, own, withdraw);
    }

    private static Button wide(Button button) {
        button.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(button, Priority.ALWAYS);
        return button;
    }

    /** A wrapped line about the selected request; {@code none} (a bundle key) while none is selected, or hidden when null. */
    private Label fact(String id, Function<PromotionRequest, String> text, String none) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        ReadOnlyObjectProperty<PromotionRequest> selected = model.selectedRequestProperty();
        label.textProperty().bind(i18n.bind(() -> selected.get() == null ? (none == null ? "" : i18n.get(none)) : text.apply(selected.get()), selected));
        if (none == null) {
            label.visibleProperty().bind(selected.isNotNull());
            label.managedProperty().bind(label.visibleProperty());
        }
        return label;
    }

    private HBox footer() {
        Label message = new Label();
        message.setId("models-message");
        message.getStyleClass().add("review-message");
        message.setWrapText(true);
        message.textProperty().bind(i18n.render(model.messageProperty()));
        message.visibleProperty().bind(Bindings.isNotNull(model.messageProperty()));
        message.managedProperty().bind(message.visibleProperty());
        Label hint = Controls.text(i18n, "models.hint");
        hint.setWrapText(true);
        hint.getStyleClass().add("text-muted");
        HBox.setHgrow(hint, Priority.ALWAYS);
        hint.setMaxWidth(Double.MAX_VALUE);
        HBox bar = new HBox(12, message, Controls.errorLabel(i18n, "models-error", model.errorProperty()), hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }
}
