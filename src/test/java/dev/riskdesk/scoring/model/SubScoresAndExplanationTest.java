package dev.riskdesk.scoring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.scoring.features.Feature;
import dev.riskdesk.scoring.features.FeatureVector;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class SubScoresAndExplanationTest {
    static Bin bin(Double lo, Double hi, int points) {
        return new Bin(lo, hi, null, false, 100, 10, 0, points);
    }

    /** Three characteristics with hand-set points. */
    static Scorecard scorecard() {
        Characteristic util = new Characteristic("UTIL_NOW", false,
                List.of(bin(null, 0.3, 80), bin(0.3, 0.7, 60), bin(0.7, null, 20)), 0.3, -1, 1, 60);
        Characteristic dpd = new Characteristic("WORST_DPD_6M", false,
                List.of(bin(null, 1.0, 90), bin(1.0, 30.0, 50), bin(30.0, null, 10)), 0.5, -1, 0, 80);
        Characteristic age = new Characteristic("AGE", false,
                List.of(bin(null, 25.0, 100), bin(25.0, null, 130)), 0.05, -1, 1, 120);
        return new Scorecard(List.of(util, dpd, age), Scaling.standard(-3));
    }

    static FeatureVector vector(double util, double dpd, double age) {
        double[] v = new double[Feature.COUNT];
        v[Feature.UTIL_NOW.ordinal()] = util;
        v[Feature.WORST_DPD_6M.ordinal()] = dpd;
        v[Feature.AGE.ordinal()] = age;
        v[Feature.INCOME_BAND.ordinal()] = 1;
        v[Feature.REPAY_TO_MIN_3M.ordinal()] = 1;
        v[Feature.SPEND_AVG_3M.ordinal()] = 200;
        v[Feature.REAL_NAME_VERIFIED.ordinal()] = 1;
        v[Feature.SPEND_VOLATILITY_6M.ordinal()] = 0.1;
        v[Feature.UTIL_SWING_6M.ordinal()] = 0.05;
        return new FeatureVector(1, LocalDate.of(2024, 8, 31), v, "TEACHER", 12, false);
    }

    @Test
    void reasonsAreOrderedByPointsLostAndPointsSumToTheScore() {
        Scorecard sc = scorecard();
        ScoreResult r = sc.bindFeatures().score(vector(0.9, 10, 22));
        assertEquals(20 + 50 + 100, r.rawScore());
        Explanation e = Explanation.of(sc, r);
        // lost: UTIL 80-20=60, DPD 90-50=40, AGE 130-100=30; AGE is protected by default and never a reason
        assertEquals(List.of("UTIL_NOW", "WORST_DPD_6M"), e.reasonCodes());
        assertEquals(List.of("UTIL_NOW", "WORST_DPD_6M", "AGE"), Explanation.reasonCodes(sc, r, ProtectedAttributes.of(List.of())));
        assertEquals(List.of("WORST_DPD_6M", "AGE"), Explanation.reasonCodes(sc, r, ProtectedAttributes.of(List.of(" util_now"))));
        assertEquals(3, e.lines().size(), "the points table keeps the protected characteristic");
        assertEquals(r.score(), e.lines().stream().mapToInt(Explanation.Line::points).sum() + e.clampAdjustment());
        assertEquals(300, r.score(), "170 points is below the range and is clamped to 300");
        assertEquals(130, e.clampAdjustment());
    }

    @Test
    void hintPicksTheNearestBinThatReachesTheNextBand() {
        // 60 + 90 + 130 = 280 → clamp... use a scorecard shifted to land inside the bands
        Characteristic util = new Characteristic("UTIL_NOW", false,
                List.of(bin(null, 0.3, 230), bin(0.3, 0.7, 215), bin(0.7, null, 190)), 0.3, -1, 1, 200);
        Characteristic dpd = new Characteristic("WORST_DPD_6M", false,
                List.of(bin(null, 1.0, 200), bin(1.0, 30.0, 190), bin(30.0, null, 150)), 0.5, -1, 0, 190);
        Characteristic age = new Characteristic("AGE", false, List.of(bin(null, 25.0, 170), bin(25.0, null, 200)), 0.05, -1, 1, 190);
        Scorecard sc = new Scorecard(List.of(util, dpd, age), Scaling.standard(-3));
        ScoreResult r = sc.bindFeatures().score(vector(0.9, 10, 22)); // 190 + 190 + 170 = 550, band D; C starts at 580
        assertEquals(ScoreBand.D, r.band());
        Explanation.Hint h = Explanation.of(sc, r).hint();
        assertNotNull(h);
        // UTIL needs two bins (+40); DPD one bin (+10) is not enough; AGE is not actionable
        assertEquals("UTIL_NOW", h.characteristic());
        assertEquals(40, h.gain());
        assertEquals(ScoreBand.C, h.newBand());
        assertTrue(Explanation.of(sc, r).hintText(Locale.ENGLISH).contains("40 points"));
    }

    @Test
    void excellentCreditWithLowConsumptionCapacityIsExpressible() {
        FeatureVector v = vector(0.1, 0, 40);
        SubScores s = SubScores.of(800, Scaling.standard(-3), v);
        assertEquals(ScoreBand.A, s.creditBand());
        assertTrue(s.capacityBand().ordinal() >= ScoreBand.D.ordinal(), "low income, little spending: " + s);
        assertTrue(s.stability() >= 80 && s.security() >= 80, s.toString());
    }

    @Test
    void everySubScoreIsExplainedByItsInputsWhosePointsAddUpToIt() {
        FeatureVector v = vector(0.9, 10, 40);
        v.values()[Feature.NEW_DEVICES_1M.ordinal()] = 2;
        v.values()[Feature.INQUIRIES_3M.ordinal()] = 3;
        v.values()[Feature.NIGHT_SHARE_3M.ordinal()] = 0.25;
        v.values()[Feature.UTIL_SWING_6M.ordinal()] = 0.12;
        Scaling scaling = Scaling.standard(-3);
        SubScores s = SubScores.of(640, scaling, v);
        List<SubScores.Input> inputs = SubScores.inputs(640, scaling, v);
        for (SubScores.Kind kind : SubScores.Kind.values()) {
            double sum = inputs.stream().filter(i -> i.kind() == kind).mapToDouble(SubScores.Input::points).sum();
            double start = kind == SubScores.Kind.STABILITY || kind == SubScores.Kind.SECURITY ? 100 : 0;
            assertEquals(s.value(kind), Math.round(Math.max(0, Math.min(100, start + sum))), kind + " from " + inputs);
        }
        // by hand: credit (640 − 300) / 550 = 61.8 %; repayment 1× the minimum is half of full capacity, 25 × 0.5 = 12.5;
        // 3 inquiries of the 6 that count fully take 40 × 0.5 = 20; 2 new devices of 3 take 30 × 2/3 = 20; night share 25 % of 50 % takes 10
        assertEquals(62, s.credit());
        assertEquals(12.5, points(inputs, SubScores.Kind.CAPACITY, Feature.REPAY_TO_MIN_3M), 1e-9);
        assertEquals(-20, points(inputs, SubScores.Kind.STABILITY, Feature.INQUIRIES_3M), 1e-9);
        assertEquals(-20, points(inputs, SubScores.Kind.SECURITY, Feature.NEW_DEVICES_1M), 1e-9);
        assertEquals(-10, points(inputs, SubScores.Kind.SECURITY, Feature.NIGHT_SHARE_3M), 1e-9);
        assertEquals(100 - 20 - 10, s.security(), "verified, one city, no login change: only devices and night");
        String capacity = SubScores.explain(SubScores.Kind.CAPACITY, inputs, Locale.ENGLISH);
        assertTrue(capacity.contains("Income band I1: 0.0") && capacity.contains("Repayment to minimum due, 3 months 1×: +12.5"), capacity);
        String security = SubScores.explain(SubScores.Kind.SECURITY, inputs, Locale.SIMPLIFIED_CHINESE);
        assertTrue(security.startsWith("100 · ") && security.contains("近1个月新设备数 2次：−20.0"), security);
        assertTrue(SubScores.explain(SubScores.Kind.CREDIT, inputs, Locale.ENGLISH).contains("credit score 640: +61.8"));
    }

    private static double points(List<SubScores.Input> inputs, SubScores.Kind kind, Feature feature) {
        return inputs.stream().filter(i -> i.kind() == kind && i.feature().equals(feature.name())).findFirst().orElseThrow().points();
    }

    @Test
    void everyReasonAndFeatureTextExistsInBothLanguages() {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            ResourceBundle b = ResourceBundle.getBundle(Explanation.BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            for (Feature f : Feature.values()) {
                assertTrue(b.containsKey("reason." + f.name()), locale + " reason." + f);
                assertTrue(b.containsKey("feature." + f.name()), locale + " feature." + f);
            }
            assertTrue(b.containsKey("reason.OCCUPATION") && b.containsKey("hint.move"));
        }
        assertEquals("当前额度使用率较高。", Explanation.reasonText("UTIL_NOW", Locale.SIMPLIFIED_CHINESE));
    }

    @Test
    void scalingMatchesTheDocumentedAnchors() {
        Scaling s = Scaling.standard(0);
        assertEquals(20 / Math.log(2), s.factor(), 1e-12);
        assertEquals(600 - s.factor() * Math.log(50), s.offset(), 1e-12);
        assertEquals(1 / 51.0, s.pd(600), 1e-3);
        assertEquals(1 / 101.0, s.pd(620), 1e-3);
    }
}
