package dev.riskdesk.ui.models;

import dev.riskdesk.scoring.governance.PromotionRequest;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Dialogs;
import dev.riskdesk.ui.models.ModelsViewModel.ModelRow;
import java.util.function.Function;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The second manager's look before approving: what the request changes (which model takes which seat, replacing which
 * champion), both models' out-of-time figures side by side, who asked, when and why. Approve closes it once the
 * service made the change; a refusal (decided meanwhile, the champion changed) stays in the dialog in words.
 */
final class ApprovalDialog {
    private final ModelsViewModel model;
    private final I18n i18n;
    private final Function<PromotionRequest, String> change;

    ApprovalDialog(ModelsViewModel model, I18n i18n, Function<PromotionRequest, String> change) {
        this.model = model;
        this.i18n = i18n;
        this.change = change;
    }

    void show(Node owner) {
        PromotionRequest r = model.selectedRequestProperty().get();
        if (r == null) {
            return;
        }
        Dialog<ButtonType> dialog = new Dialog<>();
        Dialogs.prepare(dialog, owner.getScene().getWindow());
        dialog.setTitle(i18n.get("models.approve.title"));
        dialog.setHeaderText(i18n.format("models.approve.header", r.id(), change.apply(r)));
        dialog.getDialogPane().setId("models-approve-dialog");
        ButtonType approveType = new ButtonType(i18n.get("models.approve.ok"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(approveType, new ButtonType(i18n.get("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE));

        GridPane compare = new GridPane();
        compare.getStyleClass().add("review-figures");
        compare.setHgap(16);
        compare.setVgap(4);
        ModelRow candidate = model.model(r.modelId());
        ModelRow champion = model.model(r.championId());
        compare.addRow(0, muted(""), strong(i18n.format("models.approve.candidate", r.modelId())),
                strong(champion == null ? i18n.get("models.approve.noChampion") : i18n.format("models.approve.champion", champion.id())));
        compare.addRow(1, muted(i18n.get("models.col.kind")), new Label(kind(candidate)), new Label(kind(champion)));
        compare.addRow(2, muted(i18n.get("models.col.auc")), new Label(decimal(candidate, ModelRow::auc)), new Label(decimal(champion, ModelRow::auc)));
        compare.addRow(3, muted(i18n.get("models.col.ks")), new Label(decimal(candidate, ModelRow::ks)), new Label(decimal(champion, ModelRow::ks)));
        compare.addRow(4, muted(i18n.get("models.col.psi")), new Label(decimal(candidate, ModelRow::psi)), new Label(decimal(champion, ModelRow::psi)));
        compare.setId("models-approve-compare");

        Label asked = new Label(i18n.format("models.approve.asked", r.requester() == null ? "–" : r.requester().toString(),
                i18n.formats().dateTime(r.requestedAt())));
        asked.setWrapText(true);
        Label reason = new Label(r.reason());
        reason.setId("models-approve-reason");
        reason.setWrapText(true);
        reason.getStyleClass().add("approval-reason");
        reason.setMaxWidth(Double.MAX_VALUE);
        reason.setMinHeight(Region.USE_PREF_SIZE);
        Label effect = new Label(i18n.get("models.approve.effect"));
        effect.getStyleClass().add("text-muted");
        effect.setWrapText(true);
        effect.setMinHeight(Region.USE_PREF_SIZE);
        Label error = new Label();
        error.setId("models-approve-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        VBox content = new VBox(10, compare, asked, reason, effect, error);
        content.getStyleClass().addAll("dialog-form", "approval-form");
        content.setPrefWidth(480);
        dialog.getDialogPane().setContent(content);

        Button ok = (Button) dialog.getDialogPane().lookupButton(approveType);
        ok.setId("models-approve-ok");
        ok.disableProperty().bind(model.busyProperty());
        ok.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume(); // close only when the service made the change
            model.approve(refusal -> {
                if (refusal == null) {
                    dialog.setResult(approveType);
                    dialog.close();
                } else {
                    error.setText(refusal.render(i18n));
                }
            });
        });
        dialog.show();
    }

    private String kind(ModelRow m) {
        return m == null ? "–" : i18n.get("models.kind." + m.kind().name());
    }

    private String decimal(ModelRow m, java.util.function.ToDoubleFunction<ModelRow> figure) {
        double value = m == null ? Double.NaN : figure.applyAsDouble(m);
        return Double.isNaN(value) ? "–" : String.format(i18n.formats().locale(), "%.3f", value);
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("text-muted");
        return label;
    }

    private static Label strong(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("review-figure");
        return label;
    }
}
