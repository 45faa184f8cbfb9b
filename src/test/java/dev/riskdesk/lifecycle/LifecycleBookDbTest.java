package dev.riskdesk.lifecycle;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.CUSTOMER_NOTICE;
import static dev.riskdesk.db.schema.Tables.GENERATOR_TRUTH;
import static dev.riskdesk.db.schema.Tables.LIFECYCLE_CASE;
import static dev.riskdesk.db.schema.Tables.TXN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.accounts.NoticeKind;
import dev.riskdesk.accounts.NoticeService;
import dev.riskdesk.accounts.NoticeTemplates;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.portfolio.GeneratorOptions;
import dev.riskdesk.portfolio.PortfolioGenerator;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.TestOperators;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle run on a generated book against the generator's truth table (GENERATOR_TRUTH, scenario DORMANT: opened
 * and never used): the engine finds them from the accounts' own data, flags no account the generator made active, the
 * customers are told, a line used during the grace period is kept and the others are cancelled on the planned date.
 */
@Tag("db")
class LifecycleBookDbTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);
    static final ZoneId CST = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    @Test
    void findsTheGeneratorsDormantLinesNotifiesKeepsTheUsedOneAndCancelsTheRestOnTheirDate() {
        try (Database db = TestDatabases.fresh(dir)) {
            new PortfolioGenerator(db).generate(TestOperators.batch(db), GeneratorOptions.of(1200, 24, 7, AS_OF), Progress.NONE);
            Clock clock = Clock.fixed(AS_OF.atStartOfDay(CST).toInstant(), CST);
            AuditLog audit = new AuditLog(clock);
            NoticeService notices = new NoticeService(db, NoticeTemplates.load(Path.of("data/notice-templates.json")), audit, clock, "zh_CN");
            LifecycleServices lifecycle = new LifecycleServices(db, new LimitPolicyService(db, clock), notices, audit, clock);
            var batch = TestOperators.batch(db);

            LifecycleRunService.Report r = lifecycle.runs.run(batch, new LifecycleRunService.Options(null, false), Progress.NONE);
            assertEquals(AS_OF, r.asOf());

            Set<Long> truth = new HashSet<>(db.dsl().select(GENERATOR_TRUTH.ACCOUNT_ID).from(GENERATOR_TRUTH)
                    .where(GENERATOR_TRUTH.SCENARIO.eq("DORMANT")).fetch(GENERATOR_TRUTH.ACCOUNT_ID));
            // the never-used rule waits neverUsedMonths (6) after opening; the generator makes a line dormant 90 days after it
            Set<Long> due = new HashSet<>(db.dsl().select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.ID.in(truth))
                    .and(ACCOUNT.OPENED_AT.le(AS_OF.plusDays(1).atStartOfDay().minusMonths(6))).fetch(ACCOUNT.ID));
            Set<Long> found = new HashSet<>(db.dsl().select(LIFECYCLE_CASE.ACCOUNT_ID).from(LIFECYCLE_CASE).fetch(LIFECYCLE_CASE.ACCOUNT_ID));
            Set<Long> foundOfDue = new HashSet<>(due);
            foundOfDue.retainAll(found);
            Set<Long> foundOfTruth = new HashSet<>(truth);
            foundOfTruth.retainAll(found);
            // the generator's active lines: no truth case of dormancy, and a transaction in the last dormancy period
            Set<Long> active = new HashSet<>(db.dsl().selectDistinct(TXN.ACCOUNT_ID).from(TXN)
                    .where(TXN.TXN_AT.ge(AS_OF.plusDays(1).atStartOfDay().minusMonths(12))).fetch(TXN.ACCOUNT_ID));
            active.removeAll(truth);
            Set<Long> activeFlagged = new HashSet<>(active);
            activeFlagged.retainAll(found);
            Set<Long> beyondTruth = new HashSet<>(found);
            beyondTruth.removeAll(truth);
            System.out.printf("lifecycle on a generated book of 1,200: truth %d dormant (%d opened 6+ months ago); found %d of them (%d of the due),"
                    + " %d cases in all (%d not in the truth table); active accounts flagged %d%n", truth.size(), due.size(), foundOfTruth.size(),
                    foundOfDue.size(), found.size(), beyondTruth.size(), activeFlagged.size());
            assertTrue(due.size() >= 20, "the book has dormant lines to find: " + due.size());
            assertTrue(foundOfDue.size() >= 0.95 * due.size(), "found " + foundOfDue.size() + " of " + due.size());
            assertEquals(Set.of(), activeFlagged, "no account the generator made active is flagged");

            // every case is told (SMS and in-app)
            assertEquals(2L * found.size(), db.dsl().fetchCount(CUSTOMER_NOTICE, CUSTOMER_NOTICE.KIND.eq(NoticeKind.CANCEL_PLANNED)));

            // one customer uses the line during the grace period
            List<Long> cases = db.dsl().select(LIFECYCLE_CASE.ACCOUNT_ID).from(LIFECYCLE_CASE)
                    .where(LIFECYCLE_CASE.APPROVAL_REQUIRED.isFalse()).orderBy(LIFECYCLE_CASE.ACCOUNT_ID).fetch(LIFECYCLE_CASE.ACCOUNT_ID);
            long user = cases.get(0);
            db.dsl().insertInto(TXN).set(TXN.ACCOUNT_ID, user).set(TXN.TXN_AT, AS_OF.plusDays(9).atTime(12, 30)).set(TXN.AMOUNT, new BigDecimal("59.90"))
                    .set(TXN.CATEGORY, "GROCERY").set(TXN.MERCHANT, "盒马").set(TXN.CHANNEL, "APP").set(TXN.RECEIVED_AT, AS_OF.plusDays(9).atTime(12, 31))
                    .execute();
            LocalDate planned = AS_OF.plusDays(30);
            LifecycleRunService.Report before = lifecycle.runs.run(batch, new LifecycleRunService.Options(planned.minusDays(1), false), Progress.NONE);
            assertEquals(1, before.kept());
            assertEquals(0, before.cancelled());
            LifecycleRunService.Report onTheDay = lifecycle.runs.run(batch, new LifecycleRunService.Options(planned, false), Progress.NONE);
            assertEquals(cases.size() - 1, onTheDay.cancelled());
            assertEquals(AccountStatus.ACTIVE, db.dsl().select(ACCOUNT.STATUS).from(ACCOUNT).where(ACCOUNT.ID.eq(user)).fetchOne(ACCOUNT.STATUS));
            assertEquals(cases.size() - 1, db.dsl().fetchCount(ACCOUNT, ACCOUNT.STATUS.eq(AccountStatus.CANCELLED)
                    .and(ACCOUNT.CLOSED_AT.eq(planned.atStartOfDay())).and(ACCOUNT.CREDIT_LIMIT.eq(BigDecimal.ZERO))));
            assertEquals(found.size() - cases.size(), db.dsl().fetchCount(LIFECYCLE_CASE, LIFECYCLE_CASE.STAGE.eq(LifecycleStage.AWAITING_APPROVAL)),
                    "the large open limits wait for a manager");
            assertEquals(2L * (cases.size() - 1), db.dsl().fetchCount(CUSTOMER_NOTICE, CUSTOMER_NOTICE.KIND.eq(NoticeKind.ACCOUNT_CANCELLED)));
            assertEquals(0, db.dsl().fetchCount(DSL.selectFrom(ACCOUNT).where(ACCOUNT.STATUS.eq(AccountStatus.CANCELLED)).and(ACCOUNT.ID.in(active))));
        }
    }
}
