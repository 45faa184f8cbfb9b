package dev.riskdesk.ui.login;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.security.DemoOperator;
import dev.riskdesk.security.LoginFailedException;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.security.OperatorService.SignIn;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Sign-in: checks the name and password off the FX thread and reports failures as a sentence. */
public final class LoginViewModel {
    private final OperatorService operators;
    private final TaskRunner tasks;
    private final List<DemoOperator> demoOperators;
    private final Consumer<SignIn> onSignedIn;

    private final StringProperty username = new SimpleStringProperty(this, "username", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");

    /**
     * @param demoOperators shown with their passwords while the database is a demo database; empty otherwise
     * @param onSignedIn    called on the callback thread of {@code tasks} once the operator is signed in (who may first
     *                      have to change a temporary password)
     */
    public LoginViewModel(OperatorService operators, TaskRunner tasks, List<DemoOperator> demoOperators, Consumer<SignIn> onSignedIn) {
        this.operators = operators;
        this.tasks = tasks;
        this.demoOperators = List.copyOf(demoOperators);
        this.onSignedIn = onSignedIn;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyObjectProperty<UiText> errorProperty() {
        return error;
    }

    public List<DemoOperator> demoOperators() {
        return demoOperators;
    }

    /** Fills the fields with a demo operator's name and password. */
    public void fill(DemoOperator demo) {
        username.set(demo.username());
        password.set(demo.password());
        error.set(null);
    }

    public void signIn() {
        if (busy.get()) {
            return;
        }
        String name = username.get() == null ? "" : username.get().trim();
        char[] secret = password.get() == null ? new char[0] : password.get().toCharArray();
        if (name.isEmpty() || secret.length == 0) {
            error.set(UiText.of("login.error.empty"));
            return;
        }
        busy.set(true);
        error.set(null);
        tasks.submit(progress -> operators.signIn(name, secret),
                signIn -> {
                    busy.set(false);
                    password.set("");
                    onSignedIn.accept(signIn);
                },
                failure -> {
                    busy.set(false);
                    password.set("");
                    error.set(textOf(failure));
                });
    }

    /** The sentence for a refused sign-in or unlock (never whether the name or the password was wrong). */
    public static UiText textOf(Throwable failure) {
        if (failure instanceof LoginFailedException login) {
            return UiText.of(login.locked() ? "login.error.locked" : "login.error.wrong");
        }
        return ErrorTexts.of(failure);
    }
}
