package dev.riskdesk.scoring.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Supervised binning. Numeric: start from ~20 quantile bins, merge adjacent bins that break a
 * monotonic bad rate (direction taken from the data), then merge bins under the minimum share
 * into their most similar neighbour, then merge the most similar pair until at most
 * {@code maxBins} remain. Missing values get their own bin. Categorical: categories ordered by
 * bad rate, then the same share and count merging.
 */
public final class Binner {
    public static final double DEFAULT_MIN_SHARE = 0.05;
    public static final int DEFAULT_MAX_BINS = 6;
    private static final int FINE_BINS = 20;
    /** Added to each cell so a bin without bads (or goods) gets a finite WoE. */
    static final double WOE_SMOOTHING = 0.5;

    private final double minShare;
    private final int maxBins;

    public Binner(double minShare, int maxBins) {
        this.minShare = minShare;
        this.maxBins = maxBins;
    }

    public Binner() {
        this(DEFAULT_MIN_SHARE, DEFAULT_MAX_BINS);
    }

    /** A working bin: numeric bounds or categories, and counts. */
    private static final class Cell {
        Double lower;
        Double upper;
        List<String> categories;
        long goods;
        long bads;

        double rate() {
            long n = goods + bads;
            return n == 0 ? 0 : (double) bads / n;
        }

        long count() {
            return goods + bads;
        }

        void absorb(Cell other) {
            goods += other.goods;
            bads += other.bads;
            if (categories != null) {
                categories.addAll(other.categories);
            } else {
                lower = lower == null || other.lower == null ? null : Math.min(lower, other.lower);
                upper = upper == null || other.upper == null ? null : Math.max(upper, other.upper);
            }
        }
    }

    public Characteristic numeric(String name, double[] x, int[] y) {
        int n = x.length;
        int present = 0;
        long missGood = 0;
        long missBad = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(x[i])) {
                if (y[i] == 1) {
                    missBad++;
                } else {
                    missGood++;
                }
            } else {
                present++;
            }
        }
        double[] sorted = new double[present];
        int k = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                sorted[k++] = v;
            }
        }
        Arrays.sort(sorted);
        // cut points at quantiles; a cut is a lower bound of the next bin
        List<Double> cuts = new ArrayList<>();
        for (int q = 1; q < FINE_BINS && present > 0; q++) {
            double c = sorted[(int) ((long) q * present / FINE_BINS)];
            if (c > sorted[0] && (cuts.isEmpty() || c > cuts.get(cuts.size() - 1))) {
                cuts.add(c);
            }
        }
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i <= cuts.size(); i++) {
            Cell c = new Cell();
            c.lower = i == 0 ? null : cuts.get(i - 1);
            c.upper = i == cuts.size() ? null : cuts.get(i);
            cells.add(c);
        }
        double[] cutArray = cuts.stream().mapToDouble(Double::doubleValue).toArray();
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(x[i])) {
                continue;
            }
            int pos = Arrays.binarySearch(cutArray, x[i]);
            int bin = pos >= 0 ? pos + 1 : -pos - 1;
            if (y[i] == 1) {
                cells.get(bin).bads++;
            } else {
                cells.get(bin).goods++;
            }
        }
        cells.removeIf(c -> c.count() == 0 && cells.size() > 1);
        // re-stitch bounds so the bins still tile the whole line after dropping empty ones
        for (int i = 0; i < cells.size(); i++) {
            cells.get(i).lower = i == 0 ? null : cells.get(i).lower;
            if (i + 1 < cells.size()) {
                cells.get(i).upper = cells.get(i + 1).lower;
            } else {
                cells.get(i).upper = null;
            }
        }
        enforceMonotonic(cells);
        mergeSmall(cells, present);
        mergeToMax(cells);
        Cell missing = null;
        if (missGood + missBad > 0) {
            missing = new Cell();
            missing.goods = missGood;
            missing.bads = missBad;
        }
        return build(name, false, cells, missing);
    }

    public Characteristic categorical(String name, String[] x, int[] y) {
        Map<String, Cell> byCategory = new HashMap<>();
        Cell missing = null;
        for (int i = 0; i < x.length; i++) {
            Cell c;
            if (x[i] == null) {
                if (missing == null) {
                    missing = new Cell();
                }
                c = missing;
            } else {
                c = byCategory.computeIfAbsent(x[i], key -> {
                    Cell cell = new Cell();
                    cell.categories = new ArrayList<>(List.of(key));
                    return cell;
                });
            }
            if (y[i] == 1) {
                c.bads++;
            } else {
                c.goods++;
            }
        }
        List<Cell> cells = new ArrayList<>(byCategory.values());
        cells.sort(Comparator.comparingDouble(Cell::rate).thenComparing(c -> c.categories.get(0)));
        long present = cells.stream().mapToLong(Cell::count).sum();
        mergeSmall(cells, present);
        mergeToMax(cells);
        for (Cell c : cells) {
            c.categories.sort(Comparator.naturalOrder());
        }
        return build(name, true, cells, missing);
    }

    private static void enforceMonotonic(List<Cell> cells) {
        if (cells.size() < 2) {
            return;
        }
        // direction from a count-weighted correlation of bin position and bad rate
        double sw = 0, sx = 0, sy = 0, sxy = 0;
        for (int i = 0; i < cells.size(); i++) {
            double w = cells.get(i).count();
            sw += w;
            sx += w * i;
            sy += w * cells.get(i).rate();
            sxy += w * i * cells.get(i).rate();
        }
        boolean increasing = sw == 0 || sxy / sw - (sx / sw) * (sy / sw) >= 0;
        boolean merged = true;
        while (merged && cells.size() > 1) {
            merged = false;
            for (int i = 0; i + 1 < cells.size(); i++) {
                double a = cells.get(i).rate();
                double b = cells.get(i + 1).rate();
                if (increasing ? a > b : a < b) {
                    cells.get(i).absorb(cells.remove(i + 1));
                    merged = true;
                    break;
                }
            }
        }
    }

    private void mergeSmall(List<Cell> cells, long total) {
        long min = (long) Math.ceil(minShare * total);
        while (cells.size() > 1) {
            int smallest = -1;
            for (int i = 0; i < cells.size(); i++) {
                if (cells.get(i).count() < min && (smallest < 0 || cells.get(i).count() < cells.get(smallest).count())) {
                    smallest = i;
                }
            }
            if (smallest < 0) {
                return;
            }
            int neighbour;
            if (smallest == 0) {
                neighbour = 1;
            } else if (smallest == cells.size() - 1) {
                neighbour = smallest - 1;
            } else {
                double r = cells.get(smallest).rate();
                neighbour = Math.abs(cells.get(smallest - 1).rate() - r) <= Math.abs(cells.get(smallest + 1).rate() - r)
                        ? smallest - 1 : smallest + 1;
            }
            mergePair(cells, Math.min(smallest, neighbour));
        }
    }

    private void mergeToMax(List<Cell> cells) {
        while (cells.size() > maxBins) {
            int best = 0;
            double bestDiff = Double.MAX_VALUE;
            for (int i = 0; i + 1 < cells.size(); i++) {
                double diff = Math.abs(cells.get(i).rate() - cells.get(i + 1).rate());
                if (diff < bestDiff) {
                    bestDiff = diff;
                    best = i;
                }
            }
            mergePair(cells, best);
        }
    }

    private static void mergePair(List<Cell> cells, int left) {
        cells.get(left).absorb(cells.remove(left + 1));
    }

    private static Characteristic build(String name, boolean categorical, List<Cell> cells, Cell missing) {
        long goods = 0;
        long bads = 0;
        List<Cell> all = new ArrayList<>(cells);
        if (missing != null) {
            all.add(missing);
        }
        for (Cell c : all) {
            goods += c.goods;
            bads += c.bads;
        }
        List<Bin> bins = new ArrayList<>();
        double iv = 0;
        int k = all.size();
        for (Cell c : all) {
            double pg = (c.goods + WOE_SMOOTHING) / (goods + WOE_SMOOTHING * k);
            double pb = (c.bads + WOE_SMOOTHING) / (bads + WOE_SMOOTHING * k);
            double woe = Math.log(pg / pb);
            iv += (pg - pb) * woe;
            bins.add(new Bin(c == missing || categorical ? null : c.lower, c == missing || categorical ? null : c.upper,
                    c == missing || !categorical ? null : List.copyOf(c.categories), c == missing, c.goods, c.bads, woe, 0));
        }
        int neutral = 0;
        for (int i = 1; i < bins.size(); i++) {
            if (Math.abs(bins.get(i).woe()) < Math.abs(bins.get(neutral).woe())) {
                neutral = i;
            }
        }
        return new Characteristic(name, categorical, List.copyOf(bins), iv, 0, neutral, 0);
    }
}
