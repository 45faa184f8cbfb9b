package dev.riskdesk.ui.privacy;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.privacy.DataKind;
import dev.riskdesk.privacy.ErasureService;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The profile's privacy bar: what of the customer's personal data has been erased ("personal data erased on DATE under
 * rule R"), and, for a manager, the erasure on request. Reads and erases in the background through {@link ErasureService}.
 */
public final class ErasureViewModel {
    private final ErasureService service;
    private final Session session;
    private final TaskRunner tasks;
    private final ReadOnlyObjectWrapper<UiText> status = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper canErase = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private Runnable onErased = () -> { };
    private long customerId = -1;

    public ErasureViewModel(ErasureService service, Session session, TaskRunner tasks) {
        this.service = service;
        this.session = session;
        this.tasks = tasks;
    }

    /** What was erased, null when nothing was (the bar is then hidden unless the erasure can be offered). */
    public ReadOnlyObjectProperty<UiText> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True for a manager while the identity is not erased yet. */
    public ReadOnlyBooleanProperty canEraseProperty() {
        return canErase.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Runs after an erasure on request succeeded (the profile reloads). */
    public void setOnErased(Runnable onErased) {
        this.onErased = onErased;
    }

    public int minReasonLength() {
        return ErasureService.MIN_REASON_LENGTH;
    }

    public boolean reasonLongEnough(String reason) {
        return reason != null && reason.strip().length() >= ErasureService.MIN_REASON_LENGTH;
    }

    /** Reads what was erased of customer {@code id}. */
    public void load(long id) {
        customerId = id;
        tasks.submit(progress -> service.status(session, id), this::show, failure -> status.set(ErrorTexts.of(failure)));
    }

    private void show(ErasureService.Status s) {
        status.set(statusText(s));
        canErase.set(ErasureService.mayErase(session) && !s.erased(DataKind.IDENTITY));
    }

    /**
     * "privacy.status.erased" (date, rule) once the identity is erased, "privacy.status.partial" (kinds, date, rule of the
     * latest) while only some kinds are, null when none is.
     */
    static UiText statusText(ErasureService.Status s) {
        ErasureService.Erasure identity = s.identity();
        if (identity != null) {
            return UiText.of("privacy.status.erased", identity.erasedAt().toLocalDate().toString(), rule(identity));
        }
        if (s.erasures().isEmpty()) {
            return null;
        }
        ErasureService.Erasure latest = s.erasures().get(s.erasures().size() - 1);
        String kinds = s.erasures().stream().map(e -> e.kind().name()).collect(Collectors.joining(", "));
        return UiText.of("privacy.status.partial", kinds, latest.erasedAt().toLocalDate().toString(), rule(latest));
    }

    private static String rule(ErasureService.Erasure e) {
        return e.policyVersion() == null ? e.ruleCode() : e.ruleCode() + " (v" + e.policyVersion() + ")";
    }

    /** Erases the customer's personal data on request; {@code done} gets null on success, else the refusal (e.g. the legal hold). */
    public void erase(String reason, Consumer<UiText> done) {
        long id = customerId;
        busy.set(true);
        tasks.submit(progress -> service.eraseOnRequest(session, id, reason), kinds -> {
            busy.set(false);
            done.accept(null);
            load(id);
            onErased.run();
        }, failure -> {
            busy.set(false);
            done.accept(ErrorTexts.of(failure));
        });
    }
}
