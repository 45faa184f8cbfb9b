package dev.riskdesk.scoring.model;

import dev.riskdesk.scoring.features.Feature;
import dev.riskdesk.scoring.features.FeatureVector;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Four 0–100 sub-scores (higher is better), each banded A–E (≥80, ≥60, ≥40, ≥20, below).
 * Definitions in scoring.md. They are deliberately simple, readable formulas rather than models,
 * so that an agent can tell a customer why, and so that "excellent credit but low consumption
 * capacity" is expressible: credit comes from the scorecard, capacity from income and spending.
 * {@link #inputs} lists what each sub-score is made of; the sub-score is exactly the rounded sum
 * of its inputs' points (from 0 for credit and capacity, from 100 for stability and security).
 */
public record SubScores(int credit, int capacity, int stability, int security) {

    public enum Kind { CREDIT, CAPACITY, STABILITY, SECURITY }

    /**
     * One input of a sub-score: {@code feature} (a {@link Feature} name, or SCORE for the credit
     * score) with its value, its weight, and its share {@code level} (0–1) of that weight.
     * Capacity and credit inputs add their points; stability and security inputs are penalties.
     */
    public record Input(Kind kind, String feature, double value, double weight, double level) {
        public boolean penalty() {
            return kind == Kind.STABILITY || kind == Kind.SECURITY;
        }

        /** Points of 100 this input adds (positive) or takes away (negative). */
        public double points() {
            return (penalty() ? -100 : 100) * weight * level;
        }
    }

    public static SubScores of(int score, Scaling scaling, FeatureVector v) {
        return compute(score, scaling, v, null);
    }

    /** What each sub-score is made of, in sub-score order; the same arithmetic as {@link #of}. */
    public static List<Input> inputs(int score, Scaling scaling, FeatureVector v) {
        List<Input> inputs = new ArrayList<>();
        compute(score, scaling, v, inputs);
        return inputs;
    }

    /** Computes the sub-scores; records every input into {@code sink} when it is not null (batch scoring passes null). */
    private static SubScores compute(int score, Scaling scaling, FeatureVector v, List<Input> sink) {
        double creditLevel = (double) (score - scaling.minScore()) / (scaling.maxScore() - scaling.minScore());
        int credit = pct(part(sink, Kind.CREDIT, "SCORE", score, 1, creditLevel));

        double income = (v.get(Feature.INCOME_BAND) - 1) / 4.0;
        double spendLevel = v.get(Feature.NEVER_USED) > 0 ? 0 : Math.min(1, Math.log1p(v.get(Feature.SPEND_AVG_3M)) / Math.log1p(20_000));
        double repayRatio = v.get(Feature.REPAY_TO_MIN_3M);
        // paying twice the minimum or more counts as full repayment capacity; nothing due is neutral
        double repay = Double.isNaN(repayRatio) ? 0.5 : Math.min(1, repayRatio / 2);
        double capacity = 0;
        capacity += part(sink, Kind.CAPACITY, Feature.INCOME_BAND, v, 0.40, unit(income));
        capacity += part(sink, Kind.CAPACITY, Feature.SPEND_AVG_3M, v, 0.35, spendLevel);
        capacity += part(sink, Kind.CAPACITY, Feature.REPAY_TO_MIN_3M, v, 0.25, repay);

        double volatility = v.get(Feature.SPEND_VOLATILITY_6M);
        double vol = Double.isNaN(volatility) ? 0.5 : Math.min(1, volatility / 1.5);
        double multiLending = Math.min(1, v.get(Feature.INQUIRIES_3M) / 6);
        double swing = v.get(Feature.UTIL_SWING_6M);
        double swings = Double.isNaN(swing) ? 0 : Math.min(1, swing / 0.6);
        double instability = 0;
        instability += part(sink, Kind.STABILITY, Feature.SPEND_VOLATILITY_6M, v, 0.30, vol);
        instability += part(sink, Kind.STABILITY, Feature.INQUIRIES_3M, v, 0.40, multiLending);
        instability += part(sink, Kind.STABILITY, Feature.UTIL_SWING_6M, v, 0.30, swings);

        double devices = Math.min(1, v.get(Feature.NEW_DEVICES_1M) / 3);
        double cities = Math.min(1, Math.max(0, v.get(Feature.LOGIN_CITIES_1M) - 1) / 3);
        double nightShare = v.get(Feature.NIGHT_SHARE_3M);
        double night = Double.isNaN(nightShare) ? 0 : Math.min(1, nightShare / 0.5);
        double change = v.get(Feature.LOGIN_FREQ_CHANGE);
        double frequency = Double.isNaN(change) || change <= 0 ? 0 : Math.min(1, Math.abs(Math.log(change)) / Math.log(4));
        double unverified = v.get(Feature.REAL_NAME_VERIFIED) > 0 ? 0 : 1;
        double risk = 0;
        risk += part(sink, Kind.SECURITY, Feature.NEW_DEVICES_1M, v, 0.30, devices);
        risk += part(sink, Kind.SECURITY, Feature.LOGIN_CITIES_1M, v, 0.20, cities);
        risk += part(sink, Kind.SECURITY, Feature.NIGHT_SHARE_3M, v, 0.20, night);
        risk += part(sink, Kind.SECURITY, Feature.LOGIN_FREQ_CHANGE, v, 0.15, frequency);
        risk += part(sink, Kind.SECURITY, Feature.REAL_NAME_VERIFIED, v, 0.15, unverified);
        return new SubScores(credit, pct(capacity), pct(1 - instability), pct(1 - risk));
    }

    private static double part(List<Input> sink, Kind kind, Feature feature, FeatureVector v, double weight, double level) {
        return part(sink, kind, feature.name(), v.get(feature), weight, level);
    }

    /** weight × level, recorded as an input when asked. */
    private static double part(List<Input> sink, Kind kind, String feature, double value, double weight, double level) {
        if (sink != null) {
            sink.add(new Input(kind, feature, value, weight, level));
        }
        return weight * level;
    }

    private static double unit(double x) {
        return Double.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
    }

    private static int pct(double x) {
        return (int) Math.round(100 * unit(x));
    }

    public int value(Kind kind) {
        return switch (kind) {
            case CREDIT -> credit;
            case CAPACITY -> capacity;
            case STABILITY -> stability;
            case SECURITY -> security;
        };
    }

    public ScoreBand band(Kind kind) {
        return ScoreBand.ofSubScore(value(kind));
    }

    public ScoreBand creditBand() {
        return band(Kind.CREDIT);
    }

    public ScoreBand capacityBand() {
        return band(Kind.CAPACITY);
    }

    public ScoreBand stabilityBand() {
        return band(Kind.STABILITY);
    }

    public ScoreBand securityBand() {
        return band(Kind.SECURITY);
    }

    /**
     * One sub-score's inputs as a line of text: "income band I3 +20.0 · average monthly spending
     * ¥1,200 +25.1 · …", the penalty sub-scores prefixed with "100".
     */
    public static String explain(Kind kind, List<Input> inputs, Locale locale) {
        ResourceBundle b = BinWords.bundle(locale);
        NumberFormat points = NumberFormat.getNumberInstance(locale);
        points.setMinimumFractionDigits(1);
        points.setMaximumFractionDigits(1);
        List<String> parts = new ArrayList<>();
        if (kind == Kind.STABILITY || kind == Kind.SECURITY) {
            parts.add(b.getString("subscore.start"));
        }
        for (Input in : inputs) {
            if (in.kind() != kind) {
                continue;
            }
            String name = "SCORE".equals(in.feature()) ? b.getString("subscore.creditScore") : Explanation.featureName(in.feature(), locale);
            String value = "SCORE".equals(in.feature()) ? String.valueOf((int) in.value()) : BinWords.value(in.feature(), in.value(), locale);
            double p = in.points();
            // an input that moves nothing shows 0.0, not "+0.0" or "−0.0"
            String shown = points.format(Math.abs(p));
            String signed = shown.equals(points.format(0)) ? shown : (p < 0 ? "−" : "+") + shown;
            parts.add(MessageFormat.format(b.getString("subscore.input"), name, value, signed));
        }
        return String.join(" · ", parts);
    }
}
