package dev.riskdesk.ui.login;

import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.I18n;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The change of a temporary password, shown in place of the login window before the main window. */
public final class ChangePasswordView {
    private final ChangePasswordViewModel model;
    private final I18n i18n;

    public ChangePasswordView(ChangePasswordViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
    }

    public Parent build() {
        Label title = Controls.text(i18n, "operators.passwordChange.title");
        title.getStyleClass().add("title-3");
        Label intro = new Label();
        intro.textProperty().bind(i18n.bind(() -> i18n.format("operators.passwordChange.intro", model.displayName())));
        intro.setWrapText(true);
        PasswordField old = field("changeOld", model.oldPasswordProperty());
        PasswordField chosen = field("changeNew", model.newPasswordProperty());
        PasswordField confirm = field("changeConfirm", model.confirmProperty());
        Label hint = Controls.text(i18n, "operators.passwordHint");
        hint.getStyleClass().addAll("text-small", "text-muted");
        hint.setWrapText(true);
        Label error = Controls.errorLabel(i18n, "changeError", model.errorProperty());
        error.setWrapText(true);

        Button submit = Controls.button(i18n, "changeSubmit", "operators.passwordChange.submit", "mdi2k-key-change");
        submit.getStyleClass().add("accent");
        submit.setDefaultButton(true);
        submit.disableProperty().bind(model.busyProperty());
        submit.setOnAction(e -> model.change());
        Button signOut = Controls.button(i18n, "changeSignOut", "operators.passwordChange.signOut", "mdi2l-logout");
        signOut.getStyleClass().add("button-outlined");
        signOut.setOnAction(e -> model.signOut());
        HBox buttons = new HBox(8, signOut, Controls.spacer(), submit);

        VBox form = new VBox(6, title, intro, label("operators.passwordChange.old", old), old, label("operators.passwordChange.new", chosen), chosen,
                label("operators.passwordChange.confirm", confirm), confirm, hint, error, buttons);
        form.getStyleClass().add("login-card");
        form.setMaxWidth(420);
        BorderPane root = new BorderPane(form);
        BorderPane.setAlignment(form, Pos.CENTER);
        root.getStyleClass().add("login-root");
        root.setId("changePassword");
        Platform.runLater(old::requestFocus);
        return root;
    }

    private Label label(String key, PasswordField field) {
        Label label = Controls.text(i18n, key);
        label.setLabelFor(field);
        return label;
    }

    private static PasswordField field(String id, javafx.beans.property.StringProperty value) {
        PasswordField field = new PasswordField();
        field.setId(id);
        field.textProperty().bindBidirectional(value);
        return field;
    }
}
