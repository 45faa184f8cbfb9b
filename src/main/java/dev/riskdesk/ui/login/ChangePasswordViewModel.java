package dev.riskdesk.ui.login;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.security.OperatorService.SignIn;
import dev.riskdesk.ui.common.UiText;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The change of a temporary password at the first sign-in after an administrator's reset, before the
 * main window: the temporary password again, the new one twice. Runs off the FX thread.
 */
public final class ChangePasswordViewModel {
    private final OperatorService operators;
    private final TaskRunner tasks;
    private final SignIn signIn;
    private final Consumer<SignIn> onChanged;
    private final Runnable onSignOut;

    private final StringProperty oldPassword = new SimpleStringProperty(this, "oldPassword", "");
    private final StringProperty newPassword = new SimpleStringProperty(this, "newPassword", "");
    private final StringProperty confirm = new SimpleStringProperty(this, "confirm", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");

    public ChangePasswordViewModel(OperatorService operators, TaskRunner tasks, SignIn signIn, Consumer<SignIn> onChanged, Runnable onSignOut) {
        this.operators = operators;
        this.tasks = tasks;
        this.signIn = signIn;
        this.onChanged = onChanged;
        this.onSignOut = onSignOut;
    }

    public String displayName() {
        return signIn.session().displayName();
    }

    public StringProperty oldPasswordProperty() {
        return oldPassword;
    }

    public StringProperty newPasswordProperty() {
        return newPassword;
    }

    public StringProperty confirmProperty() {
        return confirm;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyObjectProperty<UiText> errorProperty() {
        return error;
    }

    public void change() {
        if (busy.get()) {
            return;
        }
        if (!newPassword.get().equals(confirm.get())) {
            error.set(UiText.of("operators.error.mismatch"));
            return;
        }
        char[] old = oldPassword.get().toCharArray();
        char[] chosen = newPassword.get().toCharArray();
        busy.set(true);
        error.set(null);
        tasks.submit(progress -> operators.changeOwnPassword(signIn.session().username(), old, chosen), changed -> {
            busy.set(false);
            onChanged.accept(changed);
        }, failure -> {
            busy.set(false);
            error.set(LoginViewModel.textOf(failure));
        });
    }

    public void signOut() {
        onSignOut.run();
    }
}
