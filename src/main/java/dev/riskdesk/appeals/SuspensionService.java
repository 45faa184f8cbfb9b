package dev.riskdesk.appeals;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.LIMIT_CHANGE;
import static dev.riskdesk.db.schema.Tables.SUSPENSION;

import dev.riskdesk.common.Money;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.schema.tables.records.AccountRecord;
import dev.riskdesk.db.schema.tables.records.SuspensionRecord;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.jooq.DSLContext;

/**
 * Freezes, risk and fraud suspensions, applied inside the caller's transaction. A suspension
 * keeps what it relied on (rule, reason codes, evidence, feed as-of times) and what it replaced
 * (previous status and limit), sets the available amount to zero and never touches the balance.
 */
public final class SuspensionService {

    /** Why an account is suspended. {@code kind} is FREEZE, RISK or FRAUD. */
    public record SuspensionRequest(long accountId, String kind, Long ruleSetId, String ruleCode, Long ruleHitId, Long proposalId,
            String reasonCodes, String evidence, String feedAsOf) {
    }

    /** Starts a suspension; {@code expectedAccountVersion} guards against a concurrent change. */
    public long suspend(DSLContext tx, SuspensionRequest request, int expectedAccountVersion, String source, Long decisionId,
            LocalDateTime at) {
        AccountRecord account = tx.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(request.accountId())).fetchOne();
        if (account == null || account.getVersion() != expectedAccountVersion) {
            throw new ConcurrentChangeException("ACCOUNT", request.accountId());
        }
        String newStatus = "FREEZE".equals(request.kind()) ? "FROZEN" : "SUSPENDED";
        long id = tx.insertInto(SUSPENSION)
                .set(SUSPENSION.ACCOUNT_ID, request.accountId())
                .set(SUSPENSION.KIND, request.kind())
                .set(SUSPENSION.STATUS, "ACTIVE")
                .set(SUSPENSION.RULE_SET_ID, request.ruleSetId())
                .set(SUSPENSION.RULE_CODE, request.ruleCode())
                .set(SUSPENSION.RULE_HIT_ID, request.ruleHitId())
                .set(SUSPENSION.PROPOSAL_ID, request.proposalId())
                .set(SUSPENSION.REASON_CODES, request.reasonCodes())
                .set(SUSPENSION.EVIDENCE, request.evidence())
                .set(SUSPENSION.FEED_AS_OF, request.feedAsOf())
                .set(SUSPENSION.PREVIOUS_STATUS, account.getStatus())
                .set(SUSPENSION.PREVIOUS_LIMIT, account.getCreditLimit())
                .set(SUSPENSION.STARTED_AT, at)
                .returning(SUSPENSION.ID).fetchOne().getId();
        int updated = tx.update(ACCOUNT)
                .set(ACCOUNT.STATUS, newStatus)
                .set(ACCOUNT.AVAILABLE_AMOUNT, Money.ZERO)
                .set(ACCOUNT.VERSION, ACCOUNT.VERSION.plus(1))
                .where(ACCOUNT.ID.eq(request.accountId())).and(ACCOUNT.VERSION.eq(expectedAccountVersion))
                .execute();
        if (updated == 0) {
            throw new ConcurrentChangeException("ACCOUNT", request.accountId());
        }
        limitChange(tx, account, account.getCreditLimit(), newStatus, source, decisionId, request.reasonCodes(), at);
        return id;
    }

    /** Lifts an active suspension: the previous status comes back and the available amount is recomputed. */
    public void lift(DSLContext tx, long suspensionId, Long liftedBy, String source, Long decisionId, String reasonCodes, LocalDateTime at) {
        SuspensionRecord s = tx.selectFrom(SUSPENSION).where(SUSPENSION.ID.eq(suspensionId)).fetchOne();
        if (s == null || !"ACTIVE".equals(s.getStatus())) {
            throw UserFacingException.keyed("suspension.notActive", "Suspension " + suspensionId + " is not active any more; reload.", suspensionId);
        }
        int updated = tx.update(SUSPENSION)
                .set(SUSPENSION.STATUS, "LIFTED")
                .set(SUSPENSION.LIFTED_AT, at)
                .set(SUSPENSION.LIFTED_BY, liftedBy)
                .set(SUSPENSION.VERSION, SUSPENSION.VERSION.plus(1))
                .where(SUSPENSION.ID.eq(suspensionId)).and(SUSPENSION.VERSION.eq(s.getVersion())).and(SUSPENSION.STATUS.eq("ACTIVE"))
                .execute();
        if (updated == 0) {
            throw new ConcurrentChangeException("SUSPENSION", suspensionId);
        }
        AccountRecord account = tx.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(s.getAccountId())).fetchOne();
        boolean otherActive = tx.fetchExists(tx.selectFrom(SUSPENSION).where(SUSPENSION.ACCOUNT_ID.eq(s.getAccountId()))
                .and(SUSPENSION.STATUS.eq("ACTIVE")));
        if (otherActive) {
            return; // another suspension still holds the account
        }
        String status = "SUSPENDED".equals(s.getPreviousStatus()) || "FROZEN".equals(s.getPreviousStatus()) ? "ACTIVE" : s.getPreviousStatus();
        BigDecimal limit = account.getCreditLimit();
        if (account.getTempLimit() != null && account.getTempLimitExpires() != null && account.getTempLimitExpires().isAfter(at)
                && account.getTempLimit().compareTo(limit) > 0) {
            limit = account.getTempLimit();
        }
        BigDecimal available = "ACTIVE".equals(status) ? limit.subtract(account.getOutstandingBalance()).max(BigDecimal.ZERO) : BigDecimal.ZERO;
        int accountUpdated = tx.update(ACCOUNT)
                .set(ACCOUNT.STATUS, status)
                .set(ACCOUNT.AVAILABLE_AMOUNT, Money.normalize(available))
                .set(ACCOUNT.VERSION, ACCOUNT.VERSION.plus(1))
                .where(ACCOUNT.ID.eq(account.getId())).and(ACCOUNT.VERSION.eq(account.getVersion()))
                .execute();
        if (accountUpdated == 0) {
            throw new ConcurrentChangeException("ACCOUNT", account.getId());
        }
        limitChange(tx, account, account.getCreditLimit(), status, source, decisionId, reasonCodes, at);
    }

    private static void limitChange(DSLContext tx, AccountRecord before, BigDecimal newLimit, String newStatus, String source, Long decisionId,
            String reasonCodes, LocalDateTime at) {
        tx.insertInto(LIMIT_CHANGE)
                .set(LIMIT_CHANGE.ACCOUNT_ID, before.getId())
                .set(LIMIT_CHANGE.CHANGED_AT, at)
                .set(LIMIT_CHANGE.OLD_LIMIT, before.getCreditLimit())
                .set(LIMIT_CHANGE.NEW_LIMIT, newLimit)
                .set(LIMIT_CHANGE.OLD_STATUS, before.getStatus())
                .set(LIMIT_CHANGE.NEW_STATUS, newStatus)
                .set(LIMIT_CHANGE.SOURCE, source)
                .set(LIMIT_CHANGE.DECISION_ID, decisionId)
                .set(LIMIT_CHANGE.REASON_CODES, reasonCodes == null || reasonCodes.length() <= 200 ? reasonCodes : reasonCodes.substring(0, 200))
                .execute();
    }
}
