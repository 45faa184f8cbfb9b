package dev.riskdesk.ui.appeals;

import dev.riskdesk.appeals.AppealService;
import dev.riskdesk.appeals.AppealStatus;
import dev.riskdesk.appeals.AppealType;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import java.util.ArrayList;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The appeal inbox: open appeals by SLA deadline with the inbox figures, filters by status,
 * type, rule and assignee, and the claim, assign and register actions. Every read and change
 * runs off the FX thread; an answer older than the newest request is dropped.
 */
public final class AppealsInboxViewModel {
    /** Assignee filter choices. */
    public enum Assignee { ANY, MINE, UNASSIGNED }

    /** Status filter choices: the open ones (default), all, or one status. */
    public static final String OPEN = "OPEN";
    public static final String ALL = "ALL";

    private final AppealService service;
    private final Session session;
    private final TaskRunner tasks;
    private final ObservableList<Appeals.InboxRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> ruleChoices = FXCollections.observableArrayList("");
    private final ObservableList<Appeals.Handler> handlers = FXCollections.observableArrayList();
    private final StringProperty statusFilter = new SimpleStringProperty(this, "statusFilter", OPEN);
    private final ObjectProperty<AppealType> typeFilter = new SimpleObjectProperty<>(this, "typeFilter");
    private final StringProperty ruleFilter = new SimpleStringProperty(this, "ruleFilter", "");
    private final ObjectProperty<Assignee> assigneeFilter = new SimpleObjectProperty<>(this, "assigneeFilter", Assignee.ANY);
    private final ObjectProperty<Appeals.InboxFigures> figures = new SimpleObjectProperty<>(this, "figures");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");
    private int generation;

    public AppealsInboxViewModel(AppealService service, Session session, TaskRunner tasks) {
        this.service = service;
        this.session = session;
        this.tasks = tasks;
        statusFilter.addListener((o, a, b) -> reload());
        typeFilter.addListener((o, a, b) -> reload());
        ruleFilter.addListener((o, a, b) -> reload());
        assigneeFilter.addListener((o, a, b) -> reload());
    }

    public Session session() {
        return session;
    }

    public AppealService service() {
        return service;
    }

    public TaskRunner tasks() {
        return tasks;
    }

    public boolean canAssign() {
        return session.has(Permission.APPEAL_ASSIGN);
    }

    public ObservableList<Appeals.InboxRow> rows() {
        return rows;
    }

    public ObservableList<String> ruleChoices() {
        return ruleChoices;
    }

    public ObservableList<Appeals.Handler> handlers() {
        return handlers;
    }

    public StringProperty statusFilterProperty() {
        return statusFilter;
    }

    public ObjectProperty<AppealType> typeFilterProperty() {
        return typeFilter;
    }

    public StringProperty ruleFilterProperty() {
        return ruleFilter;
    }

    public ObjectProperty<Assignee> assigneeFilterProperty() {
        return assigneeFilter;
    }

    public ReadOnlyObjectProperty<Appeals.InboxFigures> figuresProperty() {
        return figures;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyObjectProperty<UiText> errorProperty() {
        return error;
    }

    /** The status choices of the filter: open, all, then every status. */
    public static List<String> statusChoices() {
        List<String> out = new ArrayList<>(List.of(OPEN, ALL));
        for (AppealStatus s : AppealStatus.values()) {
            out.add(s.name());
        }
        return out;
    }

    Appeals.InboxFilter filter() {
        String s = statusFilter.get();
        AppealStatus status = s == null || OPEN.equals(s) || ALL.equals(s) ? null : AppealStatus.valueOf(s);
        Long assignee = switch (assigneeFilter.get() == null ? Assignee.ANY : assigneeFilter.get()) {
            case MINE -> session.operatorId();
            case UNASSIGNED -> 0L;
            default -> null;
        };
        return new Appeals.InboxFilter(status, typeFilter.get(), ruleFilter.get(), assignee, OPEN.equals(s));
    }

    public void reload() {
        int request = ++generation;
        loading.set(true);
        Appeals.InboxFilter filter = filter();
        record Answer(List<Appeals.InboxRow> rows, Appeals.InboxFigures figures, List<String> rules, List<Appeals.Handler> handlers) {
        }
        tasks.submit(p -> new Answer(service.inbox(session, filter), service.figures(session), service.ruleCodes(session),
                        canAssign() ? service.handlers(session) : List.of()),
                answer -> {
                    if (request != generation) {
                        return;
                    }
                    loading.set(false);
                    error.set(null);
                    rows.setAll(answer.rows());
                    figures.set(answer.figures());
                    List<String> rules = new ArrayList<>(List.of(""));
                    rules.addAll(answer.rules());
                    if (!rules.contains(ruleFilter.get())) {
                        rules.add(ruleFilter.get());
                    }
                    if (!ruleChoices.equals(rules)) {
                        ruleChoices.setAll(rules);
                    }
                    handlers.setAll(answer.handlers());
                },
                failure -> {
                    if (request != generation) {
                        return;
                    }
                    loading.set(false);
                    error.set(ErrorTexts.of(failure));
                });
    }

    public void claim(Appeals.InboxRow row) {
        act(() -> service.claim(session, row.id(), row.version()), null);
    }

    public void assign(Appeals.InboxRow row, Appeals.Handler handler, String reason) {
        act(() -> service.assign(session, row.id(), row.version(), handler.id(), reason), null);
    }

    /** Registers an appeal; {@code opened} gets its id once it is stored. */
    public void register(Appeals.Registration registration, List<Appeals.Attachment> attachments, Consumer<Long> opened) {
        tasks.submit(p -> service.register(session, registration, attachments), id -> {
            error.set(null);
            reload();
            opened.accept(id);
        }, failure -> error.set(ErrorTexts.of(failure)));
    }

    private void act(Runnable change, Runnable after) {
        tasks.submit(p -> {
            change.run();
            return null;
        }, done -> {
            reload();
            if (after != null) {
                after.run();
            }
        }, failure -> error.set(ErrorTexts.of(failure)));
    }
}
