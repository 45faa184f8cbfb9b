package dev.riskdesk.scoring.model;

import dev.riskdesk.security.Requires;
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
 * Trains the scorecard, the random-forest challenger, the gradient-boosted model and the thin-file
 * scorecard from stored history, with an out-of-time split: earlier observation month ends
 * train, later ones test. Observation months need a full 12-month outcome window after them
 * and six months of history before them. All four models are stored as DRAFT in one
 * transaction with an audit event.
 */
public final class TrainingService {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingService.class);
    /** Months of history wanted before the first observation month. */
    static final int MIN_HISTORY = 6;
    /** The forest is trained on at most this many rows so it stays a matter of seconds. */
    static final int FOREST_ROWS = 40_000;
    /** The gradient-boosted model is trained on at most this many rows. */
    static final int BOOSTED_ROWS = 100_000;
    private static final List<String> NUMERIC = Arrays.stream(Feature.values()).map(Enum::name).toList();
    private static final List<String> CATEGORICAL = List.of(Feature.OCCUPATION);

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
     * @param boostedRounds     trees of the gradient-boosted model
     */
    public record Options(int observationMonths, int testMonths, int maxRows, long seed, List<String> exclude, int boostedRounds) {
        public Options {
            exclude = exclude == null ? List.of() : ProtectedAttributes.of(exclude).sorted();
            if (boostedRounds < 1) {
                throw new IllegalArgumentException("The gradient-boosted model needs at least one tree");
            }
        }

        /** Every characteristic may enter the models. */
        public Options(int observationMonths, int testMonths, int maxRows, long seed) {
            this(observationMonths, testMonths, maxRows, seed, List.of(), BoostedModel.ROUNDS);
        }

        /** The same run with {@code rounds} trees in the gradient-boosted model. */
        public Options withBoostedRounds(int rounds) {
            return new Options(observationMonths, testMonths, maxRows, seed, exclude, rounds);
        }

        public static Options defaults() {
            return new Options(0, 0, 300_000, 7);
        }

        /** The same run with these attributes (the policy's protected ones, say) left out of every model. */
        public Options excluding(List<String> names) {
            return new Options(observationMonths, testMonths, maxRows, seed, names, boostedRounds);
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
                         Metrics thinFileTrain, Metrics thinFileTest, long millis, Scorecard scorecard, Scorecard thinFile,
                         List<String> excluded, Metrics scorecardTestWithExcluded, Metrics thinFileTestWithExcluded,
                         long boostedId, Metrics boostedTrain, Metrics boostedTest) {
        /** What leaving the attributes out cost in out-of-time AUC (positive: the models lost that much); NaN when nothing was left out. */
        public double scorecardAucCost() {
            return scorecardTestWithExcluded == null ? Double.NaN : scorecardTestWithExcluded.auc() - scorecardTest.auc();
        }
    }

    /** Every attribute a model may be trained on: the features and the categorical occupation. */
    public static List<String> candidateInputs() {
        List<String> all = new ArrayList<>(NUMERIC);
        all.addAll(CATEGORICAL);
        return all;
    }

    /** Observation month indexes eligible in a month range: six months of history, twelve of outcome. */
    static List<Integer> eligibleObservations(int firstMonth, int lastMonth) {
        List<Integer> out = new ArrayList<>();
        for (int m = firstMonth + MIN_HISTORY - 1; m <= lastMonth - FeatureCalculator.OUTCOME_MONTHS; m++) {
            out.add(m);
        }
        return out;
    }

    @Requires(Permission.MODEL_TRAIN)

    public Report train(Session session, Options options, Progress progress) {
        session.require(Permission.MODEL_TRAIN);
        long start = System.currentTimeMillis();
        Split split = split(options);
        Sample rows = collect(split, keepPerMille(options.maxRows(), split.obs().size()), progress);
        Fitted fitted = fit(rows, options, progress);
        long[] ids = store(session, split, fitted);
        progress.update("done", 4, 4);
        return new Report(ids[0], ids[1], ids[2], split.trainObs().stream().map(MonthRow::monthEnd).toList(),
                split.testObs().stream().map(MonthRow::monthEnd).toList(), fitted.trainSet().size(), fitted.testSet().size(),
                fitted.scorecard().scorecard().featureNames(), fitted.scTrain(), fitted.scTest(), fitted.rfTrain(), fitted.rfTest(),
                fitted.thinTrainM(), fitted.thinTestM(), System.currentTimeMillis() - start,
                fitted.scorecard().scorecard(), fitted.thin().scorecard(), options.exclude(), fitted.scTestWith(), fitted.thinTestWith(),
                ids[3], fitted.gbTrain(), fitted.gbTest());
    }

    /** The observation months of a run: the earlier ones train, the latest {@code testObs} form the out-of-time test. */
    private record Split(List<Integer> obs, List<Integer> trainObs, List<Integer> testObs) {
    }

    private Split split(Options options) {
        int[] range = new FeatureScanner(database).monthRange();
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
        return new Split(obs, obs.subList(0, obs.size() - testCount), obs.subList(obs.size() - testCount, obs.size()));
    }

    /** Per mille of accounts to keep so that roughly {@code maxRows} rows are used. */
    private int keepPerMille(int maxRows, int observationMonths) {
        long accounts = database.dsl().fetchCount(ACCOUNT);
        long estimated = Math.max(1, accounts * observationMonths);
        return (int) Math.min(1000, Math.max(1, (long) maxRows * 1000 / estimated));
    }

    /** One ordered pass over the whole book (a range per core); each kept account yields a row per observation month. */
    private Sample collect(Split split, int keepPerMille, Progress progress) {
        List<Integer> obs = split.obs();
        int firstObs = obs.get(0);
        int lastObs = obs.get(obs.size() - 1);
        int lastTrainObs = split.trainObs().get(split.trainObs().size() - 1);
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
        Sample all = new Sample();
        for (Sample part : parts) {
            all.train.addAll(part.train);
            all.test.addAll(part.test);
        }
        LOG.info("Training sample: {} train rows, {} test rows (kept {} per mille of accounts)",
                all.train.rows().size(), all.test.rows().size(), keepPerMille);
        return all;
    }

    /** The four trained models with the data they were measured on and their train/test metrics. */
    private record Fitted(Dataset trainSet, Dataset testSet, ScorecardTrainer.Trained scorecard, Metrics scTrain, Metrics scTest,
                          ForestModel forest, Metrics rfTrain, Metrics rfTest, BoostedModel boosted, Dataset boostedTrain,
                          Metrics gbTrain, Metrics gbTest,
                          Dataset thinTrain, Dataset thinTest, boolean noThinTest, ScorecardTrainer.Trained thin, Metrics thinTrainM, Metrics thinTestM,
                          List<String> excluded, Metrics scTestWith, Metrics thinTestWith) {
    }

    /** {@code names} without the excluded ones. */
    private static List<String> without(List<String> names, List<String> excluded) {
        return names.stream().filter(n -> !excluded.contains(n)).toList();
    }

    private static Fitted fit(Sample rows, Options options, Progress progress) {
        long seed = options.seed();
        List<String> excluded = options.exclude();
        List<String> numeric = without(NUMERIC, excluded);
        List<String> categorical = without(CATEGORICAL, excluded);
        List<String> thinNumeric = without(Feature.THIN_FILE_NUMERIC, excluded);
        progress.update("training the scorecard", 0, 4);
        // the behavioural scorecard learns on accounts with a file; thin files get their own model
        Dataset trainSet = rows.train.only(false).dataset();
        Dataset testSet = rows.test.only(false).dataset();
        requireBothClasses(trainSet, "training");
        requireBothClasses(testSet, "out-of-time test");

        ScorecardTrainer.Trained scorecard = new ScorecardTrainer().train(trainSet, numeric, categorical);
        Metrics scTrain = evaluate(scorecard.scorecard(), trainSet);
        Metrics scTest = evaluate(scorecard.scorecard(), testSet);
        LOG.info("Scorecard train {} / test {}", scTrain.summary(), scTest.summary());
        // what leaving attributes out costs: the same scorecard trained with them, measured on the same out-of-time rows
        Metrics scTestWith = excluded.isEmpty() ? null
                : evaluate(new ScorecardTrainer().train(trainSet, NUMERIC, CATEGORICAL).scorecard(), testSet);

        progress.update("training the challenger forest", 1, 4);
        Dataset forestTrain = sample(trainSet, FOREST_ROWS, seed);
        ForestModel forest = ForestModel.train(forestTrain, numeric, categorical, (int) seed);
        Metrics rfTrain = Metrics.of(forest.pd(forestTrain), forestTrain.labels(), null);
        Metrics rfTest = Metrics.of(forest.pd(testSet), testSet.labels(), null);
        LOG.info("Forest train {} / test {}", rfTrain.summary(), rfTest.summary());

        progress.update("training the gradient-boosted model", 2, 4);
        Dataset boostedTrain = sample(trainSet, BOOSTED_ROWS, seed);
        BoostedModel boosted = BoostedModel.train(boostedTrain, numeric, categorical, seed, options.boostedRounds());
        Metrics gbTrain = evaluate(boosted, boostedTrain);
        Metrics gbTest = evaluate(boosted, testSet);
        LOG.info("Gradient-boosted train {} / test {}", gbTrain.summary(), gbTest.summary());

        progress.update("training the thin-file scorecard", 3, 4);
        Dataset thinTrain = rows.train.dataset();
        ScorecardTrainer.Trained thin = new ScorecardTrainer().train(thinTrain, thinNumeric, categorical);
        Metrics thinTrainM = evaluate(thin.scorecard(), thinTrain);
        Labelled testThin = rows.test.only(true);
        boolean noThinTest = testThin.rows().isEmpty();
        Dataset thinTest = (noThinTest ? rows.test : testThin).dataset();
        Metrics thinTestM = evaluate(thin.scorecard(), thinTest);
        Metrics thinTestWith = excluded.isEmpty() ? null
                : evaluate(new ScorecardTrainer().train(thinTrain, Feature.THIN_FILE_NUMERIC, CATEGORICAL).scorecard(), thinTest);
        return new Fitted(trainSet, testSet, scorecard, scTrain, scTest, forest, rfTrain, rfTest, boosted, boostedTrain, gbTrain, gbTest,
                thinTrain, thinTest, noThinTest, thin, thinTrainM, thinTestM, excluded, scTestWith, thinTestWith);
    }

    /** Stores the four models as DRAFT with their metrics and baselines, in one transaction with an audit event. */
    private long[] store(Session session, Split split, Fitted f) {
        LocalDate trainFrom = MonthRow.monthEnd(split.trainObs().get(0));
        LocalDate trainTo = MonthRow.monthEnd(split.trainObs().get(split.trainObs().size() - 1));
        LocalDate testFrom = MonthRow.monthEnd(split.testObs().get(0));
        LocalDate testTo = MonthRow.monthEnd(split.testObs().get(split.testObs().size() - 1));

        ObjectNode scMetrics = metricsJson(f.scTrain(), f.scTest());
        scMetrics.set("challenger", metricsJson(f.rfTrain(), f.rfTest()));
        scMetrics.set("baseline", baseline(f.scorecard().scorecard(), f.trainSet()));
        ObjectNode rfMetrics = metricsJson(f.rfTrain(), f.rfTest());
        ObjectNode gbMetrics = metricsJson(f.gbTrain(), f.gbTest());
        gbMetrics.set("baseline", baseline(f.boosted(), f.boostedTrain()));
        ObjectNode thinMetrics = metricsJson(f.thinTrainM(), f.thinTestM());
        recordExclusion(scMetrics, f.excluded(), f.scTestWith());
        recordExclusion(rfMetrics, f.excluded(), null);
        recordExclusion(gbMetrics, f.excluded(), null);
        recordExclusion(thinMetrics, f.excluded(), f.thinTestWith());
        thinMetrics.set("baseline", baseline(f.thin().scorecard(), f.thinTrain()));
        // stability: how far the out-of-time sample's scores moved from the training sample's (the Models screen's PSI)
        scMetrics.put("scorePsi", scorePsi(scores(f.scorecard().scorecard(), f.trainSet()), scores(f.scorecard().scorecard(), f.testSet())));
        gbMetrics.put("scorePsi", scorePsi(scores(f.boosted(), f.boostedTrain()), scores(f.boosted(), f.testSet())));
        thinMetrics.put("scorePsi", scorePsi(scores(f.thin().scorecard(), f.thinTrain()), scores(f.thin().scorecard(), f.thinTest())));
        thinMetrics.put("testPopulation", f.noThinTest() ? "all test rows (no thin files in the test months)" : "thin-file test rows");
        ScorecardTrainer.Trained scorecard = f.scorecard();
        ScorecardTrainer.Trained thin = f.thin();
        return database.transactionResult(tx -> {
            String window = "obs " + trainFrom + ".." + trainTo;
            long sc = models.insert(tx, session, new ModelRepository.NewModel("Behaviour scorecard " + window, ModelKind.SCORECARD,
                    scorecard.scorecard().featureNames(), scorecard.scorecard(), scorecard.wekaModel(), scMetrics,
                    trainFrom, trainTo, testFrom, testTo));
            long rf = models.insert(tx, session, new ModelRepository.NewModel("Random forest challenger " + window, ModelKind.TREE_ENSEMBLE,
                    without(NUMERIC, f.excluded()), null, f.forest().bytes(), rfMetrics, trainFrom, trainTo, testFrom, testTo));
            long gb = models.insert(tx, session, new ModelRepository.NewModel("Gradient-boosted model " + window, ModelKind.GRADIENT_BOOSTED,
                    f.boosted().characteristicNames(), null, f.boosted().bytes(), gbMetrics, trainFrom, trainTo, testFrom, testTo));
            long tf = models.insert(tx, session, new ModelRepository.NewModel("Thin-file scorecard " + window, ModelKind.THIN_FILE,
                    thin.scorecard().featureNames(), thin.scorecard(), thin.wekaModel(), thinMetrics,
                    trainFrom, trainTo, testFrom, testTo));
            audit.record(tx, session, "MODEL_TRAIN", "MODEL", sc, null,
                    String.format(java.util.Locale.ROOT, "scorecard=%d forest=%d boosted=%d thinFile=%d trainRows=%d testRows=%d testAUC=%.4f%s",
                            sc, rf, gb, tf, f.trainSet().size(), f.testSet().size(), f.scTest().auc(),
                            f.excluded().isEmpty() ? "" : " excluded=" + String.join(",", f.excluded())
                                    + String.format(java.util.Locale.ROOT, " testAUCWithExcluded=%.4f", f.scTestWith().auc())));
            return new long[] {sc, rf, tf, gb};
        });
    }

    /**
     * The attributes a model was trained without ({@code excludedAttributes}, empty when none) and, when there were any,
     * the out-of-time metrics of the same model trained with them ({@code withExcluded}).
     */
    private static void recordExclusion(ObjectNode metrics, List<String> excluded, Metrics testWith) {
        excluded.forEach(metrics.putArray("excludedAttributes")::add);
        if (testWith != null) {
            metrics.set("withExcluded", ModelRepository.JSON.valueToTree(testWith));
        }
    }

    /** The attributes a stored model was trained without (its metrics' excludedAttributes; empty for older models). */
    public static List<String> excludedAttributes(StoredModel m) {
        List<String> out = new ArrayList<>();
        if (m.metrics() != null) {
            m.metrics().path("excludedAttributes").forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** Metrics of the gradient-boosted model: discrimination from its PD, bands from its scores. */
    static Metrics evaluate(BoostedModel model, Dataset data) {
        double[] pd = model.pd(data);
        ScoreBand[] bands = new ScoreBand[data.size()];
        for (int i = 0; i < pd.length; i++) {
            bands[i] = ScoreBand.ofScore(model.scaling().clamp(model.scoreOfPd(pd[i])));
        }
        return Metrics.of(pd, data.labels(), bands);
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
        return baseline(scores(scorecard, data), data);
    }

    static ObjectNode baseline(BoostedModel model, Dataset data) {
        return baseline(scores(model, data), data);
    }

    private static double[] scores(Scorecard scorecard, Dataset data) {
        Scorecard.Bound bound = scorecard.bind(data.numericNames(), data.categoricalNames());
        double[] scores = new double[data.size()];
        for (int i = 0; i < data.size(); i++) {
            scores[i] = bound.score(data.row(i)).score();
        }
        return scores;
    }

    private static double[] scores(BoostedModel model, Dataset data) {
        double[] pd = model.pd(data);
        double[] scores = new double[pd.length];
        for (int i = 0; i < pd.length; i++) {
            scores[i] = model.scaling().clamp(model.scoreOfPd(pd[i]));
        }
        return scores;
    }

    /** The score's population stability index of the out-of-time sample against the training sample (stored as "scorePsi"). */
    static double scorePsi(double[] trainScores, double[] testScores) {
        Distribution expected = Distribution.baseline(trainScores);
        return expected.psi(Distribution.of(expected.cuts(), testScores));
    }

    private static ObjectNode baseline(double[] scores, Dataset data) {
        ObjectNode node = ModelRepository.JSON.createObjectNode();
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

    /** Feature rows with their labels, in collection order. */
    private record Labelled(List<FeatureVector> rows, List<Integer> labels) {
        Labelled() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        void add(FeatureVector v, int label) {
            rows.add(v);
            labels.add(label);
        }

        void addAll(Labelled other) {
            rows.addAll(other.rows);
            labels.addAll(other.labels);
        }

        /** The rows that are (or are not) thin files, in order. */
        Labelled only(boolean thinFile) {
            Labelled out = new Labelled();
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).thinFile() == thinFile) {
                    out.add(rows.get(i), labels.get(i));
                }
            }
            return out;
        }

        Dataset dataset() {
            return Dataset.ofFeatures(rows, ints(labels));
        }
    }

    /** Rows collected by one scan range; ranges are concatenated in id order so runs are repeatable. */
    private static final class Sample {
        final Labelled train = new Labelled();
        final Labelled test = new Labelled();

        void add(boolean isTrain, FeatureVector v, int label) {
            (isTrain ? train : test).add(v, label);
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
