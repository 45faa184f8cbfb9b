package dev.riskdesk.app;

import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Theme;
import java.util.Optional;
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
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(field.textProperty().isEmpty());
        dialog.setResultConverter(button -> button == ButtonType.OK ? field.getText().toCharArray() : null);
        dialog.setOnShown(e -> field.requestFocus());
        Theme.style(dialog.getDialogPane().getScene());
        Optional<char[]> result = dialog.showAndWait();
        field.clear();
        return result;
    }
}
