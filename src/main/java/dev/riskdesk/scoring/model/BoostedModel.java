package dev.riskdesk.scoring.model;

import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.scoring.features.Feature;
import dev.riskdesk.scoring.features.FeatureVector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The gradient-boosted model (XGBoost, depth-4 trees) on the same characteristics as the scorecard,
 * explained exactly: XGBoost's TreeSHAP ({@code predictContrib}) splits each account's log-odds of
 * default into a bias and one contribution per characteristic. On the scorecard's scale the score is
 * Offset − Factor × log-odds, so the bias gives the base points (Offset − Factor × bias, the same for
 * every account) and each contribution gives −Factor × contribution points; these are rounded so that
 * base + points add up to the rounded score exactly (largest remainders). A characteristic with
 * negative points pulls the account below the average account; the most negative are the reasons.
 *
 * <p>Numeric features go in as they are, missing as missing (each tree learns where missing values
 * go); a categorical one (the occupation) as its training weight of evidence, unseen categories as missing.
 */
public final class BoostedModel implements ExplainedModel {
    public static final int ROUNDS = 150;
    public static final int MAX_DEPTH = 4;
    public static final double ETA = 0.1;
    private static final String FORMAT = "riskdesk-xgboost-1";
    /** The average and best points per characteristic are taken over at most this many training rows. */
    static final int POPULATION_ROWS = 10_000;

    /**
     * What is stored beside the booster: the input columns, the occupation's codes, and per
     * characteristic the average and best points of the training sample (shown next to an account's points).
     */
    record Meta(List<String> numeric, List<String> categorical, Map<String, Map<String, Double>> categoryCodes,
                double[] averagePoints, int[] bestPoints) {
    }

    private final Booster booster;
    private final Meta meta;
    private final Scaling scaling = Scaling.standard(0);
    private final List<String> names;
    /** Where the inputs sit in a feature vector; made on first use (a model of an external file has none). */
    private volatile int[][] featureColumns;

    private BoostedModel(Booster booster, Meta meta) {
        this.booster = booster;
        this.meta = meta;
        List<String> all = new ArrayList<>(meta.numeric());
        all.addAll(meta.categorical());
        this.names = List.copyOf(all);
    }

    private int[][] featureColumns() {
        int[][] cols = featureColumns;
        if (cols == null) {
            cols = columns(FEATURE_NAMES, List.of(Feature.OCCUPATION));
            featureColumns = cols;
        }
        return cols;
    }

    private static final List<String> FEATURE_NAMES = Arrays.stream(Feature.values()).map(Enum::name).toList();

    /** Trains {@code rounds} trees on the given columns of {@code data} (label 1 = bad). */
    public static BoostedModel train(Dataset data, List<String> numeric, List<String> categorical, long seed, int rounds) {
        Map<String, Map<String, Double>> codes = new LinkedHashMap<>();
        for (String c : categorical) {
            codes.put(c, weightsOfEvidence(data.categoricalColumn(data.categoricalNames().indexOf(c)), data.labels()));
        }
        Meta draft = new Meta(List.copyOf(numeric), List.copyOf(categorical), codes, new double[0], new int[0]);
        int[][] cols = columns(draft, data.numericNames(), data.categoricalNames());
        float[] labels = new float[data.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.label(i);
        }
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "binary:logistic");
        params.put("tree_method", "hist");
        params.put("max_depth", MAX_DEPTH);
        params.put("eta", ETA);
        params.put("subsample", 0.8);
        params.put("colsample_bytree", 0.8);
        params.put("min_child_weight", 5);
        // one thread: OpenMP's spinning threads lose far more than they win on a busy two-core machine
        params.put("nthread", 1);
        params.put("seed", seed);
        params.put("verbosity", 0);
        try {
            DMatrix train = matrix(draft, rows(data), cols);
            try {
                train.setLabel(labels);
                Booster booster = XGBoost.train(train, params, rounds, new HashMap<>(), null, null);
                BoostedModel untuned = new BoostedModel(booster, draft);
                return new BoostedModel(booster, untuned.population(data));
            } finally {
                train.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("Gradient boosting failed: " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw nativeLibraryMissing(e);
        }
    }

    /** XGBoost's native library (unpacked from its jar into the temporary folder) did not load: an unsupported system. */
    private static UserFacingException nativeLibraryMissing(LinkageError e) {
        return new UserFacingException("The gradient-boosted model needs XGBoost's native library, which cannot be loaded on this system ("
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): " + e.getMessage(), e);
    }

    /** The metadata with the average and best points per characteristic of (at most {@link #POPULATION_ROWS} of) the training rows. */
    private Meta population(Dataset data) throws XGBoostError {
        Dataset sample = TrainingService.sample(data, POPULATION_ROWS, 1);
        DMatrix m = matrix(meta, rows(sample), columns(sample.numericNames(), sample.categoricalNames()));
        float[][] contributions;
        try {
            contributions = booster.predictContrib(m, 0);
        } finally {
            m.dispose();
        }
        int n = names.size();
        double[] sum = new double[n];
        int[] best = new int[n];
        Arrays.fill(best, Integer.MIN_VALUE);
        for (float[] c : contributions) {
            ScoreResult r = result(c);
            for (int i = 0; i < n; i++) {
                sum[i] += r.points()[i];
                best[i] = Math.max(best[i], r.points()[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            sum[i] /= Math.max(1, contributions.length);
        }
        return new Meta(meta.numeric(), meta.categorical(), meta.categoryCodes(), sum, best);
    }

    /** WoE of each category, ln(%good / %bad) with 0.5 added to each cell, as the scorecard bins do. */
    private static Map<String, Double> weightsOfEvidence(String[] column, int[] labels) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        long goods = 0;
        long bads = 0;
        for (int i = 0; i < column.length; i++) {
            if (column[i] == null) {
                continue;
            }
            counts.computeIfAbsent(column[i], k -> new long[2])[labels[i]]++;
            if (labels[i] == 1) {
                bads++;
            } else {
                goods++;
            }
        }
        Map<String, Double> woe = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            double g = (e.getValue()[0] + 0.5) / (goods + 0.5);
            double b = (e.getValue()[1] + 0.5) / (bads + 0.5);
            woe.put(e.getKey(), Math.log(g / b));
        }
        return woe;
    }

    private int[][] columns(List<String> numericNames, List<String> categoricalNames) {
        return columns(meta, numericNames, categoricalNames);
    }

    /** Where each model input sits in a row layout: numeric column indexes, then categorical ones. */
    private static int[][] columns(Meta meta, List<String> numericNames, List<String> categoricalNames) {
        int[] n = meta.numeric().stream().mapToInt(numericNames::indexOf).toArray();
        int[] c = meta.categorical().stream().mapToInt(categoricalNames::indexOf).toArray();
        for (int i = 0; i < n.length; i++) {
            if (n[i] < 0) {
                throw new IllegalArgumentException("No column " + meta.numeric().get(i) + " for the gradient-boosted model");
            }
        }
        for (int i = 0; i < c.length; i++) {
            if (c[i] < 0) {
                throw new IllegalArgumentException("No column " + meta.categorical().get(i) + " for the gradient-boosted model");
            }
        }
        return new int[][] {n, c};
    }

    private static List<Dataset.Row> rows(Dataset data) {
        List<Dataset.Row> rows = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            rows.add(data.row(i));
        }
        return rows;
    }

    /** The rows as XGBoost's dense float matrix, NaN = missing. */
    private static DMatrix matrix(Meta meta, List<Dataset.Row> rows, int[][] cols) throws XGBoostError {
        int width = cols[0].length + cols[1].length;
        float[] values = new float[rows.size() * width];
        int k = 0;
        for (Dataset.Row row : rows) {
            for (int c : cols[0]) {
                values[k++] = (float) row.numeric()[c];
            }
            for (int j = 0; j < cols[1].length; j++) {
                String category = row.categorical()[cols[1][j]];
                Double code = category == null ? null : meta.categoryCodes().get(meta.categorical().get(j)).get(category);
                values[k++] = code == null ? Float.NaN : code.floatValue();
            }
        }
        return new DMatrix(values, rows.size(), width, Float.NaN);
    }

    /** PD of each row of a dataset holding the model's columns. */
    public double[] pd(Dataset data) {
        try {
            DMatrix m = matrix(meta, rows(data), columns(data.numericNames(), data.categoricalNames()));
            try {
                float[][] p = booster.predict(m);
                double[] out = new double[p.length];
                for (int i = 0; i < p.length; i++) {
                    out[i] = p[i][0];
                }
                return out;
            } finally {
                m.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("Gradient-boosted prediction failed: " + e.getMessage(), e);
        }
    }

    /** The log-odds of default XGBoost predicts for each vector (its margin), for checking the contributions. */
    public double[] logOdds(List<FeatureVector> vectors) {
        try {
            DMatrix m = matrix(meta, vectors.stream().map(Dataset.Row::of).toList(), featureColumns());
            try {
                float[][] p = booster.predict(m, true);
                return Arrays.stream(p).mapToDouble(r -> r[0]).toArray();
            } finally {
                m.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("Gradient-boosted prediction failed: " + e.getMessage(), e);
        }
    }

    /** The contributions of each vector's characteristics to its log-odds of default, the bias last. */
    public float[][] contributions(List<FeatureVector> vectors) {
        try {
            DMatrix m = matrix(meta, vectors.stream().map(Dataset.Row::of).toList(), featureColumns());
            try {
                return booster.predictContrib(m, 0);
            } finally {
                m.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("Gradient-boosted prediction failed: " + e.getMessage(), e);
        }
    }

    @Override
    public ScoreResult score(FeatureVector v) {
        return scoreAll(List.of(v)).get(0);
    }

    @Override
    public List<ScoreResult> scoreAll(List<FeatureVector> vectors) {
        if (vectors.isEmpty()) {
            return List.of();
        }
        float[][] contributions = contributions(vectors);
        List<ScoreResult> out = new ArrayList<>(contributions.length);
        for (float[] c : contributions) {
            out.add(result(c));
        }
        return out;
    }

    /** The unclamped score of a PD on this model's scale: Offset − Factor × log-odds of default, rounded. */
    int scoreOfPd(double pd) {
        return (int) Math.round(scaling.offset() - scaling.factor() * Math.log(pd / (1 - pd)));
    }

    /** Points from one row's contributions: base and per-characteristic points summing to the rounded score. */
    ScoreResult result(float[] contribution) {
        int n = names.size();
        double bias = contribution[n];
        double logOdds = bias;
        double[] exact = new double[n];
        for (int i = 0; i < n; i++) {
            logOdds += contribution[i];
            exact[i] = -scaling.factor() * contribution[i];
        }
        int base = (int) Math.round(scaling.offset() - scaling.factor() * bias);
        int raw = (int) Math.round(scaling.offset() - scaling.factor() * logOdds);
        int[] points = apportion(exact, raw - base);
        int score = scaling.clamp(raw);
        return new ScoreResult(null, points, base, raw, score, 1.0 / (1.0 + Math.exp(-logOdds)), ScoreBand.ofScore(score));
    }

    /**
     * Integers as close as possible to {@code exact} that add up to {@code total}: each rounded, then the
     * difference handed out one point at a time to the values rounding moved furthest the other way.
     */
    static int[] apportion(double[] exact, int total) {
        if (exact.length == 0) {
            throw new IllegalArgumentException("No characteristic to give " + total + " points to");
        }
        int[] points = new int[exact.length];
        int sum = 0;
        for (int i = 0; i < exact.length; i++) {
            points[i] = (int) Math.round(exact[i]);
            sum += points[i];
        }
        int step = Integer.signum(total - sum);
        Integer[] order = new Integer[exact.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // adding: those rounded down most first; taking away: those rounded up most first
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -step * (exact[i] - points[i])).thenComparingInt(i -> i));
        for (int k = 0; sum != total; k = (k + 1) % order.length) {
            points[order[k]] += step;
            sum += step;
        }
        return points;
    }

    @Override
    public Scaling scaling() {
        return scaling;
    }

    @Override
    public List<String> characteristicNames() {
        return names;
    }

    /** The characteristics with negative points (worse than the average account), most negative first, at most four. */
    @Override
    public List<String> reasonCodes(ScoreResult result, ProtectedAttributes protectedAttributes) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (result.points()[i] < 0 && !protectedAttributes.isProtected(names.get(i))) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingInt((Integer i) -> result.points()[i]).thenComparingInt(i -> i));
        return order.stream().limit(Explanation.MAX_REASONS).map(names::get).toList();
    }

    @Override
    public Explanation explain(FeatureVector v, ScoreResult result, List<String> reasonCodes) {
        List<Explanation.Line> lines = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            lines.add(new Explanation.Line(names.get(i), valueLabel(v, i), result.points()[i], meta.averagePoints()[i], meta.bestPoints()[i]));
        }
        return new Explanation(result.score(), result.band(), result.base(), lines, result.clampAdjustment(), List.copyOf(reasonCodes),
                hint(v, result));
    }

    /**
     * What would move this score, as for the scorecard: the smallest change of one actionable characteristic
     * that lifts the account into the next band. The trees split each characteristic at a few values, which cut
     * it into intervals the model cannot tell apart; the account is re-scored with its value moved into each
     * other interval (everything else unchanged, so interactions count), and the nearest interval (in interval
     * order) that reaches the next band wins, ties to the larger gain. Null in band A, for a missing value, or
     * when no single change suffices.
     */
    Explanation.Hint hint(FeatureVector v, ScoreResult result) {
        ScoreBand next = result.band().better();
        if (next == null) {
            return null;
        }
        Map<Integer, double[]> cuts = splitValues();
        List<FeatureVector> moved = new ArrayList<>();
        List<int[]> moves = new ArrayList<>(); // characteristic, current interval, target interval
        for (int i = 0; i < meta.numeric().size(); i++) {
            double[] t = cuts.get(i);
            int column = featureColumns()[0][i];
            double value = v.values()[column];
            if (t == null || Double.isNaN(value) || !Feature.valueOf(names.get(i)).actionable()) {
                continue;
            }
            int current = interval(t, value);
            for (int target = 0; target <= t.length; target++) {
                if (target != current) {
                    double[] values = v.values().clone();
                    // the interval's lower end (XGBoost sends values ≥ a split value right), or just below the first split
                    values[column] = target == 0 ? Math.nextDown((float) t[0]) : t[target - 1];
                    moved.add(new FeatureVector(v.accountId(), v.observationDate(), values, v.occupation(), v.monthsOfHistory(), v.thinFile()));
                    moves.add(new int[] {i, current, target});
                }
            }
        }
        if (moved.isEmpty()) {
            return null;
        }
        double[] logOdds = logOdds(moved);
        int[] best = null;
        int bestScore = 0;
        for (int k = 0; k < logOdds.length; k++) {
            int raw = (int) Math.round(scaling.offset() - scaling.factor() * logOdds[k]);
            int[] move = moves.get(k);
            if (scaling.clamp(raw) < next.minScore()) {
                continue;
            }
            int distance = Math.abs(move[2] - move[1]);
            int bestDistance = best == null ? Integer.MAX_VALUE : Math.abs(best[2] - best[1]);
            if (distance < bestDistance || distance == bestDistance && raw > bestScore) {
                best = move;
                bestScore = raw;
            }
        }
        if (best == null) {
            return null;
        }
        double[] t = cuts.get(best[0]);
        int newScore = scaling.clamp(bestScore);
        return new Explanation.Hint(names.get(best[0]), intervalBin(t, best[1]), intervalBin(t, best[2]), bestScore - result.rawScore(),
                newScore, ScoreBand.ofScore(newScore));
    }

    /** Index of the interval holding {@code value}: 0 below the first split value, k from the k-th split value on. */
    private static int interval(double[] splits, double value) {
        int k = 0;
        while (k < splits.length && (float) value >= (float) splits[k]) {
            k++;
        }
        return k;
    }

    private static Bin intervalBin(double[] splits, int k) {
        return new Bin(k == 0 ? null : splits[k - 1], k == splits.length ? null : splits[k], null, false, 0, 0, 0, 0);
    }

    /** The values each numeric input is split at anywhere in the trees, ascending, by input index; read once from the model's JSON dump. */
    private Map<Integer, double[]> splitValues() {
        Map<Integer, double[]> cuts = splitValues;
        if (cuts == null) {
            Map<Integer, java.util.TreeSet<Double>> found = new HashMap<>();
            try {
                for (String tree : booster.getModelDump((String) null, false, "json")) {
                    collectSplits(ModelRepository.JSON.readTree(tree), found);
                }
            } catch (XGBoostError | IOException e) {
                throw new IllegalStateException("Cannot read the gradient-boosted trees: " + e.getMessage(), e);
            }
            cuts = new HashMap<>();
            for (Map.Entry<Integer, java.util.TreeSet<Double>> e : found.entrySet()) {
                cuts.put(e.getKey(), e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
            }
            splitValues = cuts;
        }
        return cuts;
    }

    private volatile Map<Integer, double[]> splitValues;

    private static void collectSplits(com.fasterxml.jackson.databind.JsonNode node, Map<Integer, java.util.TreeSet<Double>> found) {
        if (node.has("split")) {
            int feature = Integer.parseInt(node.get("split").asText().substring(1));
            found.computeIfAbsent(feature, k -> new java.util.TreeSet<>()).add((double) (float) node.get("split_condition").asDouble());
        }
        for (com.fasterxml.jackson.databind.JsonNode child : node.path("children")) {
            collectSplits(child, found);
        }
    }

    /** The account's value of characteristic {@code i} as the points table shows it: the number, the category or "missing". */
    private String valueLabel(FeatureVector v, int i) {
        if (i >= meta.numeric().size()) {
            String category = v.occupation();
            return category == null ? "missing" : category;
        }
        double value = v.values()[featureColumns()[0][i]];
        return Double.isNaN(value) ? "missing" : Bin.fmt(value);
    }

    /** The stored form: a format tag, the metadata as JSON and XGBoost's own model bytes (UBJSON). */
    public byte[] bytes() {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buffer);
            out.writeUTF(FORMAT);
            byte[] json = ModelRepository.JSON.writeValueAsBytes(meta);
            out.writeInt(json.length);
            out.write(json);
            byte[] model = booster.toByteArray("ubj");
            out.writeInt(model.length);
            out.write(model);
            out.flush();
            return buffer.toByteArray();
        } catch (IOException | XGBoostError e) {
            throw new IllegalStateException("Cannot store the gradient-boosted model: " + e.getMessage(), e);
        }
    }

    public static BoostedModel fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            String format = in.readUTF();
            if (!FORMAT.equals(format)) {
                throw new IllegalStateException("Unknown stored gradient-boosted model format " + format);
            }
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            byte[] model = new byte[in.readInt()];
            in.readFully(model);
            Booster booster = XGBoost.loadModel(model);
            booster.setParam("nthread", 1); // scoring runs on the callers' threads, one page each
            return new BoostedModel(booster, ModelRepository.JSON.readValue(json, Meta.class));
        } catch (IOException | XGBoostError e) {
            throw new IllegalStateException("Cannot read the stored gradient-boosted model: " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw nativeLibraryMissing(e);
        }
    }
}
