package dev.riskdesk.scoring.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discrimination and calibration of predicted PDs against 0/1 outcomes (1 = bad).
 *
 * @param calibration ten groups of equal size by predicted PD, lowest first
 * @param bands       per score band: accounts and bad rate (empty for models without points)
 */
public record Metrics(long count, long bads, double auc, double ks, double gini, double brier,
                      List<Decile> calibration, Map<String, BandStat> bands) {

    public record Decile(int decile, long count, double meanPd, double badRate) {
    }

    public record BandStat(long count, long bads, double badRate) {
    }

    /** {@code bands} may be null when the model has no score bands (the forest). */
    public static Metrics of(double[] pd, int[] y, ScoreBand[] bands) {
        int n = pd.length;
        long bads = Arrays.stream(y).filter(v -> v == 1).count();
        double auc = auc(pd, y);
        double brier = 0;
        for (int i = 0; i < n; i++) {
            brier += (pd[i] - y[i]) * (pd[i] - y[i]);
        }
        brier = n == 0 ? Double.NaN : brier / n;
        Integer[] order = sortedIndexes(pd);
        List<Decile> deciles = new ArrayList<>();
        for (int d = 0; d < 10 && n > 0; d++) {
            int from = (int) ((long) d * n / 10);
            int to = (int) ((long) (d + 1) * n / 10);
            double sumPd = 0;
            long sumBad = 0;
            for (int k = from; k < to; k++) {
                sumPd += pd[order[k]];
                sumBad += y[order[k]];
            }
            int size = to - from;
            deciles.add(new Decile(d + 1, size, size == 0 ? 0 : sumPd / size, size == 0 ? 0 : (double) sumBad / size));
        }
        Map<String, BandStat> bandStats = new LinkedHashMap<>();
        if (bands != null) {
            for (ScoreBand b : ScoreBand.values()) {
                long c = 0;
                long bb = 0;
                for (int i = 0; i < n; i++) {
                    if (bands[i] == b) {
                        c++;
                        bb += y[i];
                    }
                }
                bandStats.put(b.name(), new BandStat(c, bb, c == 0 ? 0 : (double) bb / c));
            }
        }
        return new Metrics(n, bads, auc, ks(pd, y), 2 * auc - 1, brier, deciles, bandStats);
    }

    /** Area under the ROC curve by ranks (Mann–Whitney), ties counted as half. */
    public static double auc(double[] risk, int[] y) {
        int n = risk.length;
        Integer[] order = sortedIndexes(risk);
        double rankSumBad = 0;
        long nBad = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && risk[order[j + 1]] == risk[order[i]]) {
                j++;
            }
            double avgRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (y[order[k]] == 1) {
                    rankSumBad += avgRank;
                    nBad++;
                }
            }
            i = j + 1;
        }
        long nGood = n - nBad;
        if (nBad == 0 || nGood == 0) {
            return Double.NaN;
        }
        return (rankSumBad - nBad * (nBad + 1) / 2.0) / ((double) nBad * nGood);
    }

    /** Kolmogorov–Smirnov: the largest gap between the cumulative bad and good distributions. */
    public static double ks(double[] risk, int[] y) {
        int n = risk.length;
        Integer[] order = sortedIndexes(risk);
        long nBad = Arrays.stream(y).filter(v -> v == 1).count();
        long nGood = n - nBad;
        if (nBad == 0 || nGood == 0) {
            return Double.NaN;
        }
        double cumBad = 0;
        double cumGood = 0;
        double best = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && risk[order[j]] == risk[order[i]]) {
                if (y[order[j]] == 1) {
                    cumBad++;
                } else {
                    cumGood++;
                }
                j++;
            }
            best = Math.max(best, Math.abs(cumBad / nBad - cumGood / nGood));
            i = j;
        }
        return best;
    }

    private static Integer[] sortedIndexes(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        return order;
    }

    public String summary() {
        return String.format(java.util.Locale.ROOT, "n=%d bads=%d AUC=%.4f KS=%.4f Gini=%.4f Brier=%.5f", count, bads, auc, ks, gini, brier);
    }
}
