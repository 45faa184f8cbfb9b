package dev.riskdesk.limits.review;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.LIMIT_CHANGE;

import dev.riskdesk.accounts.ConcurrentChangeException;
import dev.riskdesk.accounts.LimitChangeRows;
import dev.riskdesk.accounts.NoticeKind;
import dev.riskdesk.accounts.NoticeService;
import dev.riskdesk.accounts.SuspensionKind;
import dev.riskdesk.accounts.SuspensionService;
import dev.riskdesk.db.schema.tables.records.AccountRecord;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.limits.policy.LimitMath;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Session;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The one place that applies a limit or status change to an account, inside the caller's
 * transaction: account row (optimistic lock), LIMIT_CHANGE history, suspension, customer notice
 * and audit event commit or roll back together. Used by the batch and by the decision service.
 */
public final class LimitChanges {
    private final SuspensionService suspensions;
    private final NoticeService notices;
    private final AuditLog audit;

    public LimitChanges(SuspensionService suspensions, NoticeService notices, AuditLog audit) {
        this.suspensions = suspensions;
        this.notices = notices;
        this.audit = audit;
    }

    /** What to change. {@code suspensionId} names the suspension to lift for UNFREEZE and LIFT_SUSPENSION. */
    public record Change(long accountId, Long proposalId, ProposalType type, BigDecimal newLimit, boolean temporary,
            LocalDateTime expiresAt, String reasonCodes, String evidence, String feedAsOf, Long ruleSetId, String ruleCode,
            Long ruleHitId, String suspensionKind, Long suspensionId) {
    }

    /**
     * Applies {@code change}. {@code expectedAccountVersion} is the ACCOUNT.VERSION the decision
     * was based on; if the account moved on, {@link ConcurrentChangeException} rolls everything back.
     */
    public void apply(DSLContext tx, Session actor, Change change, Long decisionId, String source, int expectedAccountVersion,
            LocalDateTime at) {
        applyAll(tx, actor, List.of(new Applied(change, decisionId, expectedAccountVersion)), source, at);
    }

    /** One change of {@link #applyAll}, with the decision it carries out and the account version it was based on. */
    public record Applied(Change change, Long decisionId, int expectedAccountVersion) {
    }

    /**
     * Applies many changes of distinct accounts as {@link #apply} does one: the same account
     * updates (optimistic lock), LIMIT_CHANGE rows, suspensions, notices and audit events, written
     * with one statement per kind of row instead of several per change. One account that moved on
     * fails the whole call with {@link ConcurrentChangeException}, and the caller's transaction rolls back.
     */
    public void applyAll(DSLContext tx, Session actor, List<Applied> items, String source, LocalDateTime at) {
        if (items.isEmpty()) {
            return;
        }
        Map<Long, AccountRecord> accounts = new HashMap<>();
        List<Long> ids = items.stream().map(i -> i.change().accountId()).toList();
        if (new HashSet<>(ids).size() != ids.size()) {
            throw new IllegalArgumentException("one change per account per call");
        }
        for (int i = 0; i < ids.size(); i += 1000) {
            tx.selectFrom(ACCOUNT).where(ACCOUNT.ID.in(ids.subList(i, Math.min(ids.size(), i + 1000)))).forEach(a -> accounts.put(a.getId(), a));
        }
        Long operatorId = Session.actorId(actor);
        AmountChanges amounts = new AmountChanges(tx);
        List<SuspensionService.Suspend> suspends = new ArrayList<>();
        List<Applied> suspended = new ArrayList<>();
        List<NoticeService.NoticeRequest> noticeRequests = new ArrayList<>();
        List<AuditLog.Event> events = new ArrayList<>();
        for (Applied item : items) {
            Change change = item.change();
            AccountRecord account = accounts.get(change.accountId());
            if (account == null || account.getVersion() != item.expectedAccountVersion()) {
                throw new ConcurrentChangeException("ACCOUNT", change.accountId());
            }
            List<String> reasons = reasons(change);
            switch (change.type()) {
                case INCREASE, DECREASE -> {
                    amounts.add(account, change, item.decisionId(), source, at);
                    boolean decrease = change.type() == ProposalType.DECREASE;
                    // the notice names the binding reason (the first code), as the review screen does; a flag or the
                    // scorecard's context after it did not set the amount
                    noticeRequests.add(new NoticeService.NoticeRequest(account.getId(), decrease ? NoticeKind.LIMIT_DECREASE : NoticeKind.LIMIT_INCREASE,
                            reasons.isEmpty() ? reasons : reasons.subList(0, 1), account.getCreditLimit(), change.newLimit(), change.proposalId(), null, null));
                    events.add(event(change, account, item.decisionId(), account.getCreditLimit() + " -> " + change.newLimit()
                            + (change.temporary() ? " temporary until " + change.expiresAt() : "")));
                }
                case FREEZE, SUSPEND -> {
                    suspends.add(new SuspensionService.Suspend(new SuspensionService.SuspensionRequest(account.getId(), suspensionKind(change),
                            change.ruleSetId(), change.ruleCode(), change.ruleHitId(), change.proposalId(), change.reasonCodes(), change.evidence(),
                            change.feedAsOf()), account, item.decisionId()));
                    suspended.add(item);
                }
                case UNFREEZE, LIFT_SUSPENSION -> {
                    suspensions.lift(tx, change.suspensionId(), operatorId, source, item.decisionId(), change.reasonCodes(), at);
                    noticeRequests.add(new NoticeService.NoticeRequest(account.getId(), NoticeKind.LIFT, reasons, account.getCreditLimit(),
                            account.getCreditLimit(), change.proposalId(), change.suspensionId(), null));
                    events.add(event(change, account, item.decisionId(), "lifted suspension " + change.suspensionId()));
                }
                default -> throw new IllegalStateException(change.type().name());
            }
        }
        amounts.execute();
        List<Long> suspensionIds = suspensions.suspendAll(tx, suspends, source, at);
        for (int i = 0; i < suspended.size(); i++) {
            Applied item = suspended.get(i);
            Change change = item.change();
            AccountRecord account = accounts.get(change.accountId());
            SuspensionKind kind = suspensionKind(change);
            noticeRequests.add(new NoticeService.NoticeRequest(account.getId(), kind == SuspensionKind.FREEZE ? NoticeKind.FREEZE : NoticeKind.SUSPENSION,
                    reasons(change), account.getCreditLimit(), account.getCreditLimit(), change.proposalId(), suspensionIds.get(i), null));
            events.add(event(change, account, item.decisionId(), kind + " suspension " + suspensionIds.get(i)));
        }
        notices.queueAll(tx, noticeRequests);
        audit.recordAll(tx, actor, events);
    }

    private static List<String> reasons(Change change) {
        return change.reasonCodes() == null ? List.of() : Arrays.asList(change.reasonCodes().split(","));
    }

    /** The rule's suspension kind is text in its parameters (RISK when it names none); the stored kind is checked here. */
    private static SuspensionKind suspensionKind(Change change) {
        return change.type() == ProposalType.FREEZE ? SuspensionKind.FREEZE
                : change.suspensionKind() == null ? SuspensionKind.RISK : SuspensionKind.valueOf(change.suspensionKind());
    }

    private static AuditLog.Event event(Change change, AccountRecord account, Long decisionId, String details) {
        return new AuditLog.Event("LIMIT_" + change.type().name(), "ACCOUNT", account.getId(), change.reasonCodes(),
                details + (change.proposalId() == null ? "" : "; proposal " + change.proposalId())
                        + (decisionId == null ? "" : "; decision " + decisionId));
    }

    /** Limit changes: account updates in one JDBC batch (optimistic lock per row), LIMIT_CHANGE rows in multi-row inserts. */
    private static final class AmountChanges {
        private final DSLContext tx;
        private final BatchBindStep updates;
        private final List<Long> accountIds = new ArrayList<>();
        private final LimitChangeRows history = new LimitChangeRows();

        AmountChanges(DSLContext tx) {
            this.tx = tx;
            this.updates = tx.batch(tx.update(ACCOUNT)
                    .set(ACCOUNT.CREDIT_LIMIT, (BigDecimal) null)
                    .set(ACCOUNT.TEMP_LIMIT, (BigDecimal) null)
                    .set(ACCOUNT.TEMP_LIMIT_EXPIRES, (LocalDateTime) null)
                    .set(ACCOUNT.AVAILABLE_AMOUNT, (BigDecimal) null)
                    .set(ACCOUNT.LAST_LIMIT_CHANGE, (LocalDateTime) null)
                    .set(ACCOUNT.VERSION, ACCOUNT.VERSION.plus(DSL.inline(1)))
                    .where(ACCOUNT.ID.eq((Long) null)).and(ACCOUNT.VERSION.eq((Integer) null)));
        }

        void add(AccountRecord account, Change change, Long decisionId, String source, LocalDateTime at) {
            BigDecimal limit = account.getCreditLimit();
            BigDecimal temp = account.getTempLimit();
            LocalDateTime tempExpires = account.getTempLimitExpires();
            if (change.temporary()) {
                temp = change.newLimit();
                tempExpires = change.expiresAt();
            } else {
                limit = change.newLimit();
                if (change.type() == ProposalType.DECREASE) {
                    temp = null; // a decrease also ends a temporary limit, or it would keep the exposure up
                    tempExpires = null;
                }
            }
            BigDecimal effective = LimitMath.effectiveLimit(limit, temp, tempExpires, at);
            // below the balance the available amount is zero, never negative; the balance is not touched
            BigDecimal available = LimitMath.available(account.getStatus(), effective, account.getOutstandingBalance());
            updates.bind(limit, temp, tempExpires, available, at, account.getId(), account.getVersion());
            accountIds.add(account.getId());
            history.add(account.getId(), at,
                    LimitMath.effectiveLimit(account.getCreditLimit(), account.getTempLimit(), account.getTempLimitExpires(), at), effective,
                    account.getStatus(), account.getStatus(), source, decisionId, change.reasonCodes());
        }

        void execute() {
            if (accountIds.isEmpty()) {
                return;
            }
            int[] updated = updates.execute();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    throw new ConcurrentChangeException("ACCOUNT", accountIds.get(i));
                }
            }
            history.execute(tx);
        }
    }

    /** Ends temporary limits whose time is up: the permanent limit is back in force. Returns true if one ended. */
    public boolean expireTemporaryLimit(DSLContext tx, Session actor, long accountId, LocalDateTime at) {
        AccountRecord account = tx.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(accountId)).fetchOne();
        if (account == null || account.getTempLimit() == null || account.getTempLimitExpires() == null
                || account.getTempLimitExpires().isAfter(at)) {
            return false;
        }
        BigDecimal available = LimitMath.available(account.getStatus(), account.getCreditLimit(), account.getOutstandingBalance());
        int updated = tx.update(ACCOUNT)
                .set(ACCOUNT.TEMP_LIMIT, (BigDecimal) null)
                .set(ACCOUNT.TEMP_LIMIT_EXPIRES, (LocalDateTime) null)
                .set(ACCOUNT.AVAILABLE_AMOUNT, available)
                .set(ACCOUNT.VERSION, ACCOUNT.VERSION.plus(1))
                .where(ACCOUNT.ID.eq(accountId)).and(ACCOUNT.VERSION.eq(account.getVersion()))
                .execute();
        if (updated == 0) {
            return false;
        }
        tx.insertInto(LIMIT_CHANGE)
                .set(LIMIT_CHANGE.ACCOUNT_ID, accountId)
                .set(LIMIT_CHANGE.CHANGED_AT, at)
                .set(LIMIT_CHANGE.OLD_LIMIT, account.getTempLimit())
                .set(LIMIT_CHANGE.NEW_LIMIT, account.getCreditLimit())
                .set(LIMIT_CHANGE.OLD_STATUS, account.getStatus())
                .set(LIMIT_CHANGE.NEW_STATUS, account.getStatus())
                .set(LIMIT_CHANGE.SOURCE, "TEMP_EXPIRY")
                .execute();
        audit.record(tx, actor, "TEMP_LIMIT_EXPIRED", "ACCOUNT", accountId, null, "temporary " + account.getTempLimit() + " ended");
        return true;
    }
}
