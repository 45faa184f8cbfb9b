package dev.riskdesk.ui.privacy;

import dev.riskdesk.common.TextLimit;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.TextCounter;
import dev.riskdesk.ui.common.Theme;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The profile's privacy bar: "Personal data erased on DATE under rule R" when the customer's data was erased, and a
 * manager's "Erase personal data…" button with its dialog (reason, counted; the refusal, e.g. a legal hold, shown in it).
 */
public final class ErasureBarView {
    private final ErasureViewModel model;
    private final I18n i18n;

    public ErasureBarView(ErasureViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
    }

    public Node build() {
        Label status = new Label();
        status.setId("privacy-status");
        status.getStyleClass().add("text-bold");
        status.setWrapText(true);
        status.textProperty().bind(Bindings.createStringBinding(() -> model.statusProperty().get() == null ? ""
                : model.statusProperty().get().render(i18n), model.statusProperty(), i18n.messagesProperty()));
        Button erase = new Button();
        erase.setId("privacy-erase");
        erase.textProperty().bind(i18n.text("privacy.erase.button"));
        erase.visibleProperty().bind(model.canEraseProperty());
        erase.managedProperty().bind(erase.visibleProperty());
        erase.disableProperty().bind(model.busyProperty());
        erase.setOnAction(e -> showDialog(erase));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(10, status, gap, erase);
        bar.setId("privacy-bar");
        bar.getStyleClass().add("privacy-bar");
        bar.visibleProperty().bind(model.statusProperty().isNotNull().or(model.canEraseProperty()));
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private void showDialog(Node owner) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner.getScene().getWindow());
        dialog.setTitle(i18n.get("privacy.erase.title"));
        dialog.setHeaderText(i18n.get("privacy.erase.header"));
        dialog.getDialogPane().setId("privacy-erase-dialog");
        ButtonType eraseType = new ButtonType(i18n.get("privacy.erase.ok"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(eraseType, new ButtonType(i18n.get("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE));
        Label why = new Label(i18n.format("privacy.erase.reason", model.minReasonLength()));
        TextArea reason = new TextArea();
        reason.setId("privacy-erase-reason");
        reason.setPrefRowCount(3);
        reason.setWrapText(true);
        why.setLabelFor(reason);
        Label note = new Label(i18n.get("privacy.erase.note"));
        note.getStyleClass().add("text-muted");
        note.setWrapText(true);
        Label error = new Label();
        error.setId("privacy-erase-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        TextCounter counter = new TextCounter(i18n, reason, TextLimit.ERASURE_REASON);
        VBox content = new VBox(8, why, counter.under(reason), note, error);
        content.getStyleClass().add("dialog-form");
        content.setPrefWidth(460);
        dialog.getDialogPane().setContent(content);
        Button ok = (Button) dialog.getDialogPane().lookupButton(eraseType);
        ok.setId("privacy-erase-ok");
        BooleanBinding reasonOk = Bindings.createBooleanBinding(() -> model.reasonLongEnough(reason.getText()), reason.textProperty())
                .and(counter.tooLongProperty().not());
        ok.disableProperty().bind(reasonOk.not().or(model.busyProperty()));
        ok.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume(); // close only when the service erased
            model.erase(reason.getText(), refusal -> {
                if (refusal == null) {
                    dialog.setResult(eraseType);
                    dialog.close();
                } else {
                    error.setText(refusal.render(i18n));
                }
            });
        });
        Theme.style(dialog.getDialogPane().getScene());
        dialog.show();
        reason.requestFocus();
    }
}
