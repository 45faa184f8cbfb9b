package dev.riskdesk.scoring.model;

import dev.riskdesk.scoring.features.Feature;
import dev.riskdesk.scoring.features.FeatureVector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import weka.classifiers.trees.RandomForest;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The challenger: a small Weka RandomForest (50 trees, depth 8) on the raw feature values.
 * Missing values stay missing (Weka handles them); unseen categories count as missing.
 */
public final class ForestModel {
    public static final int TREES = 50;
    public static final int MAX_DEPTH = 8;

    private final RandomForest forest;
    private final Instances header;
    private final List<String> numericNames;
    private final List<String> categoricalNames;

    private ForestModel(RandomForest forest, Instances header, List<String> numericNames, List<String> categoricalNames) {
        this.forest = forest;
        this.header = header;
        this.numericNames = numericNames;
        this.categoricalNames = categoricalNames;
    }

    public static ForestModel train(Dataset data, List<String> numeric, List<String> categorical, int seed) {
        ArrayList<Attribute> attributes = new ArrayList<>();
        for (String n : numeric) {
            attributes.add(new Attribute(n));
        }
        for (String c : categorical) {
            String[] column = data.categoricalColumn(data.categoricalNames().indexOf(c));
            LinkedHashSet<String> levels = new LinkedHashSet<>();
            for (String v : column) {
                if (v != null) {
                    levels.add(v);
                }
            }
            if (levels.isEmpty()) {
                levels.add("?none");
            }
            attributes.add(new Attribute(c, new ArrayList<>(levels)));
        }
        attributes.add(new Attribute("class", List.of("good", "bad")));
        Instances instances = new Instances("features", attributes, data.size());
        instances.setClassIndex(attributes.size() - 1);
        int[][] colIndex = columnIndex(data.numericNames(), data.categoricalNames(), numeric, categorical);
        for (int r = 0; r < data.size(); r++) {
            Dataset.Row row = data.row(r);
            Instance inst = instance(instances, row, colIndex, numeric.size(), categorical.size());
            inst.setClassValue(data.label(r));
            instances.add(inst);
        }
        RandomForest forest = new RandomForest();
        forest.setNumIterations(TREES);
        forest.setMaxDepth(MAX_DEPTH);
        forest.setNumExecutionSlots(2);
        forest.setSeed(seed);
        try {
            forest.buildClassifier(instances);
        } catch (Exception e) {
            throw new IllegalStateException("Random forest training failed: " + e.getMessage(), e);
        }
        return new ForestModel(forest, new Instances(instances, 0), List.copyOf(numeric), List.copyOf(categorical));
    }

    private static int[][] columnIndex(List<String> dataNumeric, List<String> dataCategorical, List<String> numeric, List<String> categorical) {
        int[] n = numeric.stream().mapToInt(dataNumeric::indexOf).toArray();
        int[] c = categorical.stream().mapToInt(dataCategorical::indexOf).toArray();
        return new int[][] {n, c};
    }

    private static Instance instance(Instances header, Dataset.Row row, int[][] colIndex, int nNumeric, int nCategorical) {
        double[] values = new double[nNumeric + nCategorical + 1];
        for (int i = 0; i < nNumeric; i++) {
            double v = row.numeric()[colIndex[0][i]];
            values[i] = Double.isNaN(v) ? Utils.missingValue() : v;
        }
        for (int i = 0; i < nCategorical; i++) {
            String v = row.categorical()[colIndex[1][i]];
            int idx = v == null ? -1 : header.attribute(nNumeric + i).indexOfValue(v);
            values[nNumeric + i] = idx < 0 ? Utils.missingValue() : idx;
        }
        values[values.length - 1] = Utils.missingValue();
        DenseInstance inst = new DenseInstance(1.0, values);
        inst.setDataset(header);
        return inst;
    }

    /** PD of each row of a dataset laid out like the training data. */
    public double[] pd(Dataset data) {
        int[][] colIndex = columnIndex(data.numericNames(), data.categoricalNames(), numericNames, categoricalNames);
        double[] out = new double[data.size()];
        for (int r = 0; r < data.size(); r++) {
            out[r] = pd(data.row(r), colIndex);
        }
        return out;
    }

    public double pd(FeatureVector v) {
        List<String> names = java.util.Arrays.stream(Feature.values()).map(Enum::name).toList();
        return pd(Dataset.Row.of(v), columnIndex(names, List.of(Feature.OCCUPATION), numericNames, categoricalNames));
    }

    private double pd(Dataset.Row row, int[][] colIndex) {
        try {
            return forest.distributionForInstance(instance(header, row, colIndex, numericNames.size(), categoricalNames.size()))[1];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] bytes() {
        return ScorecardTrainer.serialize(new Object[] {forest, header, new ArrayList<>(numericNames), new ArrayList<>(categoricalNames)});
    }

    @SuppressWarnings("unchecked")
    public static ForestModel fromBytes(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            Object[] parts = (Object[]) in.readObject();
            return new ForestModel((RandomForest) parts[0], (Instances) parts[1], (List<String>) parts[2], (List<String>) parts[3]);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot read the stored forest: " + e.getMessage(), e);
        }
    }

    public List<String> numericNames() {
        return numericNames;
    }
}
