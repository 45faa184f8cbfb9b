package dev.riskdesk.scoring.model;

/**
 * A scorecard's verdict on one row: the bin and integer points of each characteristic (model
 * order), their sum, the score (the sum clamped to the scaling range), PD and band.
 */
public record ScoreResult(int[] bins, int[] points, int rawScore, int score, double pd, ScoreBand band) {

    /** Points the clamp added or removed; zero unless the sum left the 300–850 range. */
    public int clampAdjustment() {
        return score - rawScore;
    }
}
