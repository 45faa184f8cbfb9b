package dev.riskdesk.scoring.model;

import dev.riskdesk.scoring.features.Feature;
import dev.riskdesk.scoring.features.FeatureVector;
import java.util.List;

/**
 * A points scorecard: characteristics with integer points per bin and the scaling. Scoring is
 * a lookup and a sum, identical for one account or a million, and after a save and load.
 */
public final class Scorecard implements ExplainedModel {
    private final List<Characteristic> characteristics;
    private final Scaling scaling;
    /** The binding for feature vectors, made on first use. */
    private volatile Bound features;

    public Scorecard(List<Characteristic> characteristics, Scaling scaling) {
        this.characteristics = List.copyOf(characteristics);
        this.scaling = scaling;
    }

    public List<Characteristic> characteristics() {
        return characteristics;
    }

    public Scaling scaling() {
        return scaling;
    }

    public List<String> featureNames() {
        return characteristics.stream().map(Characteristic::name).toList();
    }

    @Override
    public List<String> characteristicNames() {
        return featureNames();
    }

    @Override
    public ScoreResult score(FeatureVector v) {
        Bound b = features;
        if (b == null) {
            b = bindFeatures();
            features = b;
        }
        return b.score(v);
    }

    @Override
    public List<String> reasonCodes(ScoreResult result, ProtectedAttributes protectedAttributes) {
        return Explanation.reasonCodes(this, result, protectedAttributes);
    }

    @Override
    public Explanation explain(FeatureVector v, ScoreResult result, List<String> reasonCodes) {
        return Explanation.of(this, result, reasonCodes);
    }

    /** Resolves characteristic names to the columns of a row layout once, before scoring many rows. */
    public Bound bind(List<String> numericNames, List<String> categoricalNames) {
        int[] columns = new int[characteristics.size()];
        for (int i = 0; i < columns.length; i++) {
            Characteristic c = characteristics.get(i);
            columns[i] = c.categorical() ? categoricalNames.indexOf(c.name()) : numericNames.indexOf(c.name());
            if (columns[i] < 0) {
                throw new IllegalArgumentException("No column " + c.name() + " for the scorecard");
            }
        }
        return new Bound(columns);
    }

    /** The binding for {@link FeatureVector}s. */
    public Bound bindFeatures() {
        return bind(java.util.Arrays.stream(Feature.values()).map(Enum::name).toList(), List.of(Feature.OCCUPATION));
    }

    public final class Bound {
        private final int[] columns;

        private Bound(int[] columns) {
            this.columns = columns;
        }

        public ScoreResult score(Dataset.Row row) {
            int n = characteristics.size();
            int[] bins = new int[n];
            int[] points = new int[n];
            int sum = 0;
            for (int i = 0; i < n; i++) {
                Characteristic c = characteristics.get(i);
                bins[i] = c.categorical() ? c.binOf(row.categorical()[columns[i]]) : c.binOf(row.numeric()[columns[i]]);
                points[i] = c.bins().get(bins[i]).points();
                sum += points[i];
            }
            int score = scaling.clamp(sum);
            return new ScoreResult(bins, points, sum, score, scaling.pd(sum), ScoreBand.ofScore(score));
        }

        public ScoreResult score(FeatureVector v) {
            return score(Dataset.Row.of(v));
        }
    }
}
