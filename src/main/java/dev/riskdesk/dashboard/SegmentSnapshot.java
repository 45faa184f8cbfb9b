package dev.riskdesk.dashboard;

import static dev.riskdesk.db.schema.Tables.DASH_SEGMENT_MONTH;

import java.math.BigDecimal;
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

/** One month of the segment cube, grouped finely enough for every snapshot chart. */
record SegmentSnapshot(List<org.jooq.Record> rows) {
    private static final Field<String> BAND = DASH_SEGMENT_MONTH.SCORE_BAND;

    ChartTable byBand() {
        Map<String, Object[]> m = new LinkedHashMap<>();
        for (String b : Buckets.SCORE_BANDS) {
            m.put(b, new Object[] {0L, BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)});
        }
        for (var r : rows) {
            Object[] a = m.get(r.get(BAND));
            a[0] = (Long) a[0] + r.get("N", Long.class);
            a[1] = ((BigDecimal) a[1]).add(r.get("LIM", BigDecimal.class));
            a[2] = ((BigDecimal) a[2]).add(r.get("EXP", BigDecimal.class));
            a[3] = ((BigDecimal) a[3]).add(r.get("BAL", BigDecimal.class));
        }
        List<List<Object>> out = new ArrayList<>();
        m.forEach((b, a) -> {
            if ((Long) a[0] > 0) {
                out.add(List.of(b, a[0], a[1], a[2], a[3]));
            }
        });
        return new ChartTable("exposureByBand", List.of("band", "accounts", "limit", "exposure", "balance"), out);
    }

    ChartTable utilisation() {
        long[] n = new long[Buckets.UTILISATION.size()];
        long total = 0;
        for (var r : rows) {
            long c = r.get("N", Long.class);
            n[r.get(DASH_SEGMENT_MONTH.UTIL_BAND)] += c;
            total += c;
        }
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            out.add(List.of(Buckets.UTILISATION.get(i), n[i], total == 0 ? 0.0 : (double) n[i] / total));
        }
        return new ChartTable("utilisation", List.of("utilisation", "accounts", "share"), total == 0 ? List.of() : out);
    }

    ChartTable badRate() {
        Map<String, long[]> m = new LinkedHashMap<>();
        for (String b : Buckets.SCORE_BANDS) {
            m.put(b, new long[3]);
        }
        for (var r : rows) {
            long[] a = m.get(r.get(BAND));
            long c = r.get("N", Long.class);
            int bucket = Buckets.DELINQUENCY.indexOf(r.get(DASH_SEGMENT_MONTH.DELINQUENCY_BUCKET));
            a[0] += c;
            a[1] += bucket >= 2 ? c : 0;
            a[2] += bucket >= 4 ? c : 0;
        }
        List<List<Object>> out = new ArrayList<>();
        m.forEach((b, a) -> {
            if (a[0] > 0) {
                out.add(List.of(b, a[0], (double) a[1] / a[0], (double) a[2] / a[0]));
            }
        });
        return new ChartTable("badRateByBand", List.of("band", "accounts", "rate30", "rate90"), out);
    }

    ChartTable expectedLoss() {
        Map<String, BigDecimal[]> m = new TreeMap<>();
        for (var r : rows) {
            BigDecimal[] a = m.computeIfAbsent(r.get(DASH_SEGMENT_MONTH.INCOME_BAND), k -> {
                BigDecimal[] z = new BigDecimal[Buckets.CITY_TIERS.size()];
                Arrays.fill(z, BigDecimal.ZERO.setScale(2));
                return z;
            });
            int t = r.get(DASH_SEGMENT_MONTH.CITY_TIER) - 1;
            a[t] = a[t].add(r.get("EL", BigDecimal.class));
        }
        List<List<Object>> out = new ArrayList<>();
        m.forEach((income, a) -> {
            List<Object> row = new ArrayList<>();
            row.add(income);
            row.addAll(Arrays.asList(a));
            row.add(Arrays.stream(a).reduce(BigDecimal.ZERO, BigDecimal::add));
            out.add(row);
        });
        return new ChartTable("expectedLoss", List.of("incomeBand", "tier1", "tier2", "tier3", "tier4", "tier5", "total"), out);
    }

    DashboardData.KeyFigures figures(long openAppeals) {
        long n = 0;
        long n30 = 0;
        long n90 = 0;
        BigDecimal lim = BigDecimal.ZERO.setScale(2);
        BigDecimal exp = BigDecimal.ZERO.setScale(2);
        BigDecimal el = BigDecimal.ZERO.setScale(2);
        for (var r : rows) {
            long c = r.get("N", Long.class);
            int bucket = Buckets.DELINQUENCY.indexOf(r.get(DASH_SEGMENT_MONTH.DELINQUENCY_BUCKET));
            n += c;
            n30 += bucket >= 2 ? c : 0;
            n90 += bucket >= 4 ? c : 0;
            lim = lim.add(r.get("LIM", BigDecimal.class));
            exp = exp.add(r.get("EXP", BigDecimal.class));
            el = el.add(r.get("EL", BigDecimal.class));
        }
        return new DashboardData.KeyFigures(n, lim, exp, el, n == 0 ? 0 : (double) n30 / n, n == 0 ? 0 : (double) n90 / n, openAppeals);
    }

    /** The month's rows within the segment; none for no month. */
    static SegmentSnapshot load(DSLContext dsl, Condition segment, YearMonth month) {
        if (month == null) {
            return new SegmentSnapshot(List.of());
        }
        var t = DASH_SEGMENT_MONTH;
        List<org.jooq.Record> rows = new ArrayList<>(dsl.select(t.SCORE_BAND, t.DELINQUENCY_BUCKET, t.UTIL_BAND, t.CITY_TIER, t.INCOME_BAND,
                        DSL.sum(t.ACCOUNT_COUNT).cast(Long.class).as("N"), DSL.sum(t.TOTAL_LIMIT).as("LIM"), DSL.sum(t.EXPOSURE).as("EXP"),
                        DSL.sum(t.TOTAL_BALANCE).as("BAL"), DSL.sum(t.EXPECTED_LOSS).as("EL"))
                .from(t).where(t.MONTH_START.eq(month.atDay(1)).and(segment))
                .groupBy(t.SCORE_BAND, t.DELINQUENCY_BUCKET, t.UTIL_BAND, t.CITY_TIER, t.INCOME_BAND).fetch());
        return new SegmentSnapshot(rows);
    }
}
