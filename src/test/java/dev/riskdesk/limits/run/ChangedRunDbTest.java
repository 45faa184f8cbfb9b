package dev.riskdesk.limits.run;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.BATCH_JOB;
import static dev.riskdesk.db.schema.Tables.CHANGED_ACCOUNT;
import static dev.riskdesk.db.schema.Tables.CUSTOMER_NOTICE;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;
import static dev.riskdesk.db.schema.Tables.LIMIT_CHANGE;
import static dev.riskdesk.db.schema.Tables.LIMIT_DECISION;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.REPAYMENT;
import static dev.riskdesk.db.schema.Tables.RULE_HIT;
import static dev.riskdesk.db.schema.Tables.SUSPENSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.ChangedAccounts;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.jobs.JobStatus;
import dev.riskdesk.jobs.TwoStarts;
import dev.riskdesk.limits.LimitServices;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.portfolio.GeneratorOptions;
import dev.riskdesk.portfolio.PortfolioGenerator;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestOperators;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code policy run --changed} on a generated book after a full run: a repayment arrives for some accounts and the lagging
 * feeds catch up. The incremental run evaluates exactly the marked accounts, writes for each what a fresh full run writes
 * for it, leaves every other account as it was, and empties the marks; a crashed run followed by another ends as one run.
 */
@Tag("db")
class ChangedRunDbTest {
    static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    static final LocalDate AS_OF = LocalDate.of(2026, 12, 1);
    /** The wall clock of the test: the marks and the runs' starts. */
    static final Clock CLOCK = Clock.fixed(LocalDateTime.of(2026, 12, 2, 9, 0).atZone(CST).toInstant(), CST);

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    /** A generated book after its first full run: copied for each test. */
    @BeforeAll
    static void book() {
        try (Database db = open(shared.resolve("book"))) {
            new PortfolioGenerator(db).generate(TestOperators.batch(db), new GeneratorOptions(150, 4, 11, 3, AS_OF), Progress.NONE);
            services(db).runs.run(TestOperators.batch(db), new PolicyRunService.RunOptions(false, 100, null, false), Progress.NONE);
        }
    }

    private static Database open(Path folder) {
        return Database.open(DatabaseLocation.ofPath(folder.resolve("riskdesk")));
    }

    private static LimitServices services(Database db) {
        return new LimitServices(db, new AuditLog(CLOCK), CLOCK);
    }

    private Database copy(String name) throws IOException {
        Path to = dir.resolve(name);
        Files.createDirectories(to);
        Files.copy(shared.resolve("book").resolve("riskdesk.mv.db"), to.resolve("riskdesk.mv.db"));
        Files.copy(shared.resolve("book").resolve("riskdesk.key"), to.resolve("riskdesk.key")); // the file's password
        return open(to);
    }

    /**
     * The day's changes, made as a load would make them: a repayment of every third account that has a bill (marked), and the
     * lagging feeds moved to the newest as-of time (the accounts waiting for them marked). Returns the accounts a repayment was
     * added to.
     */
    private static Set<Long> changeTheBook(Database db) {
        DSLContext dsl = db.dsl();
        LocalDateTime newest = dsl.select(org.jooq.impl.DSL.max(DATA_FEED.AS_OF)).from(DATA_FEED).fetchOne(0, LocalDateTime.class);
        List<Record> bills = dsl.select(REPAYMENT.ACCOUNT_ID, REPAYMENT.BILL_ID).from(REPAYMENT).where(REPAYMENT.BILL_ID.isNotNull())
                .orderBy(REPAYMENT.ACCOUNT_ID, REPAYMENT.ID).fetch().stream().map(r -> (Record) r).toList();
        Set<Long> repaid = new TreeSet<>();
        db.transaction(tx -> {
            long last = -1;
            for (Record b : bills) {
                long account = b.get(REPAYMENT.ACCOUNT_ID);
                if (account != last && account % 3 == 0) {
                    tx.insertInto(REPAYMENT).set(REPAYMENT.ACCOUNT_ID, account).set(REPAYMENT.BILL_ID, b.get(REPAYMENT.BILL_ID))
                            .set(REPAYMENT.AMOUNT, new BigDecimal("100.00")).set(REPAYMENT.PAID_AT, newest.minusHours(6))
                            .set(REPAYMENT.RECEIVED_AT, newest.minusHours(5)).set(REPAYMENT.CHANNEL, "APP").execute();
                    repaid.add(account);
                }
                last = account;
            }
            ChangedAccounts.touch(tx, repaid, LocalDateTime.now(CLOCK));
            for (String feed : tx.select(DATA_FEED.CODE).from(DATA_FEED).where(DATA_FEED.AS_OF.lt(newest)).fetch(DATA_FEED.CODE)) {
                tx.update(DATA_FEED).set(DATA_FEED.AS_OF, newest).where(DATA_FEED.CODE.eq(feed)).execute();
                ChangedAccounts.touchAwaitingFeed(tx, feed, LocalDateTime.now(CLOCK));
            }
        });
        return repaid;
    }

    private static Set<Long> awaitingData(DSLContext dsl) {
        return new TreeSet<>(dsl.selectDistinct(LIMIT_PROPOSAL.ACCOUNT_ID).from(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.STATUS.eq(ProposalStatus.AWAITING_DATA))
                .fetch(LIMIT_PROPOSAL.ACCOUNT_ID));
    }

    private static PolicyRunService.RunReport changedRun(Database db, int failAfterChunks) {
        return services(db).changedRuns.run(TestOperators.batch(db), new ChangedRunService.Options(false, 7, null), Progress.NONE, failAfterChunks);
    }

    @Test
    void evaluatesExactlyTheChangedAccountsAsAFullRunWouldAndLeavesTheOthers() throws IOException {
        Set<Long> marked;
        Set<Long> waiting;
        List<String> incremental;
        List<String> othersBefore;
        List<String> othersAfter;
        try (Database db = copy("incremental")) {
            waiting = awaitingData(db.dsl());
            assertFalse(waiting.isEmpty(), "the generated book has accounts waiting for a lagging feed");
            Set<Long> repaid = changeTheBook(db);
            marked = marks(db.dsl());
            assertTrue(marked.containsAll(repaid) && marked.containsAll(waiting), "the repaid and the waiting accounts are marked");
            Set<Long> others = new HashSet<>(db.dsl().select(ACCOUNT.ID).from(ACCOUNT).fetch(ACCOUNT.ID));
            others.removeAll(marked);
            othersBefore = rows(db.dsl(), others);

            PolicyRunService.RunReport r = changedRun(db, 0);
            assertEquals(marked.size(), r.accounts());
            assertEquals(0, ChangedAccounts.count(db.dsl()));
            assertTrue(awaitingData(db.dsl()).isEmpty(), "with every feed caught up no proposal waits for data: " + awaitingData(db.dsl()));
            incremental = rows(db.dsl(), marked);
            othersAfter = rows(db.dsl(), others);
            assertEquals(1, db.dsl().fetchCount(BATCH_JOB, BATCH_JOB.PARAMETERS.contains("\"scope\":\"CHANGED\"")
                    .and(BATCH_JOB.STATUS.eq(JobStatus.COMPLETED)).and(BATCH_JOB.DONE_ITEMS.eq((long) marked.size()))));
        }
        assertEquals(othersBefore, othersAfter, "the accounts not marked are untouched");
        try (Database db = copy("full")) {
            changeTheBook(db);
            PolicyRunService.RunReport r = services(db).runs.run(TestOperators.batch(db), new PolicyRunService.RunOptions(false, 100, null, false), Progress.NONE);
            assertFalse(r.resumed());
            assertEquals(0, ChangedAccounts.count(db.dsl()), "a full run clears the marks made up to its start");
            assertEquals(rows(db.dsl(), marked), incremental);
        }
    }

    @Test
    void aCrashedRunAndTheNextOneEvaluateEveryMarkedAccountOnce() throws IOException {
        List<String> once;
        Set<Long> marked;
        try (Database db = copy("once")) {
            changeTheBook(db);
            marked = marks(db.dsl());
            changedRun(db, 0);
            once = rows(db.dsl(), marked);
        }
        try (Database db = copy("crashed")) {
            changeTheBook(db);
            assertThrows(IllegalStateException.class, () -> changedRun(db, 2));
            assertEquals(marked.size() - 14, ChangedAccounts.count(db.dsl()), "two chunks of seven committed with their marks removed");
            PolicyRunService.RunReport r = changedRun(db, 0);
            assertEquals(marked.size() - 14, r.accounts());
            assertEquals(0, ChangedAccounts.count(db.dsl()));
            assertEquals(once, rows(db.dsl(), marked));
        }
        try (Database db = copy("crashed, then a full run")) {
            changeTheBook(db);
            assertThrows(IllegalStateException.class, () -> changedRun(db, 1));
            PolicyRunService.RunReport full = services(db).runs.run(TestOperators.batch(db), new PolicyRunService.RunOptions(false, 100, null, false),
                    Progress.NONE);
            assertFalse(full.resumed(), "a full run does not resume a crashed incremental run as its own");
            assertEquals(db.dsl().fetchCount(ACCOUNT), full.accounts());
            assertEquals(0, ChangedAccounts.count(db.dsl()));
        }
    }

    @Test
    void nothingMarkedIsNothingToEvaluateAndAMarkAfterTheStartStays() throws IOException {
        try (Database db = copy("nothing")) {
            int jobs = db.dsl().fetchCount(BATCH_JOB);
            PolicyRunService.RunReport r = changedRun(db, 0);
            assertEquals(0, r.accounts());
            assertNull(r.jobId());
            assertEquals(jobs, db.dsl().fetchCount(BATCH_JOB), "no job for nothing");

            long later = db.dsl().select(ACCOUNT.ID).from(ACCOUNT).orderBy(ACCOUNT.ID).limit(1).fetchOne(ACCOUNT.ID);
            db.transaction(tx -> ChangedAccounts.touch(tx, List.of(later), LocalDateTime.now(CLOCK).plusMinutes(1)));
            assertEquals(0, changedRun(db, 0).accounts(), "marked after the run's start: left for the next run");
            services(db).runs.run(TestOperators.batch(db), new PolicyRunService.RunOptions(false, 100, null, false), Progress.NONE);
            assertEquals(1, ChangedAccounts.count(db.dsl()), "nor does a full run clear it");
        }
    }

    @Test
    void twoIncrementalRunsAtOnceOneIsRefused() throws Exception {
        try (Database db = copy("two")) {
            changeTheBook(db);
            LimitServices limits = services(db);
            TwoStarts.Outcome<PolicyRunService.RunReport> outcome = TwoStarts.atOnce(progress ->
                    limits.changedRuns.run(TestOperators.batch(db), new ChangedRunService.Options(false, 7, null), progress));
            assertEquals(1, outcome.ran().size(), outcome.refused().toString());
            assertEquals(1, outcome.refused().size());
            String refusal = outcome.refused().get(0).getMessage();
            assertTrue(refusal.startsWith("Policy run " + outcome.ran().get(0).jobId() + " is running since "), refusal);
            assertEquals(0, ChangedAccounts.count(db.dsl()));
        }
    }

    @Test
    void anOperatorsDecisionMarksItsAccount() throws IOException {
        try (Database db = copy("decision")) {
            LimitServices limits = services(db);
            Record p = db.dsl().select(LIMIT_PROPOSAL.ID, LIMIT_PROPOSAL.VERSION, LIMIT_PROPOSAL.ACCOUNT_ID).from(LIMIT_PROPOSAL)
                    .where(LIMIT_PROPOSAL.STATUS.eq(ProposalStatus.PENDING)).orderBy(LIMIT_PROPOSAL.ID).limit(2).fetch().get(0);
            Record q = db.dsl().select(LIMIT_PROPOSAL.ID, LIMIT_PROPOSAL.VERSION, LIMIT_PROPOSAL.ACCOUNT_ID).from(LIMIT_PROPOSAL)
                    .where(LIMIT_PROPOSAL.STATUS.eq(ProposalStatus.PENDING)).and(LIMIT_PROPOSAL.ACCOUNT_ID.ne(p.get(LIMIT_PROPOSAL.ACCOUNT_ID)))
                    .orderBy(LIMIT_PROPOSAL.ID).limit(1).fetchOne();
            Session risk = operator(db);
            limits.decisions.reject(risk, q.get(LIMIT_PROPOSAL.ID), q.get(LIMIT_PROPOSAL.VERSION), "OTHER", "not now");
            assertEquals(0, ChangedAccounts.count(db.dsl()), "a rejection changes no account");
            limits.decisions.confirm(risk, p.get(LIMIT_PROPOSAL.ID), p.get(LIMIT_PROPOSAL.VERSION), "agreed");
            assertEquals(Set.of(p.get(LIMIT_PROPOSAL.ACCOUNT_ID)), marks(db.dsl()));
            assertNotEquals(0, changedRun(db, 0).accounts());
        }
    }

    private static Session operator(Database db) {
        return TestOperators.risk(db);
    }

    private static Set<Long> marks(DSLContext dsl) {
        return new TreeSet<>(dsl.select(CHANGED_ACCOUNT.ACCOUNT_ID).from(CHANGED_ACCOUNT).fetch(CHANGED_ACCOUNT.ACCOUNT_ID));
    }

    /** What the runs wrote for these accounts, without ids, in a fixed order: the account, its hits, proposals, decisions, changes, suspensions, notices. */
    private static List<String> rows(DSLContext dsl, Set<Long> accounts) {
        List<String> rows = new ArrayList<>();
        var in = ACCOUNT.ID.in(accounts);
        dsl.select(ACCOUNT.ACCOUNT_NO, ACCOUNT.STATUS, ACCOUNT.CREDIT_LIMIT, ACCOUNT.AVAILABLE_AMOUNT, ACCOUNT.TEMP_LIMIT, ACCOUNT.LAST_LIMIT_CHANGE,
                ACCOUNT.VERSION).from(ACCOUNT).where(in).orderBy(ACCOUNT.ID).forEach(r -> rows.add("ACCOUNT " + values(r)));
        dsl.select(ACCOUNT.ACCOUNT_NO, RULE_HIT.RULE_CODE, RULE_HIT.HIT_AT, RULE_HIT.SEVERITY, RULE_HIT.ACTION, RULE_HIT.EVIDENCE, RULE_HIT.FEED_AS_OF,
                RULE_HIT.STALE, RULE_HIT.OPEN_FLAG).from(RULE_HIT).join(ACCOUNT).on(ACCOUNT.ID.eq(RULE_HIT.ACCOUNT_ID)).where(in)
                .orderBy(ACCOUNT.ID, RULE_HIT.ID).forEach(r -> rows.add("HIT " + values(r)));
        var hit = RULE_HIT.as("H");
        dsl.select(ACCOUNT.ACCOUNT_NO, LIMIT_PROPOSAL.PROPOSAL_TYPE, LIMIT_PROPOSAL.STATUS, LIMIT_PROPOSAL.ROUTE, LIMIT_PROPOSAL.OLD_LIMIT,
                        LIMIT_PROPOSAL.PROPOSED_LIMIT, LIMIT_PROPOSAL.HIDDEN_CAP, LIMIT_PROPOSAL.EXPOSURE, LIMIT_PROPOSAL.PD, LIMIT_PROPOSAL.PRIORITY,
                        LIMIT_PROPOSAL.REASON_CODES, LIMIT_PROPOSAL.EVIDENCE, hit.RULE_CODE, hit.OPEN_FLAG, LIMIT_PROPOSAL.TEMPORARY_LIMIT,
                        LIMIT_PROPOSAL.EXPIRES_AT, LIMIT_PROPOSAL.CREATED_AT, LIMIT_PROPOSAL.VERSION)
                .from(LIMIT_PROPOSAL).join(ACCOUNT).on(ACCOUNT.ID.eq(LIMIT_PROPOSAL.ACCOUNT_ID)).leftJoin(hit).on(hit.ID.eq(LIMIT_PROPOSAL.RULE_HIT_ID))
                .where(in).orderBy(ACCOUNT.ID, LIMIT_PROPOSAL.ID).forEach(r -> rows.add("PROPOSAL " + values(r)));
        dsl.select(ACCOUNT.ACCOUNT_NO, LIMIT_DECISION.ACTION, LIMIT_DECISION.STATUS, LIMIT_DECISION.OLD_LIMIT, LIMIT_DECISION.NEW_LIMIT,
                        LIMIT_DECISION.DECIDED_AT).from(LIMIT_DECISION).join(ACCOUNT).on(ACCOUNT.ID.eq(LIMIT_DECISION.ACCOUNT_ID)).where(in)
                .orderBy(ACCOUNT.ID, LIMIT_DECISION.ID).forEach(r -> rows.add("DECISION " + values(r)));
        dsl.select(ACCOUNT.ACCOUNT_NO, LIMIT_CHANGE.CHANGED_AT, LIMIT_CHANGE.OLD_LIMIT, LIMIT_CHANGE.NEW_LIMIT, LIMIT_CHANGE.OLD_STATUS,
                        LIMIT_CHANGE.NEW_STATUS, LIMIT_CHANGE.SOURCE, LIMIT_CHANGE.REASON_CODES).from(LIMIT_CHANGE).join(ACCOUNT)
                .on(ACCOUNT.ID.eq(LIMIT_CHANGE.ACCOUNT_ID)).where(in).orderBy(ACCOUNT.ID, LIMIT_CHANGE.ID).forEach(r -> rows.add("CHANGE " + values(r)));
        dsl.select(ACCOUNT.ACCOUNT_NO, SUSPENSION.KIND, SUSPENSION.STATUS, SUSPENSION.RULE_CODE, SUSPENSION.REASON_CODES, SUSPENSION.STARTED_AT)
                .from(SUSPENSION).join(ACCOUNT).on(ACCOUNT.ID.eq(SUSPENSION.ACCOUNT_ID)).where(in).orderBy(ACCOUNT.ID, SUSPENSION.ID)
                .forEach(r -> rows.add("SUSPENSION " + values(r)));
        dsl.select(ACCOUNT.ACCOUNT_NO, CUSTOMER_NOTICE.KIND, CUSTOMER_NOTICE.TEMPLATE_CODE, CUSTOMER_NOTICE.BODY, CUSTOMER_NOTICE.STATUS,
                        CUSTOMER_NOTICE.CREATED_AT).from(CUSTOMER_NOTICE).join(ACCOUNT).on(ACCOUNT.ID.eq(CUSTOMER_NOTICE.ACCOUNT_ID)).where(in)
                .orderBy(ACCOUNT.ID, CUSTOMER_NOTICE.ID).forEach(r -> rows.add("NOTICE " + values(r)));
        return rows;
    }

    private static String values(Record r) {
        return java.util.Arrays.stream(r.intoArray()).map(String::valueOf).collect(Collectors.joining(" | "));
    }
}
