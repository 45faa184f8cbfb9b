package dev.riskdesk.scoring.model;

import dev.riskdesk.scoring.features.Feature;
import dev.riskdesk.scoring.features.FeatureVector;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled table for training: named numeric columns (NaN = missing) and categorical columns
 * (null = missing), column-major, plus a 0/1 label (1 = bad). Built from feature vectors or
 * from an external CSV.
 */
public final class Dataset {
    private final List<String> numericNames;
    private final List<String> categoricalNames;
    private final double[][] numeric;
    private final String[][] categorical;
    private final int[] labels;

    public Dataset(List<String> numericNames, double[][] numeric, List<String> categoricalNames, String[][] categorical, int[] labels) {
        this.numericNames = List.copyOf(numericNames);
        this.categoricalNames = List.copyOf(categoricalNames);
        this.numeric = numeric;
        this.categorical = categorical;
        this.labels = labels;
    }

    /** Feature vectors with labels: every {@link Feature} plus the occupation. */
    public static Dataset ofFeatures(List<FeatureVector> vectors, int[] labels) {
        List<String> names = new ArrayList<>();
        for (Feature f : Feature.values()) {
            names.add(f.name());
        }
        double[][] num = new double[Feature.COUNT][vectors.size()];
        String[][] cat = new String[1][vectors.size()];
        for (int i = 0; i < vectors.size(); i++) {
            double[] v = vectors.get(i).values();
            for (int f = 0; f < Feature.COUNT; f++) {
                num[f][i] = v[f];
            }
            cat[0][i] = vectors.get(i).occupation();
        }
        return new Dataset(names, num, List.of(Feature.OCCUPATION), cat, labels);
    }

    public int size() {
        return labels.length;
    }

    public List<String> numericNames() {
        return numericNames;
    }

    public List<String> categoricalNames() {
        return categoricalNames;
    }

    public double[] numericColumn(int c) {
        return numeric[c];
    }

    public String[] categoricalColumn(int c) {
        return categorical[c];
    }

    public int[] labels() {
        return labels;
    }

    public int label(int row) {
        return labels[row];
    }

    public Row row(int i) {
        double[] n = new double[numeric.length];
        for (int c = 0; c < numeric.length; c++) {
            n[c] = numeric[c][i];
        }
        String[] s = new String[categorical.length];
        for (int c = 0; c < categorical.length; c++) {
            s[c] = categorical[c][i];
        }
        return new Row(n, s);
    }

    /** The rows at the given indexes (used for folds and samples). */
    public Dataset subset(int[] rows) {
        double[][] n = new double[numeric.length][rows.length];
        String[][] s = new String[categorical.length][rows.length];
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < numeric.length; c++) {
                n[c][i] = numeric[c][rows[i]];
            }
            for (int c = 0; c < categorical.length; c++) {
                s[c][i] = categorical[c][rows[i]];
            }
            y[i] = labels[rows[i]];
        }
        return new Dataset(numericNames, n, categoricalNames, s, y);
    }

    /** One row's values, positioned like the dataset's columns. */
    public record Row(double[] numeric, String[] categorical) {
        public static Row of(FeatureVector v) {
            return new Row(v.values(), new String[] {v.occupation()});
        }
    }
}
