package dev.riskdesk.dashboard;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.APPEAL;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.DASH_BUCKET_MONTH;
import static dev.riskdesk.db.schema.Tables.DASH_REFRESH;
import static dev.riskdesk.db.schema.Tables.DASH_ROLL_MONTH;
import static dev.riskdesk.db.schema.Tables.DASH_SCORE_BIN;
import static dev.riskdesk.db.schema.Tables.DASH_SEGMENT_MONTH;
import static dev.riskdesk.db.schema.Tables.DASH_VINTAGE;
import static dev.riskdesk.db.schema.Tables.LIMIT_DECISION;
import static dev.riskdesk.db.schema.Tables.OPERATOR;
import static dev.riskdesk.db.schema.Tables.SUSPENSION;

import dev.riskdesk.appeals.AppealOutcome;
import dev.riskdesk.appeals.AppealStatus;
import dev.riskdesk.db.Database;
import dev.riskdesk.limits.DecisionAction;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The dashboard's charts for a filter, read from the pre-aggregated DASH_* tables (and from the
 * small decision, suspension and appeal tables); never from ACCOUNT_MONTH or raw events.
 */
public final class DashboardQueryService {
    /** Chart ids in display order; each is also its table's id and its bundle key under {@code dashboard.chart.}. */
    public static final List<String> CHARTS = List.of("exposureByBand", "utilisation", "delinquency", "rollRate", "vintage30", "vintage90",
            "scoreDistribution", "badRateByBand", "decisions", "overridesByOperator", "overridesByReason", "overridePerformance",
            "suspensionsByRule", "appeals", "expectedLoss", "macroFactor", "fairnessByAge", "fairnessByGender");

    private final Database database;
    private final java.time.Clock clock;

    public DashboardQueryService(Database database, java.time.Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Requires(Permission.PORTFOLIO_VIEW)

    public DashboardData load(Session session, DashboardFilter filter) {
        session.require(Permission.PORTFOLIO_VIEW);
        DSLContext dsl = database.dsl();
        // min and max of the primary key's first column are index look-ups; the refresh writes every month in between
        var range = dsl.select(DSL.min(DASH_SEGMENT_MONTH.MONTH_START), DSL.max(DASH_SEGMENT_MONTH.MONTH_START)).from(DASH_SEGMENT_MONTH).fetchOne();
        List<YearMonth> months = new ArrayList<>();
        if (range.value1() != null) {
            for (YearMonth m = YearMonth.from(range.value1()); !m.isAfter(YearMonth.from(range.value2())); m = m.plusMonths(1)) {
                months.add(m);
            }
        }
        YearMonth from = filter.from() != null ? filter.from() : months.isEmpty() ? null : months.get(0);
        YearMonth to = filter.to() != null ? filter.to() : months.isEmpty() ? null : months.get(months.size() - 1);
        YearMonth snapshot = null;
        for (YearMonth m : months) {
            if ((from == null || !m.isBefore(from)) && (to == null || !m.isAfter(to))) {
                snapshot = m;
            }
        }
        var refresh = dsl.selectFrom(DASH_REFRESH).orderBy(DASH_REFRESH.ID.desc()).limit(1).fetchOne();
        Map<String, ChartTable> charts = new LinkedHashMap<>();
        Map<String, Long> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        Condition segment = segment(filter, DASH_SEGMENT_MONTH.CITY_TIER, DASH_SEGMENT_MONTH.INCOME_BAND, DASH_SEGMENT_MONTH.PRODUCT);
        SegmentSnapshot snap = SegmentSnapshot.load(dsl, segment, snapshot);
        t0 = lap(timings, "snapshot", t0);
        charts.put("exposureByBand", snap.byBand());
        charts.put("utilisation", snap.utilisation());
        charts.put("delinquency", delinquency(dsl, segment(filter, DASH_BUCKET_MONTH.CITY_TIER, DASH_BUCKET_MONTH.INCOME_BAND,
                DASH_BUCKET_MONTH.PRODUCT), from, to));
        t0 = lap(timings, "delinquency", t0);
        charts.put("rollRate", rollRate(dsl, filter, from, to));
        t0 = lap(timings, "rollRate", t0);
        ChartTable[] vintages = vintages(dsl, filter, from, to);
        t0 = lap(timings, "vintages", t0);
        charts.put("vintage30", vintages[0]);
        charts.put("vintage90", vintages[1]);
        double[] cuts = refresh == null ? new double[0] : DashboardRefreshService.parse(refresh.getScoreCuts());
        double[] train = refresh == null ? new double[0] : DashboardRefreshService.parse(refresh.getTrainShares());
        charts.put("scoreDistribution", scoreDistribution(dsl, filter, cuts, train));
        t0 = lap(timings, "scores", t0);
        charts.put("badRateByBand", snap.badRate());
        LocalDateTime start = from == null ? LocalDateTime.of(1970, 1, 1, 0, 0) : from.atDay(1).atStartOfDay();
        LocalDateTime end = to == null ? LocalDateTime.of(9999, 1, 1, 0, 0) : to.plusMonths(1).atDay(1).atStartOfDay();
        decisions(dsl, inSegment(filter, LIMIT_DECISION.ACCOUNT_ID), start, end, charts);
        t0 = lap(timings, "decisions", t0);
        charts.put("suspensionsByRule", suspensions(dsl, inSegment(filter, SUSPENSION.ACCOUNT_ID), start, end));
        t0 = lap(timings, "suspensions", t0);
        LocalDateTime now = LocalDateTime.now(clock);
        charts.put("appeals", appeals(dsl, inSegment(filter, APPEAL.ACCOUNT_ID), start, end, now));
        charts.put("appealFigures", appealFigures(dsl, inSegment(filter, APPEAL.ACCOUNT_ID), start, end, now));
        t0 = lap(timings, "appeals", t0);
        charts.put("expectedLoss", snap.expectedLoss());
        charts.put("macroFactor", MacroFactorChart.load(dsl, filter, from, to));
        charts.put("fairnessByAge", FairnessCharts.load(dsl, "fairnessByAge", "AGE"));
        charts.put("fairnessByGender", FairnessCharts.load(dsl, "fairnessByGender", "GENDER"));
        t0 = lap(timings, "policy", t0);
        long openAppeals = dsl.fetchCount(APPEAL, inSegment(filter, APPEAL.ACCOUNT_ID).and(APPEAL.STATUS.notIn(AppealStatus.DECIDED, AppealStatus.CLOSED)));
        lap(timings, "openAppeals", t0);
        double psi = train.length == 0 ? Double.NaN : psi(charts.get("scoreDistribution"));
        return new DashboardData(new DashboardFilter(from, to, filter.cityTier(), filter.incomeBand(), filter.product()), snapshot, months,
                snap.figures(openAppeals), charts, psi, refresh == null ? null : refresh.getRefreshedAt(), timings);
    }

    private static long lap(Map<String, Long> timings, String name, long since) {
        long now = System.nanoTime();
        timings.put(name, (now - since) / 1_000);
        return now;
    }

    /**
     * The segment filter as a per-row look-up of the account: the decision, suspension and appeal
     * tables are small, so the database must drive from them and never scan the book.
     */
    private static Condition inSegment(DashboardFilter f, Field<Long> accountId) {
        Condition c = segment(f, CUSTOMER.CITY_TIER, CUSTOMER.INCOME_BAND, ACCOUNT.PRODUCT);
        if (c.equals(DSL.noCondition())) {
            return c;
        }
        return DSL.exists(DSL.selectOne().from(ACCOUNT).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID)).where(ACCOUNT.ID.eq(accountId)).and(c));
    }

    static Condition segment(DashboardFilter f, Field<Integer> tier, Field<String> income, Field<String> product) {
        Condition c = DSL.noCondition();
        if (f.cityTier() != null) {
            c = c.and(tier.eq(f.cityTier()));
        }
        if (f.incomeBand() != null) {
            c = c.and(income.eq(f.incomeBand()));
        }
        if (f.product() != null) {
            c = c.and(product.eq(f.product()));
        }
        return c;
    }

    private static Condition months(Field<LocalDate> month, YearMonth from, YearMonth to) {
        Condition c = DSL.noCondition();
        if (from != null) {
            c = c.and(month.ge(from.atDay(1)));
        }
        if (to != null) {
            c = c.and(month.le(to.atDay(1)));
        }
        return c;
    }

    private static ChartTable delinquency(DSLContext dsl, Condition segment, YearMonth from, YearMonth to) {
        var t = DASH_BUCKET_MONTH;
        Map<LocalDate, long[]> m = new TreeMap<>();
        dsl.select(t.MONTH_START, t.DELINQUENCY_BUCKET, DSL.sum(t.ACCOUNT_COUNT).cast(Long.class))
                .from(t).where(segment.and(months(t.MONTH_START, from, to)))
                .groupBy(t.MONTH_START, t.DELINQUENCY_BUCKET)
                .forEach(r -> m.computeIfAbsent(r.value1(), k -> new long[5])[Buckets.DELINQUENCY.indexOf(r.value2())] += r.value3());
        List<List<Object>> out = new ArrayList<>();
        m.forEach((month, n) -> {
            List<Object> row = new ArrayList<>();
            row.add(YearMonth.from(month).toString());
            for (long c : n) {
                row.add(c);
            }
            out.add(row);
        });
        List<String> cols = new ArrayList<>(List.of("month"));
        cols.addAll(Buckets.DELINQUENCY);
        return new ChartTable("delinquency", cols, out);
    }

    private static ChartTable rollRate(DSLContext dsl, DashboardFilter f, YearMonth from, YearMonth to) {
        var t = DASH_ROLL_MONTH;
        long[][] n = new long[5][5];
        dsl.select(t.FROM_BUCKET, t.TO_BUCKET, DSL.sum(t.ACCOUNT_COUNT).cast(Long.class))
                .from(t).where(segment(f, t.CITY_TIER, t.INCOME_BAND, t.PRODUCT).and(months(t.MONTH_START, from, to)))
                .groupBy(t.FROM_BUCKET, t.TO_BUCKET)
                .forEach(r -> n[Buckets.DELINQUENCY.indexOf(r.value1())][Buckets.DELINQUENCY.indexOf(r.value2())] += r.value3());
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long total = Arrays.stream(n[i]).sum();
            for (int j = 0; j < 5; j++) {
                if (total > 0) {
                    out.add(List.of(Buckets.DELINQUENCY.get(i), Buckets.DELINQUENCY.get(j), n[i][j], (double) n[i][j] / total));
                }
            }
        }
        return new ChartTable("rollRate", List.of("fromBucket", "toBucket", "accounts", "rate"), out);
    }

    /**
     * Vintage curves of the quarters originated within the month range (a quarter counts when
     * any of its months is in the range). The curves themselves run over every month on
     * book the data has: a cohort's later months are what the curve is for.
     */
    private static ChartTable[] vintages(DSLContext dsl, DashboardFilter f, YearMonth from, YearMonth to) {
        var t = DASH_VINTAGE;
        Condition quarters = DSL.noCondition();
        if (from != null) {
            quarters = quarters.and(t.ORIGIN_QUARTER.ge(Buckets.quarter(from.atDay(1))));
        }
        if (to != null) {
            quarters = quarters.and(t.ORIGIN_QUARTER.le(Buckets.quarter(to.atDay(1))));
        }
        List<List<Object>> r30 = new ArrayList<>();
        List<List<Object>> r90 = new ArrayList<>();
        dsl.select(t.ORIGIN_QUARTER, t.MONTHS_ON_BOOK, DSL.sum(t.ACCOUNT_COUNT).cast(Long.class), DSL.sum(t.EVER30_COUNT).cast(Long.class),
                        DSL.sum(t.EVER90_COUNT).cast(Long.class))
                .from(t).where(segment(f, t.CITY_TIER, t.INCOME_BAND, t.PRODUCT).and(quarters))
                .groupBy(t.ORIGIN_QUARTER, t.MONTHS_ON_BOOK).orderBy(t.ORIGIN_QUARTER, t.MONTHS_ON_BOOK)
                .forEach(r -> {
                    long n = r.value3();
                    r30.add(List.of(r.value1(), (long) r.value2(), n, r.value4(), n == 0 ? 0.0 : (double) r.value4() / n));
                    r90.add(List.of(r.value1(), (long) r.value2(), n, r.value5(), n == 0 ? 0.0 : (double) r.value5() / n));
                });
        return new ChartTable[] {
            new ChartTable("vintage30", List.of("quarter", "monthsOnBook", "accounts", "ever30", "rate30"), r30),
            new ChartTable("vintage90", List.of("quarter", "monthsOnBook", "accounts", "ever90", "rate90"), r90)};
    }

    private static ChartTable scoreDistribution(DSLContext dsl, DashboardFilter f, double[] cuts, double[] train) {
        var t = DASH_SCORE_BIN;
        long[] n = new long[Math.max(train.length, cuts.length + 2)];
        dsl.select(t.BIN_NO, DSL.sum(t.ACCOUNT_COUNT).cast(Long.class)).from(t)
                .where(segment(f, t.CITY_TIER, t.INCOME_BAND, t.PRODUCT)).groupBy(t.BIN_NO)
                .forEach(r -> {
                    if (r.value1() < n.length) {
                        n[r.value1()] += r.value2();
                    }
                });
        long total = Arrays.stream(n).sum();
        List<List<Object>> out = new ArrayList<>();
        if (train.length > 0) {
            // the last training bin holds missing values: a score is never missing, so it is left out
            for (int i = 0; i < cuts.length + 1; i++) {
                String label = i == 0 ? "<" + fmt(cuts[0]) : i == cuts.length ? "≥" + fmt(cuts[i - 1]) : fmt(cuts[i - 1]) + "–" + fmt(cuts[i]);
                out.add(List.of(label, train[i], total == 0 ? 0.0 : (double) n[i] / total, n[i]));
            }
        }
        return new ChartTable("scoreDistribution", List.of("scoreBin", "trainShare", "currentShare", "accounts"), out);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** PSI of the table's current shares against its training shares. */
    public static double psi(ChartTable scoreDistribution) {
        int k = scoreDistribution.rows().size();
        double[] e = new double[k];
        double[] a = new double[k];
        for (int i = 0; i < k; i++) {
            e[i] = scoreDistribution.number(i, "trainShare");
            a[i] = scoreDistribution.number(i, "currentShare");
        }
        return Buckets.psi(e, a);
    }

    private static void decisions(DSLContext dsl, Condition accounts, LocalDateTime start, LocalDateTime end, Map<String, ChartTable> charts) {
        var d = LIMIT_DECISION;
        Condition when = d.DECIDED_AT.ge(start).and(d.DECIDED_AT.lt(end)).and(accounts);
        var joined = d;
        Map<DecisionAction, Long> byAction = new LinkedHashMap<>();
        for (DecisionAction a : List.of(DecisionAction.AUTO_APPLY, DecisionAction.CONFIRM, DecisionAction.OVERRIDE, DecisionAction.REJECT)) {
            byAction.put(a, 0L);
        }
        dsl.select(d.ACTION, DSL.count()).from(joined).where(when).groupBy(d.ACTION).forEach(r -> byAction.put(r.value1(), (long) r.value2()));
        long all = byAction.values().stream().mapToLong(Long::longValue).sum();
        List<List<Object>> actions = new ArrayList<>();
        if (all > 0) {
            byAction.forEach((a, n) -> actions.add(List.of(a.name(), a == DecisionAction.AUTO_APPLY ? "AUTO" : "MANUAL", n, (double) n / all)));
        }
        charts.put("decisions", new ChartTable("decisions", List.of("action", "route", "decisions", "share"), actions));

        List<List<Object>> byOperator = new ArrayList<>();
        Field<Integer> overrides = DSL.count().filterWhere(d.ACTION.eq(DecisionAction.OVERRIDE));
        dsl.select(OPERATOR.USERNAME, DSL.count(), overrides).from(joined.join(OPERATOR).on(OPERATOR.ID.eq(d.MAKER_ID)))
                .where(when.and(d.ACTION.ne(DecisionAction.AUTO_APPLY))).groupBy(OPERATOR.USERNAME).orderBy(OPERATOR.USERNAME)
                .forEach(r -> byOperator.add(List.of(r.value1(), (long) r.value2(), (long) r.value3(), (double) r.value3() / r.value2())));
        charts.put("overridesByOperator", new ChartTable("overridesByOperator", List.of("operator", "decisions", "overrides", "rate"), byOperator));

        List<List<Object>> byReason = new ArrayList<>();
        var reasons = dsl.select(DSL.coalesce(d.REASON_CODE, "—"), DSL.count()).from(joined).where(when.and(d.ACTION.eq(DecisionAction.OVERRIDE)))
                .groupBy(DSL.coalesce(d.REASON_CODE, "—")).orderBy(DSL.count().desc()).fetch();
        long overridden = reasons.stream().mapToLong(r -> r.value2()).sum();
        reasons.forEach(r -> byReason.add(List.of(r.value1(), (long) r.value2(), (double) r.value2() / overridden)));
        charts.put("overridesByReason", new ChartTable("overridesByReason", List.of("reason", "overrides", "share"), byReason));

        // how the accounts behave now, by what was decided: the current bucket of each decided account
        List<List<Object>> perf = new ArrayList<>();
        // accounts, not decisions: an account decided twice counts once in both the rate and its base
        Field<Integer> late30 = DSL.countDistinct(ACCOUNT.ID).filterWhere(ACCOUNT.DELINQUENCY_BUCKET.in("DPD31_60", "DPD61_90", "DPD90P"));
        Field<Integer> late90 = DSL.countDistinct(ACCOUNT.ID).filterWhere(ACCOUNT.DELINQUENCY_BUCKET.eq("DPD90P"));
        dsl.select(d.ACTION, DSL.countDistinct(d.ACCOUNT_ID), late30, late90).from(d.join(ACCOUNT).on(ACCOUNT.ID.eq(d.ACCOUNT_ID))).where(when).groupBy(d.ACTION).orderBy(d.ACTION)
                .forEach(r -> perf.add(List.of(r.value1().name(), (long) r.value2(), (double) r.value3() / r.value2(), (double) r.value4() / r.value2())));
        charts.put("overridePerformance", new ChartTable("overridePerformance", List.of("action", "accounts", "rate30", "rate90"), perf));
    }

    private static ChartTable suspensions(DSLContext dsl, Condition accounts, LocalDateTime start, LocalDateTime end) {
        var s = SUSPENSION;
        Field<String> rule = DSL.coalesce(s.RULE_CODE, s.KIND);
        Field<Integer> appealed = DSL.countDistinct(APPEAL.SUSPENSION_ID);
        Field<Integer> overturned = DSL.countDistinct(APPEAL.SUSPENSION_ID).filterWhere(APPEAL.OUTCOME.in(AppealOutcome.LIFTED, AppealOutcome.PARTIALLY_LIFTED));
        List<List<Object>> out = new ArrayList<>();
        dsl.select(rule, DSL.countDistinct(s.ID), appealed, overturned)
                .from(s.leftJoin(APPEAL).on(APPEAL.SUSPENSION_ID.eq(s.ID)))
                .where(s.STARTED_AT.ge(start).and(s.STARTED_AT.lt(end)).and(accounts)).groupBy(rule).orderBy(rule)
                .forEach(r -> out.add(List.of(r.value1(), (long) r.value2(), (long) r.value3(), (long) r.value4(),
                        r.value3() == 0 ? 0.0 : (double) r.value4() / r.value3())));
        return new ChartTable("suspensionsByRule", List.of("rule", "suspensions", "appealed", "overturned", "overturnRate"), out);
    }

    /** Appeals by SLA state: open within / past the SLA, decided within / after it (DECIDED_AT against SLA_DUE_AT). */
    static ChartTable appeals(DSLContext dsl, Condition accounts, LocalDateTime start, LocalDateTime end, LocalDateTime now) {
        var a = APPEAL;
        Map<String, long[]> m = new LinkedHashMap<>();
        for (String k : List.of("OPEN_WITHIN_SLA", "OPEN_OVERDUE", "DECIDED_WITHIN_SLA", "DECIDED_LATE")) {
            m.put(k, new long[1]);
        }
        dsl.select(a.STATUS, a.SLA_DUE_AT, a.DECIDED_AT)
                .from(a)
                .where(a.CREATED_AT.ge(start).and(a.CREATED_AT.lt(end)).and(accounts))
                .forEach(r -> {
                    boolean open = r.value3() == null && r.value1().open();
                    String k = open ? (now.isAfter(r.value2()) ? "OPEN_OVERDUE" : "OPEN_WITHIN_SLA")
                            : r.value3() != null && r.value3().isAfter(r.value2()) ? "DECIDED_LATE" : "DECIDED_WITHIN_SLA";
                    m.get(k)[0]++;
                });
        long total = m.values().stream().mapToLong(v -> v[0]).sum();
        List<List<Object>> out = new ArrayList<>();
        if (total > 0) {
            m.forEach((k, v) -> out.add(List.of(k, v[0], (double) v[0] / total)));
        }
        return new ChartTable("appeals", List.of("slaState", "appeals", "share"), out);
    }

    /**
     * The inbox's figures for the open-appeals tile: open appeals by age (under 1 day, 1–2, 2–7,
     * over 7 days, as of now) and the median hours from registration to decision of the appeals
     * decided in the period (NaN when none was).
     */
    static ChartTable appealFigures(DSLContext dsl, Condition accounts, LocalDateTime start, LocalDateTime end, LocalDateTime now) {
        var a = APPEAL;
        long[] ages = new long[4];
        dsl.select(a.CREATED_AT).from(a).where(accounts.and(a.STATUS.notIn(AppealStatus.DECIDED, AppealStatus.CLOSED))).forEach(r -> {
            long hours = java.time.Duration.between(r.value1(), now).toHours();
            ages[hours < 24 ? 0 : hours < 48 ? 1 : hours < 168 ? 2 : 3]++;
        });
        double[] handling = dsl.select(a.CREATED_AT, a.DECIDED_AT).from(a)
                .where(accounts.and(a.DECIDED_AT.ge(start)).and(a.DECIDED_AT.lt(end)))
                .fetch(r -> java.time.Duration.between(r.value1(), r.value2()).toMinutes() / 60.0)
                .stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = handling.length == 0 ? Double.NaN : handling.length % 2 == 1 ? handling[handling.length / 2]
                : (handling[handling.length / 2 - 1] + handling[handling.length / 2]) / 2;
        return new ChartTable("appealFigures", List.of("figure", "value"), List.of(
                List.of("openUnder1Day", (double) ages[0]), List.of("open1To2Days", (double) ages[1]),
                List.of("open2To7Days", (double) ages[2]), List.of("openOver7Days", (double) ages[3]),
                List.of("medianHandlingHours", median)));
    }
}
