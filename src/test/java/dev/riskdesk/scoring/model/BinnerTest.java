package dev.riskdesk.scoring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinnerTest {
    @Test
    void numericBinsHaveMonotonicBadRateMinimumShareAndAMissingBin() {
        Random random = new Random(1);
        int n = 20000;
        double[] x = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 50 == 0 ? Double.NaN : random.nextDouble();
            // noisy, wiggly but increasing risk: raw quantile bins would not be monotonic
            double p = 0.02 + 0.2 * (Double.isNaN(x[i]) ? 0.5 : x[i]) + 0.03 * Math.sin(x[i] * 40);
            y[i] = random.nextDouble() < p ? 1 : 0;
        }
        Characteristic c = new Binner().numeric("X", x, y);
        List<Bin> present = c.bins().stream().filter(b -> !b.missing()).toList();
        assertTrue(present.size() >= 2 && present.size() <= Binner.DEFAULT_MAX_BINS, c.toString());
        for (int i = 1; i < present.size(); i++) {
            assertTrue(present.get(i).badRate() >= present.get(i - 1).badRate(), "bad rate must not fall: " + present);
            assertTrue(present.get(i).woe() <= present.get(i - 1).woe());
            assertEquals(present.get(i - 1).upper(), present.get(i).lower(), "bins tile the line");
        }
        long presentCount = present.stream().mapToLong(Bin::count).sum();
        for (Bin b : present) {
            assertTrue(b.count() >= 0.05 * presentCount, "minimum share: " + b);
        }
        assertTrue(c.bins().stream().anyMatch(Bin::missing));
        assertEquals(n, c.bins().stream().mapToLong(Bin::count).sum());
        assertTrue(c.iv() > 0.1);
        assertEquals(c.bins().size() - 1, c.binOf(Double.NaN));
        assertEquals(0, c.binOf(-5));
        assertEquals(present.size() - 1, c.binOf(5));
    }

    @Test
    void decreasingRiskGivesDecreasingBadRate() {
        Random random = new Random(2);
        int n = 10000;
        double[] x = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextInt(10);
            y[i] = random.nextDouble() < 0.3 - 0.025 * x[i] ? 1 : 0;
        }
        List<Bin> bins = new Binner().numeric("X", x, y).bins();
        for (int i = 1; i < bins.size(); i++) {
            assertTrue(bins.get(i).badRate() <= bins.get(i - 1).badRate(), bins.toString());
        }
    }

    @Test
    void categoricalSmallCategoriesAreMergedAndUnseenGoesToTheNeutralBin() {
        Random random = new Random(3);
        int n = 5000;
        String[] x = new String[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int k = i % 100;
            x[i] = k < 45 ? "A" : k < 90 ? "B" : k < 92 ? "rare1" : k < 94 ? "rare2" : k < 99 ? "C" : null;
            double p = "A".equals(x[i]) ? 0.05 : "B".equals(x[i]) ? 0.2 : 0.1;
            y[i] = random.nextDouble() < p ? 1 : 0;
        }
        Characteristic c = new Binner().categorical("JOB", x, y);
        for (Bin b : c.bins()) {
            assertTrue(b.missing() || b.count() >= 0.05 * (n - n / 100), b.toString());
        }
        assertEquals(c.neutralBin(), c.binOf("never-seen"));
        assertTrue(c.bins().get(c.binOf((String) null)).missing());
        assertTrue(c.bins().get(c.binOf("A")).woe() > c.bins().get(c.binOf("B")).woe());
    }
}
