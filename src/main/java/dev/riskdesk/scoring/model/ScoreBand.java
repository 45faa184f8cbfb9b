package dev.riskdesk.scoring.model;

/**
 * Score bands of the credit score, fixed in points so a band means the same odds in every
 * model: A ≥ 660 (PD ≤ 0.25%), B 620–659 (≤ 1%), C 580–619 (≤ 3.8%), D 540–579 (≤ 14%), E < 540.
 * Sub-scores (0–100) use A ≥ 80, B ≥ 60, C ≥ 40, D ≥ 20, E below.
 */
public enum ScoreBand {
    A(660, 80), B(620, 60), C(580, 40), D(540, 20), E(Integer.MIN_VALUE, Integer.MIN_VALUE);

    private final int minScore;
    private final int minSubScore;

    ScoreBand(int minScore, int minSubScore) {
        this.minScore = minScore;
        this.minSubScore = minSubScore;
    }

    public int minScore() {
        return minScore;
    }

    public static ScoreBand ofScore(int score) {
        for (ScoreBand b : values()) {
            if (score >= b.minScore) {
                return b;
            }
        }
        return E;
    }

    public static ScoreBand ofSubScore(int subScore) {
        for (ScoreBand b : values()) {
            if (subScore >= b.minSubScore) {
                return b;
            }
        }
        return E;
    }

    /** The next better band, or null for A. */
    public ScoreBand better() {
        return this == A ? null : values()[ordinal() - 1];
    }
}
