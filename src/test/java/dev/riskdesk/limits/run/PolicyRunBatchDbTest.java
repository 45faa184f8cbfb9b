package dev.riskdesk.limits.run;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.CUSTOMER_NOTICE;
import static dev.riskdesk.db.schema.Tables.LIMIT_CHANGE;
import static dev.riskdesk.db.schema.Tables.LIMIT_DECISION;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.RULE_HIT;
import static dev.riskdesk.db.schema.Tables.SUSPENSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.accounts.ConcurrentChangeException;
import dev.riskdesk.accounts.SuspensionKind;
import dev.riskdesk.common.Money;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.BulkInsert;
import dev.riskdesk.limits.LimitsFixture;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.limits.review.LimitChanges;
import dev.riskdesk.security.TestOperators;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batched chunk writer: a chunk of many accounts writes the same rows, links, audit events and
 * notices as chunks of one account each (the row-by-row shape), and every applied change is linked
 * from its hit to its proposal, decision, limit change or suspension, notices and audit event.
 */
@Tag("db")
class PolicyRunBatchDbTest {
    static final LocalDateTime NOW = LimitsFixture.NOW;
    @TempDir
    Path dir;

    /** Takeovers, policy cuts, multi-lending, increases, freezes and a repayment in flight. */
    private static void book(LimitsFixture f) {
        f.feeds(NOW);
        for (int i = 0; i < 3; i++) {
            long victim = f.account("20000", "5000", "I3", 1);
            f.score(victim, 0.02, 70);
            f.takeover(victim);
            long cut = f.account("7800", "3000", "I2", 1);
            // band D: 9,000 × 0.8 × 0.88 = 6,300, and 7,800 is above 110 % of it: an automatic policy decrease of 19 %
            f.score(cut, 0.10, 20, "D", LimitsFixture.NOW.toLocalDate(), LimitsFixture.NOW.minusDays(1));
            long up = f.account("3000", "1000", "I3", 1);
            f.score(up, 0.01, 90); // an increase above the automatic step: to review
        }
        for (int i = 0; i < 2; i++) {
            long lender = f.account("10000", "2000", "I3", 1);
            f.score(lender, 0.04, 60);
            for (int q = 0; q < 6; q++) {
                f.inquiry(lender, NOW.minusDays(3 + q));
            }
            long overdue = f.account("8000", "4000", "I2", 2);
            f.score(overdue, 0.2, 30);
            f.bill(overdue, NOW.toLocalDate().minusDays(40), "400", "0");
        }
        long delayed = f.account("10000", "3000", "I3", 1);
        f.score(delayed, 0.02, 70);
        long bill = f.bill(delayed, NOW.toLocalDate().minusDays(8), "500", "0");
        f.repayment(delayed, bill, "500", NOW.minusDays(9).plusHours(10), NOW.plusHours(3));
        f.feed("REPAYMENTS", NOW.minusDays(10), 24 * 14);
    }

    private static void run(LimitsFixture f, int chunk, LocalDateTime at) {
        f.runs.run(TestOperators.batch(f.db), new PolicyRunService.RunOptions(false, chunk, at, false), Progress.NONE);
    }

    @Test
    void oneChunkOfManyAccountsWritesWhatChunksOfOneWrite() {
        List<String> byOne;
        List<String> byMany;
        try (LimitsFixture one = new LimitsFixture(dir.resolve("one"))) {
            book(one);
            run(one, 1, NOW);
            run(one, 1, NOW.plusDays(1)); // the second run keeps, supersedes and re-proposes
            byOne = dump(one.db.dsl());
        }
        try (LimitsFixture many = new LimitsFixture(dir.resolve("many"))) {
            book(many);
            run(many, 1000, NOW);
            run(many, 1000, NOW.plusDays(1));
            byMany = dump(many.db.dsl());
            checkLinks(many.db.dsl());
        }
        assertTrue(byOne.stream().anyMatch(s -> s.startsWith("SUSPENSION")), "the book suspends");
        assertTrue(byOne.stream().anyMatch(s -> s.startsWith("PROPOSAL DECREASE | AUTO_APPLIED")), "the book cuts automatically: " + byOne);
        assertTrue(byOne.stream().anyMatch(s -> s.startsWith("PROPOSAL") && s.contains("SUPERSEDED")), "the second run supersedes");
        assertTrue(byOne.stream().anyMatch(s -> s.startsWith("AUDIT PROPOSAL_SUPERSEDED")), byOne.toString());
        assertEquals(byOne, byMany);
    }

    /** Every table the run writes, without ids: links are replaced by what they point at. */
    private static List<String> dump(DSLContext dsl) {
        List<String> rows = new ArrayList<>();
        dsl.select(ACCOUNT.ACCOUNT_NO, ACCOUNT.STATUS, ACCOUNT.CREDIT_LIMIT, ACCOUNT.AVAILABLE_AMOUNT, ACCOUNT.OUTSTANDING_BALANCE,
                ACCOUNT.TEMP_LIMIT, ACCOUNT.LAST_LIMIT_CHANGE, ACCOUNT.VERSION).from(ACCOUNT).forEach(r -> rows.add("ACCOUNT " + values(r)));
        dsl.select(ACCOUNT.ACCOUNT_NO, RULE_HIT.RULE_CODE, RULE_HIT.HIT_AT, RULE_HIT.SEVERITY, RULE_HIT.ACTION, RULE_HIT.EVIDENCE,
                RULE_HIT.FEED_AS_OF, RULE_HIT.STALE, RULE_HIT.OPEN_FLAG).from(RULE_HIT).join(ACCOUNT).on(ACCOUNT.ID.eq(RULE_HIT.ACCOUNT_ID))
                .forEach(r -> rows.add("HIT " + values(r)));
        var hit = RULE_HIT.as("H");
        dsl.select(LIMIT_PROPOSAL.PROPOSAL_TYPE, LIMIT_PROPOSAL.STATUS, ACCOUNT.ACCOUNT_NO, LIMIT_PROPOSAL.ROUTE, LIMIT_PROPOSAL.OLD_LIMIT,
                        LIMIT_PROPOSAL.PROPOSED_LIMIT, LIMIT_PROPOSAL.HIDDEN_CAP, LIMIT_PROPOSAL.EXPOSURE, LIMIT_PROPOSAL.PD, LIMIT_PROPOSAL.PRIORITY,
                        LIMIT_PROPOSAL.REASON_CODES, LIMIT_PROPOSAL.EVIDENCE, hit.RULE_CODE, hit.HIT_AT, LIMIT_PROPOSAL.TEMPORARY_LIMIT,
                        LIMIT_PROPOSAL.EXPIRES_AT, LIMIT_PROPOSAL.CREATED_AT, LIMIT_PROPOSAL.VERSION)
                .from(LIMIT_PROPOSAL).join(ACCOUNT).on(ACCOUNT.ID.eq(LIMIT_PROPOSAL.ACCOUNT_ID))
                .leftJoin(hit).on(hit.ID.eq(LIMIT_PROPOSAL.RULE_HIT_ID))
                .forEach(r -> rows.add("PROPOSAL " + values(r)));
        dsl.select(ACCOUNT.ACCOUNT_NO, LIMIT_DECISION.ACTION, LIMIT_DECISION.STATUS, LIMIT_DECISION.OLD_LIMIT, LIMIT_DECISION.NEW_LIMIT,
                        LIMIT_DECISION.DECIDED_AT, LIMIT_PROPOSAL.PROPOSAL_TYPE, LIMIT_PROPOSAL.CREATED_AT)
                .from(LIMIT_DECISION).join(ACCOUNT).on(ACCOUNT.ID.eq(LIMIT_DECISION.ACCOUNT_ID))
                .join(LIMIT_PROPOSAL).on(LIMIT_PROPOSAL.ID.eq(LIMIT_DECISION.PROPOSAL_ID))
                .forEach(r -> rows.add("DECISION " + values(r)));
        dsl.select(ACCOUNT.ACCOUNT_NO, LIMIT_CHANGE.CHANGED_AT, LIMIT_CHANGE.OLD_LIMIT, LIMIT_CHANGE.NEW_LIMIT, LIMIT_CHANGE.OLD_STATUS,
                        LIMIT_CHANGE.NEW_STATUS, LIMIT_CHANGE.SOURCE, LIMIT_CHANGE.REASON_CODES, LIMIT_DECISION.ACTION)
                .from(LIMIT_CHANGE).join(ACCOUNT).on(ACCOUNT.ID.eq(LIMIT_CHANGE.ACCOUNT_ID))
                .leftJoin(LIMIT_DECISION).on(LIMIT_DECISION.ID.eq(LIMIT_CHANGE.DECISION_ID))
                .forEach(r -> rows.add("CHANGE " + values(r)));
        dsl.select(ACCOUNT.ACCOUNT_NO, SUSPENSION.KIND, SUSPENSION.STATUS, SUSPENSION.RULE_CODE, hit.RULE_CODE, LIMIT_PROPOSAL.PROPOSAL_TYPE,
                        SUSPENSION.REASON_CODES, SUSPENSION.EVIDENCE, SUSPENSION.FEED_AS_OF, SUSPENSION.PREVIOUS_STATUS, SUSPENSION.PREVIOUS_LIMIT,
                        SUSPENSION.STARTED_AT)
                .from(SUSPENSION).join(ACCOUNT).on(ACCOUNT.ID.eq(SUSPENSION.ACCOUNT_ID))
                .leftJoin(hit).on(hit.ID.eq(SUSPENSION.RULE_HIT_ID))
                .leftJoin(LIMIT_PROPOSAL).on(LIMIT_PROPOSAL.ID.eq(SUSPENSION.PROPOSAL_ID))
                .forEach(r -> rows.add("SUSPENSION " + values(r)));
        dsl.select(ACCOUNT.ACCOUNT_NO, CUSTOMER_NOTICE.KIND, CUSTOMER_NOTICE.CHANNEL, CUSTOMER_NOTICE.LANGUAGE_TAG, CUSTOMER_NOTICE.TEMPLATE_CODE,
                        CUSTOMER_NOTICE.BODY, CUSTOMER_NOTICE.STATUS, LIMIT_PROPOSAL.PROPOSAL_TYPE, SUSPENSION.KIND, CUSTOMER_NOTICE.CREATED_AT)
                .from(CUSTOMER_NOTICE).join(ACCOUNT).on(ACCOUNT.ID.eq(CUSTOMER_NOTICE.ACCOUNT_ID))
                .leftJoin(LIMIT_PROPOSAL).on(LIMIT_PROPOSAL.ID.eq(CUSTOMER_NOTICE.PROPOSAL_ID))
                .leftJoin(SUSPENSION).on(SUSPENSION.ID.eq(CUSTOMER_NOTICE.SUSPENSION_ID))
                .forEach(r -> rows.add("NOTICE " + values(r)));
        // audit details name ids; keep only their words
        dsl.select(AUDIT_EVENT.ACTION, AUDIT_EVENT.ENTITY_TYPE, AUDIT_EVENT.OPERATOR_NAME, AUDIT_EVENT.REASON, AUDIT_EVENT.DETAILS)
                .from(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.notIn("RULE_SET_CREATED", "POLICY_CREATED", "OPERATOR_CREATED"))
                .forEach(r -> rows.add("AUDIT " + values(r).replaceAll("\\d+", "#")));
        rows.sort(null);
        return rows;
    }

    private static String values(Record r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < r.size(); i++) {
            b.append(i == 0 ? "" : " | ").append(r.get(i));
        }
        return b.toString();
    }

    /** An applied proposal's chain: hit → proposal → decision → limit change or suspension, two notices and one audit event. */
    private static void checkLinks(DSLContext dsl) {
        Result<?> applied = dsl.selectFrom(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.STATUS.eq(ProposalStatus.AUTO_APPLIED)).fetch();
        assertFalse(applied.isEmpty());
        for (Record r : applied) {
            var p = r.into(LIMIT_PROPOSAL);
            if (p.getRuleHitId() != null) {
                var h = dsl.selectFrom(RULE_HIT).where(RULE_HIT.ID.eq(p.getRuleHitId())).fetchOne();
                assertEquals(p.getAccountId(), h.getAccountId(), "a proposal's hit is its own account's");
                assertTrue(p.getReasonCodes().contains(h.getRuleCode()), p.getReasonCodes() + " names " + h.getRuleCode());
            }
            var d = dsl.selectFrom(LIMIT_DECISION).where(LIMIT_DECISION.PROPOSAL_ID.eq(p.getId())).fetchOne();
            assertNotNull(d, "decision of proposal " + p.getId());
            assertEquals(p.getAccountId(), d.getAccountId());
            assertEquals(2, dsl.fetchCount(CUSTOMER_NOTICE, CUSTOMER_NOTICE.PROPOSAL_ID.eq(p.getId())
                    .and(CUSTOMER_NOTICE.ACCOUNT_ID.eq(p.getAccountId()))), "SMS and in-app notice of proposal " + p.getId());
            assertEquals(1, dsl.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ENTITY_ID.eq(String.valueOf(p.getAccountId()))
                    .and(AUDIT_EVENT.ACTION.eq("LIMIT_" + p.getProposalType()))
                    .and(AUDIT_EVENT.DETAILS.endsWith("; proposal " + p.getId() + "; decision " + d.getId()))), "audit of proposal " + p.getId());
            if (p.getProposalType() == ProposalType.SUSPEND || p.getProposalType() == ProposalType.FREEZE) {
                var s = dsl.selectFrom(SUSPENSION).where(SUSPENSION.PROPOSAL_ID.eq(p.getId())).fetchOne();
                assertEquals(p.getAccountId(), s.getAccountId());
                assertEquals(p.getRuleHitId(), s.getRuleHitId());
                assertEquals(2, dsl.fetchCount(CUSTOMER_NOTICE, CUSTOMER_NOTICE.SUSPENSION_ID.eq(s.getId())));
            } else {
                assertEquals(1, dsl.fetchCount(LIMIT_CHANGE, LIMIT_CHANGE.DECISION_ID.eq(d.getId()).and(LIMIT_CHANGE.ACCOUNT_ID.eq(p.getAccountId()))));
            }
        }
    }

    @Test
    void bulkInsertReturnsTheIdsInRowOrderAcrossStatements() {
        try (LimitsFixture f = new LimitsFixture(dir)) {
            long account = f.account("1000", "0", "I1", 1);
            BulkInsert<?> rows = BulkInsert.into(LIMIT_CHANGE, LIMIT_CHANGE.ACCOUNT_ID, LIMIT_CHANGE.CHANGED_AT, LIMIT_CHANGE.NEW_LIMIT,
                    LIMIT_CHANGE.NEW_STATUS, LIMIT_CHANGE.SOURCE, LIMIT_CHANGE.REASON_CODES);
            int n = 600; // more than one statement's worth
            for (int i = 0; i < n; i++) {
                rows.add(account, NOW, Money.of(String.valueOf(i)), AccountStatus.ACTIVE, "ENGINE", "row " + i);
            }
            List<Long> ids = f.db.transactionResult(tx -> rows.executeReturning(tx, LIMIT_CHANGE.ID));
            assertEquals(n, ids.size());
            Map<Long, String> reasons = f.db.dsl().select(LIMIT_CHANGE.ID, LIMIT_CHANGE.REASON_CODES).from(LIMIT_CHANGE).fetchMap(LIMIT_CHANGE.ID,
                    LIMIT_CHANGE.REASON_CODES);
            for (int i = 0; i < n; i++) {
                assertEquals("row " + i, reasons.get(ids.get(i)));
            }
            assertEquals(0, rows.size(), "executed rows are forgotten");
        }
    }

    @Test
    void oneAccountChangedMeanwhileRollsTheWholeBatchBack() {
        try (LimitsFixture f = new LimitsFixture(dir)) {
            long a = f.account("10000", "2000", "I3", 1);
            long b = f.account("10000", "2000", "I3", 1);
            f.db.dsl().update(ACCOUNT).set(ACCOUNT.VERSION, ACCOUNT.VERSION.plus(1)).where(ACCOUNT.ID.eq(b)).execute(); // an operator acted on b
            List<LimitChanges.Applied> changes = List.of(
                    new LimitChanges.Applied(change(a, ProposalType.DECREASE), null, 0),
                    new LimitChanges.Applied(change(b, ProposalType.SUSPEND), null, 0));
            assertThrows(ConcurrentChangeException.class, () -> f.db.transaction(tx -> f.changes.applyAll(tx, TestOperators.batch(f.db), changes, "ENGINE", NOW)));
            assertEquals(0, Money.of("10000").compareTo(f.db.dsl().select(ACCOUNT.CREDIT_LIMIT).from(ACCOUNT).where(ACCOUNT.ID.eq(a))
                    .fetchOne(ACCOUNT.CREDIT_LIMIT)), "a is untouched too");
            assertEquals(0, f.db.dsl().fetchCount(LIMIT_CHANGE));
            assertEquals(0, f.db.dsl().fetchCount(SUSPENSION));
            assertEquals(0, f.db.dsl().fetchCount(CUSTOMER_NOTICE));
            assertEquals(0, f.db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.startsWith("LIMIT_")));
        }
    }

    private static LimitChanges.Change change(long account, ProposalType type) {
        return new LimitChanges.Change(account, null, type, Money.of("8000"), false, null, "POLICY_SCORE", null, null, null, null, null,
                type == ProposalType.SUSPEND ? SuspensionKind.RISK.name() : null, null);
    }
}
