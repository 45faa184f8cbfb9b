package dev.riskdesk.dashboard;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.ACCOUNT_MONTH;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.DASH_BUCKET_MONTH;
import static dev.riskdesk.db.schema.Tables.DASH_FAIRNESS;
import static dev.riskdesk.db.schema.Tables.DASH_REFRESH;
import static dev.riskdesk.db.schema.Tables.DASH_ROLL_MONTH;
import static dev.riskdesk.db.schema.Tables.DASH_SCORE_BIN;
import static dev.riskdesk.db.schema.Tables.DASH_SEGMENT_MONTH;
import static dev.riskdesk.db.schema.Tables.DASH_VINTAGE;
import static dev.riskdesk.db.schema.Tables.SCORE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.limits.fairness.FairnessTable;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.scoring.model.StoredModel;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.BatchBindStep;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record5;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Rebuilds the dashboard's pre-aggregated tables (DASH_*) in one ordered pass over
 * ACCOUNT_MONTH: segment cube per month, roll rates, vintages, and the current score
 * distribution in the champion's training bins. The dashboard then reads only these tables.
 * PD is each account's latest stored score (or the policy's PD for unscored accounts); exposure
 * and LGD follow the active limit policy (balance + CCF × undrawn limit).
 */
public final class DashboardRefreshService {
    private static final int FETCH = 5_000;
    private static final int BATCH = 2_000;
    private final Database database;
    private final AuditLog audit;
    private final ModelRepository models;
    private final LimitPolicyService policies;
    private final Clock clock;

    public DashboardRefreshService(Database database, ModelRepository models, LimitPolicyService policies, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.models = models;
        this.policies = policies;
        this.clock = clock;
    }

    public record Report(long accountMonths, int segmentRows, int rollRows, int vintageRows, int scoreBins, long millis) {
    }

    /** Per-account attributes, indexed by account id. */
    private static final class Accounts {
        byte[] tier;
        byte[] income;
        byte[] product;
        byte[] band; // index into Buckets.SCORE_BANDS, 5 = unscored
        int[] openedMonth;
        int[] chargedOffMonth; // month index from which a charged-off account has left the book, MAX_VALUE otherwise
        double[] pd;
        BigDecimal[] pdDecimal; // the same PD as a BigDecimal, to weight money
        BigDecimal[] loss; // PD × LGD, to multiply each month's exposure in money
        int[] scoreBin; // -1 when no scorecard score
    }

    @Requires(Permission.DASHBOARD_REFRESH)

    public Report refresh(Session session, Progress progress) {
        session.require(Permission.DASHBOARD_REFRESH);
        long started = System.nanoTime();
        DSLContext dsl = database.dsl();
        LimitPolicy policy = policies.activeOrDefaults().policy();
        StoredModel champion = models.mainChampion();
        JsonNode baseline = champion == null || champion.metrics() == null ? null : champion.metrics().path("baseline").get("SCORE");
        double[] cuts = baseline == null ? new double[0] : doubles(baseline.get("cuts"));
        Accounts acc = loadAccounts(dsl, policy, champion == null ? null : champion.id(), cuts);
        var range = dsl.select(DSL.min(ACCOUNT_MONTH.MONTH_START), DSL.max(ACCOUNT_MONTH.MONTH_START)).from(ACCOUNT_MONTH).fetchOne();
        int firstMonth = range.value1() == null ? 0 : Buckets.monthIndex(range.value1());
        int span = range.value1() == null ? 0 : Buckets.monthIndex(range.value2()) - firstMonth + 1;
        long total = dsl.fetchCount(ACCOUNT_MONTH);
        long ccfBp = policy.ccf().movePointRight(4).longValue();
        Scan scan = scan(dsl, acc, firstMonth, span, ccfBp, total, progress);
        Map<Long, long[]> roll = new HashMap<>();
        Map<Long, long[]> vintage = new HashMap<>(); // accounts, ever30, ever90
        rollsAndVintages(acc, scan.history, firstMonth, span, roll, vintage);
        Rows out = rows(scan, roll, vintage, scoreBins(acc));
        long count = scan.rows;
        progress.checkCancelled();
        RunFairness.Result fairness = RunFairness.ofLatestRun(database);
        database.transaction(tx -> {
            replaceTables(tx, out);
            replaceFairness(tx, fairness);
            tx.insertInto(DASH_REFRESH, DASH_REFRESH.REFRESHED_AT, DASH_REFRESH.ACCOUNT_ROWS, DASH_REFRESH.MODEL_ID,
                            DASH_REFRESH.SCORE_CUTS, DASH_REFRESH.TRAIN_SHARES, DASH_REFRESH.MILLIS)
                    .values(LocalDateTime.now(clock), count, champion == null ? null : champion.id(), join(cuts),
                            baseline == null ? null : join(doubles(baseline.get("shares"))), (System.nanoTime() - started) / 1_000_000)
                    .execute();
            audit.record(tx, session, "DASHBOARD_REFRESHED", "DASHBOARD", null, null, count + " account-months");
        });
        progress.update("Dashboard tables refreshed", total, total);
        return new Report(scan.rows, out.segments.size(), out.rolls.size(), out.vintages.size(), out.bins.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The sums of one pass over ACCOUNT_MONTH, keyed by segment, band, bucket and utilisation. */
    private static final class Scan {
        final Map<Long, long[]> money = new HashMap<>(); // count, limit, balance, exposure (cents)
        final Map<Long, double[]> pds = new HashMap<>(); // Σ pd
        final Map<Long, BigDecimal[]> pdMoney = new HashMap<>(); // Σ pd × exposure, Σ pd × limit (yuan, unrounded)
        final Map<Long, BigDecimal> losses = new HashMap<>(); // Σ PD × exposure × LGD (yuan, unrounded)
        // each account's bucket per month (-1: no row), for roll rates and vintages after the scan
        final byte[][] history;
        long rows;

        Scan(int accounts) {
            history = new byte[accounts][];
        }
    }

    /** The rows to write into each DASH_* table, in the tables' column order. */
    private record Rows(List<Object[]> segments, List<Object[]> buckets, List<Object[]> rolls, List<Object[]> vintages,
            List<Object[]> bins) {
    }

    private static Scan scan(DSLContext dsl, Accounts acc, int firstMonth, int span, long ccfBp, long total, Progress progress) {
        Scan s = new Scan(acc.tier.length);
        // one unordered scan: reading ACCOUNT_MONTH in key order costs a secondary-index look-up per row
        try (Cursor<Record5<Long, LocalDate, BigDecimal, BigDecimal, Integer>> cursor = dsl
                .select(ACCOUNT_MONTH.ACCOUNT_ID, ACCOUNT_MONTH.MONTH_START, ACCOUNT_MONTH.CREDIT_LIMIT, ACCOUNT_MONTH.BALANCE,
                        ACCOUNT_MONTH.DAYS_PAST_DUE)
                .from(ACCOUNT_MONTH).fetchSize(FETCH).fetchLazy()) {
            for (Record5<Long, LocalDate, BigDecimal, BigDecimal, Integer> r : cursor) {
                int id = r.value1().intValue();
                int month = Buckets.monthIndex(r.value2());
                if (month >= acc.chargedOffMonth[id]) {
                    continue; // charged off: out of the active book from that month on
                }
                long limit = r.value3().movePointRight(2).longValueExact();
                long balance = r.value4().movePointRight(2).longValueExact();
                int bucket = Buckets.delinquency(r.value5());
                int util = Buckets.utilisation(balance, limit);
                long segment = segment(month, acc.tier[id], acc.income[id], acc.product[id]);
                long key = ((segment * 8 + acc.band[id]) * 8 + bucket) * 8 + util;
                long undrawn = Math.max(0, limit - balance);
                long exposure = balance + (undrawn * ccfBp + 5_000) / 10_000;
                add(s, acc, id, key, limit, balance, exposure);
                if (s.history[id] == null) {
                    s.history[id] = new byte[span];
                    Arrays.fill(s.history[id], (byte) -1);
                }
                s.history[id][month - firstMonth] = (byte) bucket;
                if (++s.rows % 50_000 == 0) {
                    progress.checkCancelled();
                    progress.update("Aggregated " + s.rows + " account-months", s.rows, total);
                }
            }
        }
        return s;
    }

    private static void add(Scan s, Accounts acc, int id, long key, long limit, long balance, long exposure) {
        long[] m = s.money.computeIfAbsent(key, k -> new long[4]);
        m[0]++;
        m[1] += limit;
        m[2] += balance;
        m[3] += exposure;
        s.pds.computeIfAbsent(key, k -> new double[1])[0] += acc.pd[id];
        BigDecimal[] pm = s.pdMoney.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        pm[0] = pm[0].add(acc.pdDecimal[id].multiply(BigDecimal.valueOf(exposure, 2)));
        pm[1] = pm[1].add(acc.pdDecimal[id].multiply(BigDecimal.valueOf(limit, 2)));
        s.losses.merge(key, acc.loss[id].multiply(BigDecimal.valueOf(exposure, 2)), BigDecimal::add);
    }

    /** Counts month-to-month bucket moves into {@code roll} and ever-30/ever-90 by vintage into {@code vintage}. */
    private static void rollsAndVintages(Accounts acc, byte[][] history, int firstMonth, int span, Map<Long, long[]> roll,
            Map<Long, long[]> vintage) {
        for (int id = 0; id < history.length; id++) {
            byte[] h = history[id];
            if (h == null) {
                continue;
            }
            boolean ever30 = false;
            boolean ever90 = false;
            for (int i = 0; i < span; i++) {
                int bucket = h[i];
                if (bucket < 0) {
                    continue;
                }
                int month = firstMonth + i;
                long segment = segment(month, acc.tier[id], acc.income[id], acc.product[id]);
                if (i > 0 && h[i - 1] >= 0) {
                    roll.computeIfAbsent((segment * 8 + h[i - 1]) * 8 + bucket, k -> new long[1])[0]++;
                }
                ever30 |= bucket >= 2;
                ever90 |= bucket >= 4;
                int opened = acc.openedMonth[id];
                if (opened >= firstMonth && month >= opened) {
                    // keyed by origination quarter, so the opening months of one quarter merge
                    long v = ((long) (opened - opened % 12 % 3) * 64 + (month - opened)) * 1000
                            + acc.tier[id] * 100 + acc.income[id] * 10 + acc.product[id];
                    long[] c = vintage.computeIfAbsent(v, k -> new long[3]);
                    c[0]++;
                    c[1] += ever30 ? 1 : 0;
                    c[2] += ever90 ? 1 : 0;
                }
            }
        }
    }

    private static Map<Long, long[]> scoreBins(Accounts acc) {
        Map<Long, long[]> bins = new HashMap<>();
        for (int id = 0; id < acc.scoreBin.length; id++) {
            if (acc.scoreBin[id] >= 0) {
                bins.computeIfAbsent((long) acc.scoreBin[id] * 1000 + acc.tier[id] * 100 + acc.income[id] * 10 + acc.product[id],
                        k -> new long[1])[0]++;
            }
        }
        return bins;
    }

    private static Rows rows(Scan s, Map<Long, long[]> roll, Map<Long, long[]> vintage, Map<Long, long[]> bins) {
        List<Object[]> segments = new ArrayList<>();
        Map<Long, long[]> buckets = new HashMap<>();
        s.money.forEach((k, m) -> {
            BigDecimal[] pm = s.pdMoney.get(k);
            segments.add(row(segmentValues(k / 512), Buckets.SCORE_BANDS.get((int) (k / 64 % 8)), Buckets.DELINQUENCY.get((int) (k / 8 % 8)),
                    (int) (k % 8), (int) m[0], BigDecimal.valueOf(m[1], 2), BigDecimal.valueOf(m[2], 2), BigDecimal.valueOf(m[3], 2), s.pds.get(k)[0],
                    pm[0].setScale(6, RoundingMode.HALF_UP), pm[1].setScale(6, RoundingMode.HALF_UP), s.losses.get(k).setScale(2, RoundingMode.HALF_UP)));
            buckets.computeIfAbsent(k / 512 * 8 + k / 8 % 8, x -> new long[1])[0] += m[0];
        });
        List<Object[]> bucketRows = new ArrayList<>();
        buckets.forEach((k, c) -> bucketRows.add(row(segmentValues(k / 8), Buckets.DELINQUENCY.get((int) (k % 8)), (int) c[0])));
        List<Object[]> rollRows = new ArrayList<>();
        roll.forEach((k, c) -> rollRows.add(row(segmentValues(k / 64), Buckets.DELINQUENCY.get((int) (k / 8 % 8)),
                Buckets.DELINQUENCY.get((int) (k % 8)), (int) c[0])));
        List<Object[]> vintageRows = new ArrayList<>();
        vintage.forEach((k, c) -> vintageRows.add(new Object[] {Buckets.quarter(Buckets.monthStart((int) (k / 1000 / 64))), (int) (k / 1000 % 64),
            (int) (k % 1000 / 100), Buckets.INCOME_BANDS.get((int) (k % 100 / 10)), Buckets.PRODUCTS.get((int) (k % 10)), (int) c[0], (int) c[1],
            (int) c[2]}));
        List<Object[]> binRows = new ArrayList<>();
        bins.forEach((k, c) -> binRows.add(new Object[] {(int) (k % 1000 / 100), Buckets.INCOME_BANDS.get((int) (k % 100 / 10)),
            Buckets.PRODUCTS.get((int) (k % 10)), (int) (k / 1000), (int) c[0]}));
        return new Rows(segments, bucketRows, rollRows, vintageRows, binRows);
    }

    private static void replaceTables(DSLContext tx, Rows out) {
        tx.deleteFrom(DASH_SEGMENT_MONTH).execute();
        tx.deleteFrom(DASH_BUCKET_MONTH).execute();
        tx.deleteFrom(DASH_ROLL_MONTH).execute();
        tx.deleteFrom(DASH_VINTAGE).execute();
        tx.deleteFrom(DASH_SCORE_BIN).execute();
        insert(tx, DASH_SEGMENT_MONTH, out.segments);
        insert(tx, DASH_BUCKET_MONTH, out.buckets);
        insert(tx, DASH_ROLL_MONTH, out.rolls);
        insert(tx, DASH_VINTAGE, out.vintages);
        insert(tx, DASH_SCORE_BIN, out.bins);
    }

    /** The fairness rows of the latest policy run, by age group then by gender; none before the first run. */
    private static void replaceFairness(DSLContext tx, RunFairness.Result fairness) {
        tx.deleteFrom(DASH_FAIRNESS).execute();
        if (fairness == null) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (String kind : List.of("AGE", "GENDER")) {
            for (FairnessTable.Row r : kind.equals("AGE") ? fairness.table().byAge() : fairness.table().byGender()) {
                rows.add(new Object[] {kind, r.group(), r.accounts(), r.increase(), r.decrease(), r.freeze(), r.suspend(), r.cohortAccounts(),
                    r.cohortBad(), fairness.table().cohortMonthEnd(), fairness.jobId()});
            }
        }
        insert(tx, DASH_FAIRNESS, rows);
    }

    /** The segment's four leading columns followed by the rest, in the table's column order. */
    private static Object[] row(Object[] segment, Object... rest) {
        Object[] out = Arrays.copyOf(segment, segment.length + rest.length);
        System.arraycopy(rest, 0, out, segment.length, rest.length);
        return out;
    }

    private static Object[] segmentValues(long segment) {
        return new Object[] {Buckets.monthStart((int) (segment / 512)), (int) (segment / 64 % 8), Buckets.INCOME_BANDS.get((int) (segment / 8 % 8)),
            Buckets.PRODUCTS.get((int) (segment % 8))};
    }

    /** One prepared statement, bound once per row and sent in JDBC batches (rows in the table's column order). */
    private static void insert(DSLContext tx, Table<?> table, List<Object[]> rows) {
        Field<?>[] fields = table.fields();
        for (int from = 0; from < rows.size(); from += BATCH) {
            BatchBindStep batch = tx.batch(tx.insertInto(table).columns(fields).values(new Object[fields.length]));
            for (Object[] r : rows.subList(from, Math.min(rows.size(), from + BATCH))) {
                batch.bind(r);
            }
            batch.execute();
        }
    }

    private static long segment(int month, int tier, int income, int product) {
        return ((long) month * 8 + tier) * 8 * 8 + income * 8 + product;
    }

    private Accounts loadAccounts(DSLContext dsl, LimitPolicy policy, Long championId, double[] cuts) {
        Long max = dsl.select(DSL.max(ACCOUNT.ID)).from(ACCOUNT).fetchOne().value1();
        int n = max == null ? 1 : (int) (max + 1);
        Accounts a = new Accounts();
        a.tier = new byte[n];
        a.income = new byte[n];
        a.product = new byte[n];
        a.band = new byte[n];
        a.openedMonth = new int[n];
        a.chargedOffMonth = new int[n];
        Arrays.fill(a.chargedOffMonth, Integer.MAX_VALUE);
        a.pd = new double[n];
        a.scoreBin = new int[n];
        Arrays.fill(a.band, (byte) 5);
        Arrays.fill(a.pd, policy.pdWhenUnscored().doubleValue());
        Arrays.fill(a.scoreBin, -1);
        try (var cursor = dsl.select(ACCOUNT.ID, CUSTOMER.CITY_TIER, CUSTOMER.INCOME_BAND, ACCOUNT.PRODUCT, ACCOUNT.OPENED_AT, ACCOUNT.STATUS,
                        ACCOUNT.LAST_LIMIT_CHANGE)
                .from(ACCOUNT).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID)).fetchSize(FETCH).fetchLazy()) {
            for (var r : cursor) {
                int id = r.value1().intValue();
                a.tier[id] = r.value2().byteValue();
                a.income[id] = (byte) Buckets.INCOME_BANDS.indexOf(r.value3());
                a.product[id] = (byte) Buckets.PRODUCTS.indexOf(r.value4());
                a.openedMonth[id] = Buckets.monthIndex(r.value5().toLocalDate());
                if (r.value6() == AccountStatus.CHARGED_OFF && r.value7() != null) {
                    a.chargedOffMonth[id] = Buckets.monthIndex(r.value7().toLocalDate()); // the charge-off is its last status change
                }
            }
        }
        // scores in id order: the last one read is the account's latest
        try (var cursor = dsl.select(SCORE.ACCOUNT_ID, SCORE.PD, SCORE.BAND, SCORE.SCORE_, SCORE.THIN_FILE, SCORE.MODEL_ID)
                .from(SCORE).orderBy(SCORE.ID).fetchSize(FETCH).fetchLazy()) {
            for (var r : cursor) {
                int id = r.value1().intValue();
                a.pd[id] = r.value2();
                a.band[id] = (byte) Buckets.SCORE_BANDS.indexOf(r.value3());
                boolean scorecard = !r.value5() && championId != null && championId.equals(r.value6());
                a.scoreBin[id] = scorecard ? Buckets.bin(cuts, r.value4()) : -1;
            }
        }
        a.loss = new BigDecimal[n];
        a.pdDecimal = new BigDecimal[n];
        for (int id = 0; id < n; id++) {
            a.pdDecimal[id] = BigDecimal.valueOf(a.pd[id]);
            a.loss[id] = a.pdDecimal[id].multiply(policy.lgd());
        }
        return a;
    }

    private static double[] doubles(JsonNode array) {
        if (array == null || !array.isArray()) {
            return new double[0];
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static String join(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.length() == 0 ? "" : ",").append(v);
        }
        return s.toString();
    }

    static double[] parse(String joined) {
        if (joined == null || joined.isBlank()) {
            return new double[0];
        }
        return Arrays.stream(joined.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
