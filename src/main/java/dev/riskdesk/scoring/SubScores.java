package dev.riskdesk.scoring;

/**
 * Four 0–100 sub-scores (higher is better), each banded A–E (≥80, ≥60, ≥40, ≥20, below).
 * Definitions in scoring.md. They are deliberately simple, readable formulas rather than models,
 * so that an agent can tell a customer why, and so that "excellent credit but low consumption
 * capacity" is expressible: credit comes from the scorecard, capacity from income and spending.
 */
public record SubScores(int credit, int capacity, int stability, int security) {

    public static SubScores of(int score, Scaling scaling, FeatureVector v) {
        int credit = pct((double) (score - scaling.minScore()) / (scaling.maxScore() - scaling.minScore()));

        double income = (v.get(Feature.INCOME_BAND) - 1) / 4.0;
        double spendLevel = v.get(Feature.NEVER_USED) > 0 ? 0 : Math.min(1, Math.log1p(v.get(Feature.SPEND_AVG_3M)) / Math.log1p(20_000));
        double repayRatio = v.get(Feature.REPAY_TO_MIN_3M);
        // paying twice the minimum or more counts as full repayment capacity; nothing due is neutral
        double repay = Double.isNaN(repayRatio) ? 0.5 : Math.min(1, repayRatio / 2);
        int capacity = pct(0.40 * unit(income) + 0.35 * spendLevel + 0.25 * repay);

        double volatility = v.get(Feature.SPEND_VOLATILITY_6M);
        double vol = Double.isNaN(volatility) ? 0.5 : Math.min(1, volatility / 1.5);
        double multiLending = Math.min(1, v.get(Feature.INQUIRIES_3M) / 6);
        double swing = v.get(Feature.UTIL_SWING_6M);
        double swings = Double.isNaN(swing) ? 0 : Math.min(1, swing / 0.6);
        int stability = pct(1 - (0.30 * vol + 0.40 * multiLending + 0.30 * swings));

        double devices = Math.min(1, v.get(Feature.NEW_DEVICES_1M) / 3);
        double cities = Math.min(1, Math.max(0, v.get(Feature.LOGIN_CITIES_1M) - 1) / 3);
        double nightShare = v.get(Feature.NIGHT_SHARE_3M);
        double night = Double.isNaN(nightShare) ? 0 : Math.min(1, nightShare / 0.5);
        double change = v.get(Feature.LOGIN_FREQ_CHANGE);
        double frequency = Double.isNaN(change) || change <= 0 ? 0 : Math.min(1, Math.abs(Math.log(change)) / Math.log(4));
        double unverified = v.get(Feature.REAL_NAME_VERIFIED) > 0 ? 0 : 1;
        int security = pct(1 - (0.30 * devices + 0.20 * cities + 0.20 * night + 0.15 * frequency + 0.15 * unverified));
        return new SubScores(credit, capacity, stability, security);
    }

    private static double unit(double x) {
        return Double.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
    }

    private static int pct(double x) {
        return (int) Math.round(100 * unit(x));
    }

    public ScoreBand creditBand() {
        return ScoreBand.ofSubScore(credit);
    }

    public ScoreBand capacityBand() {
        return ScoreBand.ofSubScore(capacity);
    }

    public ScoreBand stabilityBand() {
        return ScoreBand.ofSubScore(stability);
    }

    public ScoreBand securityBand() {
        return ScoreBand.ofSubScore(security);
    }
}
