package dev.riskdesk.ui.audit;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.security.AuditQueryService;
import dev.riskdesk.security.AuditQueryService.AuditEntry;
import dev.riskdesk.security.AuditQueryService.AuditFilter;
import dev.riskdesk.security.AuditQueryService.AuditPage;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import java.util.ArrayList;
import java.util.List;
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
 */
public final class AuditLogViewModel {
    /** The filter value meaning "any". */
    public static final String ANY = "";

    private final AuditQueryService service;
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

    private Long nextBefore;
    private int generation;

    public AuditLogViewModel(AuditQueryService service, Session session, TaskRunner tasks) {
        this(service, session, tasks, AuditQueryService.PAGE_SIZE);
    }

    AuditLogViewModel(AuditQueryService service, Session session, TaskRunner tasks, int pageSize) {
        this.service = service;
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
