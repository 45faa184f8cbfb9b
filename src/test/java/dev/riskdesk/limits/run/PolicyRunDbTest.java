package dev.riskdesk.limits.run;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.BATCH_JOB;
import static dev.riskdesk.db.schema.Tables.CUSTOMER_NOTICE;
import static dev.riskdesk.db.schema.Tables.LIMIT_DECISION;
import static dev.riskdesk.db.schema.Tables.LIMIT_POLICY;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.RULE_HIT;
import static dev.riskdesk.db.schema.Tables.RULE_SET;
import static dev.riskdesk.db.schema.Tables.SUSPENSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.accounts.NoticeKind;
import dev.riskdesk.accounts.NoticeStatus;
import dev.riskdesk.accounts.SuspensionKind;
import dev.riskdesk.common.Money;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.schema.tables.records.AccountRecord;
import dev.riskdesk.db.schema.tables.records.SuspensionRecord;
import dev.riskdesk.jobs.JobKind;
import dev.riskdesk.jobs.JobLease;
import dev.riskdesk.jobs.JobStatus;
import dev.riskdesk.jobs.TwoStarts;
import dev.riskdesk.limits.DecisionAction;
import dev.riskdesk.limits.LimitsFixture;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.security.TestOperators;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class PolicyRunDbTest {
    static final LocalDateTime NOW = LimitsFixture.NOW;
    @TempDir
    java.nio.file.Path dir;
    LimitsFixture f;

    @BeforeEach
    void open() {
        f = new LimitsFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private PolicyRunService.RunReport run(LocalDateTime at, boolean onlyAwaiting) {
        return f.runs.run(TestOperators.batch(f.db), new PolicyRunService.RunOptions(false, 2, at, onlyAwaiting), Progress.NONE);
    }

    /** The generator's repayment-delay case: paid on time, received after the as-of; the repayment feed lags. */
    private long repaymentDelayCase() {
        long id = f.account("10000", "3000", "I3", 1);
        f.score(id, 0.02, 70);
        long bill = f.bill(id, NOW.toLocalDate().minusDays(8), "500", "0");
        f.repayment(id, bill, "500", NOW.minusDays(9).plusHours(10), NOW.plusHours(3));
        f.feed("REPAYMENTS", NOW.minusDays(10), 24 * 14);
        return id;
    }

    @Test
    void repaymentInFlightNeverSuspendsOrDecreasesAndIsReEvaluatedWhenTheFeedCatchesUp() {
        f.feeds(NOW);
        long delayed = repaymentDelayCase();
        AccountRecord before = f.db.dsl().selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(delayed)).fetchOne();
        run(NOW, false);

        AccountRecord after = f.db.dsl().selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(delayed)).fetchOne();
        assertEquals(before.getCreditLimit(), after.getCreditLimit());
        assertEquals(AccountStatus.ACTIVE, after.getStatus());
        assertEquals(0, f.db.dsl().fetchCount(SUSPENSION, SUSPENSION.ACCOUNT_ID.eq(delayed)));
        assertEquals(0, f.db.dsl().fetchCount(CUSTOMER_NOTICE, CUSTOMER_NOTICE.ACCOUNT_ID.eq(delayed)));
        var proposals = f.db.dsl().selectFrom(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ACCOUNT_ID.eq(delayed)).fetch();
        assertEquals(1, proposals.size(), proposals.toString());
        assertEquals(ProposalStatus.AWAITING_DATA, proposals.get(0).getStatus());
        assertEquals(ProposalType.DECREASE, proposals.get(0).getProposalType());
        var hit = f.db.dsl().selectFrom(RULE_HIT).where(RULE_HIT.ACCOUNT_ID.eq(delayed)).and(RULE_HIT.RULE_CODE.eq("OVERDUE_DECREASE")).fetchOne();
        assertTrue(hit.getStale());
        assertTrue(hit.getFeedAsOf().contains("REPAYMENTS"), hit.getFeedAsOf());

        // the feed catches up and the repayment arrives: re-evaluation closes the waiting proposal
        f.feed("REPAYMENTS", NOW.plusHours(4), 48);
        run(NOW.plusHours(4), true);
        assertEquals(ProposalStatus.SUPERSEDED, f.db.dsl().select(LIMIT_PROPOSAL.STATUS).from(LIMIT_PROPOSAL)
                .where(LIMIT_PROPOSAL.ID.eq(proposals.get(0).getId())).fetchOne(LIMIT_PROPOSAL.STATUS));
        assertEquals(AccountStatus.ACTIVE, f.db.dsl().select(ACCOUNT.STATUS).from(ACCOUNT).where(ACCOUNT.ID.eq(delayed)).fetchOne(ACCOUNT.STATUS));
    }

    @Test
    void aPolicyCutOnAnAccountWhoseEvidenceWaitsForDataWaitsToo() {
        f.feeds(NOW);
        long id = f.account("10000", "3000", "I3", 1);
        // a low score (it read the same late repayment): band E puts the target far under the limit
        f.score(id, 0.30, 20, "E", NOW.toLocalDate(), NOW.minusDays(1));
        long bill = f.bill(id, NOW.toLocalDate().minusDays(8), "500", "0");
        f.repayment(id, bill, "500", NOW.minusDays(9).plusHours(10), NOW.plusHours(3));
        f.feed("REPAYMENTS", NOW.minusDays(10), 24 * 14);
        run(NOW, false);

        assertEquals(0, Money.of("10000").compareTo(f.db.dsl().select(ACCOUNT.CREDIT_LIMIT).from(ACCOUNT).where(ACCOUNT.ID.eq(id))
                .fetchOne(ACCOUNT.CREDIT_LIMIT)), "limit untouched");
        var proposals = f.db.dsl().selectFrom(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ACCOUNT_ID.eq(id)).fetch();
        assertEquals(List.of(ProposalStatus.AWAITING_DATA), proposals.map(p -> p.getStatus()), proposals.toString());
    }

    @Test
    void arrearsBelowEveryRuleButOnALaggingFeedDoNotLetTheScoreCutTheLimit() {
        f.feeds(NOW);
        long id = f.account("10000", "3000", "I3", 1);
        f.score(id, 0.30, 20, "E", NOW.toLocalDate(), NOW.minusDays(1));
        long bill = f.bill(id, NOW.toLocalDate().minusDays(2), "500", "0"); // 2 days: under every overdue rule
        f.repayment(id, bill, "500", NOW.minusDays(3), NOW.plusHours(3));
        f.feed("REPAYMENTS", NOW.minusDays(10), 24 * 14);
        run(NOW, false);

        assertEquals(0, f.db.dsl().fetchCount(RULE_HIT, RULE_HIT.ACCOUNT_ID.eq(id).and(RULE_HIT.RULE_CODE.startsWith("OVERDUE"))));
        assertEquals(0, Money.of("10000").compareTo(f.db.dsl().select(ACCOUNT.CREDIT_LIMIT).from(ACCOUNT).where(ACCOUNT.ID.eq(id))
                .fetchOne(ACCOUNT.CREDIT_LIMIT)), "limit untouched");
        var proposals = f.db.dsl().selectFrom(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ACCOUNT_ID.eq(id)).fetch();
        assertEquals(List.of(ProposalStatus.AWAITING_DATA), proposals.map(p -> p.getStatus()), proposals.toString());
        assertEquals(List.of(ProposalType.DECREASE), proposals.map(p -> p.getProposalType()));
    }

    @Test
    void theNightlyScoreComputedAfterTheDataCutDrivesTheTargetButAFutureMonthsScoreDoesNot() {
        f.feeds(NOW);
        long scoredTonight = f.account("10000", "3000", "I3", 1);
        // the batch scores the month's data a few hours after the cut the run evaluates at
        f.score(scoredTonight, 0.01, 90, NOW.toLocalDate().withDayOfMonth(1).plusMonths(1).minusDays(1), NOW.plusHours(7));
        f.history(scoredTonight, "10000", "3000", "2000");
        long scoredNextMonth = f.account("10000", "3000", "I3", 1);
        f.score(scoredNextMonth, 0.01, 90, NOW.toLocalDate().withDayOfMonth(1).plusMonths(2).minusDays(1), NOW.plusMonths(1));
        run(NOW, false);

        var tonight = f.db.dsl().selectFrom(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ACCOUNT_ID.eq(scoredTonight)).fetch();
        assertEquals(1, tonight.size(), tonight.toString());
        assertEquals(ProposalType.INCREASE, tonight.get(0).getProposalType());
        assertTrue(tonight.get(0).getReasonCodes().contains("POLICY_"), tonight.get(0).getReasonCodes());
        assertTrue(tonight.get(0).getProposedLimit().compareTo(Money.of("3000")) > 0);
        assertEquals(0, f.db.dsl().fetchCount(LIMIT_PROPOSAL, LIMIT_PROPOSAL.ACCOUNT_ID.eq(scoredNextMonth)
                .and(LIMIT_PROPOSAL.REASON_CODES.contains("POLICY_"))));
    }

    @Test
    void onlyALineInUseGetsAnIncreaseWhileARiskCutStillComes() {
        f.feeds(NOW);
        long below = f.account("10000", "1490", "I5", 1);
        long at = f.account("10000", "1500", "I5", 1);
        long dormant = f.account("10000", "3000", "I5", 1);
        long weak = f.account("10000", "500", "I1", 1);
        for (long id : new long[] {below, at, dormant}) {
            f.score(id, 0.03, 100, "C", NOW.toLocalDate(), NOW.minusDays(1)); // band C asks 15 % utilisation for an increase
        }
        f.score(weak, 0.30, 0, "E", NOW.toLocalDate(), NOW.minusDays(1));
        f.history(below, "10000", "1490", "1000"); // 14.9 % of the line on average over the last 3 months
        f.history(at, "10000", "1500", "1000"); // 15 %
        f.history(dormant, "10000", "3000", "0"); // a balance but no spend: dormant
        f.history(weak, "10000", "500", "100"); // 5 %: hardly used, but the score says cut
        run(NOW, false);

        assertEquals(List.of(), types(below));
        assertEquals(List.of(ProposalType.INCREASE), types(at));
        assertEquals(List.of(), types(dormant));
        assertEquals(List.of(ProposalType.DECREASE), types(weak), "decreases for risk do not depend on the utilisation");
        assertTrue(f.db.dsl().select(LIMIT_PROPOSAL.EVIDENCE).from(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ACCOUNT_ID.eq(at))
                .fetchOne(LIMIT_PROPOSAL.EVIDENCE).contains("\"increaseEligibility\":\"ELIGIBLE\""));
    }

    private List<ProposalType> types(long accountId) {
        return f.db.dsl().select(LIMIT_PROPOSAL.PROPOSAL_TYPE).from(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ACCOUNT_ID.eq(accountId))
                .fetch(LIMIT_PROPOSAL.PROPOSAL_TYPE);
    }

    /**
     * A re-run leaves an open proposal whose amount lies within the dead band of the new one untouched (same row, version and
     * amount); one outside it is superseded by a new proposal. Increase: 13,000 proposed on 10,000, band max(10 %, ¥1,000) =
     * 1,000; decrease: 7,000 proposed, band minChangePercent 5 % = 500.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}: stored {1}, kept {2}")
    @org.junit.jupiter.params.provider.CsvSource({"INCREASE,12100,true", "INCREASE,11900,false", "INCREASE,13900,true", "INCREASE,14000,false",
            "DECREASE,7400,true", "DECREASE,7600,false", "DECREASE,6600,true", "DECREASE,6500,false"})
    void aReRunKeepsAnOpenProposalWithinTheDeadBand(ProposalType type, String stored, boolean kept) {
        f.feeds(NOW);
        long id = type == ProposalType.INCREASE ? f.account("10000", "5000", "I5", 1) : f.account("10000", "9000", "I1", 1);
        f.score(id, type == ProposalType.INCREASE ? 0.01 : 0.30, type == ProposalType.INCREASE ? 100 : 0, type == ProposalType.INCREASE ? "B" : "E",
                NOW.toLocalDate(), NOW.minusDays(1));
        f.history(id, "10000", type == ProposalType.INCREASE ? "5000" : "9000", "2000");
        run(NOW, false);
        var first = f.db.dsl().selectFrom(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ACCOUNT_ID.eq(id)).fetchOne();
        assertEquals(type, first.getProposalType());
        assertEquals(ProposalStatus.PENDING, first.getStatus());
        assertEquals(Money.of(type == ProposalType.INCREASE ? "13000" : "7000"), first.getProposedLimit());
        // an earlier run's amount
        f.db.dsl().update(LIMIT_PROPOSAL).set(LIMIT_PROPOSAL.PROPOSED_LIMIT, Money.of(stored)).where(LIMIT_PROPOSAL.ID.eq(first.getId())).execute();

        run(NOW.plusHours(1), false);
        var rows = f.db.dsl().selectFrom(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ACCOUNT_ID.eq(id)).orderBy(LIMIT_PROPOSAL.ID).fetch();
        if (kept) {
            assertEquals(1, rows.size(), rows.toString());
            assertEquals(ProposalStatus.PENDING, rows.get(0).getStatus());
            assertEquals(first.getVersion(), rows.get(0).getVersion(), "untouched");
            assertEquals(Money.of(stored), rows.get(0).getProposedLimit());
        } else {
            assertEquals(List.of(ProposalStatus.SUPERSEDED, ProposalStatus.PENDING), rows.map(r -> r.getStatus()));
            assertEquals(first.getProposedLimit(), rows.get(1).getProposedLimit());
        }
    }

    @Test
    void takeoverIsSuspendedAsFraudWithEvidenceAndAChineseNotice() {
        f.feeds(NOW);
        long victim = f.account("20000", "5000", "I3", 1);
        f.score(victim, 0.02, 70);
        f.takeover(victim);
        run(NOW, false);

        AccountRecord a = f.db.dsl().selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(victim)).fetchOne();
        assertEquals(AccountStatus.SUSPENDED, a.getStatus());
        assertEquals(Money.ZERO, a.getAvailableAmount());
        assertEquals(Money.of("5000"), a.getOutstandingBalance(), "the balance is never touched");
        SuspensionRecord s = f.db.dsl().selectFrom(SUSPENSION).where(SUSPENSION.ACCOUNT_ID.eq(victim)).fetchOne();
        assertEquals(SuspensionKind.FRAUD, s.getKind());
        assertEquals("ACCOUNT_TAKEOVER", s.getRuleCode());
        assertEquals(AccountStatus.ACTIVE, s.getPreviousStatus());
        assertEquals(Money.of("20000"), s.getPreviousLimit());
        assertTrue(s.getFeedAsOf().contains("LOGINS") && s.getFeedAsOf().contains("TRANSACTIONS"), s.getFeedAsOf());
        assertTrue(s.getEvidence().contains("highValueTxns"), s.getEvidence());
        assertEquals(DecisionAction.AUTO_APPLY, f.db.dsl().select(LIMIT_DECISION.ACTION).from(LIMIT_DECISION).where(LIMIT_DECISION.ACCOUNT_ID.eq(victim))
                .fetchOne(LIMIT_DECISION.ACTION));
        var notices = f.db.dsl().selectFrom(CUSTOMER_NOTICE).where(CUSTOMER_NOTICE.ACCOUNT_ID.eq(victim)).orderBy(CUSTOMER_NOTICE.CHANNEL).fetch();
        assertEquals(List.of("APP", "SMS"), notices.map(n -> n.getChannel()));
        for (var n : notices) {
            assertEquals(NoticeKind.SUSPENSION, n.getKind());
            assertEquals("zh_CN", n.getLanguageTag());
            assertTrue(n.getBody().contains("新设备") && n.getBody().contains("申诉") && n.getBody().contains("48 小时内答复"), n.getBody());
            assertEquals(NoticeStatus.PENDING, n.getStatus());
        }

        run(NOW.plusMinutes(5), false); // a second run does not suspend again
        assertEquals(1, f.db.dsl().fetchCount(SUSPENSION, SUSPENSION.ACCOUNT_ID.eq(victim)));
    }

    /**
     * A band-A line above what income carries (I1: 4 × 3,000) and a little-used band-C line: both cut by themselves (at most
     * 20 %), each proposal naming its driver first and each notice saying it in words, never "credit assessment".
     */
    @Test
    void aCapacityCutAndALowUsageCutTellTheCustomerWhatBinds() {
        f.feeds(NOW);
        long capacity = f.account("14000", "3000", "I1", 1);
        f.score(capacity, 0.002, 80, "A", NOW.toLocalDate(), NOW.minusDays(1));
        f.history(capacity, "14000", "3000", "1000");
        long idle = f.account("21500", "500", "I3", 1);
        f.score(idle, 0.03, 50, "C", NOW.toLocalDate(), NOW.minusDays(1));
        f.history(idle, "21500", "500", "1000");
        run(NOW, false);

        for (Object[] c : new Object[][] {{capacity, "POLICY_CAPACITY", "12000", "收入与现有负债"}, {idle, "POLICY_LOW_USAGE", "17500", "使用较少"}}) {
            long id = (Long) c[0];
            var p = f.db.dsl().selectFrom(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ACCOUNT_ID.eq(id)).fetchOne();
            assertEquals(ProposalType.DECREASE, p.getProposalType());
            assertEquals(ProposalStatus.AUTO_APPLIED, p.getStatus());
            assertEquals(Money.of((String) c[2]), p.getProposedLimit());
            assertEquals(c[1], p.getReasonCodes().split(",")[0], p.getReasonCodes());
            var notices = f.db.dsl().selectFrom(CUSTOMER_NOTICE).where(CUSTOMER_NOTICE.ACCOUNT_ID.eq(id)).fetch();
            assertEquals(2, notices.size());
            for (var n : notices) {
                assertEquals(NoticeKind.LIMIT_DECREASE, n.getKind());
                assertTrue(n.getBody().contains((String) c[3]), n.getBody());
                assertTrue(!n.getBody().contains("信用评估"), n.getBody());
            }
        }
    }

    /**
     * The reader reads older transactions only for accounts a rule needs them for; these two need them: a takeover whose
     * login lies before the spending spike's 7-day window, and a recent spend above the spike's minimum whose 90-day
     * baseline (older rows) shows it is the customer's normal.
     */
    @Test
    void olderTransactionsAreReadWhereARuleNeedsThem() {
        f.feeds(NOW);
        long victim = f.account("20000", "5000", "I3", 1);
        f.login(victim, NOW.minusDays(9), true, true);
        f.txn(victim, NOW.minusDays(9).plusHours(1), "4999.00");
        f.txn(victim, NOW.minusDays(9).plusHours(3), "3888.00");
        long regular = f.account("20000", "5000", "I3", 1);
        for (int week = 2; week <= 13; week++) {
            f.txn(regular, NOW.minusDays(7L * week), "4000.00");
        }
        f.txn(regular, NOW.minusDays(2), "4000.00");
        long spiking = f.account("20000", "5000", "I3", 1);
        f.txn(spiking, NOW.minusDays(60), "500.00");
        f.txn(spiking, NOW.minusDays(2), "4000.00");
        run(NOW, false);

        assertEquals(AccountStatus.SUSPENDED, f.db.dsl().select(ACCOUNT.STATUS).from(ACCOUNT).where(ACCOUNT.ID.eq(victim)).fetchOne(ACCOUNT.STATUS));
        assertEquals(0, f.db.dsl().fetchCount(RULE_HIT, RULE_HIT.ACCOUNT_ID.eq(regular).and(RULE_HIT.RULE_CODE.eq("SPENDING_SPIKE"))),
                "4,000 a week is this customer's normal");
        assertEquals(1, f.db.dsl().fetchCount(RULE_HIT, RULE_HIT.ACCOUNT_ID.eq(spiking).and(RULE_HIT.RULE_CODE.eq("SPENDING_SPIKE"))));
    }

    @Test
    void staleLoginFeedDoesNotSuspend() {
        f.feeds(NOW);
        f.feed("LOGINS", NOW.minusDays(3), 24);
        long victim = f.account("20000", "5000", "I3", 1);
        f.takeover(victim);
        run(NOW, false);
        assertEquals(AccountStatus.ACTIVE, f.db.dsl().select(ACCOUNT.STATUS).from(ACCOUNT).where(ACCOUNT.ID.eq(victim)).fetchOne(ACCOUNT.STATUS));
        assertEquals(ProposalStatus.AWAITING_DATA, f.db.dsl().select(LIMIT_PROPOSAL.STATUS).from(LIMIT_PROPOSAL)
                .where(LIMIT_PROPOSAL.ACCOUNT_ID.eq(victim)).fetchOne(LIMIT_PROPOSAL.STATUS));
    }

    /** Fresh feeds and {@code n} accounts showing an account takeover: each run suspends every one of them. */
    private long[] takenOverAccounts(int n) {
        f.feeds(NOW);
        long[] victims = new long[n];
        for (int i = 0; i < n; i++) {
            victims[i] = f.account("20000", "5000", "I3", 1);
            f.takeover(victims[i]);
        }
        return victims;
    }

    @Test
    void aCrashedRunResumesAfterTheLastCommittedChunkWithoutApplyingTwice() {
        long[] victims = takenOverAccounts(5);
        assertThrows(IllegalStateException.class, () ->
                f.runs.run(TestOperators.batch(f.db), new PolicyRunService.RunOptions(false, 2, NOW, false), Progress.NONE, 1));
        var job = f.db.dsl().selectFrom(BATCH_JOB).fetchOne();
        assertEquals(JobStatus.FAILED, job.getStatus());
        assertEquals(victims[1], job.getLastKey());
        assertEquals(2, f.db.dsl().fetchCount(SUSPENSION));

        PolicyRunService.RunReport report = run(null, false);
        assertTrue(report.resumed());
        assertEquals(3, report.accounts());
        assertEquals(NOW, report.at(), "the resumed run keeps its evaluation time");
        assertEquals(JobStatus.COMPLETED, f.db.dsl().select(BATCH_JOB.STATUS).from(BATCH_JOB).fetchOne(BATCH_JOB.STATUS));
        for (long v : victims) {
            assertEquals(1, f.db.dsl().fetchCount(SUSPENSION, SUSPENSION.ACCOUNT_ID.eq(v)));
            assertEquals(1, f.db.dsl().fetchCount(LIMIT_DECISION, LIMIT_DECISION.ACCOUNT_ID.eq(v)));
        }
    }

    @Test
    void twoFirstEverRunsAtOnceStoreTheDefaultRulesAndPolicyOnce() throws Exception {
        takenOverAccounts(5); // only the seeded rules and policy of the new database: neither start stores another
        TwoStarts.Outcome<PolicyRunService.RunReport> outcome = TwoStarts.atOnce(progress ->
                f.runs.run(TestOperators.batch(f.db), new PolicyRunService.RunOptions(false, 2, NOW, false), progress));
        assertEquals(1, outcome.ran().size(), outcome.refused().toString());
        assertEquals(1, outcome.refused().size(), "the other start is refused by the lease, not by a duplicate version");
        assertEquals(1, f.db.dsl().fetchCount(LIMIT_POLICY), "the seed stays the one policy version");
        assertEquals(1, f.db.dsl().fetchCount(RULE_SET), "and as one rule-set version");
        assertEquals(JobStatus.COMPLETED, f.db.dsl().select(BATCH_JOB.STATUS).from(BATCH_JOB).fetchOne(BATCH_JOB.STATUS));
    }

    @Test
    void aSecondRunWhileOneRunsIsRefusedByNameInsteadOfResumingIt() throws Exception {
        long[] victims = takenOverAccounts(5);
        f.rules.active(); // the stored rules and policy exist, as after the first run
        f.policies.active();
        TwoStarts.Outcome<PolicyRunService.RunReport> outcome = TwoStarts.atOnce(progress ->
                f.runs.run(TestOperators.batch(f.db), new PolicyRunService.RunOptions(false, 2, NOW, false), progress));
        assertEquals(1, outcome.ran().size(), outcome.refused().toString());
        assertEquals(1, outcome.refused().size());
        long job = outcome.ran().get(0).jobId();
        String refusal = outcome.refused().get(0).getMessage();
        assertTrue(refusal.startsWith("Policy run " + job + " is running since "), refusal);
        assertTrue(refusal.contains(" on " + JobLease.Owner.current().host() + " (process "), refusal);
        assertEquals(1, f.db.dsl().fetchCount(BATCH_JOB), "the refused run left no job");
        assertEquals(JobStatus.COMPLETED, f.db.dsl().select(BATCH_JOB.STATUS).from(BATCH_JOB).fetchOne(BATCH_JOB.STATUS));
        for (long v : victims) {
            assertEquals(1, f.db.dsl().fetchCount(SUSPENSION, SUSPENSION.ACCOUNT_ID.eq(v)));
            assertEquals(f.db.dsl().fetchCount(f.db.dsl().selectDistinct(RULE_HIT.RULE_CODE).from(RULE_HIT).where(RULE_HIT.ACCOUNT_ID.eq(v))),
                    f.db.dsl().fetchCount(RULE_HIT, RULE_HIT.ACCOUNT_ID.eq(v)), "each rule hit once");
        }
    }

    @Test
    void aRunKilledOnThisHostIsResumedAtOnceByTheNextRun() throws Exception {
        long[] victims = takenOverAccounts(5);
        assertThrows(IllegalStateException.class, () ->
                f.runs.run(TestOperators.batch(f.db), new PolicyRunService.RunOptions(false, 2, NOW, false), Progress.NONE, 1));
        // as a kill -9 leaves it: still RUNNING, its lease held by a process of this host that is gone
        Process killed = new ProcessBuilder("java", "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        killed.waitFor();
        f.db.dsl().update(BATCH_JOB).set(BATCH_JOB.STATUS, JobStatus.RUNNING).set(BATCH_JOB.LEASE_KIND, JobKind.POLICY_RUN)
                .set(BATCH_JOB.OWNER_HOST, JobLease.Owner.current().host()).set(BATCH_JOB.OWNER_PID, killed.pid())
                .set(BATCH_JOB.CLAIMED_AT, JobLease.now()).set(BATCH_JOB.HEARTBEAT, JobLease.now()).execute();

        PolicyRunService.RunReport report = run(null, false);
        assertTrue(report.resumed());
        assertEquals(3, report.accounts());
        assertEquals(JobStatus.COMPLETED, f.db.dsl().select(BATCH_JOB.STATUS).from(BATCH_JOB).fetchOne(BATCH_JOB.STATUS));
        for (long v : victims) {
            assertEquals(1, f.db.dsl().fetchCount(SUSPENSION, SUSPENSION.ACCOUNT_ID.eq(v)));
        }
    }

    @Test
    void loginsReachTheirAccountsAlsoWhenAChunksCustomersAreFarApart() {
        f.feeds(NOW);
        long near = f.account("20000", "5000", "I3", 1);
        // the next customer id is millions away: the chunk's logins are then read through ACCOUNT, not as one customer range
        f.db.transaction(tx -> tx.execute("ALTER TABLE CUSTOMER ALTER COLUMN ID RESTART WITH 5000000"));
        long far = f.account("20000", "5000", "I3", 1);
        long quiet = f.account("20000", "5000", "I3", 1);
        f.takeover(near);
        f.takeover(far);
        run(NOW, false);
        assertEquals(1, f.db.dsl().fetchCount(SUSPENSION, SUSPENSION.ACCOUNT_ID.eq(near)));
        assertEquals(1, f.db.dsl().fetchCount(SUSPENSION, SUSPENSION.ACCOUNT_ID.eq(far)));
        assertEquals(0, f.db.dsl().fetchCount(SUSPENSION, SUSPENSION.ACCOUNT_ID.eq(quiet)));
    }

    @Test
    void dryRunWritesNothing() {
        f.feeds(NOW);
        long victim = f.account("20000", "5000", "I3", 1);
        f.takeover(victim);
        // a new database holds only its seeded rules and policy: the dry run stores no other version
        PolicyRunService.RunReport report = f.runs.run(TestOperators.batch(f.db), new PolicyRunService.RunOptions(true, 100, NOW, false), Progress.NONE);
        assertEquals(1, report.autoApplied());
        assertEquals(0, f.db.dsl().fetchCount(LIMIT_PROPOSAL));
        assertEquals(0, f.db.dsl().fetchCount(BATCH_JOB));
        assertEquals(1, f.db.dsl().fetchCount(DSL.table(DSL.name("RULE_SET"))), "no rule set stored beside the seed");
        assertEquals(1, f.db.dsl().fetchCount(DSL.table(DSL.name("LIMIT_POLICY"))), "no policy stored beside the seed");
        assertEquals(AccountStatus.ACTIVE, f.db.dsl().select(ACCOUNT.STATUS).from(ACCOUNT).where(ACCOUNT.ID.eq(victim)).fetchOne(ACCOUNT.STATUS));
    }
}
