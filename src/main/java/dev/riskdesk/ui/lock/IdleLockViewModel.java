package dev.riskdesk.ui.lock;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.login.LoginViewModel;
import java.time.Duration;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import dev.riskdesk.ui.common.UiText;

/**
 * The console's idle lock: after {@link #idleTime()} without input the console locks (the screen stays
 * as it was behind the lock) until the signed-in operator's password is given; a wrong one counts
 * toward the lockout like a wrong sign-in. Locking and unlocking are audited.
 */
public final class IdleLockViewModel {
    private final OperatorService operators;
    private final Session session;
    private final TaskRunner tasks;
    private final Duration idleTime;
    private final Runnable onSignOut;

    private final BooleanProperty locked = new SimpleBooleanProperty(this, "locked");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");

    public IdleLockViewModel(OperatorService operators, Session session, TaskRunner tasks, Duration idleTime, Runnable onSignOut) {
        this.operators = operators;
        this.session = session;
        this.tasks = tasks;
        this.idleTime = idleTime;
        this.onSignOut = onSignOut;
    }

    public Duration idleTime() {
        return idleTime;
    }

    public Session session() {
        return session;
    }

    public ReadOnlyBooleanProperty lockedProperty() {
        return locked;
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

    /** The idle time ran out: lock, and audit it. */
    public void lock() {
        if (locked.get()) {
            return;
        }
        locked.set(true);
        error.set(null);
        password.set("");
        tasks.submit(progress -> {
            operators.recordIdleLock(session);
            return null;
        }, done -> { }, failure -> { });
    }

    public void unlock() {
        if (busy.get() || !locked.get()) {
            return;
        }
        char[] secret = password.get() == null ? new char[0] : password.get().toCharArray();
        if (secret.length == 0) {
            error.set(UiText.of("login.error.empty"));
            return;
        }
        busy.set(true);
        tasks.submit(progress -> {
            operators.unlock(session, secret);
            return null;
        }, done -> {
            busy.set(false);
            password.set("");
            error.set(null);
            locked.set(false);
        }, failure -> {
            busy.set(false);
            password.set("");
            error.set(LoginViewModel.textOf(failure));
        });
    }

    public void signOut() {
        onSignOut.run();
    }
}
