package dev.riskdesk.ui.appeals;

import dev.riskdesk.appeals.AppealServices;
import dev.riskdesk.appeals.AppealStatus;
import dev.riskdesk.appeals.AppealType;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ChangeWatch;
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
    /** Kinds of assignee filter choice; HANDLER is one named handler. */
    public enum Assignee { ANY, MINE, UNASSIGNED, HANDLER }

    /** An assignee filter choice: anyone, mine, unassigned, or (for supervisors) one named handler. */
    public record AssigneeChoice(Assignee kind, Appeals.Handler handler) {
        public static final AssigneeChoice ANY = new AssigneeChoice(Assignee.ANY, null);
        public static final AssigneeChoice MINE = new AssigneeChoice(Assignee.MINE, null);
        public static final AssigneeChoice UNASSIGNED = new AssigneeChoice(Assignee.UNASSIGNED, null);

        public static AssigneeChoice of(Appeals.Handler handler) {
            return new AssigneeChoice(Assignee.HANDLER, handler);
        }
    }

    private static final List<AssigneeChoice> FIXED_ASSIGNEES = List.of(AssigneeChoice.ANY, AssigneeChoice.MINE, AssigneeChoice.UNASSIGNED);

    /** Status filter choices: the open ones (default), all, or one status. */
    public static final String OPEN = "OPEN";
    public static final String ALL = "ALL";

    private final AppealServices service;
    private final Session session;
    private final TaskRunner tasks;
    private final ObservableList<Appeals.InboxRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> ruleChoices = FXCollections.observableArrayList("");
    private final ObservableList<Appeals.Handler> handlers = FXCollections.observableArrayList();
    private final StringProperty statusFilter = new SimpleStringProperty(this, "statusFilter", OPEN);
    private final ObjectProperty<AppealType> typeFilter = new SimpleObjectProperty<>(this, "typeFilter");
    private final StringProperty ruleFilter = new SimpleStringProperty(this, "ruleFilter", "");
    private final ObservableList<AssigneeChoice> assigneeChoices = FXCollections.observableArrayList(FIXED_ASSIGNEES);
    private final ObjectProperty<AssigneeChoice> assigneeFilter = new SimpleObjectProperty<>(this, "assigneeFilter", AssigneeChoice.ANY);
    private final ObjectProperty<Appeals.InboxFigures> figures = new SimpleObjectProperty<>(this, "figures");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");
    private final ChangeWatch watch;
    private int generation;

    public AppealsInboxViewModel(AppealServices service, Session session, TaskRunner tasks) {
        this.service = service;
        this.session = session;
        this.tasks = tasks;
        this.watch = new ChangeWatch(tasks, () -> service.queries().inboxStamp(session), this::reload, java.time.Clock.systemDefaultZone());
        statusFilter.addListener((o, a, b) -> reload());
        typeFilter.addListener((o, a, b) -> reload());
        ruleFilter.addListener((o, a, b) -> reload());
        assigneeFilter.addListener((o, a, b) -> reload());
    }

    /** A register-appeal form; {@code accountNo} pre-fills the account, null for none. */
    public AppealRegistrationForm registrationForm(String accountNo) {
        return new AppealRegistrationForm(service.registration(), session, tasks, accountNo);
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

    /** Anyone, mine, unassigned, then the named handlers for a supervisor. */
    public ObservableList<AssigneeChoice> assigneeChoices() {
        return assigneeChoices;
    }

    public ObjectProperty<AssigneeChoice> assigneeFilterProperty() {
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

    /** Notices other operators' changes to the inbox and reloads it (the view polls it while it is open). */
    public ChangeWatch changes() {
        return watch;
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
        AssigneeChoice choice = assigneeFilter.get() == null ? AssigneeChoice.ANY : assigneeFilter.get();
        Long assignee = switch (choice.kind()) {
            case MINE -> session.operatorId();
            case UNASSIGNED -> 0L;
            case HANDLER -> choice.handler().id();
            case ANY -> null;
        };
        return new Appeals.InboxFilter(status, typeFilter.get(), ruleFilter.get(), assignee, OPEN.equals(s));
    }

    public void reload() {
        int request = ++generation;
        loading.set(true);
        Appeals.InboxFilter filter = filter();
        record Answer(Object stamp, List<Appeals.InboxRow> rows, Appeals.InboxFigures figures, List<String> rules, List<Appeals.Handler> handlers) {
        }
        tasks.submit(p -> new Answer(watch.read(), service.queries().inbox(session, filter), service.figures().figures(session),
                        service.queries().ruleCodes(session), canAssign() ? service.queries().handlers(session) : List.of()),
                answer -> {
                    if (request != generation) {
                        return;
                    }
                    loading.set(false);
                    error.set(null);
                    watch.settle(answer.stamp());
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
                    List<AssigneeChoice> assignees = new ArrayList<>(FIXED_ASSIGNEES);
                    answer.handlers().forEach(h -> assignees.add(AssigneeChoice.of(h)));
                    if (assigneeFilter.get() != null && !assignees.contains(assigneeFilter.get())) {
                        assignees.add(assigneeFilter.get());
                    }
                    if (!assigneeChoices.equals(assignees)) {
                        assigneeChoices.setAll(assignees);
                    }
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
        act(() -> service.workflow().claim(session, row.id(), row.version()), null);
    }

    /** Assigns the appeal; {@code answered} gets null once it is done, or the refusal's sentence (the dialog then keeps the reason). */
    public void assign(Appeals.InboxRow row, Appeals.Handler handler, String reason, Consumer<UiText> answered) {
        tasks.submit(p -> {
            service.workflow().assign(session, row.id(), row.version(), handler.id(), reason);
            return null;
        }, done -> {
            reload();
            answered.accept(null);
        }, failure -> {
            error.set(ErrorTexts.of(failure));
            answered.accept(error.get());
        });
    }

    /** Registers an appeal; {@code opened} gets its id once it is stored; {@code answered} as for {@link #assign}. */
    public void register(Appeals.Registration registration, List<Appeals.Attachment> attachments, Consumer<Long> opened, Consumer<UiText> answered) {
        tasks.submit(p -> service.registration().register(session, registration, attachments), id -> {
            error.set(null);
            reload();
            answered.accept(null);
            opened.accept(id);
        }, failure -> {
            error.set(ErrorTexts.of(failure));
            answered.accept(error.get());
        });
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
