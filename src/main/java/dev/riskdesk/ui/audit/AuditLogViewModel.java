package dev.riskdesk.ui.audit;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.security.AuditQueryService;
import dev.riskdesk.security.AuditQueryService.AuditEntry;
import dev.riskdesk.security.AuditQueryService.AuditFilter;
import dev.riskdesk.security.AuditQueryService.AuditPage;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.audit.AuditChainState;
import dev.riskdesk.security.audit.AuditChainVerifier;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The audit log, newest first, {@link AuditQueryService#PAGE_SIZE} events at a time. Changing a
 * filter reloads from the newest event; an answer that arrives after a newer request is dropped.
 * The state of the hash chain (intact with its count, or broken at an event) is checked in the
 * background when asked, with progress, and can be cancelled.
 */
public final class AuditLogViewModel {
    /** The filter value meaning "any". */
    public static final String ANY = "";

    private final AuditQueryService service;
    private final AuditChainVerifier chain;
    private final Session session;
    private final TaskRunner tasks;
    private final int pageSize;

    private final ObservableList<AuditEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<String> operatorChoices = FXCollections.observableArrayList(ANY);
    private final ObservableList<String> actionChoices = FXCollections.observableArrayList(ANY);
    private final StringProperty operatorFilter = new SimpleStringProperty(this, "operatorFilter", ANY);
    private final StringProperty actionFilter = new SimpleStringProperty(this, "actionFilter", ANY);
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final BooleanProperty hasMore = new SimpleBooleanProperty(this, "hasMore");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");
    private final ObjectProperty<UiText> chainText = new SimpleObjectProperty<>(this, "chainText");
    private final BooleanProperty chainBroken = new SimpleBooleanProperty(this, "chainBroken");
    private final BooleanProperty checkingChain = new SimpleBooleanProperty(this, "checkingChain");
    private TaskRunner.Handle chainCheck;
    private AtomicBoolean chainCancelled = new AtomicBoolean();

    private Long nextBefore;
    private int generation;

    public AuditLogViewModel(AuditQueryService service, AuditChainVerifier chain, Session session, TaskRunner tasks) {
        this(service, chain, session, tasks, AuditQueryService.PAGE_SIZE);
    }

    AuditLogViewModel(AuditQueryService service, AuditChainVerifier chain, Session session, TaskRunner tasks, int pageSize) {
        this.service = service;
        this.chain = chain;
        this.session = session;
        this.tasks = tasks;
        this.pageSize = pageSize;
        operatorFilter.addListener((obs, old, now) -> reload());
        actionFilter.addListener((obs, old, now) -> reload());
    }

    /** How many events one page (and one "load more") reads. */
    public int pageSize() {
        return pageSize;
    }

    public ObservableList<AuditEntry> entries() {
        return entries;
    }

    public ObservableList<String> operatorChoices() {
        return operatorChoices;
    }

    public ObservableList<String> actionChoices() {
        return actionChoices;
    }

    public StringProperty operatorFilterProperty() {
        return operatorFilter;
    }

    public StringProperty actionFilterProperty() {
        return actionFilter;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore;
    }

    public ReadOnlyObjectProperty<UiText> errorProperty() {
        return error;
    }

    /** The chain's state: null until checked, "checking", intact with its count, or broken at an event. */
    public ReadOnlyObjectProperty<UiText> chainTextProperty() {
        return chainText;
    }

    /** Whether the last check found the chain broken. */
    public ReadOnlyBooleanProperty chainBrokenProperty() {
        return chainBroken;
    }

    public ReadOnlyBooleanProperty checkingChainProperty() {
        return checkingChain;
    }

    /**
     * Walks the whole chain in the background (millions of events take a while); {@code progress} shows how far it
     * got. A check already running is cancelled first.
     */
    public void checkChain(Progress progress) {
        cancelChainCheck();
        AtomicBoolean cancelled = new AtomicBoolean();
        chainCancelled = cancelled;
        checkingChain.set(true);
        chainText.set(UiText.of("audit.chain.checking"));
        Progress cancellable = new Progress() {
            @Override
            public void update(String message, long done, long total) {
                progress.update(message, done, total);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get() || progress.isCancelled();
            }
        };
        chainCheck = tasks.submit(p -> chain.verify(session, p), (AuditChainState state) -> {
            checkingChain.set(false);
            chainBroken.set(!state.intact());
            chainText.set(chainText(state));
        }, failure -> {
            checkingChain.set(false);
            chainText.set(failure instanceof Progress.CancelledException ? UiText.of("audit.chain.cancelled") : ErrorTexts.of(failure));
        }, cancellable);
    }

    /** Stops a running check; the state shown says it was not finished. */
    public void cancelChainCheck() {
        if (chainCheck != null && checkingChain.get()) {
            chainCancelled.set(true);
            chainCheck.cancel();
            checkingChain.set(false);
            chainText.set(UiText.of("audit.chain.cancelled"));
        }
    }

    /** The state as a text of the bundles: {@code audit.chain.intact}, or {@code audit.chain.<PROBLEM>} with the event. */
    static UiText chainText(AuditChainState state) {
        if (state.intact()) {
            return state.erased() > 0 ? UiText.of("audit.chain.intactErased", state.events(), state.erased())
                    : UiText.of("audit.chain.intact", state.events());
        }
        AuditChainState.Break b = state.broken();
        if (b.eventId() == null) {
            return UiText.of("audit.chain.EMPTIED", b.missing());
        }
        return UiText.of("audit.chain." + b.problem().name(), String.valueOf(b.eventId()), b.missing());
    }

    /** Reads the filter choices and the newest page. */
    public void reload() {
        int request = ++generation;
        entries.clear();
        nextBefore = null;
        hasMore.set(false);
        fetch(request, null);
        tasks.submit(progress -> service.filterChoices(session), choices -> {
            List<String> names = new ArrayList<>(List.of(ANY));
            names.addAll(choices.operatorNames());
            List<String> actions = new ArrayList<>(List.of(ANY));
            actions.addAll(choices.actions());
            // keep the current selections valid even when the log changed meanwhile
            if (!names.contains(operatorFilter.get())) {
                names.add(operatorFilter.get());
            }
            if (!actions.contains(actionFilter.get())) {
                actions.add(actionFilter.get());
            }
            if (!operatorChoices.equals(names)) {
                operatorChoices.setAll(names);
            }
            if (!actionChoices.equals(actions)) {
                actionChoices.setAll(actions);
            }
        }, failure -> error.set(ErrorTexts.of(failure)));
    }

    public void loadMore() {
        if (loading.get() || nextBefore == null) {
            return;
        }
        fetch(generation, nextBefore);
    }

    private void fetch(int request, Long before) {
        AuditFilter filter = new AuditFilter(operatorFilter.get(), actionFilter.get());
        loading.set(true);
        tasks.submit(progress -> service.page(session, filter, before, pageSize),
                (AuditPage page) -> {
                    if (request != generation) {
                        return;
                    }
                    loading.set(false);
                    error.set(null);
                    entries.addAll(page.entries());
                    nextBefore = page.nextBefore();
                    hasMore.set(page.hasMore());
                },
                failure -> {
                    if (request != generation) {
                        return;
                    }
                    loading.set(false);
                    error.set(ErrorTexts.of(failure));
                });
    }
}
