package dev.riskdesk.limits;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.common.Money;
import dev.riskdesk.db.Database;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** Open limit proposals written straight into a real H2 book, for the review queue's tests (service and UI). */
public final class QueueBook {
    private QueueBook() {
    }

    /** A customer with one ACTIVE account numbered {@code n}; returns the account id. */
    public static long account(Database db, int n, String limit, String outstanding, LocalDateTime now) {
        long customerId = db.dsl().insertInto(CUSTOMER)
                .set(CUSTOMER.CUSTOMER_NO, String.format("Q%08d", n)).set(CUSTOMER.FULL_NAME, "李四" + n).set(CUSTOMER.GENDER, "F")
                .set(CUSTOMER.BIRTH_DATE, LocalDate.of(1988, 5, 1)).set(CUSTOMER.PHONE, String.format("139%08d", n))
                .set(CUSTOMER.PHONE_LAST4, String.format("%04d", n % 10000)).set(CUSTOMER.ID_NUMBER, String.format("3101011988050%05d", n))
                .set(CUSTOMER.CITY, "上海").set(CUSTOMER.CITY_TIER, 1).set(CUSTOMER.INCOME_BAND, "I3")
                .set(CUSTOMER.OCCUPATION, "教师").set(CUSTOMER.REGISTERED_AT, now.minusYears(2)).set(CUSTOMER.REAL_NAME_VERIFIED, true)
                .returning(CUSTOMER.ID).fetchOne().getId();
        BigDecimal lim = Money.of(limit);
        BigDecimal out = Money.of(outstanding);
        return db.dsl().insertInto(ACCOUNT)
                .set(ACCOUNT.ACCOUNT_NO, String.format("QA%010d", n)).set(ACCOUNT.CUSTOMER_ID, customerId).set(ACCOUNT.PRODUCT, "CREDIT_PAY")
                .set(ACCOUNT.OPENED_AT, now.minusYears(2)).set(ACCOUNT.STATUS, AccountStatus.ACTIVE).set(ACCOUNT.CREDIT_LIMIT, lim)
                .set(ACCOUNT.AVAILABLE_AMOUNT, lim.subtract(out).max(Money.ZERO)).set(ACCOUNT.OUTSTANDING_BALANCE, out)
                .set(ACCOUNT.SCORE, 600).set(ACCOUNT.SCORE_BAND, "C")
                .returning(ACCOUNT.ID).fetchOne().getId();
    }

    /** An open proposal as the policy run writes it; the evidence names one rule hit on the TRANSACTIONS feed. */
    public static long proposal(Database db, long accountId, ProposalType type, ProposalStatus status, String oldLimit, String proposedLimit,
            String hiddenCap, String priority, String reasons, LocalDateTime createdAt) {
        String evidence = "{\"ruleHits\":[{\"rule\":\"" + reasons.split(",")[0] + "\",\"stale\":false,"
                + "\"evidence\":{\"utilisationNow\":0.9500,\"outstanding\":3.66E+4},\"feedAsOf\":{\"TRANSACTIONS\":\"" + createdAt + "\"}}],"
                + "\"guardrails\":[\"MAX_STEP_DOWN\"]}";
        return db.dsl().insertInto(LIMIT_PROPOSAL)
                .set(LIMIT_PROPOSAL.ACCOUNT_ID, accountId).set(LIMIT_PROPOSAL.PROPOSAL_TYPE, type).set(LIMIT_PROPOSAL.STATUS, status)
                .set(LIMIT_PROPOSAL.ROUTE, ProposalRoute.REVIEW).set(LIMIT_PROPOSAL.OLD_LIMIT, Money.of(oldLimit))
                .set(LIMIT_PROPOSAL.PROPOSED_LIMIT, Money.of(proposedLimit)).set(LIMIT_PROPOSAL.HIDDEN_CAP, hiddenCap == null ? null : Money.of(hiddenCap))
                .set(LIMIT_PROPOSAL.EXPOSURE, Money.of(oldLimit)).set(LIMIT_PROPOSAL.PD, 0.05)
                .set(LIMIT_PROPOSAL.PRIORITY, new BigDecimal(priority)).set(LIMIT_PROPOSAL.REASON_CODES, reasons)
                .set(LIMIT_PROPOSAL.EVIDENCE, evidence).set(LIMIT_PROPOSAL.CREATED_AT, createdAt)
                .returning(LIMIT_PROPOSAL.ID).fetchOne().getId();
    }

    /**
     * A small queue: two pending decreases (one with a hidden cap of ¥15,000, the top priority),
     * a freeze awaiting data and an older pending increase.
     */
    public static void fill(Database db, LocalDateTime now) {
        long a1 = account(db, 1, "10000", "9500", now);
        proposal(db, a1, ProposalType.DECREASE, ProposalStatus.PENDING, "10000", "7000", "15000", "900", "UTILISATION_JUMP", now.minusHours(2));
        long a2 = account(db, 2, "20000", "5000", now);
        proposal(db, a2, ProposalType.DECREASE, ProposalStatus.PENDING, "20000", "18000", null, "500", "MULTI_LENDING,POLICY_SCORE", now.minusHours(3));
        long a3 = account(db, 3, "8000", "8000", now);
        proposal(db, a3, ProposalType.FREEZE, ProposalStatus.AWAITING_DATA, "8000", "8000", null, "700", "OVERDUE_FREEZE", now.minusHours(1));
        long a4 = account(db, 4, "10000", "1000", now);
        proposal(db, a4, ProposalType.INCREASE, ProposalStatus.PENDING, "10000", "13000", "20000", "50", "POLICY_SCORE", now.minusDays(10));
    }
}
