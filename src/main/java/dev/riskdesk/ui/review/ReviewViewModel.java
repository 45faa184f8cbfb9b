package dev.riskdesk.ui.review;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.limits.review.LimitDecisionService;
import dev.riskdesk.limits.review.ProposalQueueService.Age;
import dev.riskdesk.limits.review.ProposalQueueService.ChangeSize;
import dev.riskdesk.limits.review.ProposalQueueService.Detail;
import dev.riskdesk.limits.review.ProposalQueueService.Filter;
import dev.riskdesk.limits.review.ProposalQueueService.Key;
import dev.riskdesk.limits.review.ProposalQueueService.Page;
import dev.riskdesk.limits.review.ProposalQueueService.Pending;
import dev.riskdesk.limits.review.ProposalQueueService.Row;
import dev.riskdesk.limits.review.ProposalQueueService;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ChangeWatch;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The review queue: open proposals by priority in pages, filters, the selected proposal's
 * explanation, the operator's decisions, and (for managers) the decisions awaiting a second
 * approval. Every decision goes through {@link LimitDecisionService}; when another operator was
 * first, the service's sentence (who and when) is shown and the item is read again.
 */
public final class ReviewViewModel {
    /** The reason filter value meaning "any". */
    public static final String ANY = "";

    private final ProposalQueueService queue;
    private final LimitDecisionService decisions;
    private final Session session;
    private final TaskRunner tasks;
    private final int pageSize;

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<String> reasonChoices = FXCollections.observableArrayList(ANY);
    private final ObjectProperty<ProposalType> typeFilter = new SimpleObjectProperty<>(this, "typeFilter");
    private final ObjectProperty<ChangeSize> sizeFilter = new SimpleObjectProperty<>(this, "sizeFilter", ChangeSize.ANY);
    private final StringProperty reasonFilter = new SimpleStringProperty(this, "reasonFilter", ANY);
    private final ObjectProperty<Age> ageFilter = new SimpleObjectProperty<>(this, "ageFilter", Age.ANY);
    private final IntegerProperty total = new SimpleIntegerProperty(this, "total");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final BooleanProperty hasMore = new SimpleBooleanProperty(this, "hasMore");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<Detail> detail = new SimpleObjectProperty<>(this, "detail");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");
    private final ObjectProperty<UiText> message = new SimpleObjectProperty<>(this, "message");
    private final ObservableList<Pending> approvals = FXCollections.observableArrayList();
    private final ObjectProperty<Pending> selectedApproval = new SimpleObjectProperty<>(this, "selectedApproval");

    private final ChangeWatch watch;
    private Key next;
    private int generation;
    private int detailGeneration;

    public ReviewViewModel(ProposalQueueService queue, LimitDecisionService decisions, Session session, TaskRunner tasks) {
        this(queue, decisions, session, tasks, ProposalQueueService.PAGE_SIZE);
    }

    ReviewViewModel(ProposalQueueService queue, LimitDecisionService decisions, Session session, TaskRunner tasks, int pageSize) {
        this.queue = queue;
        this.decisions = decisions;
        this.session = session;
        this.tasks = tasks;
        this.pageSize = pageSize;
        this.watch = new ChangeWatch(tasks, () -> queue.stamp(session), this::reload, java.time.Clock.systemDefaultZone());
        typeFilter.addListener((obs, old, now) -> reload());
        sizeFilter.addListener((obs, old, now) -> reload());
        reasonFilter.addListener((obs, old, now) -> reload());
        ageFilter.addListener((obs, old, now) -> reload());
        selected.addListener((obs, old, now) -> loadDetail(now));
    }

    /** Notices other operators' decisions and approvals and reloads the queue (the view polls it while it is open). */
    public ChangeWatch changes() {
        return watch;
    }

    public boolean canDecide() {
        return session.has(Permission.LIMIT_DECIDE);
    }

    public boolean canApprove() {
        return session.has(Permission.LIMIT_APPROVE);
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObservableList<String> reasonChoices() {
        return reasonChoices;
    }

    public ObjectProperty<ProposalType> typeFilterProperty() {
        return typeFilter;
    }

    public ObjectProperty<ChangeSize> sizeFilterProperty() {
        return sizeFilter;
    }

    public StringProperty reasonFilterProperty() {
        return reasonFilter;
    }

    public ObjectProperty<Age> ageFilterProperty() {
        return ageFilter;
    }

    public IntegerProperty totalProperty() {
        return total;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public BooleanProperty hasMoreProperty() {
        return hasMore;
    }

    /** True while a decision is being applied: the actions wait. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObjectProperty<Row> selectedProperty() {
        return selected;
    }

    public ObjectProperty<Detail> detailProperty() {
        return detail;
    }

    public ObjectProperty<UiText> errorProperty() {
        return error;
    }

    public ObjectProperty<UiText> messageProperty() {
        return message;
    }

    public ObservableList<Pending> approvals() {
        return approvals;
    }

    /** How many of the approvals this operator may give: their own decisions wait for another manager. */
    public long approvalsAwaitingMe() {
        return approvals.stream().filter(p -> !p.mine()).count();
    }

    public ObjectProperty<Pending> selectedApprovalProperty() {
        return selectedApproval;
    }

    Filter filter() {
        return new Filter(typeFilter.get(), sizeFilter.get(), reasonFilter.get(), ageFilter.get());
    }

    /** What one reload reads off the FX thread: the first page, the count and the reason codes in the queue. */
    private record FirstPage(Object stamp, Page page, int total, List<String> reasonCodes) {
    }

    /** Reads the first page, the count, the reason choices and (for managers) the approvals. */
    public void reload() {
        if (!canDecide()) {
            return;
        }
        int request = ++generation;
        Filter filter = filter();
        next = null;
        hasMore.set(false);
        loading.set(true);
        tasks.submit(progress -> new FirstPage(watch.read(), queue.page(session, filter, null, pageSize), queue.count(session, filter),
                        queue.reasonChoices(session)),
                result -> {
                    if (request != generation) {
                        return;
                    }
                    Row keep = selected.get();
                    loading.set(false);
                    watch.settle(result.stamp());
                    Page page = result.page();
                    rows.setAll(page.rows());
                    next = page.next();
                    hasMore.set(page.hasMore());
                    total.set(result.total());
                    List<String> choices = new ArrayList<>(List.of(ANY));
                    choices.addAll(result.reasonCodes());
                    if (!choices.contains(reasonFilter.get())) {
                        choices.add(reasonFilter.get());
                    }
                    if (!reasonChoices.equals(choices)) {
                        reasonChoices.setAll(choices);
                    }
                    reselect(keep);
                }, failure -> {
                    if (request == generation) {
                        loading.set(false);
                        error.set(ErrorTexts.of(failure));
                    }
                });
        reloadApprovals();
    }

    /** Keeps the same proposal selected after a reload when it is still in the queue (with its new version). */
    private void reselect(Row keep) {
        if (keep == null) {
            return;
        }
        Row same = rows.stream().filter(r -> r.proposalId() == keep.proposalId()).findFirst().orElse(null);
        if (same != null) {
            selected.set(same);
            if (same.equals(keep)) {
                loadDetail(same);
            }
        } else {
            selected.set(null);
        }
    }

    public void loadMore() {
        if (loading.get() || next == null) {
            return;
        }
        int request = generation;
        Key after = next;
        Filter filter = filter();
        loading.set(true);
        tasks.submit(progress -> queue.page(session, filter, after, pageSize), page -> {
            if (request != generation) {
                return;
            }
            loading.set(false);
            rows.addAll(page.rows());
            next = page.next();
            hasMore.set(page.hasMore());
        }, failure -> {
            if (request == generation) {
                loading.set(false);
                error.set(ErrorTexts.of(failure));
            }
        });
    }

    public void reloadApprovals() {
        if (!canApprove()) {
            return;
        }
        tasks.submit(progress -> queue.awaitingApproval(session), list -> {
            Pending keep = selectedApproval.get();
            approvals.setAll(list);
            selectedApproval.set(keep == null ? null : list.stream().filter(p -> p.decisionId() == keep.decisionId()).findFirst().orElse(null));
        }, failure -> error.set(ErrorTexts.of(failure)));
    }

    private void loadDetail(Row row) {
        int request = ++detailGeneration;
        if (row == null) {
            detail.set(null);
            return;
        }
        tasks.submit(progress -> queue.detail(session, row.proposalId()), d -> {
            if (request == detailGeneration) {
                detail.set(d);
            }
        }, failure -> {
            if (request == detailGeneration) {
                error.set(ErrorTexts.of(failure));
            }
        });
    }

    /**
     * Sends the form's decision on the form's proposal (or the selected approval). {@code done} is
     * called when the service has answered: with null on success, or with the failure's sentence,
     * which is also set as {@link #errorProperty()} so the queue shows it too; the dialog stays
     * open with what was typed. On a failure the queue is read again so the operator sees the
     * proposal as it is now (on a conflict: who changed it and when); the form keeps the version
     * it was opened on, so sending it again can never overwrite another operator's decision.
     */
    public void decide(DecisionForm form, Consumer<UiText> done) {
        Detail d = form.detail(); // the proposal the dialog shows, even when the queue was read again meanwhile
        Pending p = selectedApproval.get();
        String note = form.noteProperty().get() == null ? "" : form.noteProperty().get().strip();
        String reason = form.reasonProperty().get();
        busy.set(true);
        tasks.submit(progress -> switch (form.action()) {
            case CONFIRM -> decisions.confirm(session, d.row().proposalId(), d.row().version(), note);
            case OVERRIDE -> decisions.override(session, d.row().proposalId(), d.row().version(), form.parsedAmount(), reason, note);
            case REJECT -> decisions.reject(session, d.row().proposalId(), d.row().version(), reason, note);
            case APPROVE -> decisions.approve(session, p.decisionId(), p.version(), note);
            case DECLINE -> decisions.decline(session, p.decisionId(), p.version(), note);
        }, outcome -> {
            busy.set(false);
            error.set(null);
            message.set(UiText.of("review.done." + outcome.decisionStatus() + "." + form.action().name(), String.valueOf(outcome.proposalId())));
            int index = rows.indexOf(selected.get());
            reloadAndSelectNext(index);
            done.accept(null);
        }, failure -> {
            busy.set(false);
            UiText text = ErrorTexts.of(failure);
            error.set(text);
            reload(); // a conflict: show the item as it is now
            done.accept(text);
        });
    }

    /** After a decision the next proposal in the list is selected, so the operator keeps going. */
    private void reloadAndSelectNext(int index) {
        selected.set(null);
        // listen before reading: a task runner may answer at once, on this thread
        rows.addListener(new javafx.collections.ListChangeListener<Row>() {
            @Override
            public void onChanged(Change<? extends Row> c) {
                rows.removeListener(this);
                if (!rows.isEmpty() && index >= 0) {
                    selected.set(rows.get(Math.min(index, rows.size() - 1)));
                }
            }
        });
        reload();
    }

    /** What a bulk confirmation of {@code chosen} would do, for the summary shown before it applies. */
    public record BulkPlan(List<Row> lowRisk, int skipped, BigDecimal limitChange) {
    }

    public BulkPlan planBulk(List<Row> chosen) {
        List<Row> low = chosen.stream().filter(Row::lowRisk).toList();
        BigDecimal change = low.stream().map(Row::change).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new BulkPlan(low, chosen.size() - low.size(), change);
    }

    /** What a bulk confirmation did: how many were confirmed, how many were not and why (the first few reasons). */
    public record BulkResult(int confirmed, int conflicts, List<UiText> problems) {
    }

    /** What the bulk task counted off the FX thread: confirmations and the failures, in order. */
    private record BulkTally(int confirmed, List<Throwable> failures) {
    }

    /**
     * Confirms each proposal of the plan in its own transaction; one lost race does not stop the
     * others. {@code done} receives the summary; {@code failed} the sentence when the whole task
     * failed (nothing more was confirmed after that point).
     */
    public void bulkConfirm(BulkPlan plan, String note, Consumer<BulkResult> done, Consumer<UiText> failed) {
        busy.set(true);
        tasks.submit(progress -> {
            int ok = 0;
            List<Throwable> failures = new ArrayList<>();
            for (Row r : plan.lowRisk()) {
                progress.checkCancelled();
                try {
                    decisions.confirm(session, r.proposalId(), r.version(), note);
                    ok++;
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
            return new BulkTally(ok, failures);
        }, result -> {
            busy.set(false);
            List<Throwable> failures = result.failures();
            BulkResult summary = new BulkResult(result.confirmed(), failures.size(), failures.stream().map(ErrorTexts::of).limit(5).toList());
            message.set(UiText.of("review.bulk.done", summary.confirmed(), summary.conflicts()));
            selected.set(null);
            reload();
            done.accept(summary);
        }, failure -> {
            busy.set(false);
            UiText text = ErrorTexts.of(failure);
            error.set(text);
            reload();
            failed.accept(text);
        });
    }

    public void selectNext(int step) {
        if (rows.isEmpty()) {
            return;
        }
        int index = rows.indexOf(selected.get());
        int target = index < 0 ? 0 : Math.max(0, Math.min(rows.size() - 1, index + step));
        selected.set(rows.get(target));
        if (target == rows.size() - 1 && step > 0) {
            loadMore();
        }
    }
}
