package dev.riskdesk.accounts;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.SUSPENSION;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.accounts.SuspensionKind;
import dev.riskdesk.accounts.SuspensionStatus;
import dev.riskdesk.common.Money;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.BulkInsert;
import dev.riskdesk.db.schema.tables.records.AccountRecord;
import dev.riskdesk.db.schema.tables.records.SuspensionRecord;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Freezes, risk and fraud suspensions, applied inside the caller's transaction. A suspension
 * keeps what it relied on (rule, reason codes, evidence, feed as-of times) and what it replaced
 * (previous status and limit), sets the available amount to zero and never touches the balance.
 */
public final class SuspensionService {

    /** Why an account is suspended. */
    public record SuspensionRequest(long accountId, SuspensionKind kind, Long ruleSetId, String ruleCode, Long ruleHitId, Long proposalId,
            String reasonCodes, String evidence, String feedAsOf) {
    }

    /** Starts a suspension; {@code expectedAccountVersion} guards against a concurrent change. */
    public long suspend(DSLContext tx, SuspensionRequest request, int expectedAccountVersion, String source, Long decisionId,
            LocalDateTime at) {
        AccountRecord account = tx.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(request.accountId())).fetchOne();
        if (account == null || account.getVersion() != expectedAccountVersion) {
            throw new ConcurrentChangeException("ACCOUNT", request.accountId());
        }
        return suspendAll(tx, List.of(new Suspend(request, account, decisionId)), source, at).get(0);
    }

    /** One suspension of {@link #suspendAll}: {@code account} is the row as read in this transaction, its version the expected one. */
    public record Suspend(SuspensionRequest request, AccountRecord account, Long decisionId) {
    }

    /**
     * Starts many suspensions (of distinct accounts) with one statement per kind of row; returns
     * their ids in order. An account changed since it was read fails the whole call with
     * {@link ConcurrentChangeException}, so the caller's transaction rolls back.
     */
    public List<Long> suspendAll(DSLContext tx, List<Suspend> items, String source, LocalDateTime at) {
        if (items.isEmpty()) {
            return List.of();
        }
        BulkInsert<SuspensionRecord> rows = BulkInsert.into(SUSPENSION, SUSPENSION.ACCOUNT_ID, SUSPENSION.KIND, SUSPENSION.STATUS,
                SUSPENSION.RULE_SET_ID, SUSPENSION.RULE_CODE, SUSPENSION.RULE_HIT_ID, SUSPENSION.PROPOSAL_ID, SUSPENSION.REASON_CODES,
                SUSPENSION.EVIDENCE, SUSPENSION.FEED_AS_OF, SUSPENSION.PREVIOUS_STATUS, SUSPENSION.PREVIOUS_LIMIT, SUSPENSION.STARTED_AT);
        BatchBindStep accounts = tx.batch(tx.update(ACCOUNT)
                .set(ACCOUNT.STATUS, (AccountStatus) null)
                .set(ACCOUNT.AVAILABLE_AMOUNT, (BigDecimal) null)
                .set(ACCOUNT.VERSION, ACCOUNT.VERSION.plus(DSL.inline(1)))
                .where(ACCOUNT.ID.eq((Long) null)).and(ACCOUNT.VERSION.eq((Integer) null)));
        LimitChangeRows changes = new LimitChangeRows();
        for (Suspend item : items) {
            SuspensionRequest request = item.request();
            AccountRecord account = item.account();
            AccountStatus newStatus = request.kind() == SuspensionKind.FREEZE ? AccountStatus.FROZEN : AccountStatus.SUSPENDED;
            rows.add(request.accountId(), request.kind(), SuspensionStatus.ACTIVE, request.ruleSetId(), request.ruleCode(), request.ruleHitId(),
                    request.proposalId(), request.reasonCodes(), request.evidence(), request.feedAsOf(), account.getStatus(),
                    account.getCreditLimit(), at);
            accounts.bind(newStatus, Money.ZERO, request.accountId(), account.getVersion());
            changes.add(account.getId(), at, account.getCreditLimit(), account.getCreditLimit(), account.getStatus(), newStatus, source,
                    item.decisionId(), request.reasonCodes());
        }
        List<Long> ids = rows.executeReturning(tx, SUSPENSION.ID);
        int[] updated = accounts.execute();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                throw new ConcurrentChangeException("ACCOUNT", items.get(i).request().accountId());
            }
        }
        changes.execute(tx);
        return ids;
    }

    /** Lifts an active suspension: the previous status comes back and the available amount is recomputed. */
    public void lift(DSLContext tx, long suspensionId, Long liftedBy, String source, Long decisionId, String reasonCodes, LocalDateTime at) {
        SuspensionRecord s = tx.selectFrom(SUSPENSION).where(SUSPENSION.ID.eq(suspensionId)).fetchOne();
        if (s == null || s.getStatus() != SuspensionStatus.ACTIVE) {
            throw UserFacingException.keyed("suspension.notActive", "Suspension " + suspensionId + " is not active any more; reload.", suspensionId);
        }
        int updated = tx.update(SUSPENSION)
                .set(SUSPENSION.STATUS, SuspensionStatus.LIFTED)
                .set(SUSPENSION.LIFTED_AT, at)
                .set(SUSPENSION.LIFTED_BY, liftedBy)
                .set(SUSPENSION.VERSION, SUSPENSION.VERSION.plus(1))
                .where(SUSPENSION.ID.eq(suspensionId)).and(SUSPENSION.VERSION.eq(s.getVersion())).and(SUSPENSION.STATUS.eq(SuspensionStatus.ACTIVE))
                .execute();
        if (updated == 0) {
            throw new ConcurrentChangeException("SUSPENSION", suspensionId);
        }
        AccountRecord account = tx.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(s.getAccountId())).fetchOne();
        boolean otherActive = tx.fetchExists(tx.selectFrom(SUSPENSION).where(SUSPENSION.ACCOUNT_ID.eq(s.getAccountId()))
                .and(SUSPENSION.STATUS.eq(SuspensionStatus.ACTIVE)));
        if (otherActive) {
            return; // another suspension still holds the account
        }
        AccountStatus status = s.getPreviousStatus() == AccountStatus.SUSPENDED || s.getPreviousStatus() == AccountStatus.FROZEN
                ? AccountStatus.ACTIVE : s.getPreviousStatus();
        BigDecimal limit = account.getCreditLimit();
        if (account.getTempLimit() != null && account.getTempLimitExpires() != null && account.getTempLimitExpires().isAfter(at)
                && account.getTempLimit().compareTo(limit) > 0) {
            limit = account.getTempLimit();
        }
        BigDecimal available = status == AccountStatus.ACTIVE ? limit.subtract(account.getOutstandingBalance()).max(BigDecimal.ZERO) : BigDecimal.ZERO;
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

    private static void limitChange(DSLContext tx, AccountRecord before, BigDecimal newLimit, AccountStatus newStatus, String source, Long decisionId,
            String reasonCodes, LocalDateTime at) {
        LimitChangeRows rows = new LimitChangeRows();
        rows.add(before.getId(), at, before.getCreditLimit(), newLimit, before.getStatus(), newStatus, source, decisionId, reasonCodes);
        rows.execute(tx);
    }
}
