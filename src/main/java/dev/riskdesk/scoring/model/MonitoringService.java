package dev.riskdesk.scoring.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.scoring.features.Feature;
import dev.riskdesk.scoring.features.FeatureCalculator;
import dev.riskdesk.scoring.features.FeatureScanner;
import dev.riskdesk.scoring.features.FeatureVector;
import dev.riskdesk.scoring.features.MonthRow;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Model monitoring for the champion scorecard, in one pass over the book: the population
 * stability index of the score and of every feature (training sample against the accounts with
 * a file at the latest month), and a back-test: the bad rate by band of the latest cohort whose
 * 12-month outcome is complete (scored at the latest month minus twelve).
 */
public final class MonitoringService {
    public static final double PSI_WARNING = 0.10;
    public static final double PSI_ALERT = 0.25;
    private final Database database;
    private final ModelRepository models;

    public MonitoringService(Database database, ModelRepository models) {
        this.database = database;
        this.models = models;
    }

    public record Drift(String name, double psi, String level) {
    }

    public record BandRow(String band, double trainShare, double currentShare, double testBadRate,
                          long cohortAccounts, double cohortBadRate) {
    }

    public record Report(long modelId, LocalDate observationDate, LocalDate cohortDate, long population, long cohortSize,
                         Drift score, List<Drift> features, List<BandRow> bands) {
    }

    public static String level(double psi) {
        return psi >= PSI_ALERT ? "ALERT" : psi >= PSI_WARNING ? "WARNING" : "OK";
    }

    public Report monitor(Session session, Progress progress) {
        session.require(Permission.MODEL_VIEW);
        StoredModel champion = models.champion(ModelKind.SCORECARD);
        if (champion == null) {
            throw new UserFacingException("No champion scorecard to monitor; promote one first.");
        }
        JsonNode baseline = champion.metrics() == null ? null : champion.metrics().get("baseline");
        if (baseline == null) {
            throw new UserFacingException("Model " + champion.id() + " has no training baseline stored; retrain it.");
        }
        FeatureScanner scanner = new FeatureScanner(database);
        int[] range = scanner.monthRange();
        int obs = range[1];
        int cohort = obs - FeatureCalculator.OUTCOME_MONTHS;
        Scorecard.Bound bound = champion.scorecard().bindFeatures();
        List<double[]> current = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        long[] bandCount = new long[ScoreBand.values().length];
        long[] cohortCount = new long[ScoreBand.values().length];
        long[] cohortBad = new long[ScoreBand.values().length];
        scanner.scan(0, cohort - FeatureCalculator.LOOKBACK_MONTHS + 1, obs, progress, h -> {
            FeatureVector v = FeatureCalculator.compute(h, obs);
            if (v != null && !v.thinFile()) {
                current.add(v.values());
                ScoreResult r = bound.score(v);
                scores.add((double) r.score());
                bandCount[r.band().ordinal()]++;
            }
            if (cohort >= range[0]) {
                FeatureVector past = FeatureCalculator.compute(h, cohort);
                if (past != null && !past.thinFile()) {
                    int label = FeatureCalculator.label(h, cohort);
                    if (label != FeatureCalculator.LABEL_EXCLUDED) {
                        ScoreBand b = bound.score(past).band();
                        cohortCount[b.ordinal()]++;
                        cohortBad[b.ordinal()] += label;
                    }
                }
            }
        });
        if (current.isEmpty()) {
            throw new UserFacingException("No account with a file has history at the latest month.");
        }
        Drift scoreDrift = drift("SCORE", baseline.get("SCORE"), scores.stream().mapToDouble(Double::doubleValue).toArray());
        List<Drift> features = new ArrayList<>();
        for (Feature f : Feature.values()) {
            double[] values = new double[current.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = current.get(i)[f.ordinal()];
            }
            if (baseline.has(f.name())) {
                features.add(drift(f.name(), baseline.get(f.name()), values));
            }
        }
        features.sort((a, b) -> Double.compare(b.psi(), a.psi()));
        JsonNode trainBands = champion.metrics().path("train").path("bands");
        JsonNode testBands = champion.metrics().path("test").path("bands");
        long trainTotal = 0;
        for (ScoreBand b : ScoreBand.values()) {
            trainTotal += trainBands.path(b.name()).path("count").asLong();
        }
        List<BandRow> bands = new ArrayList<>();
        long cohortTotal = 0;
        for (ScoreBand b : ScoreBand.values()) {
            int i = b.ordinal();
            cohortTotal += cohortCount[i];
            bands.add(new BandRow(b.name(), trainTotal == 0 ? 0 : trainBands.path(b.name()).path("count").asDouble() / trainTotal,
                    (double) bandCount[i] / current.size(), testBands.path(b.name()).path("badRate").asDouble(),
                    cohortCount[i], cohortCount[i] == 0 ? Double.NaN : (double) cohortBad[i] / cohortCount[i]));
        }
        return new Report(champion.id(), MonthRow.monthEnd(obs), cohort >= range[0] ? MonthRow.monthEnd(cohort) : null,
                current.size(), cohortTotal, scoreDrift, features, bands);
    }

    private static Drift drift(String name, JsonNode baselineNode, double[] values) {
        try {
            Distribution expected = ModelRepository.JSON.treeToValue(baselineNode, Distribution.class);
            double psi = expected.psi(Distribution.of(expected.cuts(), values));
            return new Drift(name, psi, level(psi));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
