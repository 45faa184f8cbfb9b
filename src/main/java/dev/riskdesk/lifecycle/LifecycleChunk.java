package dev.riskdesk.lifecycle;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.ACCOUNT_MONTH;
import static dev.riskdesk.db.schema.Tables.LIFECYCLE_CASE;
import static dev.riskdesk.db.schema.Tables.TXN;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.db.schema.tables.records.LifecycleCaseRecord;
import dev.riskdesk.limits.policy.LimitPolicy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What the lifecycle run does to the accounts of one key range (after, last], decided from their own data as of the
 * end of the run's business date: open cases whose account was used since detection are kept; open cases past their
 * planned date are cancelled (or wait for a manager when their open limit needs one); accounts without an open case
 * that are dormant or never used become cases. Reading and deciding only: {@link LifecycleWriter} writes.
 *
 * <p>Use is a transaction (TXN) or a month whose aggregates show spend, transactions or a balance (ACCOUNT_MONTH,
 * which covers months whose raw events are no longer kept; such a month counts as used up to its end), or an
 * outstanding balance now. A case kept on request or by a manager counts as use on its closing date, so the account
 * is not found again before another dormancy period has passed.
 */
final class LifecycleChunk {
    /** Statuses a case may be opened for: a frozen, suspended or cancelled account is another process's business. */
    static final List<AccountStatus> ELIGIBLE = List.of(AccountStatus.ACTIVE, AccountStatus.DORMANT);

    /** One account of the range, as the decisions read it. */
    record Account(long id, AccountStatus status, BigDecimal limit, BigDecimal available, BigDecimal outstanding, LocalDateTime openedAt,
            LocalDateTime closedAt, int version) {
    }

    /** A new case for an account found dormant or never used. */
    record Detection(Account account, LifecycleReason reason, LocalDateTime lastUsedAt) {
    }

    /** What happens to an open case. */
    enum Outcome { KEEP_USED, AWAIT_APPROVAL, CANCEL, CLOSE_ALREADY_CANCELLED }

    /** An open case and what happens to it. */
    record Resolution(LifecycleCaseRecord kase, Account account, Outcome outcome) {
    }

    /** The range's decisions: cases resolved and accounts detected. */
    record Plan(List<Resolution> resolutions, List<Detection> detections, int accounts) {
    }

    private LifecycleChunk() {
    }

    /**
     * Decides the range (after, last] as of {@code asOf}: data up to the end of that day counts.
     */
    static Plan decide(DSLContext tx, long after, long last, LocalDate asOf, LimitPolicy.Lifecycle rules) {
        LocalDateTime through = asOf.plusDays(1).atStartOfDay();
        Condition range = ACCOUNT.ID.gt(after).and(ACCOUNT.ID.le(last));
        Map<Long, Account> accounts = new HashMap<>();
        tx.select(ACCOUNT.ID, ACCOUNT.STATUS, ACCOUNT.CREDIT_LIMIT, ACCOUNT.AVAILABLE_AMOUNT, ACCOUNT.OUTSTANDING_BALANCE, ACCOUNT.OPENED_AT,
                ACCOUNT.CLOSED_AT, ACCOUNT.VERSION).from(ACCOUNT).where(range).orderBy(ACCOUNT.ID)
                .forEach(r -> accounts.put(r.value1(), new Account(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8())));
        Map<Long, LocalDateTime> lastTxn = new HashMap<>();
        tx.select(TXN.ACCOUNT_ID, DSL.max(TXN.TXN_AT)).from(TXN).where(TXN.ACCOUNT_ID.gt(after).and(TXN.ACCOUNT_ID.le(last)))
                .and(TXN.TXN_AT.lt(through)).groupBy(TXN.ACCOUNT_ID).forEach(r -> lastTxn.put(r.value1(), r.value2()));
        Map<Long, LocalDateTime> lastUsedMonthEnd = new HashMap<>();
        tx.select(ACCOUNT_MONTH.ACCOUNT_ID, DSL.max(ACCOUNT_MONTH.MONTH_START)).from(ACCOUNT_MONTH)
                .where(ACCOUNT_MONTH.ACCOUNT_ID.gt(after).and(ACCOUNT_MONTH.ACCOUNT_ID.le(last)))
                .and(ACCOUNT_MONTH.MONTH_START.lt(through.toLocalDate()))
                .and(ACCOUNT_MONTH.TXN_COUNT.gt(0).or(ACCOUNT_MONTH.SPEND.gt(BigDecimal.ZERO)).or(ACCOUNT_MONTH.BALANCE.gt(BigDecimal.ZERO)))
                .groupBy(ACCOUNT_MONTH.ACCOUNT_ID)
                .forEach(r -> lastUsedMonthEnd.put(r.value1(), min(r.value2().plusMonths(1).atStartOfDay(), through)));
        Map<Long, LocalDateTime> lastKept = new HashMap<>();
        tx.select(LIFECYCLE_CASE.ACCOUNT_ID, DSL.max(LIFECYCLE_CASE.CLOSED_ON)).from(LIFECYCLE_CASE)
                .where(LIFECYCLE_CASE.ACCOUNT_ID.gt(after).and(LIFECYCLE_CASE.ACCOUNT_ID.le(last)))
                .and(LIFECYCLE_CASE.STAGE.eq(LifecycleStage.KEPT)).and(LIFECYCLE_CASE.KEPT_BY.ne(KeptBy.USE))
                .groupBy(LIFECYCLE_CASE.ACCOUNT_ID).forEach(r -> lastKept.put(r.value1(), r.value2().atStartOfDay()));
        List<LifecycleCaseRecord> open = tx.selectFrom(LIFECYCLE_CASE)
                .where(LIFECYCLE_CASE.OPEN_ACCOUNT_ID.gt(after).and(LIFECYCLE_CASE.OPEN_ACCOUNT_ID.le(last)))
                .orderBy(LIFECYCLE_CASE.ACCOUNT_ID).fetch();

        List<Resolution> resolutions = new ArrayList<>();
        Map<Long, Boolean> hasOpenCase = new HashMap<>();
        for (LifecycleCaseRecord c : open) {
            Account a = accounts.get(c.getAccountId());
            hasOpenCase.put(c.getAccountId(), true);
            Outcome outcome = resolve(c, a, lastTxn.get(c.getAccountId()), asOf);
            if (outcome != null) {
                resolutions.add(new Resolution(c, a, outcome));
            }
        }
        List<Detection> detections = new ArrayList<>();
        LocalDateTime dormantBefore = through.minusMonths(rules.dormantMonths());
        LocalDateTime openedBy = through.minusMonths(rules.neverUsedMonths());
        for (Account a : accounts.values().stream().sorted(java.util.Comparator.comparingLong(Account::id)).toList()) {
            if (hasOpenCase.containsKey(a.id()) || !ELIGIBLE.contains(a.status()) || a.closedAt() != null || a.outstanding().signum() > 0) {
                continue;
            }
            LocalDateTime used = max(max(lastTxn.get(a.id()), lastUsedMonthEnd.get(a.id())), lastKept.get(a.id()));
            if (used == null) {
                if (!a.openedAt().isAfter(openedBy)) {
                    detections.add(new Detection(a, LifecycleReason.NEVER_USED, null));
                }
            } else if (used.isBefore(dormantBefore)) {
                detections.add(new Detection(a, LifecycleReason.DORMANT, lastTxn.containsKey(a.id()) || lastUsedMonthEnd.containsKey(a.id())
                        ? max(lastTxn.get(a.id()), lastUsedMonthEnd.get(a.id())) : null));
            }
        }
        return new Plan(resolutions, detections, accounts.size());
    }

    /**
     * An open case's outcome as of {@code asOf}, or null when it stays as it is: any transaction after the day it was
     * detected, or a balance, keeps the account; on or after the planned date it is cancelled, once a manager approved
     * when its open limit needs one.
     */
    static Outcome resolve(LifecycleCaseRecord c, Account a, LocalDateTime lastTxn, LocalDate asOf) {
        if (a == null || a.status() == AccountStatus.CANCELLED) {
            return Outcome.CLOSE_ALREADY_CANCELLED;
        }
        boolean used = lastTxn != null && !lastTxn.isBefore(c.getDetectedOn().plusDays(1).atStartOfDay()) || a.outstanding().signum() > 0;
        if (used) {
            return Outcome.KEEP_USED;
        }
        if (asOf.isBefore(c.getPlannedOn())) {
            return null;
        }
        if (Boolean.TRUE.equals(c.getApprovalRequired()) && c.getApprovedAt() == null) {
            return c.getStage() == LifecycleStage.AWAITING_APPROVAL ? null : Outcome.AWAIT_APPROVAL;
        }
        return Outcome.CANCEL;
    }

    private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }
}
