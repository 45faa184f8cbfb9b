package dev.riskdesk.limits;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.LIMIT_CHANGE;

import dev.riskdesk.appeals.ConcurrentChangeException;
import dev.riskdesk.appeals.NoticeKind;
import dev.riskdesk.appeals.NoticeService;
import dev.riskdesk.appeals.SuspensionService;
import dev.riskdesk.db.schema.tables.records.AccountRecord;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Session;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;

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
        AccountRecord account = tx.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(change.accountId())).fetchOne();
        if (account == null || account.getVersion() != expectedAccountVersion) {
            throw new ConcurrentChangeException("ACCOUNT", change.accountId());
        }
        List<String> reasons = change.reasonCodes() == null ? List.of() : Arrays.asList(change.reasonCodes().split(","));
        Long operatorId = Session.actorId(actor);
        String details;
        switch (change.type()) {
            case INCREASE, DECREASE -> {
                applyAmount(tx, account, change, decisionId, source, at);
                boolean decrease = change.type() == ProposalType.DECREASE;
                notices.queue(tx, new NoticeService.NoticeRequest(account.getId(), decrease ? NoticeKind.LIMIT_DECREASE : NoticeKind.LIMIT_INCREASE,
                        reasons, account.getCreditLimit(), change.newLimit(), change.proposalId(), null, null));
                details = account.getCreditLimit() + " -> " + change.newLimit() + (change.temporary() ? " temporary until " + change.expiresAt() : "");
            }
            case FREEZE, SUSPEND -> {
                String kind = change.type() == ProposalType.FREEZE ? "FREEZE" : (change.suspensionKind() == null ? "RISK" : change.suspensionKind());
                long suspensionId = suspensions.suspend(tx, new SuspensionService.SuspensionRequest(account.getId(), kind, change.ruleSetId(),
                        change.ruleCode(), change.ruleHitId(), change.proposalId(), change.reasonCodes(), change.evidence(), change.feedAsOf()),
                        expectedAccountVersion, source, decisionId, at);
                notices.queue(tx, new NoticeService.NoticeRequest(account.getId(), kind.equals("FREEZE") ? NoticeKind.FREEZE : NoticeKind.SUSPENSION,
                        reasons, account.getCreditLimit(), account.getCreditLimit(), change.proposalId(), suspensionId, null));
                details = kind + " suspension " + suspensionId;
            }
            case UNFREEZE, LIFT_SUSPENSION -> {
                suspensions.lift(tx, change.suspensionId(), operatorId, source, decisionId, change.reasonCodes(), at);
                notices.queue(tx, new NoticeService.NoticeRequest(account.getId(), NoticeKind.LIFT, reasons, account.getCreditLimit(),
                        account.getCreditLimit(), change.proposalId(), change.suspensionId(), null));
                details = "lifted suspension " + change.suspensionId();
            }
            default -> throw new IllegalStateException(change.type().name());
        }
        audit.record(tx, actor, "LIMIT_" + change.type().name(), "ACCOUNT", account.getId(), change.reasonCodes(),
                details + (change.proposalId() == null ? "" : "; proposal " + change.proposalId())
                        + (decisionId == null ? "" : "; decision " + decisionId));
    }

    private static void applyAmount(DSLContext tx, AccountRecord account, Change change, Long decisionId, String source, LocalDateTime at) {
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
        int updated = tx.update(ACCOUNT)
                .set(ACCOUNT.CREDIT_LIMIT, limit)
                .set(ACCOUNT.TEMP_LIMIT, temp)
                .set(ACCOUNT.TEMP_LIMIT_EXPIRES, tempExpires)
                .set(ACCOUNT.AVAILABLE_AMOUNT, available)
                .set(ACCOUNT.LAST_LIMIT_CHANGE, at)
                .set(ACCOUNT.VERSION, ACCOUNT.VERSION.plus(1))
                .where(ACCOUNT.ID.eq(account.getId())).and(ACCOUNT.VERSION.eq(account.getVersion()))
                .execute();
        if (updated == 0) {
            throw new ConcurrentChangeException("ACCOUNT", account.getId());
        }
        tx.insertInto(LIMIT_CHANGE)
                .set(LIMIT_CHANGE.ACCOUNT_ID, account.getId())
                .set(LIMIT_CHANGE.CHANGED_AT, at)
                .set(LIMIT_CHANGE.OLD_LIMIT, LimitMath.effectiveLimit(account.getCreditLimit(), account.getTempLimit(), account.getTempLimitExpires(), at))
                .set(LIMIT_CHANGE.NEW_LIMIT, effective)
                .set(LIMIT_CHANGE.OLD_STATUS, account.getStatus())
                .set(LIMIT_CHANGE.NEW_STATUS, account.getStatus())
                .set(LIMIT_CHANGE.SOURCE, source)
                .set(LIMIT_CHANGE.DECISION_ID, decisionId)
                .set(LIMIT_CHANGE.REASON_CODES, change.reasonCodes() == null || change.reasonCodes().length() <= 200 ? change.reasonCodes()
                        : change.reasonCodes().substring(0, 200))
                .execute();
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
