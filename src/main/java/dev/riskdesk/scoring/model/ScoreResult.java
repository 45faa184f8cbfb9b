package dev.riskdesk.scoring.model;

/**
 * A model's verdict on one row: the integer points of each characteristic (model order), the base
 * points the characteristics start from (0 for a scorecard, whose bins carry the offset), their sum
 * {@code rawScore}, the score (the sum clamped to the scaling range), PD and band. {@code bins} are
 * the scorecard's bin indexes; null for models without bins.
 */
public record ScoreResult(int[] bins, int[] points, int base, int rawScore, int score, double pd, ScoreBand band) {

    /** A scorecard's result: no base, the points are all in the bins. */
    public ScoreResult(int[] bins, int[] points, int rawScore, int score, double pd, ScoreBand band) {
        this(bins, points, 0, rawScore, score, pd, band);
    }

    /** Points the clamp added or removed; zero unless the sum left the 300–850 range. */
    public int clampAdjustment() {
        return score - rawScore;
    }
}
