package dev.riskdesk.scoring;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.ACCOUNT_MONTH;
import static dev.riskdesk.db.schema.Tables.BATCH_JOB;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;
import static dev.riskdesk.db.schema.Tables.FEATURE_SNAPSHOT;
import static dev.riskdesk.db.schema.Tables.MODEL;
import static dev.riskdesk.db.schema.Tables.OPERATOR;
import static dev.riskdesk.db.schema.Tables.SCORE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.jobs.JobKind;
import dev.riskdesk.jobs.JobStatus;
import dev.riskdesk.jobs.TwoStarts;
import dev.riskdesk.scoring.batch.ScoreRunService;
import dev.riskdesk.scoring.features.Feature;
import dev.riskdesk.scoring.features.FeatureCalculator;
import dev.riskdesk.scoring.features.FeatureScanner;
import dev.riskdesk.scoring.features.FeatureStore;
import dev.riskdesk.scoring.features.FeatureVector;
import dev.riskdesk.scoring.features.MonthRow;
import dev.riskdesk.scoring.governance.ModelGovernanceService;
import dev.riskdesk.scoring.model.BoostedModel;
import dev.riskdesk.scoring.model.Explanation;
import dev.riskdesk.scoring.model.ProtectedAttributes;
import dev.riskdesk.scoring.model.ModelKind;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.scoring.model.ModelStatus;
import dev.riskdesk.scoring.model.Scaling;
import dev.riskdesk.scoring.model.ScoreResult;
import dev.riskdesk.scoring.model.Scorecard;
import dev.riskdesk.scoring.model.StoredModel;
import dev.riskdesk.scoring.model.TrainingService;
import dev.riskdesk.security.AccessDeniedException;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestSessions;
import dev.riskdesk.security.TestOperators;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** One trained book shared by the tests (training is the slow part); tests run in order. */
@Tag("db")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScoringServiceTest {
    @TempDir
    static Path dir;
    static Database db;
    static ModelRepository models;
    static ModelGovernanceService governance;
    static ScoringService scoring;
    static ScoreRunService scoreRun;
    static TrainingService.Report report;
    static final Clock CLOCK = Clock.systemUTC();

    @BeforeAll
    static void trainOnSyntheticBook() {
        db = TestDatabases.fresh(dir);
        SyntheticBook.fill(db, 1500, 20, 5);
        AuditLog audit = new AuditLog(CLOCK);
        models = new ModelRepository(db, CLOCK);
        governance = new ModelGovernanceService(db, models, audit, CLOCK);
        scoring = new ScoringService(db, models);
        scoreRun = new ScoreRunService(db, models, audit, CLOCK);
        report = new TrainingService(db, models, audit).train(TestOperators.manager(db), TrainingService.Options.defaults(), Progress.NONE);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static Session operator(Role role, Permission... permissions) {
        return TestSessions.of(42, "op", "Operator", role, permissions.length == 0 ? EnumSet.noneOf(Permission.class) : EnumSet.of(permissions[0], permissions));
    }

    @Test
    @Order(0)
    void trainingStoresThreeDraftsWithOutOfTimeMetricsAndBaselines() {
        assertTrue(report.scorecardTest().auc() > 0.7, "out-of-time AUC " + report.scorecardTest().auc());
        assertTrue(report.trainDates().get(report.trainDates().size() - 1).isBefore(report.testDates().get(0)), "out of time");
        StoredModel sc = models.load(report.scorecardId());
        assertEquals(ModelKind.SCORECARD, sc.kind());
        assertEquals(ModelStatus.DRAFT, sc.status());
        for (String key : List.of("train", "test", "challenger", "baseline")) {
            assertTrue(sc.metrics().has(key), key);
        }
        assertEquals(10, sc.metrics().path("test").path("calibration").size());
        assertEquals(ModelKind.TREE_ENSEMBLE, models.load(report.forestId()).kind());
        assertEquals(ModelKind.THIN_FILE, models.load(report.thinFileId()).kind());
        assertTrue(models.load(report.thinFileId()).features().stream()
                .allMatch(f -> Feature.THIN_FILE_NUMERIC.contains(f) || Feature.OCCUPATION.equals(f)), "application data only");
        assertEquals(1, db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("MODEL_TRAIN")));
    }

    @Test
    @Order(1)
    void riskOperatorCannotPromoteAndNothingChanges() {
        Session riskOperator = operator(Role.RISK_OPERATOR, Permission.MODEL_VIEW, Permission.MODEL_TRAIN, Permission.SCORE_RUN);
        assertThrows(AccessDeniedException.class, () -> governance.requestPromotion(riskOperator, report.scorecardId(), "try"));
        assertEquals(ModelStatus.DRAFT, db.dsl().select(MODEL.STATUS).from(MODEL).where(MODEL.ID.eq(report.scorecardId())).fetchOne().value1());
        assertEquals(0, db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.like("MODEL_%").and(AUDIT_EVENT.ACTION.ne("MODEL_TRAIN"))));
    }

    @Test
    @Order(2)
    void promotionRetiresTheOldChampionWithAnAuditEvent() {
        Session manager = TestOperators.manager(db);
        Session checker = TestOperators.second(db, Role.MANAGER);
        governance.requestPromotion(manager, report.scorecardId(), "first");
        // a second scorecard: promoting it, once another manager approves, retires the first
        TrainingService.Report second = new TrainingService(db, models, new AuditLog(CLOCK))
                .train(manager, new TrainingService.Options(2, 1, 300_000, 3), Progress.NONE);
        governance.approve(checker, governance.requestPromotion(manager, second.scorecardId(), "second").id());
        assertEquals(ModelStatus.RETIRED, models.load(report.scorecardId()).status());
        assertEquals(ModelStatus.CHAMPION, models.load(second.scorecardId()).status());
        assertEquals(1, db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("MODEL_PROMOTION_APPROVED")));
        governance.approve(manager, governance.requestRollback(checker, dev.riskdesk.scoring.model.ModelSeat.FILE, "back to the first").id());
        assertEquals(ModelStatus.CHAMPION, models.load(report.scorecardId()).status());
        // a real manager: PROMOTED_BY and the audit event name them
        db.dsl().insertInto(OPERATOR, OPERATOR.ID, OPERATOR.USERNAME, OPERATOR.DISPLAY_NAME, OPERATOR.ROLE_CODE, OPERATOR.PASSWORD_HASH, OPERATOR.CREATED_AT)
                .values(42L, "manager1", "Manager One", "MANAGER", "not-a-login", java.time.LocalDateTime.now()).execute();
        governance.requestPromotion(operator(Role.MANAGER, Permission.MODEL_VIEW, Permission.MODEL_PROMOTE), report.thinFileId(), "thin");
        assertEquals(42L, db.dsl().select(MODEL.PROMOTED_BY).from(MODEL).where(MODEL.ID.eq(report.thinFileId())).fetchOne().value1());
        assertEquals(1, db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("MODEL_FIRST_CHAMPION").and(AUDIT_EVENT.OPERATOR_ID.eq(42L))
                .and(AUDIT_EVENT.ENTITY_ID.eq(String.valueOf(report.thinFileId())))));
        assertThrows(dev.riskdesk.common.UserFacingException.class, () -> governance.requestPromotion(manager, report.forestId(), "forest"));
    }

    @Test
    @Order(3)
    void storedScorecardScoresExactlyAsTheTrainedOne() {
        // the in-memory scorecards straight from training against the ones read back from MODEL
        StoredModel loaded = models.load(report.scorecardId());
        StoredModel loadedThin = models.load(report.thinFileId());
        assertEquals(report.features(), loaded.features());
        assertEquals(report.scorecard().scaling(), loaded.scorecard().scaling());
        assertEquals(report.thinFile().scaling(), loadedThin.scorecard().scaling());
        Scorecard.Bound trained = report.scorecard().bindFeatures();
        Scorecard.Bound stored = loaded.scorecard().bindFeatures();
        Scorecard.Bound trainedThin = report.thinFile().bindFeatures();
        Scorecard.Bound storedThin = loadedThin.scorecard().bindFeatures();
        int obs = scoring.observationMonth();
        AtomicInteger compared = new AtomicInteger();
        AtomicInteger notScored = new AtomicInteger();
        new FeatureScanner(db).scan(0, obs - 11, obs, Progress.NONE, h -> {
            FeatureVector v = FeatureCalculator.compute(h, obs);
            if (v == null) {
                notScored.incrementAndGet();
                return;
            }
            assertSameScore(trained.score(v), stored.score(v), h.accountId);
            assertSameScore(trainedThin.score(v), storedThin.score(v), h.accountId);
            compared.incrementAndGet();
        });
        // every account of the book was visited; all but those without recent history were compared
        assertEquals(db.dsl().fetchCount(ACCOUNT), compared.get() + notScored.get());
        assertTrue(compared.get() > 1000, "compared " + compared.get());
        // the Weka model bytes are stored too
        assertNotNull(loaded.modelBytes());
        assertTrue(loaded.modelBytes().length > 100);
    }

    private static void assertSameScore(ScoreResult trained, ScoreResult stored, long accountId) {
        assertArrayEquals(trained.bins(), stored.bins(), "bins of account " + accountId);
        assertArrayEquals(trained.points(), stored.points(), "points per characteristic of account " + accountId);
        assertEquals(trained.rawScore(), stored.rawScore(), "points total of account " + accountId);
        assertEquals(trained.score(), stored.score(), "score of account " + accountId);
        assertEquals(trained.pd(), stored.pd(), "PD of account " + accountId);
        assertEquals(trained.band(), stored.band(), "band of account " + accountId);
    }

    @Test
    @Order(4)
    void pointsAddUpToTheScoreAndReasonsFollowPointsLost() {
        ScoringService.Scorer scorer = new ScoringService.Scorer(scoring.champions());
        int obs = scoring.observationMonth();
        AtomicInteger checked = new AtomicInteger();
        new FeatureScanner(db).scan(0, obs - 11, obs, Progress.NONE, h -> {
            FeatureVector v = FeatureCalculator.compute(h, obs);
            if (v == null) {
                return;
            }
            AccountScore s = scorer.score(v);
            Explanation e = s.explanation();
            int sum = e.lines().stream().mapToInt(Explanation.Line::points).sum() + e.clampAdjustment();
            assertEquals(s.result().score(), sum);
            List<Explanation.Line> byCode = e.reasonCodes().stream()
                    .map(code -> e.lines().stream().filter(l -> l.characteristic().equals(code)).findFirst().orElseThrow()).toList();
            for (int i = 1; i < byCode.size(); i++) {
                assertTrue(byCode.get(i - 1).pointsLost() >= byCode.get(i).pointsLost());
            }
            for (Explanation.Line l : e.lines()) {
                // a protected attribute (AGE by default) may lose more and is still never a reason
                if (!e.reasonCodes().contains(l.characteristic()) && e.reasonCodes().size() == Explanation.MAX_REASONS
                        && !ProtectedAttributes.DEFAULT.isProtected(l.characteristic())) {
                    assertTrue(l.pointsLost() <= byCode.get(byCode.size() - 1).pointsLost());
                }
            }
            if (e.hint() != null) {
                assertTrue(e.hint().newBand().ordinal() < s.result().band().ordinal());
                assertNotNull(e.hintText(Locale.SIMPLIFIED_CHINESE));
            }
            checked.incrementAndGet();
        });
        assertTrue(checked.get() > 1000);
    }

    @Test
    @Order(5)
    void batchResumesAfterAStopWithoutDoubleWritingAndMatchesSingleScoring() {
        // stop after the first committed chunk, as a crash between chunks would
        Progress stopAfterFirstChunk = new Progress() {
            int updates;

            @Override
            public void update(String message, long done, long total) {
                if ("scoring".equals(message)) {
                    updates++;
                }
            }

            @Override
            public boolean isCancelled() {
                return updates >= 1;
            }
        };
        assertThrows(Progress.CancelledException.class, () -> scoreRun.scoreAll(TestOperators.batch(db), 300, stopAfterFirstChunk));
        Record job = db.dsl().select(BATCH_JOB.ID, BATCH_JOB.STATUS, BATCH_JOB.LAST_KEY).from(BATCH_JOB).where(BATCH_JOB.KIND.eq(JobKind.SCORE)).fetchOne();
        assertEquals(JobStatus.CANCELLED, job.get(BATCH_JOB.STATUS));
        assertEquals(300, db.dsl().fetchCount(SCORE));

        ScoreRunService.BatchReport resumed = scoreRun.scoreAll(TestOperators.batch(db), 300, Progress.NONE);
        assertTrue(resumed.resumed());
        // the first run computes from history and stores the snapshot set as it goes (resumed with it)
        assertEquals("history+stored", resumed.featureSource());
        assertEquals(job.get(BATCH_JOB.ID), resumed.jobId());
        int scoredAccounts = db.dsl().fetchCount(db.dsl().selectDistinct(SCORE.ACCOUNT_ID).from(SCORE));
        assertEquals(scoredAccounts, db.dsl().fetchCount(SCORE), "no account scored twice in one job");
        assertEquals(resumed.scored(), scoredAccounts);
        assertEquals(scoredAccounts, db.dsl().fetchCount(ACCOUNT, ACCOUNT.SCORE.isNotNull()));

        // single scoring of any account gives the batch's points exactly
        for (Record r : db.dsl().select(SCORE.ACCOUNT_ID, SCORE.SCORE_, SCORE.POINTS, SCORE.THIN_FILE, SCORE.CREDIT_SUB, SCORE.REASON_CODES)
                .from(SCORE).orderBy(SCORE.ACCOUNT_ID).limit(150).fetch()) {
            AccountScore single = scoring.scoreAccount(TestOperators.risk(db), r.get(SCORE.ACCOUNT_ID));
            assertEquals(r.get(SCORE.SCORE_), single.result().score());
            assertArrayEquals(r.get(SCORE.POINTS), single.packedPoints());
            assertEquals(r.get(SCORE.THIN_FILE), single.thinFile());
            assertEquals(r.get(SCORE.CREDIT_SUB), single.subScores().credit());
            assertEquals(r.get(SCORE.REASON_CODES), String.join(",", single.reasonCodes()));
        }
        // thin files are scored by the thin-file champion and flagged
        assertEquals(db.dsl().fetchCount(SCORE, SCORE.THIN_FILE.isTrue()),
                db.dsl().fetchCount(SCORE, SCORE.MODEL_ID.eq(report.thinFileId())));
        assertTrue(db.dsl().fetchCount(SCORE, SCORE.THIN_FILE.isTrue()) > 0);
        // a second run is a new job and adds history rather than replacing it; it reads the snapshots
        ScoreRunService.BatchReport again = scoreRun.scoreAll(TestOperators.batch(db), 1000, Progress.NONE);
        assertEquals("snapshot", again.featureSource());
        assertEquals(2L * scoredAccounts, db.dsl().fetchCount(SCORE));
        assertSameScores(resumed.jobId(), again.jobId(), scoredAccounts);
    }

    /** Every account scored by both jobs got the same model, score, PD, band, points, sub-scores and reasons. */
    private static void assertSameScores(long historyJob, long snapshotJob, int expectedAccounts) {
        var a = SCORE.as("a");
        var b = SCORE.as("b");
        var pairs = db.dsl().select(a.ACCOUNT_ID, a.MODEL_ID, b.MODEL_ID, a.SCORE_, b.SCORE_, a.PD, b.PD, a.BAND, b.BAND, a.POINTS, b.POINTS,
                        a.REASON_CODES, b.REASON_CODES, a.THIN_FILE, b.THIN_FILE, a.CREDIT_SUB, b.CREDIT_SUB, a.CAPACITY_SUB, b.CAPACITY_SUB,
                        a.STABILITY_SUB, b.STABILITY_SUB, a.SECURITY_SUB, b.SECURITY_SUB)
                .from(a).join(b).on(b.ACCOUNT_ID.eq(a.ACCOUNT_ID))
                .where(a.JOB_ID.eq(historyJob).and(b.JOB_ID.eq(snapshotJob))).fetch();
        assertEquals(expectedAccounts, pairs.size(), "both jobs scored the same accounts");
        for (var r : pairs) {
            String account = "account " + r.get(0);
            for (int i = 2; i < r.size(); i += 2) {
                Object history = r.get(i - 1);
                Object snapshot = r.get(i);
                if (history instanceof byte[] h) {
                    assertArrayEquals(h, (byte[]) snapshot, account + " " + r.field(i - 1).getName());
                } else {
                    assertEquals(history, snapshot, account + " " + r.field(i - 1).getName());
                }
            }
        }
    }

    @Test
    @Order(6)
    void snapshotsHoldExactlyTheVectorsComputedFromHistory() {
        int obs = scoring.observationMonth();
        java.time.LocalDate obsDate = MonthRow.monthEnd(obs);
        assertTrue(new FeatureStore(db).isComplete(new FeatureStore(db).parameters(obsDate)));
        assertEquals(db.dsl().fetchCount(ACCOUNT), db.dsl().fetchCount(FEATURE_SNAPSHOT), "one row per account");
        java.util.Map<Long, FeatureVector> stored = new java.util.HashMap<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        new FeatureStore(db).scanRange(0, Long.MAX_VALUE, obsDate, obs, s -> {
            seen.add(s.accountId());
            if (s.vector() != null) {
                stored.put(s.accountId(), s.vector());
            }
        });
        AtomicInteger compared = new AtomicInteger();
        new FeatureScanner(db).scan(0, obs - 11, obs, Progress.NONE, h -> {
            assertTrue(seen.contains(h.accountId), "account " + h.accountId + " has a snapshot row");
            FeatureVector v = FeatureCalculator.compute(h, obs);
            assertEquals(v, stored.get(h.accountId), "account " + h.accountId);
            compared.incrementAndGet();
        });
        assertEquals(db.dsl().fetchCount(ACCOUNT), compared.get());
        assertTrue(stored.size() > 1000);
    }

    @Test
    @Order(7)
    void aFeedRefreshMakesTheSnapshotStaleAndTheNextRunRecomputesIt() {
        java.time.LocalDate obsDate = MonthRow.monthEnd(scoring.observationMonth());
        FeatureStore store = new FeatureStore(db);
        String before = store.parameters(obsDate);
        long setsBefore = db.dsl().fetchCount(FEATURE_SNAPSHOT);
        // one changed history row, and its feed's as-of moves as every load does
        long account = db.dsl().select(ACCOUNT_MONTH.ACCOUNT_ID).from(ACCOUNT_MONTH)
                .where(ACCOUNT_MONTH.MONTH_START.eq(MonthRow.monthStart(scoring.observationMonth()))).limit(1).fetchOne().value1();
        db.dsl().update(ACCOUNT_MONTH).set(ACCOUNT_MONTH.DAYS_PAST_DUE, 95)
                .where(ACCOUNT_MONTH.ACCOUNT_ID.eq(account).and(ACCOUNT_MONTH.MONTH_START.eq(MonthRow.monthStart(scoring.observationMonth()))))
                .execute();
        // the feed's as-of moves as every load does (the synthetic book had no feed row: the load creates it)
        java.time.LocalDateTime now = java.time.LocalDateTime.now();
        db.dsl().mergeInto(DATA_FEED).using(db.dsl().selectOne()).on(DATA_FEED.CODE.eq("BILLS"))
                .whenMatchedThenUpdate().set(DATA_FEED.AS_OF, now).set(DATA_FEED.UPDATED_AT, now)
                .whenNotMatchedThenInsert(DATA_FEED.CODE, DATA_FEED.AS_OF, DATA_FEED.TOLERANCE_HOURS, DATA_FEED.UPDATED_AT)
                .values("BILLS", now, 48, now).execute();
        assertTrue(!store.isComplete(store.parameters(obsDate)) && !before.equals(store.parameters(obsDate)));

        ScoreRunService.BatchReport r = scoreRun.scoreAll(TestOperators.batch(db), 1000, Progress.NONE);
        assertEquals("history+stored", r.featureSource());
        assertEquals(setsBefore, db.dsl().fetchCount(FEATURE_SNAPSHOT), "the stale rows were replaced, not added");
        assertTrue(store.isComplete(store.parameters(obsDate)));
        // the changed month reached the score, which equals single scoring from history
        AccountScore single = scoring.scoreAccount(TestOperators.risk(db), account);
        assertEquals(single.result().score(), db.dsl().select(SCORE.SCORE_).from(SCORE)
                .where(SCORE.JOB_ID.eq(r.jobId()).and(SCORE.ACCOUNT_ID.eq(account))).fetchOne().value1());
        assertEquals(95.0, single.features().get(Feature.DPD_NOW));
        ScoreRunService.BatchReport fromStore = scoreRun.scoreAll(TestOperators.batch(db), 700, Progress.NONE);
        assertEquals("snapshot", fromStore.featureSource());
        assertSameScores(r.jobId(), fromStore.jobId(), (int) r.scored());
    }

    @Test
    @Order(8)
    void twoScoringRunsAtOnceOneScoresAndTheOtherIsRefusedByName() throws Exception {
        int jobsBefore = db.dsl().fetchCount(BATCH_JOB, BATCH_JOB.KIND.eq(JobKind.SCORE));
        TwoStarts.Outcome<ScoreRunService.BatchReport> outcome = TwoStarts.atOnce(progress -> scoreRun.scoreAll(TestOperators.batch(db), 300, progress));
        assertEquals(1, outcome.ran().size(), outcome.refused().toString());
        assertEquals(1, outcome.refused().size());
        ScoreRunService.BatchReport ran = outcome.ran().get(0);
        String refusal = outcome.refused().get(0).getMessage();
        assertTrue(refusal.startsWith("Scoring run " + ran.jobId() + " is running since "), refusal);
        assertEquals(jobsBefore + 1, db.dsl().fetchCount(BATCH_JOB, BATCH_JOB.KIND.eq(JobKind.SCORE)), "the refused run left no job");
        assertEquals(0, db.dsl().fetchCount(BATCH_JOB, BATCH_JOB.STATUS.eq(JobStatus.RUNNING)));
        int scored = db.dsl().fetchCount(SCORE, SCORE.JOB_ID.eq(ran.jobId()));
        assertEquals(ran.scored(), scored);
        assertEquals(scored, db.dsl().fetchCount(db.dsl().selectDistinct(SCORE.ACCOUNT_ID).from(SCORE).where(SCORE.JOB_ID.eq(ran.jobId()))),
                "no account scored twice");
    }

    // ---- the gradient-boosted model: trained beside the scorecard, explained in points, champion in its place

    /** Every account of the book with recent history, its features at the scoring month. */
    private static List<FeatureVector> book() {
        int obs = scoring.observationMonth();
        List<FeatureVector> book = new ArrayList<>();
        new FeatureScanner(db).scan(0, obs - FeatureCalculator.LOOKBACK_MONTHS + 1, obs, Progress.NONE, h -> {
            FeatureVector v = FeatureCalculator.compute(h, obs);
            if (v != null) {
                book.add(v);
            }
        });
        return book;
    }

    @Test
    @Order(9)
    void trainingStoresTheBoostedModelAsADraftWithOutOfTimeMetrics() {
        StoredModel gb = models.load(report.boostedId());
        assertEquals(ModelKind.GRADIENT_BOOSTED, gb.kind());
        assertEquals(ModelStatus.DRAFT, gb.status());
        for (String key : List.of("train", "test", "baseline")) {
            assertTrue(gb.metrics().has(key), key);
        }
        assertTrue(report.boostedTest().auc() > 0.7, "out-of-time AUC " + report.boostedTest().auc());
        assertEquals(report.testRows(), report.boostedTest().count(), "measured on the same out-of-time rows as the scorecard");
        // the same characteristics the scorecard could use: every feature and the occupation
        assertEquals(TrainingService.candidateInputs(), gb.features());
    }

    @Test
    @Order(10)
    void everyAccountsBoostedPointsAddUpExactlyToItsScoreAndItsLogOdds() {
        List<FeatureVector> book = book();
        BoostedModel model = (BoostedModel) models.load(report.boostedId()).explained();
        Scaling scaling = model.scaling();
        List<ScoreResult> results = model.scoreAll(book);
        float[][] contributions = model.contributions(book);
        double[] logOdds = model.logOdds(book);
        BoostedModel reread = BoostedModel.fromBytes(model.bytes());
        int n = model.characteristicNames().size();
        int hints = 0;
        for (int i = 0; i < book.size(); i++) {
            ScoreResult r = results.get(i);
            String account = "account " + book.get(i).accountId();
            // the contributions are the model's own log-odds, split per characteristic
            double sum = contributions[i][n];
            for (int c = 0; c < n; c++) {
                sum += contributions[i][c];
                assertEquals(-scaling.factor() * contributions[i][c], r.points()[c], 1.0, account + " rounds each contribution by less than a point");
            }
            assertEquals(logOdds[i], sum, 1e-4, account);
            // on the scorecard's scale: Offset − Factor × log-odds, clamped to 300–850
            assertEquals(scaling.clamp((int) Math.round(scaling.offset() - scaling.factor() * sum)), r.score(), account);
            assertEquals(1 / (1 + Math.exp(-logOdds[i])), r.pd(), 1e-5, account);
            assertEquals(r.score(), r.base() + Arrays.stream(r.points()).sum() + r.clampAdjustment(), account + ": base + points + range limit = score");
            assertEquals(results.get(0).base(), r.base(), "the same base for every account");
            assertReasonsAreTheMostNegativePoints(model.characteristicNames(), r.points(), model.reasonCodes(r, ProtectedAttributes.DEFAULT), account);
            // the points table as shown, and what would move the score (every tenth account: re-scoring takes a moment)
            if (i % 10 == 0) {
                Explanation e = model.explain(book.get(i), r, model.reasonCodes(r, ProtectedAttributes.DEFAULT));
                assertEquals(r.score(), e.basePoints() + e.lines().stream().mapToInt(Explanation.Line::points).sum() + e.clampAdjustment(), account);
                hints += assertHintReachesTheNextBand(model, book.get(i), r, e.hint(), account);
            }
            // one account alone, and after a save and load, as in the whole list
            if (i % 25 == 0) {
                ScoreResult single = model.score(book.get(i));
                assertArrayEquals(r.points(), single.points(), account);
                assertEquals(r.pd(), single.pd(), account);
                assertArrayEquals(r.points(), reread.score(book.get(i)).points(), account);
            }
        }
        assertTrue(hints > 0, "some accounts are told what would move their score");
    }

    private static void assertReasonsAreTheMostNegativePoints(List<String> names, int[] points, List<String> reasons, String account) {
        List<Integer> negative = java.util.stream.IntStream.range(0, names.size())
                .filter(i -> points[i] < 0 && !ProtectedAttributes.DEFAULT.isProtected(names.get(i))).boxed()
                .sorted((a, b) -> Integer.compare(points[a], points[b])).toList();
        assertEquals(Math.min(Explanation.MAX_REASONS, negative.size()), reasons.size(), account);
        for (int k = 0; k < reasons.size(); k++) {
            assertEquals(points[negative.get(k)], points[names.indexOf(reasons.get(k))], account + " reason " + (k + 1));
        }
        assertFalse(reasons.contains("AGE"), account + ": a protected attribute is never a reason");
    }

    /** A hint names an actionable move that, re-scored, reaches the next band; none in band A. Returns 1 when there was one. */
    private static int assertHintReachesTheNextBand(BoostedModel model, FeatureVector v, ScoreResult r, Explanation.Hint hint, String account) {
        if (r.band().better() == null || hint == null) {
            assertTrue(r.band().better() != null || hint == null, account + " is in band A: nothing to move");
            return 0;
        }
        assertTrue(Feature.valueOf(hint.characteristic()).actionable(), account + " " + hint.characteristic());
        double[] values = v.values().clone();
        int f = Feature.valueOf(hint.characteristic()).ordinal();
        // XGBoost compares in single precision
        assertTrue(hint.from().contains((float) values[f]), account + ": the hint starts from the account's own interval");
        values[f] = hint.to().lower() != null ? hint.to().lower() : Math.nextDown(hint.to().upper().floatValue());
        ScoreResult moved = model.score(new FeatureVector(v.accountId(), v.observationDate(), values, v.occupation(), v.monthsOfHistory(), v.thinFile()));
        assertEquals(hint.newScore(), moved.score(), 1, account + ": the hinted score is the re-scored one");
        assertTrue(hint.newScore() >= r.band().better().minScore(), account);
        assertEquals(hint.newScore() - r.rawScore(), hint.gain(), account);
        return 1;
    }

    @Test
    @Order(11)
    void theBoostedChampionReplacesTheScorecardAndBatchScoringEqualsSingleScoringOnEveryAccount() {
        long scorecardChampion = models.mainChampion().id();
        governance.approve(TestOperators.second(db, Role.MANAGER),
                governance.requestPromotion(TestOperators.manager(db), report.boostedId(), "the boosted model explains itself too").id());
        assertEquals(ModelStatus.RETIRED, models.load(scorecardChampion).status());
        assertEquals(ModelStatus.CHAMPION, models.load(report.thinFileId()).status(), "the thin-file seat is another seat");
        assertEquals(report.boostedId(), models.mainChampion().id());
        dev.riskdesk.common.UserFacingException forest = assertThrows(dev.riskdesk.common.UserFacingException.class,
                () -> governance.requestPromotion(TestOperators.manager(db), report.forestId(), "forest"));
        assertTrue(forest.getMessage().contains("cannot explain"), forest.getMessage());

        ScoreRunService.BatchReport run = scoreRun.scoreAll(TestOperators.batch(db), 400, Progress.NONE);
        Map<Long, ? extends Record> stored = db.dsl().select(SCORE.ACCOUNT_ID, SCORE.MODEL_ID, SCORE.SCORE_, SCORE.PD, SCORE.BAND, SCORE.POINTS,
                        SCORE.REASON_CODES, SCORE.CREDIT_SUB).from(SCORE).where(SCORE.JOB_ID.eq(run.jobId()))
                .fetchMap(SCORE.ACCOUNT_ID);
        List<FeatureVector> book = book();
        assertEquals(book.size(), stored.size());
        ScoringService.Scorer scorer = new ScoringService.Scorer(scoring.champions());
        int boosted = 0;
        for (FeatureVector v : book) {
            AccountScore single = scorer.score(v);
            Record r = stored.get(v.accountId());
            String account = "account " + v.accountId();
            assertEquals(r.get(SCORE.MODEL_ID), single.modelId(), account);
            assertEquals(r.get(SCORE.SCORE_), single.result().score(), account);
            assertEquals(r.get(SCORE.BAND).trim(), single.result().band().name(), account);
            assertArrayEquals(r.get(SCORE.POINTS), single.packedPoints(), account);
            assertEquals(r.get(SCORE.REASON_CODES), String.join(",", single.reasonCodes()), account);
            assertEquals(r.get(SCORE.CREDIT_SUB), single.subScores().credit(), account);
            boosted += single.modelId() == report.boostedId() ? 1 : 0;
        }
        assertEquals(db.dsl().fetchCount(SCORE, SCORE.JOB_ID.eq(run.jobId()).and(SCORE.THIN_FILE.isFalse())), boosted,
                "every account with a file is scored by the boosted champion");
        // the console's path (history read for one account) gives the same, and its points table adds up
        for (FeatureVector v : book.subList(0, 60)) {
            ScoreBreakdown b = scoring.breakdown(TestOperators.risk(db), v.accountId());
            assertEquals(stored.get(v.accountId()).get(SCORE.SCORE_), b.score().result().score());
            assertEquals(b.score().result().score(), b.pointsTotal());
            assertEquals(b.score().thinFile(), b.explanation().basePoints() == 0, "only the boosted model has a base");
        }
    }
}
