package dev.riskdesk.scoring;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.scoring.features.AccountHistory;
import dev.riskdesk.scoring.features.FeatureCalculator;
import dev.riskdesk.scoring.features.FeatureScanner;
import dev.riskdesk.scoring.features.FeatureVector;
import dev.riskdesk.scoring.model.Explanation;
import dev.riskdesk.scoring.model.ModelKind;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.scoring.model.StoredModel;
import dev.riskdesk.security.BenchOperators;
import dev.riskdesk.security.Session;
import java.util.List;
import java.util.Random;

/**
 * Timed passes over the book without writing anything: the feature scan alone, and the scan
 * with champion scoring (features, points, sub-scores, reason codes).
 */
public final class ScoringBenchmark {
    private final Database database;
    private final ModelRepository models;

    private final int threads;

    public ScoringBenchmark(Database database, ModelRepository models, int threads) {
        this.database = database;
        this.models = models;
        this.threads = threads;
    }

    public record Result(long accounts, long vectors, long thinFile, long millis) {
        public double perSecond() {
            return millis == 0 ? Double.NaN : accounts * 1000.0 / millis;
        }
    }

    /** Latencies in milliseconds of single-account scoring: with the database read, and the in-process part alone. */
    public record Single(double[] withRead, double[] inProcess) {
    }

    /**
     * One account at a time as the console does it: read its history, compute the features, score
     * and explain ({@code withRead}); and the same account again from its already-read history,
     * features + points + sub-scores + explanation only ({@code inProcess}). {@code warmUp}
     * unmeasured accounts first.
     */
    public Single single(ScoringService scoring, int warmUp, int count, long seed) {
        List<Long> ids = database.dsl().select(ACCOUNT.ID).from(ACCOUNT).fetch(ACCOUNT.ID);
        if (ids.isEmpty()) {
            throw new UserFacingException("The database has no accounts to score.");
        }
        ScoringService.Scorer scorer = new ScoringService.Scorer(scoring.champions());
        FeatureScanner scanner = new FeatureScanner(database);
        int obs = scoring.observationMonth();
        Random random = new Random(seed);
        Session system = BenchOperators.signIn(database, "risk");
        double[] withRead = new double[count];
        double[] inProcess = new double[count];
        long checksum = 0;
        for (int i = -warmUp; i < count; i++) {
            long id = ids.get(random.nextInt(ids.size()));
            long start = System.nanoTime();
            AccountScore s = scoring.scoreAccount(system, id);
            if (s != null) {
                checksum += s.explanation().reasonCodes().size();
            }
            long read = System.nanoTime();
            AccountHistory h = scanner.loadOne(id, obs - FeatureCalculator.LOOKBACK_MONTHS + 1, obs);
            long computeStart = System.nanoTime();
            FeatureVector v = FeatureCalculator.compute(h, obs);
            if (v != null) {
                AccountScore again = scorer.score(v);
                checksum += again.explanation().reasonCodes().size();
            }
            long end = System.nanoTime();
            if (i >= 0) {
                withRead[i] = (read - start) / 1e6;
                inProcess[i] = (end - computeStart) / 1e6;
            }
        }
        if (checksum < 0) {
            throw new IllegalStateException();
        }
        return new Single(withRead, inProcess);
    }

    public Result features(Progress progress) {
        return run(null, progress);
    }

    public Result score(Progress progress) {
        StoredModel champion = models.mainChampion();
        if (champion == null) {
            throw new UserFacingException("No champion model; promote one before benchmarking scoring.");
        }
        return run(new ScoringService.Scorer(new ScoringService.Champions(champion, models.champion(ModelKind.THIN_FILE))), progress);
    }

    private Result run(ScoringService.Scorer scorer, Progress progress) {
        FeatureScanner scanner = new FeatureScanner(database);
        int[] range = scanner.monthRange();
        if (range == null) {
            throw new UserFacingException("There is no monthly history to benchmark on.");
        }
        int obs = range[1];
        java.util.concurrent.atomic.AtomicLong vectors = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong thin = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong checksum = new java.util.concurrent.atomic.AtomicLong();
        long start = System.nanoTime();
        long accounts = scanner.scanParallel(threads, obs - FeatureCalculator.LOOKBACK_MONTHS + 1, obs, progress, () -> h -> {
            FeatureVector v = FeatureCalculator.compute(h, obs);
            if (v != null) {
                vectors.incrementAndGet();
                if (v.thinFile()) {
                    thin.incrementAndGet();
                }
                if (scorer != null) {
                    checksum.addAndGet(scorer.score(v).result().score()); // keeps the JIT from skipping the work
                }
            }
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Result(accounts, vectors.get(), thin.get(), millis + (checksum.get() == Long.MIN_VALUE ? 1 : 0));
    }
}
