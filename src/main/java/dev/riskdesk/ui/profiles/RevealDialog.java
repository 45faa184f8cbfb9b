package dev.riskdesk.ui.profiles;

import dev.riskdesk.common.TextLimit;
import dev.riskdesk.customers.CustomerRow;
import dev.riskdesk.customers.PersonalDataService.Field;
import dev.riskdesk.ui.common.Dialogs;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.TextCounter;
import dev.riskdesk.ui.common.Theme;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks which personal data to reveal and why. Only the fields the operator's role may reveal
 * are offered (an agent never sees the ID number); OK stays disabled until a field is chosen
 * and the reason is long enough and within its limit (a counter shows it). The dialog stays open on a failure and says why.
 */
final class RevealDialog {
    private RevealDialog() {
    }

    static void show(Window owner, I18n i18n, ProfilesViewModel model, CustomerRow row) {
        Dialog<ButtonType> dialog = new Dialog<>();
        Dialogs.prepare(dialog, owner);
        dialog.setTitle(i18n.get("profiles.reveal.title"));
        dialog.setHeaderText(i18n.format("profiles.reveal.header", row.accountNo(), row.maskedName()));
        dialog.getDialogPane().setId("revealDialog");
        ButtonType revealType = new ButtonType(i18n.get("profiles.reveal.ok"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(revealType, new ButtonType(i18n.get("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE));

        Map<Field, CheckBox> boxes = new EnumMap<>(Field.class);
        VBox content = new VBox(8);
        content.getStyleClass().add("dialog-form");
        Label what = new Label(i18n.get("profiles.reveal.what"));
        what.getStyleClass().add("text-bold");
        content.getChildren().add(what);
        for (Field field : model.revealableFields()) {
            CheckBox box = new CheckBox(i18n.get("profiles.reveal.field." + field.name()));
            box.setId("reveal-" + field.name());
            boxes.put(field, box);
            content.getChildren().add(box);
        }
        Label why = new Label(i18n.format("profiles.reveal.reason", model.minRevealReasonLength()));
        TextArea reason = new TextArea();
        reason.setId("reveal-reason");
        reason.setPrefRowCount(3);
        reason.setWrapText(true);
        reason.setPromptText(i18n.get("profiles.reveal.reasonPrompt"));
        why.setLabelFor(reason);
        Label audited = new Label(i18n.get("profiles.reveal.audited"));
        audited.getStyleClass().add("text-muted");
        audited.setWrapText(true);
        Label error = new Label();
        error.setId("reveal-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        TextCounter counter = new TextCounter(i18n, reason, TextLimit.REVEAL_REASON);
        content.getChildren().addAll(why, counter.under(reason), audited, error);
        content.setPrefWidth(420);
        dialog.getDialogPane().setContent(content);

        Button ok = (Button) dialog.getDialogPane().lookupButton(revealType);
        ok.setId("reveal-ok");
        BooleanBinding anyChosen = Bindings.createBooleanBinding(() -> boxes.values().stream().anyMatch(CheckBox::isSelected),
                boxes.values().stream().map(CheckBox::selectedProperty).toArray(javafx.beans.Observable[]::new));
        BooleanBinding reasonOk = Bindings.createBooleanBinding(() -> model.revealReasonLongEnough(reason.getText()), reason.textProperty())
                .and(counter.tooLongProperty().not());
        ok.disableProperty().bind(anyChosen.and(reasonOk).not());
        ok.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume(); // close only when the service said yes
            Set<Field> fields = EnumSet.noneOf(Field.class);
            boxes.forEach((f, b) -> {
                if (b.isSelected()) {
                    fields.add(f);
                }
            });
            ok.disableProperty().unbind();
            ok.setDisable(true);
            model.reveal(row, fields, reason.getText(), failure -> {
                if (failure == null) {
                    dialog.setResult(revealType);
                    dialog.close();
                } else {
                    error.setText(failure.render(i18n));
                    ok.disableProperty().bind(anyChosen.and(reasonOk).not());
                }
            });
        });
        Theme.style(dialog.getDialogPane().getScene());
        dialog.show();
        reason.requestFocus();
    }
}
