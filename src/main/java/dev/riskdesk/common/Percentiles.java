package dev.riskdesk.common;

import java.util.Arrays;

/** Nearest-rank percentiles of measured latencies, for the benchmarks. */
public final class Percentiles {
    private Percentiles() {
    }

    /** p50, p95, p99 and the maximum of {@code values}. */
    public static double[] of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new double[] {at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted[sorted.length - 1]};
    }

    private static double at(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
