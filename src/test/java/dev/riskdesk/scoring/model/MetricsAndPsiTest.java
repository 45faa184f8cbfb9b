package dev.riskdesk.scoring.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics and the PSI on small samples whose answers were worked out by hand (in the comments). */
class MetricsAndPsiTest {
    static final double EPS = 1e-12;

    // four accounts: goods at PD 0.10 and 0.40, bads at 0.35 and 0.80
    static final double[] PD = {0.10, 0.40, 0.35, 0.80};
    static final int[] Y = {0, 0, 1, 1};

    @Test
    void aucCountsTheBadGoodPairsRankedRight() {
        // pairs (bad, good): 0.35>0.10 yes, 0.35>0.40 no, 0.80>0.10 yes, 0.80>0.40 yes → 3 of 4
        assertEquals(0.75, Metrics.auc(PD, Y), EPS);
        // a tie counts as half a pair
        assertEquals(0.5, Metrics.auc(new double[] {0.5, 0.5}, new int[] {0, 1}), EPS);
        // perfect and reversed ranking
        assertEquals(1.0, Metrics.auc(new double[] {0.1, 0.2, 0.9}, new int[] {0, 0, 1}), EPS);
        assertEquals(0.0, Metrics.auc(new double[] {0.9, 0.8, 0.1}, new int[] {0, 0, 1}), EPS);
        // one class only: undefined
        assertTrue(Double.isNaN(Metrics.auc(new double[] {0.1, 0.2}, new int[] {0, 0})));
    }

    @Test
    void ksIsTheLargestGapOfTheCumulativeDistributions() {
        // ascending risk: 0.10 g → (bad 0, good 1/2) gap 0.5; 0.35 b → (1/2, 1/2) 0; 0.40 g → (1/2, 1) 0.5; 0.80 b → (1, 1) 0
        assertEquals(0.5, Metrics.ks(PD, Y), EPS);
        // perfectly separated: all goods below all bads
        assertEquals(1.0, Metrics.ks(new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {0, 0, 1, 1}), EPS);
        // tied scores are one step: four accounts at one PD cannot be told apart, so the only gap is after all of them, 0
        // (taken one by one in input order, g b g b, the gap would wrongly reach 1/2)
        assertEquals(0.0, Metrics.ks(new double[] {0.5, 0.5, 0.5, 0.5}, new int[] {0, 1, 0, 1}), EPS);
        assertTrue(Double.isNaN(Metrics.ks(new double[] {0.1}, new int[] {1})));
    }

    @Test
    void giniIsTwiceAucMinusOneAndBrierIsTheMeanSquaredError() {
        Metrics m = Metrics.of(PD, Y, null);
        assertEquals(4, m.count());
        assertEquals(2, m.bads());
        assertEquals(0.75, m.auc(), EPS);
        assertEquals(0.5, m.ks(), EPS);
        assertEquals(0.5, m.gini(), EPS);
        // (0.10² + 0.40² + 0.65² + 0.20²) / 4 = (0.01 + 0.16 + 0.4225 + 0.04) / 4
        assertEquals(0.158125, m.brier(), EPS);
        assertTrue(m.bands().isEmpty(), "no bands for a model without points");
    }

    @Test
    void calibrationGroupsTenthsByPredictedPdAndBandsCountBadRates() {
        // 20 accounts with PD 0.01 … 0.20 (listed highest first, so the sort matters); bads at PD 0.10, 0.19 and 0.20
        double[] pd = new double[20];
        int[] y = new int[20];
        ScoreBand[] bands = new ScoreBand[20];
        for (int i = 0; i < 20; i++) {
            int k = 20 - i; // PD k/100
            pd[i] = k / 100.0;
            y[i] = k == 10 || k == 19 || k == 20 ? 1 : 0;
            bands[i] = k <= 10 ? ScoreBand.A : ScoreBand.E;
        }
        Metrics m = Metrics.of(pd, y, bands);
        List<Metrics.Decile> d = m.calibration();
        assertEquals(10, d.size());
        // decile 1: PD 0.01 and 0.02, no bad; decile 5: 0.09 and 0.10, one bad; decile 10: 0.19 and 0.20, both bad
        assertEquals(2, d.get(0).count());
        assertEquals(0.015, d.get(0).meanPd(), EPS);
        assertEquals(0.0, d.get(0).badRate(), EPS);
        assertEquals(0.095, d.get(4).meanPd(), EPS);
        assertEquals(0.5, d.get(4).badRate(), EPS);
        assertEquals(0.195, d.get(9).meanPd(), EPS);
        assertEquals(1.0, d.get(9).badRate(), EPS);
        assertEquals(10, d.get(9).decile());
        // band A: PD 0.01 … 0.10, one bad in ten; band E: two in ten; B to D empty
        assertEquals(new Metrics.BandStat(10, 1, 0.1), m.bands().get("A"));
        assertEquals(new Metrics.BandStat(10, 2, 0.2), m.bands().get("E"));
        assertEquals(new Metrics.BandStat(0, 0, 0), m.bands().get("C"));
    }

    @Test
    void distributionBinsByCutsWithMissingLast() {
        // cuts 10 and 20: bins x < 10, 10 ≤ x < 20, x ≥ 20, missing
        Distribution d = Distribution.of(new double[] {10, 20}, new double[] {5, 10, 15, 20, Double.NaN});
        assertArrayEquals(new double[] {0.2, 0.4, 0.2, 0.2}, d.shares(), EPS);
        // a baseline of 1 … 10 cuts at the tenths: 2 … 10, a tenth in each bin and none missing
        Distribution base = Distribution.baseline(new double[] {3, 1, 2, 4, 5, 6, 7, 8, 9, 10});
        assertArrayEquals(new double[] {2, 3, 4, 5, 6, 7, 8, 9, 10}, base.cuts(), EPS);
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.0}, base.shares(), EPS);
    }

    static Distribution shares(double... s) {
        return new Distribution(new double[s.length - 2], s);
    }

    @Test
    void psiOfHandComputedShiftsAndItsThresholds() {
        // identical: 0
        assertEquals(0, shares(0.25, 0.5, 0.25, 0).psi(shares(0.25, 0.5, 0.25, 0)), EPS);
        // 0.5/0.5 → 0.6/0.4: 0.1·ln 1.2 + 0.1·ln 1.25 = 0.040546…  → OK
        double small = shares(0.5, 0.5, 0, 0).psi(shares(0.6, 0.4, 0, 0));
        assertEquals(0.1 * Math.log(1.2) + 0.1 * Math.log(1.25), small, EPS);
        assertEquals(0.0405465, small, 1e-7);
        assertEquals("OK", MonitoringService.level(small));
        // 0.5/0.5 → 0.7/0.3: 0.2·ln 1.4 + 0.2·ln(5/3) = 0.169460…  → WARNING
        double medium = shares(0.5, 0.5, 0, 0).psi(shares(0.7, 0.3, 0, 0));
        assertEquals(0.2 * Math.log(1.4) + 0.2 * Math.log(5.0 / 3), medium, EPS);
        assertEquals(0.1694596, medium, 1e-7);
        assertEquals("WARNING", MonitoringService.level(medium));
        // 0.25/0.5/0.25 → 0.5/0.25/0.25: 0.25·ln 2 + 0.25·ln 2 = 0.346574…  → ALERT
        double large = shares(0.25, 0.5, 0.25, 0).psi(shares(0.5, 0.25, 0.25, 0));
        assertEquals(0.5 * Math.log(2), large, EPS);
        assertEquals("ALERT", MonitoringService.level(large));
        // PSI is symmetric in expected and actual
        assertEquals(large, shares(0.5, 0.25, 0.25, 0).psi(shares(0.25, 0.5, 0.25, 0)), EPS);
        // an empty expected bin counts as a share of 1e-4, so it is large but finite: 0.1 − 1e-4 times ln(0.1 / 1e-4), plus the other bin
        double empty = shares(1.0, 0, 0, 0).psi(shares(0.9, 0.1, 0, 0));
        assertEquals(-0.1 * Math.log(0.9) + (0.1 - 1e-4) * Math.log(0.1 / 1e-4), empty, EPS);
    }

    @Test
    void thresholdsAreInclusiveAtPointOneAndPointTwoFive() {
        assertEquals(0.10, MonitoringService.PSI_WARNING);
        assertEquals(0.25, MonitoringService.PSI_ALERT);
        assertEquals("OK", MonitoringService.level(0.0999));
        assertEquals("WARNING", MonitoringService.level(0.10));
        assertEquals("WARNING", MonitoringService.level(0.2499));
        assertEquals("ALERT", MonitoringService.level(0.25));
    }
}
