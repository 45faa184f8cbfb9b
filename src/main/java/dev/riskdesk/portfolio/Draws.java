package dev.riskdesk.portfolio;

import java.util.SplittableRandom;

/** The random draws and small formulas of the customer simulation. */
final class Draws {
    private Draws() {
    }

    static long roundHundred(double cents) {
        return Math.round(cents / 10_000.0) * 10_000L;
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    static double[] cumulative(double[] weights) {
        double[] cum = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cum[i] = sum;
        }
        return cum;
    }

    static int pick(double[] cumulative, SplittableRandom r) {
        return lowerBound(cumulative, r.nextDouble() * cumulative[cumulative.length - 1]);
    }

    /** First index whose cumulative weight exceeds x. */
    static int lowerBound(double[] cumulative, double x) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    static int poisson(SplittableRandom r, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * r.nextGaussian()));
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double p = r.nextDouble();
        while (p > l) {
            k++;
            p *= r.nextDouble();
        }
        return k;
    }

    /** SplitMix64 of (seed, index): independent streams per customer. */
    static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + (index + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static String device(SplittableRandom r) {
        String hex = Long.toHexString(r.nextLong() | 0x1000_0000_0000_0000L).toUpperCase();
        return "DV" + hex.substring(hex.length() - 14);
    }

    static String digits(SplittableRandom r, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ('0' + r.nextInt(10));
        }
        return new String(c);
    }
}
