package dev.riskdesk.scoring.model;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.scoring.features.Feature;
import dev.riskdesk.scoring.features.FeatureCalculator;
import dev.riskdesk.scoring.features.FeatureScanner;
import dev.riskdesk.scoring.features.FeatureVector;
import dev.riskdesk.scoring.features.MonthRow;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the scorecard champion candidate, the random-forest challenger and the thin-file
 * scorecard from stored history, with an out-of-time split: earlier observation month ends
 * train, later ones test. Observation months need a full 12-month outcome window after them
 * and six months of history before them. All three models are stored as DRAFT in one
 * transaction with an audit event.
 */
public final class TrainingService {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingService.class);
    /** Months of history wanted before the first observation month. */
    static final int MIN_HISTORY = 6;
    /** The forest is trained on at most this many rows so it stays a matter of seconds. */
    static final int FOREST_ROWS = 40_000;

    private final Database database;
    private final ModelRepository models;
    private final AuditLog audit;

    public TrainingService(Database database, ModelRepository models, AuditLog audit) {
        this.database = database;
        this.models = models;
        this.audit = audit;
    }

    /**
     * @param observationMonths how many of the latest eligible observation months to use (0 = all)
     * @param testMonths        how many of those (the latest) form the out-of-time test (0 = a third)
     * @param maxRows           sample accounts so that roughly this many rows are used
     */
    public record Options(int observationMonths, int testMonths, int maxRows, long seed) {
        public static Options defaults() {
            return new Options(0, 0, 300_000, 7);
        }
    }

    /**
     * What a training run stored, with its metrics; {@code scorecard} and {@code thinFile} are the
     * trained in-memory scorecards (before any save), so callers can check that the stored rows
     * score exactly as they do.
     */
    public record Report(long scorecardId, long forestId, long thinFileId, List<LocalDate> trainDates, List<LocalDate> testDates,
                         int trainRows, int testRows, List<String> features,
                         Metrics scorecardTrain, Metrics scorecardTest, Metrics forestTrain, Metrics forestTest,
                         Metrics thinFileTrain, Metrics thinFileTest, long millis, Scorecard scorecard, Scorecard thinFile) {
    }

    /** Observation month indexes eligible in a month range: six months of history, twelve of outcome. */
    static List<Integer> eligibleObservations(int firstMonth, int lastMonth) {
        List<Integer> out = new ArrayList<>();
        for (int m = firstMonth + MIN_HISTORY - 1; m <= lastMonth - FeatureCalculator.OUTCOME_MONTHS; m++) {
            out.add(m);
        }
        return out;
    }

    public Report train(Session session, Options options, Progress progress) {
        session.require(Permission.MODEL_TRAIN);
        long start = System.currentTimeMillis();
        FeatureScanner scanner = new FeatureScanner(database);
        int[] range = scanner.monthRange();
        if (range == null) {
            throw UserFacingException.keyed("training.noHistory", "There is no monthly history (ACCOUNT_MONTH is empty); generate or import a portfolio first.");
        }
        List<Integer> eligible = eligibleObservations(range[0], range[1]);
        List<Integer> obs = options.observationMonths() > 0 && eligible.size() > options.observationMonths()
                ? eligible.subList(eligible.size() - options.observationMonths(), eligible.size()) : eligible;
        if (obs.size() < 2) {
            int needed = MIN_HISTORY + FeatureCalculator.OUTCOME_MONTHS + 1;
            int held = range[1] - range[0] + 1;
            throw UserFacingException.keyed("training.tooShort", "Training needs at least " + needed
                    + " months of history (6 before an observation date, 12 after it, two observation dates); the database holds "
                    + held + ".", needed, held);
        }
        int testCount = options.testMonths() > 0 ? options.testMonths() : Math.max(1, obs.size() / 3);
        if (testCount >= obs.size()) {
            throw new UserFacingException("The out-of-time test needs fewer months (" + testCount + ") than there are observation months (" + obs.size() + ").");
        }
        List<Integer> trainObs = obs.subList(0, obs.size() - testCount);
        List<Integer> testObs = obs.subList(obs.size() - testCount, obs.size());

        long accounts = database.dsl().fetchCount(ACCOUNT);
        long estimated = Math.max(1, accounts * obs.size());
        int keepPerMille = (int) Math.min(1000, Math.max(1, (long) options.maxRows() * 1000 / estimated));

        int firstObs = obs.get(0);
        int lastObs = obs.get(obs.size() - 1);
        int lastTrainObs = trainObs.get(trainObs.size() - 1);
        // one ordered pass over the whole book (a range per core); each account yields a row per observation month
        List<Sample> parts = new ArrayList<>();
        new FeatureScanner(database).scanParallel(Runtime.getRuntime().availableProcessors(),
                firstObs - FeatureCalculator.LOOKBACK_MONTHS + 1, lastObs + FeatureCalculator.OUTCOME_MONTHS, progress, () -> {
                    Sample part = new Sample();
                    parts.add(part);
                    return h -> {
                        if (keepPerMille < 1000 && Math.floorMod(mix(h.accountId), 1000) >= keepPerMille) {
                            return;
                        }
                        for (int m : obs) {
                            FeatureVector v = FeatureCalculator.compute(h, m);
                            if (v == null) {
                                continue;
                            }
                            int label = FeatureCalculator.label(h, m);
                            if (label != FeatureCalculator.LABEL_EXCLUDED) {
                                part.add(m <= lastTrainObs, v, label);
                            }
                        }
                    };
                });
        List<FeatureVector> train = new ArrayList<>();
        List<FeatureVector> test = new ArrayList<>();
        List<Integer> trainY = new ArrayList<>();
        List<Integer> testY = new ArrayList<>();
        for (Sample part : parts) {
            train.addAll(part.train);
            trainY.addAll(part.trainY);
            test.addAll(part.test);
            testY.addAll(part.testY);
        }
        LOG.info("Training sample: {} train rows, {} test rows (kept {} per mille of accounts)", train.size(), test.size(), keepPerMille);
        progress.update("training the scorecard", 0, 3);

        // the behavioural scorecard learns on accounts with a file; thin files get their own model
        List<FeatureVector> trainFull = new ArrayList<>();
        List<Integer> trainFullY = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            if (!train.get(i).thinFile()) {
                trainFull.add(train.get(i));
                trainFullY.add(trainY.get(i));
            }
        }
        List<FeatureVector> testFull = new ArrayList<>();
        List<Integer> testFullY = new ArrayList<>();
        List<FeatureVector> testThin = new ArrayList<>();
        List<Integer> testThinY = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            (test.get(i).thinFile() ? testThin : testFull).add(test.get(i));
            (test.get(i).thinFile() ? testThinY : testFullY).add(testY.get(i));
        }
        Dataset trainSet = Dataset.ofFeatures(trainFull, ints(trainFullY));
        Dataset testSet = Dataset.ofFeatures(testFull, ints(testFullY));
        requireBothClasses(trainSet, "training");
        requireBothClasses(testSet, "out-of-time test");

        List<String> numeric = Arrays.stream(Feature.values()).map(Enum::name).toList();
        List<String> categorical = List.of(Feature.OCCUPATION);
        ScorecardTrainer.Trained scorecard = new ScorecardTrainer().train(trainSet, numeric, categorical);
        Metrics scTrain = evaluate(scorecard.scorecard(), trainSet);
        Metrics scTest = evaluate(scorecard.scorecard(), testSet);
        LOG.info("Scorecard train {} / test {}", scTrain.summary(), scTest.summary());

        progress.update("training the challenger forest", 1, 3);
        Dataset forestTrain = sample(trainSet, FOREST_ROWS, options.seed());
        ForestModel forest = ForestModel.train(forestTrain, numeric, categorical, (int) options.seed());
        Metrics rfTrain = Metrics.of(forest.pd(forestTrain), forestTrain.labels(), null);
        Metrics rfTest = Metrics.of(forest.pd(testSet), testSet.labels(), null);
        LOG.info("Forest train {} / test {}", rfTrain.summary(), rfTest.summary());

        progress.update("training the thin-file scorecard", 2, 3);
        Dataset thinTrain = Dataset.ofFeatures(train, ints(trainY));
        ScorecardTrainer.Trained thin = new ScorecardTrainer().train(thinTrain, Feature.THIN_FILE_NUMERIC, categorical);
        Metrics thinTrainM = evaluate(thin.scorecard(), thinTrain);
        Dataset thinTest = Dataset.ofFeatures(testThin.isEmpty() ? test : testThin, ints(testThin.isEmpty() ? testY : testThinY));
        Metrics thinTestM = evaluate(thin.scorecard(), thinTest);

        LocalDate trainFrom = MonthRow.monthEnd(trainObs.get(0));
        LocalDate trainTo = MonthRow.monthEnd(trainObs.get(trainObs.size() - 1));
        LocalDate testFrom = MonthRow.monthEnd(testObs.get(0));
        LocalDate testTo = MonthRow.monthEnd(testObs.get(testObs.size() - 1));

        ObjectNode scMetrics = metricsJson(scTrain, scTest);
        scMetrics.set("challenger", metricsJson(rfTrain, rfTest));
        scMetrics.set("baseline", baseline(scorecard.scorecard(), trainSet));
        ObjectNode rfMetrics = metricsJson(rfTrain, rfTest);
        ObjectNode thinMetrics = metricsJson(thinTrainM, thinTestM);
        thinMetrics.set("baseline", baseline(thin.scorecard(), thinTrain));
        thinMetrics.put("testPopulation", testThin.isEmpty() ? "all test rows (no thin files in the test months)" : "thin-file test rows");
        long[] ids = database.transactionResult(tx -> {
            String window = "obs " + trainFrom + ".." + trainTo;
            long sc = models.insert(tx, session, new ModelRepository.NewModel("Behaviour scorecard " + window, ModelKind.SCORECARD,
                    scorecard.scorecard().featureNames(), scorecard.scorecard(), scorecard.wekaModel(), scMetrics,
                    trainFrom, trainTo, testFrom, testTo));
            long rf = models.insert(tx, session, new ModelRepository.NewModel("Random forest challenger " + window, ModelKind.TREE_ENSEMBLE,
                    numeric, null, forest.bytes(), rfMetrics, trainFrom, trainTo, testFrom, testTo));
            long tf = models.insert(tx, session, new ModelRepository.NewModel("Thin-file scorecard " + window, ModelKind.THIN_FILE,
                    thin.scorecard().featureNames(), thin.scorecard(), thin.wekaModel(), thinMetrics,
                    trainFrom, trainTo, testFrom, testTo));
            audit.record(tx, session, "MODEL_TRAIN", "MODEL", sc, null,
                    String.format(java.util.Locale.ROOT, "scorecard=%d forest=%d thinFile=%d trainRows=%d testRows=%d testAUC=%.4f",
                            sc, rf, tf, trainSet.size(), testSet.size(), scTest.auc()));
            return new long[] {sc, rf, tf};
        });
        progress.update("done", 3, 3);
        return new Report(ids[0], ids[1], ids[2], trainObs.stream().map(MonthRow::monthEnd).toList(),
                testObs.stream().map(MonthRow::monthEnd).toList(), trainSet.size(), testSet.size(),
                scorecard.scorecard().featureNames(), scTrain, scTest, rfTrain, rfTest, thinTrainM, thinTestM,
                System.currentTimeMillis() - start, scorecard.scorecard(), thin.scorecard());
    }

    public static Metrics evaluate(Scorecard scorecard, Dataset data) {
        Scorecard.Bound bound = scorecard.bind(data.numericNames(), data.categoricalNames());
        double[] pd = new double[data.size()];
        ScoreBand[] bands = new ScoreBand[data.size()];
        for (int i = 0; i < data.size(); i++) {
            ScoreResult r = bound.score(data.row(i));
            pd[i] = r.pd();
            bands[i] = r.band();
        }
        return Metrics.of(pd, data.labels(), bands);
    }

    static ObjectNode metricsJson(Metrics train, Metrics test) {
        ObjectNode node = ModelRepository.JSON.createObjectNode();
        node.set("train", ModelRepository.JSON.valueToTree(train));
        node.set("test", ModelRepository.JSON.valueToTree(test));
        return node;
    }

    /** Training distributions of the score and every feature, the reference for PSI monitoring. */
    static ObjectNode baseline(Scorecard scorecard, Dataset data) {
        ObjectNode node = ModelRepository.JSON.createObjectNode();
        Scorecard.Bound bound = scorecard.bind(data.numericNames(), data.categoricalNames());
        double[] scores = new double[data.size()];
        for (int i = 0; i < data.size(); i++) {
            scores[i] = bound.score(data.row(i)).score();
        }
        node.set("SCORE", ModelRepository.JSON.valueToTree(Distribution.baseline(scores)));
        for (int c = 0; c < data.numericNames().size(); c++) {
            node.set(data.numericNames().get(c), ModelRepository.JSON.valueToTree(Distribution.baseline(data.numericColumn(c))));
        }
        return node;
    }

    private static void requireBothClasses(Dataset d, String what) {
        long bads = Arrays.stream(d.labels()).filter(v -> v == 1).count();
        if (bads == 0 || bads == d.size()) {
            throw UserFacingException.keyed("training.oneClass", "The " + what + " sample has " + d.size() + " rows and " + bads
                    + " defaults; a model needs both defaults and non-defaults.", what, d.size(), bads);
        }
    }

    static Dataset sample(Dataset d, int max, long seed) {
        if (d.size() <= max) {
            return d;
        }
        int[] idx = new int[d.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Random random = new Random(seed);
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return d.subset(Arrays.copyOf(idx, max));
    }

    /** Rows collected by one scan range; ranges are concatenated in id order so runs are repeatable. */
    private static final class Sample {
        final List<FeatureVector> train = new ArrayList<>();
        final List<FeatureVector> test = new ArrayList<>();
        final List<Integer> trainY = new ArrayList<>();
        final List<Integer> testY = new ArrayList<>();

        void add(boolean isTrain, FeatureVector v, int label) {
            (isTrain ? train : test).add(v);
            (isTrain ? trainY : testY).add(label);
        }
    }

    static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A fixed hash of the account id, so the sample is the same on every run. */
    static long mix(long id) {
        long z = id * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 31);
    }
}
