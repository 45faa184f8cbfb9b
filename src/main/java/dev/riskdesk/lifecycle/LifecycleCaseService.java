package dev.riskdesk.lifecycle;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.BATCH_JOB;
import static dev.riskdesk.db.schema.Tables.LIFECYCLE_CASE;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.accounts.ChangedAccounts;
import dev.riskdesk.accounts.LimitChangeRows;
import dev.riskdesk.common.TextLimit;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.AccountRecord;
import dev.riskdesk.db.schema.tables.records.LifecycleCaseRecord;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jooq.DSLContext;

/**
 * What operators do with a cancellation case: keep the account on the customer's request (risk operators and
 * managers), approve or decline the cancellation of an open limit that needs a manager. Each call checks the
 * permission, the case's stage and its version (a case the run or another operator changed meanwhile is refused
 * with who changed it), and writes its audit event in the same transaction.
 */
public final class LifecycleCaseService {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;

    public LifecycleCaseService(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /** Keeps the account of an open case because the customer asked to (reason required): the case closes, the account is active again. */
    @Requires(Permission.LIFECYCLE_KEEP)
    public void keepOnRequest(Session session, long caseId, int expectedVersion, String reason) {
        session.require(Permission.LIFECYCLE_KEEP);
        keep(session, caseId, expectedVersion, reason, KeptBy.REQUEST, "LIFECYCLE_KEPT", "on the customer's request");
    }

    /** A manager declines the cancellation of an open case (reason required): the account is kept, as on request. */
    @Requires(Permission.LIFECYCLE_APPROVE)
    public void decline(Session session, long caseId, int expectedVersion, String reason) {
        session.require(Permission.LIFECYCLE_APPROVE);
        keep(session, caseId, expectedVersion, reason, KeptBy.MANAGER, "LIFECYCLE_DECLINED", "cancellation declined by a manager");
    }

    /**
     * A manager approves the cancellation of an open case whose open limit needs one; the lifecycle run cancels the
     * account on (or, when the grace period is over, at) its next run. The manager who started the run that found the
     * case may not approve it (four eyes).
     */
    @Requires(Permission.LIFECYCLE_APPROVE)
    public void approve(Session session, long caseId, int expectedVersion) {
        session.require(Permission.LIFECYCLE_APPROVE);
        database.transaction(tx -> {
            LifecycleCaseRecord c = openCase(tx, caseId, expectedVersion);
            if (!Boolean.TRUE.equals(c.getApprovalRequired())) {
                throw UserFacingException.keyed("lifecycle.noApprovalNeeded",
                        "Case " + caseId + " needs no approval: its open limit is within what the run cancels by itself.", String.valueOf(caseId));
            }
            if (c.getApprovedAt() != null) {
                throw UserFacingException.keyed("lifecycle.alreadyApproved", "Case " + caseId + " is approved already.", String.valueOf(caseId));
            }
            String starter = c.getJobId() == null ? null
                    : tx.select(BATCH_JOB.STARTED_BY).from(BATCH_JOB).where(BATCH_JOB.ID.eq(c.getJobId())).fetchOne(BATCH_JOB.STARTED_BY);
            if (session.username().equals(starter)) {
                throw UserFacingException.keyed("lifecycle.ownRun",
                        "You started the run that found case " + caseId + "; another manager approves its cancellation.", String.valueOf(caseId));
            }
            LocalDateTime now = LocalDateTime.now(clock);
            updated(tx.update(LIFECYCLE_CASE).set(LIFECYCLE_CASE.APPROVED_BY, session.operatorId()).set(LIFECYCLE_CASE.APPROVED_AT, now)
                    .set(LIFECYCLE_CASE.UPDATED_AT, now).set(LIFECYCLE_CASE.VERSION, LIFECYCLE_CASE.VERSION.plus(1))
                    .where(LIFECYCLE_CASE.ID.eq(caseId)).and(LIFECYCLE_CASE.VERSION.eq(expectedVersion)).execute(), caseId);
            audit.record(tx, session, "LIFECYCLE_APPROVED", "LIFECYCLE_CASE", caseId, null,
                    "account " + c.getAccountId() + ": cancellation of open limit " + c.getOpenLimit().toPlainString() + " approved (planned "
                            + c.getPlannedOn() + ")");
        });
    }

    private void keep(Session session, long caseId, int expectedVersion, String reason, KeptBy by, String action, String how) {
        String text = TextLimit.LIFECYCLE_KEEP_REASON.check(reason == null ? null : reason.strip());
        if (text == null || text.isEmpty()) {
            throw UserFacingException.keyed("lifecycle.reasonRequired", "Give a reason for keeping the account.");
        }
        database.transaction(tx -> {
            LifecycleCaseRecord c = openCase(tx, caseId, expectedVersion);
            LocalDateTime now = LocalDateTime.now(clock);
            LocalDate today = now.toLocalDate();
            updated(tx.update(LIFECYCLE_CASE).set(LIFECYCLE_CASE.STAGE, LifecycleStage.KEPT).set(LIFECYCLE_CASE.OPEN_ACCOUNT_ID, (Long) null)
                    .set(LIFECYCLE_CASE.KEPT_BY, by).set(LIFECYCLE_CASE.KEEP_REASON, text).set(LIFECYCLE_CASE.CLOSED_ON, today)
                    .set(LIFECYCLE_CASE.CLOSED_BY, session.operatorId()).set(LIFECYCLE_CASE.UPDATED_AT, now)
                    .set(LIFECYCLE_CASE.VERSION, LIFECYCLE_CASE.VERSION.plus(1))
                    .where(LIFECYCLE_CASE.ID.eq(caseId)).and(LIFECYCLE_CASE.VERSION.eq(expectedVersion)).execute(), caseId);
            AccountRecord a = tx.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(c.getAccountId())).forUpdate().fetchOne();
            if (a.getStatus() == AccountStatus.DORMANT) {
                tx.update(ACCOUNT).set(ACCOUNT.STATUS, AccountStatus.ACTIVE).set(ACCOUNT.VERSION, ACCOUNT.VERSION.plus(1))
                        .where(ACCOUNT.ID.eq(a.getId())).execute();
                LimitChangeRows history = new LimitChangeRows();
                history.add(a.getId(), now, a.getCreditLimit(), a.getCreditLimit(), AccountStatus.DORMANT, AccountStatus.ACTIVE, LifecycleWriter.SOURCE,
                        null, "LIFECYCLE_KEPT_" + by.name());
                history.execute(tx);
                ChangedAccounts.touch(tx, List.of(a.getId()), now);
            }
            audit.record(tx, session, action, "LIFECYCLE_CASE", caseId, text, "account " + c.getAccountId() + " kept " + how + "; case closed " + today);
        });
    }

    /** The case, locked, when it is open and at {@code expectedVersion}; else the sentence that says why not. */
    private LifecycleCaseRecord openCase(DSLContext tx, long caseId, int expectedVersion) {
        LifecycleCaseRecord c = tx.selectFrom(LIFECYCLE_CASE).where(LIFECYCLE_CASE.ID.eq(caseId)).forUpdate().fetchOne();
        if (c == null) {
            throw UserFacingException.keyed("lifecycle.noCase", "There is no lifecycle case " + caseId + ".", String.valueOf(caseId));
        }
        if (c.getVersion() != expectedVersion) {
            throw changedBy(tx, caseId);
        }
        if (!c.getStage().open()) {
            throw UserFacingException.keyed("lifecycle.closed", "Case " + caseId + " is closed (" + c.getStage() + " on " + c.getClosedOn() + ").",
                    String.valueOf(caseId), c.getStage().name(), String.valueOf(c.getClosedOn()));
        }
        return c;
    }

    private void updated(int rows, long caseId) {
        if (rows != 1) {
            throw changedBy(database.dsl(), caseId);
        }
    }

    private static UserFacingException changedBy(DSLContext dsl, long caseId) {
        var last = dsl.select(AUDIT_EVENT.OPERATOR_NAME, AUDIT_EVENT.OCCURRED_AT).from(AUDIT_EVENT)
                .where(AUDIT_EVENT.ENTITY_TYPE.eq("LIFECYCLE_CASE")).and(AUDIT_EVENT.ENTITY_ID.eq(String.valueOf(caseId)))
                .orderBy(AUDIT_EVENT.ID.desc()).limit(1).fetchOne();
        String who = last == null ? "another operator" : last.value1();
        String when = last == null ? "just now" : last.value2().format(TIME);
        return UserFacingException.keyed("lifecycle.changedBy", "Case " + caseId + " was changed by " + who + " at " + when + "; reload it and decide again.",
                String.valueOf(caseId), who, when);
    }
}
