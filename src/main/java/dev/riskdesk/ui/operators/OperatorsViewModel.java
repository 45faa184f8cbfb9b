package dev.riskdesk.ui.operators;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.security.OperatorAdminService;
import dev.riskdesk.security.OperatorAdminService.OperatorSummary;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.SignInPolicy;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The administrator's Operators screen: the list, and add, disable, enable, reset password and change
 * role, each run off the FX thread with the version the list showed; afterwards the list is reloaded.
 * A refusal becomes one sentence in {@link #errorProperty()}.
 */
public final class OperatorsViewModel {
    private final OperatorAdminService service;
    private final Session session;
    private final TaskRunner tasks;

    private final ObservableList<OperatorSummary> operators = FXCollections.observableArrayList();
    private final ObjectProperty<OperatorSummary> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");
    private final ObjectProperty<UiText> message = new SimpleObjectProperty<>(this, "message");
    // sign-in policy: wrong passwords before a lockout, lockout and idle-lock minutes, as the administrator edits them
    private final ObjectProperty<Integer> maxFailures = new SimpleObjectProperty<>(this, "maxFailures", SignInPolicy.DEFAULT.maxFailedLogins());
    private final ObjectProperty<Integer> lockoutMinutes = new SimpleObjectProperty<>(this, "lockoutMinutes", (int) SignInPolicy.DEFAULT.lockout().toMinutes());
    private final ObjectProperty<Integer> idleLockMinutes = new SimpleObjectProperty<>(this, "idleLockMinutes", (int) SignInPolicy.DEFAULT.idleLock().toMinutes());

    public OperatorsViewModel(OperatorAdminService service, Session session, TaskRunner tasks) {
        this.service = service;
        this.session = session;
        this.tasks = tasks;
    }

    public ObservableList<OperatorSummary> operators() {
        return operators;
    }

    public ObjectProperty<OperatorSummary> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyObjectProperty<UiText> errorProperty() {
        return error;
    }

    /** What the last change did, e.g. "Saved: zhou disabled." */
    public ReadOnlyObjectProperty<UiText> messageProperty() {
        return message;
    }

    public List<Role> roles() {
        return Arrays.asList(Role.values());
    }

    /** The signed-in administrator's own name (the screen does not offer to disable oneself). */
    public String self() {
        return session.username();
    }

    public void reload() {
        busy.set(true);
        tasks.submit(progress -> service.list(session), list -> {
            busy.set(false);
            Long keep = selected.get() == null ? null : selected.get().id();
            operators.setAll(list);
            selected.set(list.stream().filter(o -> keep != null && o.id() == keep).findFirst().orElse(null));
        }, failure -> {
            busy.set(false);
            error.set(ErrorTexts.of(failure));
        });
    }

    // sign-in policy
    public ObjectProperty<Integer> maxFailuresProperty() {
        return maxFailures;
    }

    public ObjectProperty<Integer> lockoutMinutesProperty() {
        return lockoutMinutes;
    }

    public ObjectProperty<Integer> idleLockMinutesProperty() {
        return idleLockMinutes;
    }

    /** Reads the sign-in policy in force into the three fields. */
    public void loadPolicy() {
        tasks.submit(progress -> service.signInPolicy(session), policy -> {
            maxFailures.set(policy.maxFailedLogins());
            lockoutMinutes.set((int) policy.lockout().toMinutes());
            idleLockMinutes.set((int) policy.idleLock().toMinutes());
        }, failure -> error.set(ErrorTexts.of(failure)));
    }

    /** Stores the three fields as the sign-in policy (audited with the old and new values); a value out of its limits is refused in words. */
    public void savePolicy() {
        Integer max = maxFailures.get();
        Integer lockout = lockoutMinutes.get();
        Integer idle = idleLockMinutes.get();
        run(() -> service.changeSignInPolicy(session, SignInPolicy.ofMinutes(max == null ? 0 : max, lockout == null ? 0 : lockout,
                idle == null ? 0 : idle)), UiText.of("operators.policy.saved"), failure -> {
                    error.set(failure);
                    if (failure == null) {
                        loadPolicy();
                    }
                });
    }

    /**
     * Adds an operator; {@code confirm} must repeat {@code password}. {@code done} hears null once saved, or the
     * sentence of the refusal (the passwords differ, too weak, the name exists...): the dialog then stays open with
     * what was typed, and shows the sentence.
     */
    public void add(String username, String displayName, Role role, String password, String confirm, Consumer<UiText> done) {
        if (!password.equals(confirm)) {
            done.accept(UiText.of("operators.error.mismatch"));
            return;
        }
        char[] secret = password.toCharArray();
        run(() -> service.add(session, username, displayName, role, secret), UiText.of("operators.saved", username), done);
    }

    public void disable(OperatorSummary operator) {
        run(() -> service.disable(session, operator.username(), operator.version()), operator.username());
    }

    public void enable(OperatorSummary operator) {
        run(() -> service.enable(session, operator.username(), operator.version()), operator.username());
    }

    /** Gives {@code operator} a temporary password; {@code done} as for {@link #add}. */
    public void resetPassword(OperatorSummary operator, String password, String confirm, Consumer<UiText> done) {
        if (!password.equals(confirm)) {
            done.accept(UiText.of("operators.error.mismatch"));
            return;
        }
        char[] secret = password.toCharArray();
        run(() -> service.resetPassword(session, operator.username(), operator.version(), secret), UiText.of("operators.saved", operator.username()), done);
    }

    /** Gives {@code operator} another role; {@code done} as for {@link #add}. */
    public void setRole(OperatorSummary operator, Role role, Consumer<UiText> done) {
        run(() -> service.setRole(session, operator.username(), operator.version(), role), UiText.of("operators.saved", operator.username()), done);
    }

    /** A change made from the screen itself (disable, enable): a refusal shows under the table. */
    private void run(Runnable change, String username) {
        run(change, UiText.of("operators.saved", username), failure -> error.set(failure));
    }

    private void run(Runnable change, UiText saved, Consumer<UiText> done) {
        busy.set(true);
        error.set(null);
        message.set(null);
        tasks.submit(progress -> {
            change.run();
            return null;
        }, result -> {
            busy.set(false);
            message.set(saved);
            done.accept(null);
            reload();
        }, failure -> {
            busy.set(false);
            done.accept(ErrorTexts.of(failure));
            reload(); // a change by someone else meanwhile shows at once
        });
    }
}
