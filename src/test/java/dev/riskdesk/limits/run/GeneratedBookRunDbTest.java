package dev.riskdesk.limits.run;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.BILL;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;
import static dev.riskdesk.db.schema.Tables.GENERATOR_TRUTH;
import static dev.riskdesk.db.schema.Tables.LIMIT_CHANGE;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.RULE_HIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.accounts.BillStatus;
import dev.riskdesk.common.Progress;
import dev.riskdesk.limits.LimitsFixture;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.portfolio.GeneratorOptions;
import dev.riskdesk.portfolio.PortfolioGenerator;
import dev.riskdesk.security.TestOperators;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy run on a generated book, against the generator's truth: the repayment feed lags about a day, so overdue rules
 * act on the book, and only the accounts whose repayment is still in flight are held back; charged-off accounts are not
 * evaluated at all.
 */
@Tag("db")
class GeneratedBookRunDbTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 22);
    static final int CUSTOMERS = 1500;
    @TempDir
    static Path dir;
    static LimitsFixture f;
    static DSLContext dsl;
    static PolicyRunService.RunReport report;

    @BeforeAll
    static void generateAndRun() {
        f = new LimitsFixture(dir);
        dsl = f.db.dsl();
        new PortfolioGenerator(f.db).generate(TestOperators.batch(f.db), GeneratorOptions.of(CUSTOMERS, 12, 7, AS_OF), Progress.NONE);
        report = f.runs.run(TestOperators.batch(f.db), new PolicyRunService.RunOptions(false, 500, null, false), Progress.NONE);
    }

    @AfterAll
    static void close() {
        f.close();
    }

    @Test
    void theRepaymentFeedIsAboutADayBehindAndWithinItsTolerance() {
        var feed = dsl.selectFrom(DATA_FEED).where(DATA_FEED.CODE.eq("REPAYMENTS")).fetchOne();
        LocalDateTime asOf = AS_OF.atStartOfDay();
        assertTrue(feed.getAsOf().isBefore(asOf.minusHours(12)) && !feed.getAsOf().isBefore(asOf.minusHours(feed.getToleranceHours())),
                feed.getAsOf() + " with a tolerance of " + feed.getToleranceHours() + " h");
        assertEquals(asOf, report.at(), "the run evaluates the book at its own as-of");
        // nothing in the database was received by the feed after its as-of and before the book's
        assertEquals(0, dsl.fetchCount(dev.riskdesk.db.schema.Tables.REPAYMENT, dev.riskdesk.db.schema.Tables.REPAYMENT.RECEIVED_AT.gt(feed.getAsOf())
                .and(dev.riskdesk.db.schema.Tables.REPAYMENT.RECEIVED_AT.le(asOf))));
    }

    @Test
    void overdueRulesActAndExactlyTheInFlightRepaymentsAreHeldBack() {
        Set<Long> inFlight = new HashSet<>(dsl.select(GENERATOR_TRUTH.ACCOUNT_ID).from(GENERATOR_TRUTH)
                .where(GENERATOR_TRUTH.SCENARIO.eq("REPAYMENT_DELAY")).and(GENERATOR_TRUTH.DETAILS.like("in flight%")).fetch(GENERATOR_TRUTH.ACCOUNT_ID));
        assertTrue(inFlight.size() >= 3, "a handful of repayments in flight: " + inFlight);
        // the generator shows each of them as a bill whose repayment is pending
        assertEquals(inFlight, new HashSet<>(dsl.selectDistinct(BILL.ACCOUNT_ID).from(BILL).where(BILL.STATUS.eq(BillStatus.PENDING)).fetch(BILL.ACCOUNT_ID)));

        var overdue = RULE_HIT.RULE_CODE.in("OVERDUE_DECREASE", "OVERDUE_FREEZE");
        Set<Long> held = new HashSet<>(dsl.selectDistinct(RULE_HIT.ACCOUNT_ID).from(RULE_HIT).where(overdue).and(RULE_HIT.STALE.isTrue())
                .fetch(RULE_HIT.ACCOUNT_ID));
        assertEquals(inFlight, held, "the stale-data guard holds back exactly the accounts whose repayment is in flight");
        int fresh = dsl.fetchCount(RULE_HIT, overdue.and(RULE_HIT.STALE.isFalse()));
        assertTrue(fresh > 20, "overdue rules act on the rest of the book: " + fresh);

        // what the fresh overdue hits did: decreases and freezes, applied or to review
        List<ProposalType> acted = dsl.select(LIMIT_PROPOSAL.PROPOSAL_TYPE).from(LIMIT_PROPOSAL).join(RULE_HIT).on(RULE_HIT.ID.eq(LIMIT_PROPOSAL.RULE_HIT_ID))
                .where(overdue).and(RULE_HIT.STALE.isFalse()).and(LIMIT_PROPOSAL.STATUS.ne(ProposalStatus.AWAITING_DATA)).fetch(LIMIT_PROPOSAL.PROPOSAL_TYPE);
        assertTrue(acted.contains(ProposalType.DECREASE) && acted.contains(ProposalType.FREEZE), "overdue actions: " + acted);
        // and the in-flight accounts: never cut automatically, never proposed a cut for being overdue (a utilisation jump that
        // the missing repayment inflates goes to review: the appeal demo's false positive)
        var cuts = dsl.select(LIMIT_PROPOSAL.ACCOUNT_ID, LIMIT_PROPOSAL.PROPOSAL_TYPE, LIMIT_PROPOSAL.STATUS, LIMIT_PROPOSAL.REASON_CODES).from(LIMIT_PROPOSAL)
                .where(LIMIT_PROPOSAL.ACCOUNT_ID.in(inFlight))
                .and(LIMIT_PROPOSAL.PROPOSAL_TYPE.in(ProposalType.DECREASE, ProposalType.FREEZE, ProposalType.SUSPEND))
                .and(LIMIT_PROPOSAL.STATUS.eq(ProposalStatus.AUTO_APPLIED).or(LIMIT_PROPOSAL.REASON_CODES.contains("OVERDUE")
                        .and(LIMIT_PROPOSAL.STATUS.ne(ProposalStatus.AWAITING_DATA)))).fetch();
        assertTrue(cuts.isEmpty(), cuts.format());
        assertTrue(dsl.fetchCount(LIMIT_PROPOSAL, LIMIT_PROPOSAL.STATUS.eq(ProposalStatus.AWAITING_DATA).and(LIMIT_PROPOSAL.ACCOUNT_ID.in(inFlight))) > 0,
                "the overdue decreases of the in-flight accounts wait for their repayments");
    }

    @Test
    void accountsChargedOffAt180DaysPastDueLeaveTheBookAndTheRun() {
        LocalDateTime asOf = AS_OF.atStartOfDay();
        // the generator's defaults (90 days past due) older than 90 days are charged off, and only they
        Set<Long> expected = new HashSet<>(dsl.select(GENERATOR_TRUTH.ACCOUNT_ID).from(GENERATOR_TRUTH).where(GENERATOR_TRUTH.SCENARIO.eq("DEFAULT_90"))
                .and(GENERATOR_TRUTH.EVENT_AT.plus(90).lt(asOf)).fetch(GENERATOR_TRUTH.ACCOUNT_ID));
        Set<Long> chargedOff = new HashSet<>(dsl.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.STATUS.eq(AccountStatus.CHARGED_OFF)).fetch(ACCOUNT.ID));
        assertFalse(chargedOff.isEmpty());
        assertEquals(expected, chargedOff);
        for (var c : dsl.selectFrom(LIMIT_CHANGE).where(LIMIT_CHANGE.NEW_STATUS.eq(AccountStatus.CHARGED_OFF)).fetch()) {
            assertEquals(AccountStatus.FROZEN, c.getOldStatus(), "charged off from the default freeze");
            assertEquals("DPD180", c.getReasonCodes());
        }
        assertEquals(chargedOff.size(), dsl.fetchCount(LIMIT_CHANGE, LIMIT_CHANGE.NEW_STATUS.eq(AccountStatus.CHARGED_OFF)));
        // no statement after the charge-off
        assertEquals(0, dsl.fetchCount(BILL.join(LIMIT_CHANGE).on(LIMIT_CHANGE.ACCOUNT_ID.eq(BILL.ACCOUNT_ID))
                .and(LIMIT_CHANGE.NEW_STATUS.eq(AccountStatus.CHARGED_OFF)).and(BILL.STATEMENT_DATE.gt(LIMIT_CHANGE.CHANGED_AT.cast(LocalDate.class)))));
        // the run evaluated the rest of the book and nothing of them
        assertEquals(CUSTOMERS - chargedOff.size(), report.accounts());
        assertEquals(0, dsl.fetchCount(RULE_HIT, RULE_HIT.ACCOUNT_ID.in(chargedOff)));
        assertEquals(0, dsl.fetchCount(LIMIT_PROPOSAL, LIMIT_PROPOSAL.ACCOUNT_ID.in(chargedOff)));
    }
}
