package dev.riskdesk.app.demo;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.APPEAL;
import static dev.riskdesk.db.schema.Tables.BATCH_JOB;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.MODEL;
import static dev.riskdesk.db.schema.Tables.SCORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.security.TestOperators;
import dev.riskdesk.appeals.AppealStatus;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.jobs.JobKind;
import dev.riskdesk.jobs.JobStatus;
import dev.riskdesk.limits.GeneratorTruthCheck;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.portfolio.GeneratorOptions;
import dev.riskdesk.portfolio.PortfolioGenerator;
import dev.riskdesk.scoring.model.ModelStatus;
import dev.riskdesk.security.PasswordHasher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first start's steps on a small book: a usable console afterwards, progress that only grows, cancel that stops. */
@Tag("db")
class DemoSetupTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 22);
    static final Clock CLOCK = Clock.fixed(AS_OF.atTime(9, 0).atZone(AppServices.BUSINESS_ZONE).toInstant(), AppServices.BUSINESS_ZONE);

    /**
     * The book of the cancelled first start: it checks the steps, not the models' quality, so a smaller book than the first
     * test's 2,000 customers (whose champion's AUC is checked) does; the layout check's demo book is as small.
     */
    static final int CANCELLED_BOOK = 600;

    @TempDir
    Path dir;

    private static void create(Database db, int customers, Progress progress) {
        services(db).demoSetup().run(GeneratorOptions.of(customers, GeneratorOptions.DEFAULT_MONTHS, 42, AS_OF), progress,
                DemoSetup.StepListener.NONE);
    }

    private static AppServices services(Database db) {
        return new AppServices(db, CLOCK, new PasswordHasher(), new SameThreadTaskRunner());
    }

    @Test
    void firstStartLeavesChampionsScoresAndAReviewQueue() {
        try (Database db = TestDatabases.fresh(dir)) {
            List<String> keys = new ArrayList<>();
            List<Double> fractions = new ArrayList<>();
            create(db, 2000, new Progress() {
                @Override
                public synchronized void update(String message, long done, long total) {
                    if (message != null && (keys.isEmpty() || !keys.get(keys.size() - 1).equals(message))) {
                        keys.add(message);
                    }
                    fractions.add((double) done / total);
                }
            });
            assertFalse(services(db).needsFirstStart(), "a finished first start is not repeated");

            assertEquals(List.of("demo.step.generate", "demo.step.train", "demo.step.score", "demo.step.policy", "demo.step.lifecycle",
                    "demo.step.appeals", "demo.step.dashboard"), keys);
            for (int i = 1; i < fractions.size(); i++) {
                assertTrue(fractions.get(i) >= fractions.get(i - 1) - 1e-9, "progress went back at update " + i);
            }
            assertEquals(1.0, fractions.get(fractions.size() - 1), 1e-9);
            int accounts = db.dsl().fetchCount(ACCOUNT);
            assertEquals(2000, accounts);
            assertEquals(2, db.dsl().fetchCount(MODEL, MODEL.STATUS.eq(ModelStatus.CHAMPION)), "scorecard and thin-file champions");
            // the floor for the generated book, and "real, not perfect": out-of-time AUC in [0.75, 0.95)
            double auc = new dev.riskdesk.scoring.model.ModelRepository(db, CLOCK).champion(dev.riskdesk.scoring.model.ModelKind.SCORECARD)
                    .metrics().path("test").path("auc").asDouble();
            assertTrue(auc >= 0.75 && auc < 0.95, "champion scorecard out-of-time AUC " + auc);
            assertEquals(accounts, db.dsl().fetchCount(db.dsl().selectDistinct(SCORE.ACCOUNT_ID).from(SCORE)));
            Set<ProposalType> types = Set.copyOf(db.dsl().selectDistinct(LIMIT_PROPOSAL.PROPOSAL_TYPE).from(LIMIT_PROPOSAL)
                    .where(LIMIT_PROPOSAL.STATUS.eq(ProposalStatus.PENDING)).fetch(LIMIT_PROPOSAL.PROPOSAL_TYPE));
            assertTrue(types.containsAll(Set.of(ProposalType.INCREASE, ProposalType.DECREASE)), "the review queue has both directions: " + types);
            assertTrue(db.dsl().fetchCount(APPEAL) > 0, "the appeals inbox has work");
            assertTrue(db.dsl().fetchCount(APPEAL, APPEAL.STATUS.notIn(AppealStatus.DECIDED, AppealStatus.CLOSED)) > 0, "the demo has open appeals");
            assertTrue(db.dsl().fetchCount(APPEAL, APPEAL.STATUS.in(AppealStatus.DECIDED, AppealStatus.CLOSED)) > 0, "the demo has decided or closed appeals");

            // against the generator's truth: takeovers suspended; repayment delays never suspended nor cut for
            // being overdue, and while the repayment is still in flight not cut at all
            GeneratorTruthCheck.Result truth = GeneratorTruthCheck.check(db.dsl());
            assertTrue(truth.takeovers() > 0 && truth.inFlight() > 0, "the book has both scenarios: " + truth);
            assertEquals(truth.takeovers(), truth.takeoversSuspended(), truth.toString());
            assertEquals(truth.takeovers(), truth.takeoverSuspensions(), "each takeover suspended once: " + truth);
            assertEquals(0, truth.delaysSuspended(), truth.toString());
            assertEquals(0, truth.delaysCutForOverdue(), truth.toString());
            assertEquals(0, truth.inFlightCut(), truth.toString());
            assertTrue(truth.holds());
        }
    }

    /** Cancels as soon as the step {@code key} reports, as the operator's Cancel button would. */
    private static Progress cancelAt(String key) {
        AtomicBoolean cancel = new AtomicBoolean();
        return new Progress() {
            @Override
            public void update(String message, long done, long total) {
                if (key.equals(message)) {
                    cancel.set(true);
                }
            }

            @Override
            public boolean isCancelled() {
                return cancel.get();
            }
        };
    }

    @Test
    void aFirstStartCancelledPartWayIsFinishedByTheNextStart() {
        try (Database db = TestDatabases.fresh(dir)) {
            List<String> keys = new ArrayList<>();
            Progress cancelAtTraining = cancelAt("demo.step.train");
            DemoSetup.StepListener record = (key, took, skipped) -> keys.add(skipped ? "skipped " + key : key);
            GeneratorOptions book = GeneratorOptions.of(CANCELLED_BOOK, GeneratorOptions.DEFAULT_MONTHS, 42, AS_OF);
            assertThrows(Progress.CancelledException.class, () -> services(db).demoSetup().run(book, cancelAtTraining, record));
            assertEquals(List.of("demo.step.generate"), keys, "cancelled once the book was generated");
            assertEquals(0, db.dsl().fetchCount(MODEL, MODEL.STATUS.eq(ModelStatus.CHAMPION)));
            assertEquals(0, db.dsl().fetchCount(SCORE), "cancel stops before the next step: scoring never started");
            assertTrue(services(db).needsFirstStart(), "the book is not empty, but the first start is unfinished");

            keys.clear();
            services(db).demoSetup().run(book, Progress.NONE, record);
            assertEquals(List.of("skipped demo.step.generate", "demo.step.train", "demo.step.score", "demo.step.policy",
                    "demo.step.lifecycle", "demo.step.appeals", "demo.step.dashboard"), keys);
            assertEquals(CANCELLED_BOOK, db.dsl().fetchCount(ACCOUNT), "the book was not generated twice");
            assertEquals(2, db.dsl().fetchCount(MODEL, MODEL.STATUS.eq(ModelStatus.CHAMPION)));
            assertEquals(CANCELLED_BOOK, db.dsl().fetchCount(db.dsl().selectDistinct(SCORE.ACCOUNT_ID).from(SCORE)));
            assertFalse(services(db).needsFirstStart());
        }
    }

    @Test
    void aGenerationKilledPartWayIsRemovedBeforeGeneratingAgain() {
        try (Database db = TestDatabases.fresh(dir)) {
            PortfolioGenerator generator = new PortfolioGenerator(db);
            GeneratorOptions book = GeneratorOptions.of(60, 13, 42, AS_OF);
            generator.generate(TestOperators.batch(db), book, Progress.NONE);
            // what a kill leaves: rows written, the job still RUNNING, nothing undone
            db.dsl().update(BATCH_JOB).set(BATCH_JOB.STATUS, JobStatus.RUNNING).where(BATCH_JOB.KIND.eq(JobKind.GENERATE)).execute();
            assertFalse(generator.finishedBookExists());

            assertTrue(generator.discardUnfinished());
            assertEquals(0, db.dsl().fetchCount(CUSTOMER));
            assertEquals(0, db.dsl().fetchCount(BATCH_JOB, BATCH_JOB.KIND.eq(JobKind.GENERATE)));
            generator.generate(TestOperators.batch(db), book, Progress.NONE);
            assertEquals(60, db.dsl().fetchCount(CUSTOMER));
            assertTrue(generator.finishedBookExists());
            assertFalse(generator.discardUnfinished(), "a finished book is never removed");
        }
    }
}
