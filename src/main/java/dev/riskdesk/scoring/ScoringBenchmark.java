package dev.riskdesk.scoring;

import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;

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

    public Result features(Progress progress) {
        return run(null, progress);
    }

    public Result score(Progress progress) {
        StoredModel champion = models.champion(ModelKind.SCORECARD);
        if (champion == null) {
            throw new dev.riskdesk.common.UserFacingException("No champion scorecard; promote one before benchmarking scoring.");
        }
        return run(new ScoringService.Scorer(new ScoringService.Champions(champion, models.champion(ModelKind.THIN_FILE))), progress);
    }

    private Result run(ScoringService.Scorer scorer, Progress progress) {
        FeatureScanner scanner = new FeatureScanner(database);
        int[] range = scanner.monthRange();
        if (range == null) {
            throw new dev.riskdesk.common.UserFacingException("There is no monthly history to benchmark on.");
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
