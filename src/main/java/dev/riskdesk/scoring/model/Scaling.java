package dev.riskdesk.scoring.model;

/**
 * Points scaling of a scorecard (see decisions/0003-scorecard-scaling.md): the score is
 * Offset + Factor * ln(good:bad odds), 600 at odds 50:1, 20 points to double the odds.
 * {@code intercept} is the logistic intercept α on the log-odds of bad.
 */
public record Scaling(double baseScore, double baseOdds, double pdo, double intercept, int minScore, int maxScore) {
    public static final double BASE_SCORE = 600;
    public static final double BASE_ODDS = 50;
    public static final double PDO = 20;
    public static final int MIN_SCORE = 300;
    public static final int MAX_SCORE = 850;

    public static Scaling standard(double intercept) {
        return new Scaling(BASE_SCORE, BASE_ODDS, PDO, intercept, MIN_SCORE, MAX_SCORE);
    }

    public double factor() {
        return pdo / Math.log(2);
    }

    public double offset() {
        return baseScore - factor() * Math.log(baseOdds);
    }

    /** Points of one characteristic's bin: −(β·WoE + α/n)·Factor + Offset/n, rounded to an integer. */
    public int points(double beta, double woe, int characteristics) {
        return (int) Math.round(-(beta * woe + intercept / characteristics) * factor() + offset() / characteristics);
    }

    /** Probability of default implied by an (unclamped) points total. */
    public double pd(int rawScore) {
        double goodBadOdds = Math.exp((rawScore - offset()) / factor());
        return 1.0 / (1.0 + goodBadOdds);
    }

    public int clamp(int rawScore) {
        return Math.max(minScore, Math.min(maxScore, rawScore));
    }
}
