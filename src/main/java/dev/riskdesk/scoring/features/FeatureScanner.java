package dev.riskdesk.scoring.features;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.ACCOUNT_MONTH;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;

import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.jobs.ReadAhead;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.conf.ParamType;

/**
 * Streams every account's history in one ordered pass: ACCOUNT joined to CUSTOMER ordered by
 * account id, merged in Java with ACCOUNT_MONTH ordered by (ACCOUNT_ID, MONTH_START) — the
 * primary-key order, so H2 walks the index instead of sorting. Never one query per account: the
 * pass goes in key-set pages of {@link #PAGE_IDS} account ids, two range queries per page.
 */
public final class FeatureScanner {
    private static final int FETCH_SIZE = 5000;
    /** Account ids per page of the scan. */
    public static final long PAGE_IDS = 1000;
    private final Database database;

    public FeatureScanner(Database database) {
        this.database = database;
    }

    /**
     * Calls {@code sink} once per account with id > {@code afterAccountId}, in id order, with its
     * months from {@code fromMonth} to {@code toMonth} (month indexes, inclusive). Accounts with no
     * month in that range arrive with an empty history.
     */
    public long scan(long afterAccountId, int fromMonth, int toMonth, Progress progress, Consumer<AccountHistory> sink) {
        return scanRange(afterAccountId, Long.MAX_VALUE, fromMonth, toMonth, progress, sink);
    }

    /**
     * The same pass split into {@code threads} contiguous account-id ranges scanned at once, each
     * with its own connections and its own sink (from {@code sinks}, called once per range, in id
     * order). H2 reads one cursor per core; this is how the pass uses both cores. For work whose
     * order matters across the book (resumable batch scoring), use {@link #scan}.
     */
    public long scanParallel(int threads, int fromMonth, int toMonth, Progress progress,
                             java.util.function.Supplier<Consumer<AccountHistory>> sinks) {
        var bounds = database.dsl().select(org.jooq.impl.DSL.min(ACCOUNT.ID), org.jooq.impl.DSL.max(ACCOUNT.ID)).from(ACCOUNT).fetchOne();
        if (bounds == null || bounds.value1() == null) {
            return 0;
        }
        long lo = bounds.value1() - 1;
        long hi = bounds.value2();
        int n = (int) Math.max(1, Math.min(threads, hi - lo));
        List<Consumer<AccountHistory>> partSinks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            partSinks.add(sinks.get());
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "feature-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<Long>> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long after = lo + (hi - lo) * i / n;
                long last = lo + (hi - lo) * (i + 1) / n;
                Consumer<AccountHistory> sink = partSinks.get(i);
                parts.add(pool.submit(() -> scanRange(after, last, fromMonth, toMonth, progress, sink)));
            }
            long total = 0;
            for (var f : parts) {
                total += ReadAhead.await(f);
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    /** As {@link #scan}, limited to account ids up to {@code lastAccountId} inclusive. */
    public long scanRange(long afterAccountId, long lastAccountId, int fromMonth, int toMonth, Progress progress, Consumer<AccountHistory> sink) {
        DSLContext dsl = database.dsl();
        String accountSql = accountSql(dsl);
        String monthSql = monthSql(dsl);
        Long maxId = database.dsl().select(org.jooq.impl.DSL.max(ACCOUNT.ID)).from(ACCOUNT).fetchOne().value1();
        long last = maxId == null ? afterAccountId : Math.min(lastAccountId, maxId);
        long count = 0;
        // a long scan reads outside the pool (cheaper ResultSet getters); one account takes a pooled one (no connect)
        boolean longScan = last - afterAccountId > PAGE_IDS;
        try (Connection connection = longScan ? database.unpooledConnection() : database.connection();
             PreparedStatement a = connection.prepareStatement(accountSql);
             PreparedStatement m = connection.prepareStatement(monthSql)) {
            a.setFetchSize(FETCH_SIZE);
            m.setFetchSize(FETCH_SIZE);
            AccountHistory h = new AccountHistory();
            // key-set pages of account ids: each page is two short index range scans, so no cursor stays
            // open for minutes (H2 lazy cursors lose their chunks under concurrent compaction) and memory
            // stays at one page whatever the book size
            for (long pageAfter = afterAccountId; pageAfter < last; pageAfter += PAGE_IDS) {
                long pageLast = Math.min(last, pageAfter + PAGE_IDS);
                a.setLong(1, pageAfter);
                a.setLong(2, pageLast);
                m.setLong(1, pageAfter);
                m.setLong(2, pageLast);
                // months before the window are not returned (the primary-key order is kept, H2 filters)
                m.setObject(3, MonthRow.monthStart(fromMonth));
                try (ResultSet ar = a.executeQuery(); ResultSet mr = m.executeQuery()) {
                    boolean monthPending = mr.next();
                    while (ar.next()) {
                        long id = ar.getLong(1);
                        readAccount(ar, id, h);
                        // month rows of accounts without an ACCOUNT row cannot exist (foreign key), so skipping lower ids is safe
                        while (monthPending && mr.getLong(1) < id) {
                            monthPending = mr.next();
                        }
                        while (monthPending && mr.getLong(1) == id) {
                            int month = MonthRow.index(mr.getDate(2).toLocalDate());
                            if (month >= fromMonth && month <= toMonth) {
                                read(mr, month, h.next());
                            }
                            monthPending = mr.next();
                        }
                        sink.accept(h);
                        count++;
                    }
                }
                progress.checkCancelled();
                progress.update("features", count, -1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Feature scan failed: " + e.getMessage(), e);
        }
        return count;
    }

    /** Accounts with their customer in an id range ({@code > ?} and {@code <= ?}), in id order. */
    private static String accountSql(DSLContext dsl) {
        return dsl.select(ACCOUNT.ID, ACCOUNT.CUSTOMER_ID, ACCOUNT.OPENED_AT, CUSTOMER.BIRTH_DATE, CUSTOMER.CITY_TIER,
                        CUSTOMER.INCOME_BAND, CUSTOMER.REAL_NAME_VERIFIED, CUSTOMER.VERIFIED_AT, CUSTOMER.OCCUPATION,
                        ACCOUNT.SCORE, ACCOUNT.SCORE_BAND, ACCOUNT.THIN_FILE)
                .from(ACCOUNT).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID))
                .where(ACCOUNT.ID.gt(0L).and(ACCOUNT.ID.le(0L)))
                .orderBy(ACCOUNT.ID)
                .getSQL(ParamType.INDEXED);
    }

    /** Month rows in an account id range from a first month start, in primary-key order. */
    private static String monthSql(DSLContext dsl) {
        return dsl.select(ACCOUNT_MONTH.ACCOUNT_ID, ACCOUNT_MONTH.MONTH_START, ACCOUNT_MONTH.CREDIT_LIMIT,
                        ACCOUNT_MONTH.BALANCE, ACCOUNT_MONTH.SPEND, ACCOUNT_MONTH.TXN_COUNT, ACCOUNT_MONTH.ESSENTIAL_SPEND,
                        ACCOUNT_MONTH.LUXURY_SPEND, ACCOUNT_MONTH.FESTIVAL_SPEND, ACCOUNT_MONTH.NIGHT_TXN_COUNT,
                        ACCOUNT_MONTH.BIG_TICKET_COUNT, ACCOUNT_MONTH.MINIMUM_DUE, ACCOUNT_MONTH.PAYMENT,
                        ACCOUNT_MONTH.DAYS_PAST_DUE, ACCOUNT_MONTH.LATE_BILL, ACCOUNT_MONTH.LOGIN_COUNT,
                        ACCOUNT_MONTH.NEW_DEVICE_COUNT, ACCOUNT_MONTH.LOGIN_CITY_COUNT, ACCOUNT_MONTH.INQUIRY_COUNT)
                .from(ACCOUNT_MONTH)
                .where(ACCOUNT_MONTH.ACCOUNT_ID.gt(0L).and(ACCOUNT_MONTH.ACCOUNT_ID.le(0L))
                        .and(ACCOUNT_MONTH.MONTH_START.ge(java.time.LocalDate.of(2000, 1, 1))))
                .orderBy(ACCOUNT_MONTH.ACCOUNT_ID, ACCOUNT_MONTH.MONTH_START)
                .getSQL(ParamType.INDEXED);
    }

    /** Fills {@code h} (reset to {@code id}) from the current account row. */
    private static void readAccount(ResultSet ar, long id, AccountHistory h) throws SQLException {
        h.reset(id);
        h.customerId = ar.getLong(2);
        h.openedMonth = MonthRow.index(ar.getTimestamp(3).toLocalDateTime().toLocalDate());
        Date birth = ar.getDate(4);
        h.birthDate = birth == null ? null : birth.toLocalDate();
        h.cityTier = ar.getInt(5);
        h.incomeBand = incomeBand(ar.getString(6));
        boolean verified = ar.getBoolean(7);
        Timestamp verifiedAt = ar.getTimestamp(8);
        h.verifiedMonth = !verified ? Integer.MAX_VALUE
                : verifiedAt == null ? Integer.MIN_VALUE : MonthRow.index(verifiedAt.toLocalDateTime().toLocalDate());
        h.occupation = ar.getString(9);
        int stored = ar.getInt(10);
        h.storedScore = ar.wasNull() ? null : stored;
        h.storedBand = ar.getString(11);
        h.storedThinFile = ar.getBoolean(12);
    }

    private static void read(ResultSet r, int month, MonthRow row) throws SQLException {
        row.month = month;
        row.limit = r.getDouble(3);
        row.balance = r.getDouble(4);
        row.spend = r.getDouble(5);
        row.txnCount = r.getInt(6);
        row.essential = r.getDouble(7);
        row.luxury = r.getDouble(8);
        row.festival = r.getDouble(9);
        row.nightTxns = r.getInt(10);
        row.bigTickets = r.getInt(11);
        row.minimumDue = r.getDouble(12);
        row.payment = r.getDouble(13);
        row.dpd = r.getInt(14);
        row.late = r.getBoolean(15);
        row.logins = r.getInt(16);
        row.newDevices = r.getInt(17);
        row.loginCities = r.getInt(18);
        row.inquiries = r.getInt(19);
    }

    /** One account's history from {@code fromMonth} to {@code toMonth}: the same reading code as the scan. */
    public AccountHistory loadOne(long accountId, int fromMonth, int toMonth) {
        AccountHistory[] found = new AccountHistory[1];
        scanRange(accountId - 1, accountId, fromMonth, toMonth, Progress.NONE, h -> {
            AccountHistory copy = new AccountHistory();
            copy.reset(h.accountId);
            copy.customerId = h.customerId;
            copy.openedMonth = h.openedMonth;
            copy.birthDate = h.birthDate;
            copy.cityTier = h.cityTier;
            copy.incomeBand = h.incomeBand;
            copy.verifiedMonth = h.verifiedMonth;
            copy.occupation = h.occupation;
            for (int i = 0; i < h.size(); i++) {
                MonthRow from = h.row(i);
                MonthRow to = copy.next();
                copyRow(from, to);
            }
            found[0] = copy;
        });
        return found[0];
    }

    private static void copyRow(MonthRow a, MonthRow b) {
        b.month = a.month;
        b.limit = a.limit;
        b.balance = a.balance;
        b.spend = a.spend;
        b.txnCount = a.txnCount;
        b.essential = a.essential;
        b.luxury = a.luxury;
        b.festival = a.festival;
        b.nightTxns = a.nightTxns;
        b.bigTickets = a.bigTickets;
        b.minimumDue = a.minimumDue;
        b.payment = a.payment;
        b.dpd = a.dpd;
        b.late = a.late;
        b.logins = a.logins;
        b.newDevices = a.newDevices;
        b.loginCities = a.loginCities;
        b.inquiries = a.inquiries;
    }

    /** 'I1'..'I5' to 1..5: the bands are ordered, so the ordinal is the natural numeric feature. */
    static int incomeBand(String band) {
        return band == null || band.length() < 2 ? 0 : band.charAt(1) - '0';
    }

    /** The first and last MONTH_START in ACCOUNT_MONTH, as month indexes; null when empty. */
    public int[] monthRange() {
        var r = database.dsl().select(org.jooq.impl.DSL.min(ACCOUNT_MONTH.MONTH_START), org.jooq.impl.DSL.max(ACCOUNT_MONTH.MONTH_START))
                .from(ACCOUNT_MONTH).fetchOne();
        if (r == null || r.value1() == null) {
            return null;
        }
        return new int[] {MonthRow.index(r.value1()), MonthRow.index(r.value2())};
    }
}
