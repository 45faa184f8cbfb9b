package dev.riskdesk.scoring.model;

import dev.riskdesk.security.Requires;
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
import static dev.riskdesk.db.schema.Tables.DATA_FEED;
import java.time.Clock;
import java.time.LocalDateTime;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Model monitoring for the champion scorecard, in one pass over the book: the population
 * stability index of the score and of every feature (training sample against the accounts with
 * a file at the monitoring month), and a back-test: the bad rate by band of the latest cohort
 * whose 12-month outcome is complete (scored at the monitoring month minus twelve).
 * <p>
 * The monitoring month is the last complete month before the book's as-of time (the newest data
 * feed, never later than today): a month still running has a few days of logins and spending
 * and would look like drift. Features that grow with time by construction (age, months on book)
 * are also compared after taking back the months elapsed since training; unless that comparison
 * still alarms, their drift is {@link #EXPECTED}, not an alert.
 */
public final class MonitoringService {
    public static final double PSI_WARNING = 0.10;
    public static final double PSI_ALERT = 0.25;
    /** The level of drift the passage of time explains. */
    public static final String EXPECTED = "EXPECTED";
    private final Database database;
    private final ModelRepository models;
    private final Clock clock;

    public MonitoringService(Database database, ModelRepository models, Clock clock) {
        this.database = database;
        this.models = models;
        this.clock = clock;
    }

    /**
     * @param psi          the feature's PSI against the training sample
     * @param timeAdjusted for a feature that grows with time, its PSI with the months since training taken back; NaN otherwise
     * @param level        OK, WARNING, ALERT, or EXPECTED when only the passage of time moved it
     */
    public record Drift(String name, double psi, String level, double timeAdjusted) {
        public boolean expected() {
            return EXPECTED.equals(level);
        }
    }

    public record BandRow(String band, double trainShare, double currentShare, double testBadRate,
                          long cohortAccounts, double cohortBadRate) {
    }

    /**
     * @param observationDate the end of the monitoring month (the last complete month before {@code asOf})
     * @param asOf            the book's as-of time the month was chosen by
     * @param monthsSinceTraining months from the middle of the training window to the monitoring month
     */
    public record Report(long modelId, LocalDate observationDate, LocalDate cohortDate, long population, long cohortSize,
                         Drift score, List<Drift> features, List<BandRow> bands, LocalDateTime asOf, int monthsSinceTraining) {
        /** Features whose drift is an alert or a warning, not explained by time. */
        public List<Drift> unexpected() {
            return features.stream().filter(d -> !d.expected() && !"OK".equals(d.level())).toList();
        }
    }

    /** The book's as-of time: the newest data feed's, never later than now; now when no feed is recorded. */
    public static LocalDateTime bookAsOf(DSLContext dsl, Clock clock) {
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDateTime newest = dsl.select(DSL.max(DATA_FEED.AS_OF)).from(DATA_FEED).fetchOne(0, LocalDateTime.class);
        return newest == null || newest.isAfter(now) ? now : newest;
    }

    /**
     * The month index to monitor: the last month complete at {@code asOf} (the one before the month {@code asOf} falls in),
     * and no later than the history's last month.
     */
    public static int monitoringMonth(LocalDateTime asOf, int lastHistoryMonth) {
        return Math.min(MonthRow.index(asOf.toLocalDate()) - 1, lastHistoryMonth);
    }

    public static String level(double psi) {
        return psi >= PSI_ALERT ? "ALERT" : psi >= PSI_WARNING ? "WARNING" : "OK";
    }

    @Requires(Permission.MODEL_VIEW)

    public Report monitor(Session session, Progress progress) {
        session.require(Permission.MODEL_VIEW);
        StoredModel champion = models.mainChampion();
        if (champion == null) {
            throw new UserFacingException("No champion model to monitor; promote one first.");
        }
        JsonNode baseline = champion.metrics() == null ? null : champion.metrics().get("baseline");
        if (baseline == null) {
            throw new UserFacingException("Model " + champion.id() + " has no training baseline stored; retrain it.");
        }
        FeatureScanner scanner = new FeatureScanner(database);
        int[] range = scanner.monthRange();
        if (range == null) {
            throw new UserFacingException("There is no monthly history to monitor.");
        }
        LocalDateTime asOf = bookAsOf(database.dsl(), clock);
        int obs = monitoringMonth(asOf, range[1]);
        if (obs < range[0]) {
            throw new UserFacingException("The history holds no month complete before " + asOf.toLocalDate() + " to monitor.");
        }
        int elapsed = monthsSinceTraining(champion, obs);
        int cohort = obs - FeatureCalculator.OUTCOME_MONTHS;
        ExplainedModel bound = champion.explained();
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
        Drift scoreDrift = drift("SCORE", baseline.get("SCORE"), scores.stream().mapToDouble(Double::doubleValue).toArray(), null, 0);
        List<Drift> features = new ArrayList<>();
        for (Feature f : Feature.values()) {
            double[] values = new double[current.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = current.get(i)[f.ordinal()];
            }
            if (baseline.has(f.name())) {
                features.add(drift(f.name(), baseline.get(f.name()), values, f, elapsed));
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
                current.size(), cohortTotal, scoreDrift, features, bands, asOf, elapsed);
    }

    /** Months from the middle of the champion's training observation window to the monitoring month (0 when unknown). */
    static int monthsSinceTraining(StoredModel champion, int obs) {
        if (champion.trainFrom() == null || champion.trainTo() == null) {
            return 0;
        }
        int middle = (MonthRow.index(champion.trainFrom()) + MonthRow.index(champion.trainTo())) / 2;
        return Math.max(0, obs - middle);
    }

    /**
     * The drift of one column. For a feature that grows with time ({@code f.growsWithTime()}), the values are also
     * taken back by {@code elapsedMonths} (months on book by months, age by years as a fraction): when that stays below
     * the alert line while the plain PSI does not, the drift is what time does to a book and its level is {@link #EXPECTED}.
     */
    static Drift drift(String name, JsonNode baselineNode, double[] values, Feature f, int elapsedMonths) {
        Distribution expected;
        try {
            expected = ModelRepository.JSON.treeToValue(baselineNode, Distribution.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        double psi = expected.psi(Distribution.of(expected.cuts(), values));
        if (f == null || !f.growsWithTime() || elapsedMonths <= 0) {
            return new Drift(name, psi, level(psi), Double.NaN);
        }
        double[] back = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            back[i] = f.backInTime(values[i], elapsedMonths);
        }
        double adjusted = expected.psi(Distribution.of(expected.cuts(), back));
        // a steady open book does not drift at all; an alarm that time explains below the alert line is EXPECTED
        // (the rest, shown as the adjusted PSI, is accounts leaving and joining); a book that changed beyond ageing still alarms
        String level = "OK".equals(level(psi)) ? "OK" : adjusted < PSI_ALERT ? EXPECTED : "ALERT";
        return new Drift(name, psi, level, adjusted);
    }

}
