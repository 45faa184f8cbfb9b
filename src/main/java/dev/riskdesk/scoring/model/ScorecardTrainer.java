package dev.riskdesk.scoring.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import weka.classifiers.functions.Logistic;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * Builds a scorecard: supervised binning of each candidate, weight of evidence, Weka
 * {@link Logistic} on the WoE values, then points. Characteristics below the minimum information
 * value are left out, and any whose coefficient comes out with the wrong sign (a better WoE
 * raising the PD, which happens with correlated characteristics) is removed and the model refit,
 * so every characteristic's points rise with its WoE.
 */
public final class ScorecardTrainer {
    public static final double MIN_IV = 0.02;
    private final Binner binner;

    public ScorecardTrainer(Binner binner) {
        this.binner = binner;
    }

    public ScorecardTrainer() {
        this(new Binner());
    }

    /** The trained scorecard and the serialized Weka logistic it was scaled from. */
    public record Trained(Scorecard scorecard, byte[] wekaModel) {
    }

    public Trained train(Dataset data, List<String> numericCandidates, List<String> categoricalCandidates) {
        int[] y = data.labels();
        List<Characteristic> chars = new ArrayList<>();
        List<double[]> woeColumns = new ArrayList<>();
        for (String name : numericCandidates) {
            double[] x = data.numericColumn(data.numericNames().indexOf(name));
            Characteristic c = binner.numeric(name, x, y);
            if (c.iv() >= MIN_IV && c.bins().size() > 1) {
                chars.add(c);
                woeColumns.add(woe(c, x, null));
            }
        }
        for (String name : categoricalCandidates) {
            String[] x = data.categoricalColumn(data.categoricalNames().indexOf(name));
            Characteristic c = binner.categorical(name, x, y);
            if (c.iv() >= MIN_IV && c.bins().size() > 1) {
                chars.add(c);
                woeColumns.add(woe(c, null, x));
            }
        }
        if (chars.isEmpty()) {
            throw new IllegalArgumentException("No characteristic has an information value of at least " + MIN_IV
                    + "; the label cannot be predicted from these columns.");
        }
        while (true) {
            Logistic logistic = new Logistic();
            Instances instances = instances(chars, woeColumns, y);
            try {
                logistic.buildClassifier(instances);
            } catch (Exception e) {
                throw new IllegalStateException("Logistic regression failed: " + e.getMessage(), e);
            }
            // Weka's coefficients are on ln(P(good)/P(bad)) for class 0 = good; the scorecard
            // formula wants β and α on the log-odds of bad, hence the sign change
            double[][] coefficients = logistic.coefficients();
            double alpha = -coefficients[0][0];
            double[] beta = new double[chars.size()];
            int wrongSign = -1;
            for (int i = 0; i < chars.size(); i++) {
                beta[i] = -coefficients[i + 1][0];
                if (beta[i] >= 0 && (wrongSign < 0 || beta[i] > beta[wrongSign])) {
                    wrongSign = i;
                }
            }
            if (wrongSign >= 0 && chars.size() > 1) {
                chars.remove(wrongSign);
                woeColumns.remove(wrongSign);
                continue;
            }
            checkCoefficientsMatch(logistic, instances, alpha, beta);
            Scaling scaling = Scaling.standard(alpha);
            List<Characteristic> scored = new ArrayList<>();
            int n = chars.size();
            for (int i = 0; i < n; i++) {
                Characteristic c = chars.get(i);
                List<Bin> bins = new ArrayList<>();
                double weighted = 0;
                long total = 0;
                for (Bin b : c.bins()) {
                    int p = scaling.points(beta[i], b.woe(), n);
                    bins.add(b.withPoints(p));
                    weighted += (double) p * b.count();
                    total += b.count();
                }
                scored.add(c.withBins(bins, beta[i], total == 0 ? 0 : weighted / total));
            }
            return new Trained(new Scorecard(scored, scaling), serialize(logistic));
        }
    }

    private static double[] woe(Characteristic c, double[] numeric, String[] categorical) {
        int n = numeric != null ? numeric.length : categorical.length;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            int bin = numeric != null ? c.binOf(numeric[i]) : c.binOf(categorical[i]);
            w[i] = c.bins().get(bin).woe();
        }
        return w;
    }

    private static Instances instances(List<Characteristic> chars, List<double[]> woe, int[] y) {
        ArrayList<Attribute> attributes = new ArrayList<>();
        for (Characteristic c : chars) {
            attributes.add(new Attribute(c.name()));
        }
        attributes.add(new Attribute("class", List.of("good", "bad")));
        Instances instances = new Instances("woe", attributes, y.length);
        instances.setClassIndex(chars.size());
        for (int r = 0; r < y.length; r++) {
            double[] values = new double[chars.size() + 1];
            for (int c = 0; c < chars.size(); c++) {
                values[c] = woe.get(c)[r];
            }
            values[chars.size()] = y[r];
            instances.add(new DenseInstance(1.0, values));
        }
        return instances;
    }

    /** Guards against Weka reordering or dropping attributes: our formula must reproduce its PDs. */
    private static void checkCoefficientsMatch(Logistic logistic, Instances instances, double alpha, double[] beta) {
        for (int r = 0; r < Math.min(200, instances.numInstances()); r++) {
            double logit = alpha;
            for (int c = 0; c < beta.length; c++) {
                logit += beta[c] * instances.instance(r).value(c);
            }
            double ours = 1 / (1 + Math.exp(-logit));
            double theirs;
            try {
                theirs = logistic.distributionForInstance(instances.instance(r))[1];
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (Math.abs(ours - theirs) > 1e-6) {
                throw new IllegalStateException("Logistic coefficients do not reproduce Weka's PD (" + ours + " vs " + theirs + ")");
            }
        }
    }

    static byte[] serialize(Object model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
