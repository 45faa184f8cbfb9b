package dev.riskdesk.lifecycle;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.LIFECYCLE_CASE;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.accounts.LimitChangeRows;
import dev.riskdesk.accounts.NoticeKind;
import dev.riskdesk.accounts.NoticeService;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Session;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Writes one chunk's lifecycle decisions ({@link LifecycleChunk.Plan}) in the caller's transaction: case rows, account
 * status and limit, limit history, customer notices and one audit event per step. Every case update checks the case's
 * version, so a case an operator kept or approved meanwhile is left for the next run instead of being overwritten.
 */
final class LifecycleWriter {
    /** LIMIT_CHANGE.SOURCE of the status changes this run makes. */
    static final String SOURCE = "LIFECYCLE";

    private final NoticeService notices;
    private final AuditLog audit;

    LifecycleWriter(NoticeService notices, AuditLog audit) {
        this.notices = notices;
        this.audit = audit;
    }

    /** What a run did (or a dry run would do), summed over its chunks. */
    static final class Counts {
        long accounts;
        long detected;
        long dormant;
        long neverUsed;
        long kept;
        long awaitingApproval;
        long cancelled;
        BigDecimal limitFreed = BigDecimal.ZERO;

        void count(LifecycleChunk.Plan plan) {
            accounts += plan.accounts();
            for (LifecycleChunk.Detection d : plan.detections()) {
                detected++;
                if (d.reason() == LifecycleReason.DORMANT) {
                    dormant++;
                } else {
                    neverUsed++;
                }
            }
            for (LifecycleChunk.Resolution r : plan.resolutions()) {
                switch (r.outcome()) {
                    case KEEP_USED -> kept++;
                    case AWAIT_APPROVAL -> awaitingApproval++;
                    case CANCEL -> {
                        cancelled++;
                        limitFreed = limitFreed.add(r.account().limit());
                    }
                    case CLOSE_ALREADY_CANCELLED -> { }
                }
            }
        }
    }

    /**
     * Applies {@code plan}: resolutions first, then the new cases. {@code asOf} is the business date of every change;
     * returns the plan as written (a resolution whose case changed meanwhile is left out).
     */
    LifecycleChunk.Plan write(DSLContext tx, Session session, LifecycleChunk.Plan plan, LocalDate asOf, LimitPolicy.Lifecycle rules,
            int policyVersion, Long jobId, LocalDateTime now) {
        LocalDateTime at = asOf.atStartOfDay();
        LimitChangeRows history = new LimitChangeRows();
        List<AuditLog.Event> events = new ArrayList<>();
        List<NoticeService.NoticeRequest> requests = new ArrayList<>();
        Map<Long, Map<String, String>> values = new HashMap<>();
        List<LifecycleChunk.Resolution> written = new ArrayList<>();
        for (LifecycleChunk.Resolution r : plan.resolutions()) {
            var c = r.kase();
            LifecycleChunk.Account a = r.account();
            switch (r.outcome()) {
                case KEEP_USED -> {
                    if (!close(tx, c.getId(), c.getVersion(), LifecycleStage.KEPT, KeptBy.USE, asOf, now)) {
                        continue;
                    }
                    if (a.status() == AccountStatus.DORMANT) {
                        setStatus(tx, a, AccountStatus.ACTIVE);
                        history.add(a.id(), at, a.limit(), a.limit(), AccountStatus.DORMANT, AccountStatus.ACTIVE, SOURCE, null, "LIFECYCLE_USED");
                    }
                    events.add(new AuditLog.Event("LIFECYCLE_KEPT", "LIFECYCLE_CASE", c.getId(), "used during the grace period",
                            "account " + a.id() + " kept: used after " + c.getDetectedOn() + "; case closed " + asOf));
                }
                case AWAIT_APPROVAL -> {
                    int moved = tx.update(LIFECYCLE_CASE).set(LIFECYCLE_CASE.STAGE, LifecycleStage.AWAITING_APPROVAL)
                            .set(LIFECYCLE_CASE.UPDATED_AT, now).set(LIFECYCLE_CASE.VERSION, LIFECYCLE_CASE.VERSION.plus(1))
                            .where(LIFECYCLE_CASE.ID.eq(c.getId())).and(LIFECYCLE_CASE.VERSION.eq(c.getVersion())).execute();
                    if (moved == 0) {
                        continue;
                    }
                    events.add(new AuditLog.Event("LIFECYCLE_AWAITING_APPROVAL", "LIFECYCLE_CASE", c.getId(), null,
                            "account " + a.id() + ": grace period ended " + c.getPlannedOn() + "; open limit " + c.getOpenLimit().toPlainString()
                                    + " above " + rules.approvalAboveLimit().toPlainString() + " needs a manager's approval"));
                }
                case CANCEL -> {
                    if (!close(tx, c.getId(), c.getVersion(), LifecycleStage.CANCELLED, null, asOf, now)) {
                        continue;
                    }
                    for (long proposal : cancel(tx, a, at)) {
                        events.add(new AuditLog.Event("PROPOSAL_SUPERSEDED", "LIMIT_PROPOSAL", proposal, "account cancelled by the lifecycle run",
                                "case " + c.getId()));
                    }
                    history.add(a.id(), at, a.limit(), BigDecimal.ZERO.setScale(2), a.status(), AccountStatus.CANCELLED, SOURCE, null,
                            "LIFECYCLE_" + c.getReason().name());
                    requests.add(new NoticeService.NoticeRequest(a.id(), NoticeKind.ACCOUNT_CANCELLED, List.of("LIFECYCLE_" + c.getReason().name()),
                            a.limit(), BigDecimal.ZERO.setScale(2), null, null, null));
                    values.put(a.id(), Map.of("date", asOf.toString()));
                    events.add(new AuditLog.Event("LIFECYCLE_CANCELLED", "LIFECYCLE_CASE", c.getId(),
                            c.getApprovedAt() == null ? "grace period ended unused" : "grace period ended unused; approved by a manager",
                            "account " + a.id() + " cancelled on " + asOf + " (planned " + c.getPlannedOn() + "); limit "
                                    + a.limit().toPlainString() + " and available " + a.available().toPlainString() + " set to 0"));
                }
                case CLOSE_ALREADY_CANCELLED -> {
                    if (!close(tx, c.getId(), c.getVersion(), LifecycleStage.CANCELLED, null, asOf, now)) {
                        continue;
                    }
                    events.add(new AuditLog.Event("LIFECYCLE_CASE_CLOSED", "LIFECYCLE_CASE", c.getId(), "account closed otherwise",
                            "account " + c.getAccountId() + " was cancelled outside the lifecycle run"));
                }
            }
            written.add(r);
        }
        for (LifecycleChunk.Detection d : plan.detections()) {
            LifecycleChunk.Account a = d.account();
            LocalDate planned = asOf.plusDays(rules.graceDays());
            boolean approval = a.limit().compareTo(rules.approvalAboveLimit()) > 0;
            long caseId = tx.insertInto(LIFECYCLE_CASE)
                    .set(LIFECYCLE_CASE.ACCOUNT_ID, a.id())
                    .set(LIFECYCLE_CASE.OPEN_ACCOUNT_ID, a.id())
                    .set(LIFECYCLE_CASE.REASON, d.reason())
                    .set(LIFECYCLE_CASE.STAGE, LifecycleStage.GRACE)
                    .set(LIFECYCLE_CASE.DETECTED_ON, asOf)
                    .set(LIFECYCLE_CASE.LAST_USED_AT, d.lastUsedAt())
                    .set(LIFECYCLE_CASE.PLANNED_ON, planned)
                    .set(LIFECYCLE_CASE.GRACE_DAYS, rules.graceDays())
                    .set(LIFECYCLE_CASE.OPEN_LIMIT, a.limit())
                    .set(LIFECYCLE_CASE.APPROVAL_REQUIRED, approval)
                    .set(LIFECYCLE_CASE.POLICY_VERSION, policyVersion)
                    .set(LIFECYCLE_CASE.JOB_ID, jobId)
                    .set(LIFECYCLE_CASE.CREATED_AT, now)
                    .set(LIFECYCLE_CASE.UPDATED_AT, now)
                    .returning(LIFECYCLE_CASE.ID).fetchOne(LIFECYCLE_CASE.ID);
            if (a.status() == AccountStatus.ACTIVE) {
                setStatus(tx, a, AccountStatus.DORMANT);
                history.add(a.id(), at, a.limit(), a.limit(), AccountStatus.ACTIVE, AccountStatus.DORMANT, SOURCE, null, "LIFECYCLE_" + d.reason().name());
            }
            String reasonCode = "LIFECYCLE_" + d.reason().name();
            requests.add(new NoticeService.NoticeRequest(a.id(), NoticeKind.CANCEL_PLANNED, List.of(reasonCode), a.limit(), a.limit(), null, null, null));
            values.put(a.id(), Map.of("date", asOf.toString(), "plannedDate", planned.toString(), "graceDays", String.valueOf(rules.graceDays())));
            events.add(new AuditLog.Event("LIFECYCLE_CANDIDATE", "LIFECYCLE_CASE", caseId, d.reason().name(),
                    "account " + a.id() + " " + (d.reason() == LifecycleReason.DORMANT ? "dormant, last used " + d.lastUsedAt() : "never used since "
                            + a.openedAt().toLocalDate()) + "; cancellation planned " + planned + " after " + rules.graceDays()
                            + " days' grace; open limit " + a.limit().toPlainString() + (approval ? " (needs a manager's approval)" : "")
                            + "; policy version " + policyVersion));
        }
        history.execute(tx);
        // in the customer's language: English for a customer whose appeal outcome was written in English
        Map<Long, String> languages = NoticeService.customerLanguages(tx, requests.stream().map(NoticeService.NoticeRequest::accountId).toList());
        notices.queueAll(tx, requests.stream().map(r -> r.inLanguage(languages.get(r.accountId()))).toList(), values);
        audit.recordAll(tx, session, events);
        return new LifecycleChunk.Plan(written, plan.detections(), plan.accounts());
    }

    /** Closes an open case if it is still at {@code version}; false when an operator changed it meanwhile. */
    static boolean close(DSLContext tx, long caseId, int version, LifecycleStage stage, KeptBy keptBy, LocalDate on, LocalDateTime now) {
        return tx.update(LIFECYCLE_CASE).set(LIFECYCLE_CASE.STAGE, stage).set(LIFECYCLE_CASE.OPEN_ACCOUNT_ID, (Long) null)
                .set(LIFECYCLE_CASE.KEPT_BY, keptBy).set(LIFECYCLE_CASE.CLOSED_ON, on).set(LIFECYCLE_CASE.UPDATED_AT, now)
                .set(LIFECYCLE_CASE.VERSION, LIFECYCLE_CASE.VERSION.plus(1))
                .where(LIFECYCLE_CASE.ID.eq(caseId)).and(LIFECYCLE_CASE.VERSION.eq(version))
                .and(LIFECYCLE_CASE.STAGE.in(LifecycleStage.GRACE, LifecycleStage.AWAITING_APPROVAL)).execute() == 1;
    }

    private static void setStatus(DSLContext tx, LifecycleChunk.Account a, AccountStatus status) {
        tx.update(ACCOUNT).set(ACCOUNT.STATUS, status).set(ACCOUNT.VERSION, ACCOUNT.VERSION.plus(1)).where(ACCOUNT.ID.eq(a.id())).execute();
    }

    /**
     * Cancels the account: status CANCELLED, limit and available 0, no temporary limit, closed at {@code at} (retention
     * counts from ACCOUNT.CLOSED_AT); its proposals waiting for a review or for data are superseded (returned).
     */
    private static List<Long> cancel(DSLContext tx, LifecycleChunk.Account a, LocalDateTime at) {
        tx.update(ACCOUNT).set(ACCOUNT.STATUS, AccountStatus.CANCELLED).set(ACCOUNT.CREDIT_LIMIT, BigDecimal.ZERO)
                .set(ACCOUNT.AVAILABLE_AMOUNT, BigDecimal.ZERO).set(ACCOUNT.TEMP_LIMIT, (BigDecimal) null)
                .set(ACCOUNT.TEMP_LIMIT_EXPIRES, (LocalDateTime) null).set(ACCOUNT.LAST_LIMIT_CHANGE, at).set(ACCOUNT.CLOSED_AT, at)
                .set(ACCOUNT.VERSION, ACCOUNT.VERSION.plus(1)).where(ACCOUNT.ID.eq(a.id())).execute();
        return tx.update(LIMIT_PROPOSAL).set(LIMIT_PROPOSAL.STATUS, ProposalStatus.SUPERSEDED).set(LIMIT_PROPOSAL.VERSION, LIMIT_PROPOSAL.VERSION.plus(1))
                .where(LIMIT_PROPOSAL.ACCOUNT_ID.eq(a.id())).and(LIMIT_PROPOSAL.STATUS.in(ProposalStatus.PENDING, ProposalStatus.AWAITING_DATA))
                .returning(LIMIT_PROPOSAL.ID).fetch(LIMIT_PROPOSAL.ID);
    }
}
