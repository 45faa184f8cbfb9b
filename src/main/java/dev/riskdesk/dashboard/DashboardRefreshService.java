package dev.riskdesk.dashboard;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.ACCOUNT_MONTH;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.DASH_BUCKET_MONTH;
import static dev.riskdesk.db.schema.Tables.DASH_REFRESH;
import static dev.riskdesk.db.schema.Tables.DASH_ROLL_MONTH;
import static dev.riskdesk.db.schema.Tables.DASH_SCORE_BIN;
import static dev.riskdesk.db.schema.Tables.DASH_SEGMENT_MONTH;
import static dev.riskdesk.db.schema.Tables.DASH_VINTAGE;
import static dev.riskdesk.db.schema.Tables.SCORE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.limits.LimitPolicy;
import dev.riskdesk.limits.LimitPolicyService;
import dev.riskdesk.scoring.ModelKind;
import dev.riskdesk.scoring.ModelRepository;
import dev.riskdesk.scoring.StoredModel;
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
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record5;
import org.jooq.TableRecord;
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
    private final Database database;
    private final ModelRepository models;
    private final LimitPolicyService policies;
    private final Clock clock;

    public DashboardRefreshService(Database database, ModelRepository models, LimitPolicyService policies, Clock clock) {
        this.database = database;
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
        double[] pd;
        int[] scoreBin; // -1 when no scorecard score
    }

    public Report refresh(Session session, Progress progress) {
        session.require(Permission.PORTFOLIO_VIEW);
        long started = System.nanoTime();
        DSLContext dsl = database.dsl();
        LimitPolicy policy = policies.activeOrDefaults().policy();
        StoredModel champion = models.champion(ModelKind.SCORECARD);
        JsonNode baseline = champion == null || champion.metrics() == null ? null : champion.metrics().path("baseline").get("SCORE");
        double[] cuts = baseline == null ? new double[0] : doubles(baseline.get("cuts"));
        Accounts acc = loadAccounts(dsl, policy, champion == null ? null : champion.id(), cuts);
        Integer firstMonth = dsl.select(DSL.min(ACCOUNT_MONTH.MONTH_START)).from(ACCOUNT_MONTH).fetchOptional()
                .map(r -> r.value1() == null ? null : Buckets.monthIndex(r.value1())).orElse(null);
        long total = dsl.fetchCount(ACCOUNT_MONTH);
        long ccfBp = policy.ccf().movePointRight(4).longValue();
        double lgd = policy.lgd().doubleValue();

        Map<Long, long[]> money = new HashMap<>(); // count, limit, balance, exposure (cents)
        Map<Long, double[]> pds = new HashMap<>(); // pd, pd×exposure, pd×limit (yuan)
        Map<Long, long[]> roll = new HashMap<>();
        Map<Long, long[]> vintage = new HashMap<>(); // accounts, ever30, ever90
        long rows = 0;
        long lastAccount = -1;
        int lastMonth = -1;
        int lastBucket = 0;
        boolean ever30 = false;
        boolean ever90 = false;
        try (Cursor<Record5<Long, LocalDate, BigDecimal, BigDecimal, Integer>> cursor = dsl
                .select(ACCOUNT_MONTH.ACCOUNT_ID, ACCOUNT_MONTH.MONTH_START, ACCOUNT_MONTH.CREDIT_LIMIT, ACCOUNT_MONTH.BALANCE,
                        ACCOUNT_MONTH.DAYS_PAST_DUE)
                .from(ACCOUNT_MONTH).orderBy(ACCOUNT_MONTH.ACCOUNT_ID, ACCOUNT_MONTH.MONTH_START)
                .fetchSize(FETCH).fetchLazy()) {
            for (Record5<Long, LocalDate, BigDecimal, BigDecimal, Integer> r : cursor) {
                int id = r.value1().intValue();
                int month = Buckets.monthIndex(r.value2());
                long limit = r.value3().movePointRight(2).longValueExact();
                long balance = r.value4().movePointRight(2).longValueExact();
                int bucket = Buckets.delinquency(r.value5());
                int util = Buckets.utilisation(balance, limit);
                if (id != lastAccount) {
                    lastAccount = id;
                    lastMonth = -1;
                    ever30 = false;
                    ever90 = false;
                }
                long segment = segment(month, acc.tier[id], acc.income[id], acc.product[id]);
                long key = ((segment * 8 + acc.band[id]) * 8 + bucket) * 8 + util;
                long undrawn = Math.max(0, limit - balance);
                long exposure = balance + (undrawn * ccfBp + 5_000) / 10_000;
                long[] m = money.computeIfAbsent(key, k -> new long[4]);
                m[0]++;
                m[1] += limit;
                m[2] += balance;
                m[3] += exposure;
                double pd = acc.pd[id];
                double[] p = pds.computeIfAbsent(key, k -> new double[3]);
                p[0] += pd;
                p[1] += pd * exposure / 100.0;
                p[2] += pd * limit / 100.0;
                if (lastMonth == month - 1) {
                    roll.computeIfAbsent((segment * 8 + lastBucket) * 8 + bucket, k -> new long[1])[0]++;
                }
                ever30 |= bucket >= 2;
                ever90 |= bucket >= 4;
                int opened = acc.openedMonth[id];
                if (firstMonth != null && opened >= firstMonth && month >= opened) {
                    long v = ((long) opened * 64 + (month - opened)) * 1000 + acc.tier[id] * 100 + acc.income[id] * 10 + acc.product[id];
                    long[] c = vintage.computeIfAbsent(v, k -> new long[3]);
                    c[0]++;
                    c[1] += ever30 ? 1 : 0;
                    c[2] += ever90 ? 1 : 0;
                }
                lastMonth = month;
                lastBucket = bucket;
                if (++rows % 50_000 == 0) {
                    progress.checkCancelled();
                    progress.update("Aggregated " + rows + " account-months", rows, total);
                }
            }
        }
        Map<Long, long[]> bins = new HashMap<>();
        for (int id = 0; id < acc.scoreBin.length; id++) {
            if (acc.scoreBin[id] >= 0) {
                bins.computeIfAbsent((long) acc.scoreBin[id] * 1000 + acc.tier[id] * 100 + acc.income[id] * 10 + acc.product[id],
                        k -> new long[1])[0]++;
            }
        }
        long count = rows;
        int[] written = new int[4];
        database.transaction(tx -> {
            tx.deleteFrom(DASH_SEGMENT_MONTH).execute();
            tx.deleteFrom(DASH_BUCKET_MONTH).execute();
            tx.deleteFrom(DASH_ROLL_MONTH).execute();
            tx.deleteFrom(DASH_VINTAGE).execute();
            tx.deleteFrom(DASH_SCORE_BIN).execute();
            List<TableRecord<?>> batch = new ArrayList<>();
            for (Map.Entry<Long, long[]> e : money.entrySet()) {
                long k = e.getKey();
                long[] m = e.getValue();
                double[] p = pds.get(k);
                var rec = tx.newRecord(DASH_SEGMENT_MONTH);
                int util = (int) (k % 8);
                int bucket = (int) (k / 8 % 8);
                int band = (int) (k / 64 % 8);
                long segment = k / 512;
                setSegment(segment, rec);
                rec.setScoreBand(Buckets.SCORE_BANDS.get(band));
                rec.setDelinquencyBucket(Buckets.DELINQUENCY.get(bucket));
                rec.setUtilBand(util);
                rec.setAccountCount((int) m[0]);
                rec.setTotalLimit(BigDecimal.valueOf(m[1], 2));
                rec.setTotalBalance(BigDecimal.valueOf(m[2], 2));
                rec.setExposure(BigDecimal.valueOf(m[3], 2));
                rec.setPdSum(p[0]);
                rec.setPdExposure(p[1]);
                rec.setPdLimit(p[2]);
                rec.setExpectedLoss(BigDecimal.valueOf(p[1] * lgd).setScale(2, RoundingMode.HALF_UP));
                batch.add(rec);
                written[0]++;
                flush(tx, batch);
            }
            Map<Long, long[]> buckets = new HashMap<>();
            money.forEach((k, m) -> buckets.computeIfAbsent(k / 512 * 8 + k / 8 % 8, x -> new long[1])[0] += m[0]);
            for (Map.Entry<Long, long[]> e : buckets.entrySet()) {
                var rec = tx.newRecord(DASH_BUCKET_MONTH);
                setSegment(e.getKey() / 8, rec);
                rec.setDelinquencyBucket(Buckets.DELINQUENCY.get((int) (e.getKey() % 8)));
                rec.setAccountCount((int) e.getValue()[0]);
                batch.add(rec);
                flush(tx, batch);
            }
            for (Map.Entry<Long, long[]> e : roll.entrySet()) {
                long k = e.getKey();
                var rec = tx.newRecord(DASH_ROLL_MONTH);
                setSegment(k / 64, rec);
                rec.setFromBucket(Buckets.DELINQUENCY.get((int) (k / 8 % 8)));
                rec.setToBucket(Buckets.DELINQUENCY.get((int) (k % 8)));
                rec.setAccountCount((int) e.getValue()[0]);
                batch.add(rec);
                written[1]++;
                flush(tx, batch);
            }
            flushAll(tx, batch);
            for (Map.Entry<Long, long[]> e : vintage.entrySet()) {
                long k = e.getKey();
                long[] c = e.getValue();
                var rec = tx.newRecord(DASH_VINTAGE);
                int opened = (int) (k / 1000 / 64);
                rec.setOriginQuarter(Buckets.quarter(Buckets.monthStart(opened)));
                rec.setMonthsOnBook((int) (k / 1000 % 64));
                rec.setCityTier((int) (k % 1000 / 100));
                rec.setIncomeBand(Buckets.INCOME_BANDS.get((int) (k % 100 / 10)));
                rec.setProduct(Buckets.PRODUCTS.get((int) (k % 10)));
                rec.setAccountCount((int) c[0]);
                rec.setEver30Count((int) c[1]);
                rec.setEver90Count((int) c[2]);
                batch.add(rec);
            }
            // several opening months fall into one quarter: merge them before writing
            written[2] = writeVintages(tx, batch);
            for (Map.Entry<Long, long[]> e : bins.entrySet()) {
                long k = e.getKey();
                var rec = tx.newRecord(DASH_SCORE_BIN);
                rec.setBinNo((int) (k / 1000));
                rec.setCityTier((int) (k % 1000 / 100));
                rec.setIncomeBand(Buckets.INCOME_BANDS.get((int) (k % 100 / 10)));
                rec.setProduct(Buckets.PRODUCTS.get((int) (k % 10)));
                rec.setAccountCount((int) e.getValue()[0]);
                batch.add(rec);
                written[3]++;
                flush(tx, batch);
            }
            flushAll(tx, batch);
            tx.insertInto(DASH_REFRESH, DASH_REFRESH.REFRESHED_AT, DASH_REFRESH.ACCOUNT_ROWS, DASH_REFRESH.MODEL_ID,
                            DASH_REFRESH.SCORE_CUTS, DASH_REFRESH.TRAIN_SHARES, DASH_REFRESH.MILLIS)
                    .values(LocalDateTime.now(clock), count, champion == null ? null : champion.id(), join(cuts),
                            baseline == null ? null : join(doubles(baseline.get("shares"))), (System.nanoTime() - started) / 1_000_000)
                    .execute();
        });
        progress.update("Dashboard tables refreshed", total, total);
        return new Report(rows, written[0], written[1], written[2], written[3], (System.nanoTime() - started) / 1_000_000);
    }

    private static int writeVintages(DSLContext tx, List<TableRecord<?>> records) {
        Map<String, dev.riskdesk.db.schema.tables.records.DashVintageRecord> merged = new HashMap<>();
        for (TableRecord<?> r : records) {
            var v = (dev.riskdesk.db.schema.tables.records.DashVintageRecord) r;
            String key = v.getOriginQuarter() + "|" + v.getMonthsOnBook() + "|" + v.getCityTier() + "|" + v.getIncomeBand() + "|" + v.getProduct();
            var m = merged.get(key);
            if (m == null) {
                merged.put(key, v);
            } else {
                m.setAccountCount(m.getAccountCount() + v.getAccountCount());
                m.setEver30Count(m.getEver30Count() + v.getEver30Count());
                m.setEver90Count(m.getEver90Count() + v.getEver90Count());
            }
        }
        records.clear();
        for (var v : merged.values()) {
            records.add(v);
            flush(tx, records);
        }
        flushAll(tx, records);
        return merged.size();
    }

    private static long segment(int month, int tier, int income, int product) {
        return ((long) month * 8 + tier) * 8 * 8 + income * 8 + product;
    }

    private static void setSegment(long segment, org.jooq.Record rec) {
        int product = (int) (segment % 8);
        int income = (int) (segment / 8 % 8);
        int tier = (int) (segment / 64 % 8);
        int month = (int) (segment / 512);
        rec.set(DSL.field(DSL.name("MONTH_START"), LocalDate.class), Buckets.monthStart(month));
        rec.set(DSL.field(DSL.name("CITY_TIER"), Integer.class), tier);
        rec.set(DSL.field(DSL.name("INCOME_BAND"), String.class), Buckets.INCOME_BANDS.get(income));
        rec.set(DSL.field(DSL.name("PRODUCT"), String.class), Buckets.PRODUCTS.get(product));
    }

    private static void flush(DSLContext tx, List<TableRecord<?>> batch) {
        if (batch.size() >= 1_000) {
            flushAll(tx, batch);
        }
    }

    private static void flushAll(DSLContext tx, List<TableRecord<?>> batch) {
        if (!batch.isEmpty()) {
            tx.batchInsert(batch).execute();
            batch.clear();
        }
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
        a.pd = new double[n];
        a.scoreBin = new int[n];
        Arrays.fill(a.band, (byte) 5);
        Arrays.fill(a.pd, policy.pdWhenUnscored().doubleValue());
        Arrays.fill(a.scoreBin, -1);
        try (var cursor = dsl.select(ACCOUNT.ID, CUSTOMER.CITY_TIER, CUSTOMER.INCOME_BAND, ACCOUNT.PRODUCT, ACCOUNT.OPENED_AT)
                .from(ACCOUNT).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID)).fetchSize(FETCH).fetchLazy()) {
            for (var r : cursor) {
                int id = r.value1().intValue();
                a.tier[id] = r.value2().byteValue();
                a.income[id] = (byte) Buckets.INCOME_BANDS.indexOf(r.value3());
                a.product[id] = (byte) Buckets.PRODUCTS.indexOf(r.value4());
                a.openedMonth[id] = Buckets.monthIndex(r.value5().toLocalDate());
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
