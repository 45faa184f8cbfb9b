package dev.riskdesk.app;

import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Theme;
import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;

/** Before the login, the file password of an encrypted database: asked, never stored (H2FileEncryption keeps it in memory). */
final class FilePasswordDialog {
    private FilePasswordDialog() {
    }

    /** The typed password, or empty when the operator cancels; {@code again} says that the last one was not right. */
    static Optional<char[]> ask(I18n i18n, String database, boolean again) {
        Dialog<char[]> dialog = new Dialog<>();
        dialog.setTitle(i18n.get("common.appTitle"));
        dialog.setHeaderText(i18n.get("shell.filePassword.header"));
        Label prompt = new Label(i18n.format("shell.filePassword.prompt", database));
        prompt.setWrapText(true);
        PasswordField field = new PasswordField();
        field.setId("file-password");
        VBox body = new VBox(8, prompt, field);
        if (again) {
            Label wrong = new Label(i18n.get("shell.filePassword.wrong"));
            wrong.setId("file-password-wrong");
            wrong.getStyleClass().add("error-text");
            wrong.setWrapText(true);
            body.getChildren().add(wrong);
        }
        dialog.getDialogPane().setContent(body);
        dialog.getDialogPane().setId("filePassword");
        dialog.getDialogPane().setMinWidth(480);
        // the buttons in the console's language: JavaFX's own OK and Cancel follow the machine's locale
        ButtonType open = new ButtonType(i18n.get("shell.filePassword.open"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(open, new ButtonType(i18n.get("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE));
        dialog.getDialogPane().lookupButton(open).disableProperty().bind(field.textProperty().isEmpty());
        dialog.setResultConverter(button -> button == open ? field.getText().toCharArray() : null);
        dialog.setOnShown(e -> {
            // no console window exists yet to centre on: the dialog goes to the middle of the screen, not its corner
            dialog.getDialogPane().getScene().getWindow().centerOnScreen();
            field.requestFocus();
        });
        Theme.style(dialog.getDialogPane().getScene());
        Optional<char[]> result = dialog.showAndWait();
        field.clear();
        return result;
    }
}
