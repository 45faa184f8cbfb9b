package dev.riskdesk.scoring.model;

import java.util.Arrays;

/**
 * A binned distribution for the population stability index: up to ten quantile bins of the
 * non-missing values plus one bin for missing values.
 *
 * @param cuts   lower bounds of bins 2..k (bin i holds cuts[i-1] <= x < cuts[i])
 * @param shares share of rows per bin, the missing bin last
 */
public record Distribution(double[] cuts, double[] shares) {
    /** Empty bins get this share in the PSI so one empty bin cannot make it infinite. */
    static final double FLOOR = 1e-4;

    public static Distribution baseline(double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double[] cuts = new double[0];
        if (present.length > 0) {
            cuts = java.util.stream.IntStream.range(1, 10)
                    .mapToDouble(q -> present[(int) ((long) q * present.length / 10)])
                    .filter(c -> c > present[0]).distinct().toArray();
        }
        return of(cuts, values);
    }

    /** The distribution of {@code values} over the given cuts. */
    public static Distribution of(double[] cuts, double[] values) {
        double[] counts = new double[cuts.length + 2];
        for (double v : values) {
            counts[bin(cuts, v)]++;
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] = values.length == 0 ? 0 : counts[i] / values.length;
        }
        return new Distribution(cuts, counts);
    }

    static int bin(double[] cuts, double v) {
        if (Double.isNaN(v)) {
            return cuts.length + 1;
        }
        int pos = Arrays.binarySearch(cuts, v);
        return pos >= 0 ? pos + 1 : -pos - 1;
    }

    /** PSI = Σ (actual − expected) · ln(actual / expected) over the bins. */
    public double psi(Distribution actual) {
        double psi = 0;
        for (int i = 0; i < shares.length; i++) {
            double e = Math.max(FLOOR, shares[i]);
            double a = Math.max(FLOOR, actual.shares[i]);
            if (shares[i] == 0 && actual.shares[i] == 0) {
                continue;
            }
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }
}
