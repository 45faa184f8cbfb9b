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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Sign-in: checks the name and password off the FX thread and reports failures as a sentence. At start the login
 * window shows while the database still opens: the operator types meanwhile, and a sign-in asked for before the
 * database is {@linkplain #connect connected} waits (busy) and goes ahead once it is.
 */
public final class LoginViewModel {
    private OperatorService operators;
    private final TaskRunner tasks;
    private final ObservableList<DemoOperator> demoOperators = FXCollections.observableArrayList();
    private final Consumer<SignIn> onSignedIn;
    private boolean signInWaiting;

    private final StringProperty username = new SimpleStringProperty(this, "username", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");
    private final BooleanProperty connected = new SimpleBooleanProperty(this, "connected");

    /**
     * @param demoOperators shown with their passwords while the database is a demo database; empty otherwise
     * @param onSignedIn    called on the callback thread of {@code tasks} once the operator is signed in (who may first
     *                      have to change a temporary password)
     */
    public LoginViewModel(OperatorService operators, TaskRunner tasks, List<DemoOperator> demoOperators, Consumer<SignIn> onSignedIn) {
        this(tasks, onSignedIn);
        connect(operators, demoOperators);
    }

    /** A login window whose database is still opening: {@link #connect} follows once it is open. */
    public LoginViewModel(TaskRunner tasks, Consumer<SignIn> onSignedIn) {
        this.tasks = tasks;
        this.onSignedIn = onSignedIn;
    }

    /**
     * The database is open: sign-ins check against {@code operators}; a sign-in the operator asked for meanwhile goes ahead.
     * Call on the FX thread.
     */
    public void connect(OperatorService operators, List<DemoOperator> demoOperators) {
        this.operators = operators;
        this.demoOperators.setAll(demoOperators);
        connected.set(true);
        if (signInWaiting) {
            signInWaiting = false;
            busy.set(false);
            signIn();
        }
    }

    /** False while the database is still opening. */
    public ReadOnlyBooleanProperty connectedProperty() {
        return connected;
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

    /** Shown with their passwords while the database is a demo database; empty otherwise (and until it is open). */
    public ObservableList<DemoOperator> demoOperators() {
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
        if (operators == null) {
            java.util.Arrays.fill(secret, '\0');
            signInWaiting = true;
            return;
        }
        OperatorService checker = operators;
        tasks.submit(progress -> checker.signIn(name, secret),
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
