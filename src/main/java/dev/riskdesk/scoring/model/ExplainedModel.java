package dev.riskdesk.scoring.model;

import dev.riskdesk.scoring.features.FeatureVector;
import java.util.ArrayList;
import java.util.List;

/**
 * A model that may be champion: every score it gives is a sum of integer points per characteristic
 * (plus a base for models that have one) on the common scale (600 at 50:1, 20 points to double the
 * odds), so the console, notices and the CLI explain it the same way whatever the kind.
 */
public interface ExplainedModel {

    Scaling scaling();

    /** The characteristics the points are given for, in model order (the order of {@link ScoreResult#points()}). */
    List<String> characteristicNames();

    ScoreResult score(FeatureVector v);

    /** Scores many accounts at once; the same results as {@link #score} one by one, possibly faster. */
    default List<ScoreResult> scoreAll(List<FeatureVector> vectors) {
        List<ScoreResult> out = new ArrayList<>(vectors.size());
        for (FeatureVector v : vectors) {
            out.add(score(v));
        }
        return out;
    }

    /** The reason codes of a result, at most {@link Explanation#MAX_REASONS}, never a protected attribute. */
    List<String> reasonCodes(ScoreResult result, ProtectedAttributes protectedAttributes);

    /** The points table, the reasons given and what would move the score, for one scored account. */
    Explanation explain(FeatureVector v, ScoreResult result, List<String> reasonCodes);
}
