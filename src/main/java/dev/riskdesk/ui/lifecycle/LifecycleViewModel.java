package dev.riskdesk.ui.lifecycle;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.common.TextLimit;
import dev.riskdesk.lifecycle.LifecycleCaseService;
import dev.riskdesk.lifecycle.LifecycleQueries;
import dev.riskdesk.lifecycle.LifecycleQueries.CaseRow;
import dev.riskdesk.lifecycle.LifecycleReason;
import dev.riskdesk.lifecycle.LifecycleStage;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Lifecycle screen: the cancellation cases of dormant and never-used accounts with their filters, the book's figures
 * per lifecycle stage, and what an operator does with the selected case: keep it on the customer's request (risk
 * operators, managers) or approve or decline its cancellation (managers), each with a reason where one is needed. Every
 * read and decision runs off the FX thread; a refused one says why in words and keeps what was typed.
 */
public final class LifecycleViewModel {
    private final LifecycleQueries queries;
    private final LifecycleCaseService cases;
    private final Session session;
    private final TaskRunner tasks;

    private final ObservableList<CaseRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<LifecycleStage> stageFilter = new SimpleObjectProperty<>(this, "stageFilter");
    private final ObjectProperty<LifecycleReason> reasonFilter = new SimpleObjectProperty<>(this, "reasonFilter");
    private final StringProperty accountFilter = new SimpleStringProperty(this, "accountFilter", "");
    private final BooleanProperty needsApprovalFilter = new SimpleBooleanProperty(this, "needsApprovalFilter");
    private final ObjectProperty<CaseRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty reason = new SimpleStringProperty(this, "reason", "");
    private final ObjectProperty<LifecycleQueries.Figures> figures = new SimpleObjectProperty<>(this, "figures");
    private final IntegerProperty total = new SimpleIntegerProperty(this, "total");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");
    private final ObjectProperty<UiText> message = new SimpleObjectProperty<>(this, "message");
    private int generation;

    public LifecycleViewModel(LifecycleQueries queries, LifecycleCaseService cases, Session session, TaskRunner tasks) {
        this.queries = queries;
        this.cases = cases;
        this.session = session;
        this.tasks = tasks;
        stageFilter.addListener((obs, old, now) -> reload());
        reasonFilter.addListener((obs, old, now) -> reload());
        needsApprovalFilter.addListener((obs, old, now) -> reload());
    }

    public ObservableList<CaseRow> rows() {
        return rows;
    }

    /** null: every stage. */
    public ObjectProperty<LifecycleStage> stageFilterProperty() {
        return stageFilter;
    }

    /** null: every reason. */
    public ObjectProperty<LifecycleReason> reasonFilterProperty() {
        return reasonFilter;
    }

    /** The start of an account number; applied by {@link #reload} (the search button or Enter). */
    public StringProperty accountFilterProperty() {
        return accountFilter;
    }

    public BooleanProperty needsApprovalFilterProperty() {
        return needsApprovalFilter;
    }

    public ObjectProperty<CaseRow> selectedProperty() {
        return selected;
    }

    /** The reason of a keep or a decline, as typed. */
    public StringProperty reasonProperty() {
        return reason;
    }

    public ReadOnlyObjectProperty<LifecycleQueries.Figures> figuresProperty() {
        return figures;
    }

    /** How many cases match the filters (the list shows at most {@link LifecycleQueries#MAX_ROWS}). */
    public ReadOnlyIntegerProperty totalProperty() {
        return total;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    /** A decision is being written. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyObjectProperty<UiText> errorProperty() {
        return error;
    }

    /** What the last decision did. */
    public ReadOnlyObjectProperty<UiText> messageProperty() {
        return message;
    }

    public TextLimit reasonLimit() {
        return TextLimit.LIFECYCLE_KEEP_REASON;
    }

    public boolean mayKeep() {
        return session.has(Permission.LIFECYCLE_KEEP);
    }

    public boolean mayApprove() {
        return session.has(Permission.LIFECYCLE_APPROVE);
    }

    /** Keep on request: an open case, a reason that fits, the permission. */
    public BooleanBinding canKeep() {
        return Bindings.createBooleanBinding(() -> mayKeep() && open() && reasonGiven(), selected, reason, busy);
    }

    /** Approve: an open case that waits for a manager's approval, by a manager who did not start the run that opened it (maker-checker). */
    public BooleanBinding canApprove() {
        return Bindings.createBooleanBinding(() -> mayApprove() && !busy.get() && selected.get() != null && selected.get().awaitsApproval()
                && !session.username().equals(selected.get().detectedBy()), selected, busy);
    }

    /** The selected case waits for an approval that this manager may not give: they started the run that opened it. */
    public BooleanBinding ownRun() {
        return Bindings.createBooleanBinding(() -> mayApprove() && selected.get() != null && selected.get().awaitsApproval()
                && session.username().equals(selected.get().detectedBy()), selected);
    }

    /** Decline: an open case that needs a manager, and a reason. */
    public BooleanBinding canDecline() {
        return Bindings.createBooleanBinding(() -> mayApprove() && open() && selected.get().approvalRequired() && reasonGiven(), selected, reason, busy);
    }

    private boolean open() {
        return !busy.get() && selected.get() != null && selected.get().stage().open();
    }

    private boolean reasonGiven() {
        String text = reason.get() == null ? "" : reason.get().strip();
        return !text.isEmpty() && TextLimit.LIFECYCLE_KEEP_REASON.fits(text);
    }

    /** Reads the cases with the current filters and the figures; an answer that arrives after a newer request is dropped. */
    public void reload() {
        error.set(null);
        fetch();
    }

    private void fetch() {
        int request = ++generation;
        loading.set(true);
        LifecycleQueries.Filter filter = new LifecycleQueries.Filter(stageFilter.get() == null ? Set.of() : Set.of(stageFilter.get()),
                reasonFilter.get(), accountFilter.get(), needsApprovalFilter.get());
        tasks.submit(progress -> new Loaded(queries.cases(session, filter), queries.figures(session)), loaded -> {
            if (request != generation) {
                return;
            }
            loading.set(false);
            Long keep = selected.get() == null ? null : selected.get().id();
            rows.setAll(loaded.page().rows());
            total.set(loaded.page().total());
            figures.set(loaded.figures());
            selected.set(keep == null ? null : rows.stream().filter(r -> r.id() == keep).findFirst().orElse(null));
        }, failure -> {
            if (request != generation) {
                return;
            }
            loading.set(false);
            error.set(ErrorTexts.of(failure));
        });
    }

    private record Loaded(LifecycleQueries.Page page, LifecycleQueries.Figures figures) {
    }

    public void keep() {
        CaseRow c = selected.get();
        String text = reason.get();
        decide(() -> cases.keepOnRequest(session, c.id(), c.version(), text), UiText.of("lifecycle.done.kept", c.accountNo()));
    }

    public void approve() {
        CaseRow c = selected.get();
        decide(() -> cases.approve(session, c.id(), c.version()), UiText.of("lifecycle.done.approved", c.accountNo()));
    }

    public void decline() {
        CaseRow c = selected.get();
        String text = reason.get();
        decide(() -> cases.decline(session, c.id(), c.version(), text), UiText.of("lifecycle.done.declined", c.accountNo()));
    }

    /** Runs a decision in the background; done, the reason is cleared and the list reloaded; refused, the sentence is shown and the reason kept. */
    private void decide(Runnable decision, UiText done) {
        busy.set(true);
        message.set(null);
        error.set(null);
        tasks.submit(progress -> {
            decision.run();
            return Boolean.TRUE;
        }, ok -> {
            busy.set(false);
            message.set(done);
            reason.set("");
            fetch();
        }, failure -> {
            busy.set(false);
            error.set(ErrorTexts.of(failure));
            fetch(); // a case changed by someone else is shown as it is now
        });
    }
}
