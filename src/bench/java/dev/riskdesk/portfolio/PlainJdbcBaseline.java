package dev.riskdesk.portfolio;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * The benchmark floor: the same number of rows per table as a generator run, inserted with
 * hand-written single-row JDBC batches and simple synthetic values. What H2 costs by itself.
 */
public final class PlainJdbcBaseline {
    private static final int BATCH = 1_000;
    /** Commits as often as the generator does (see BulkWriter.STATEMENTS_PER_COMMIT): the floor is H2 at its best. */
    private static final int COMMIT_EVERY = BATCH;

    private PlainJdbcBaseline() {
    }

    /** Inserts {@code rows.get(TABLE)} rows into each generated table; returns the rows written. */
    public static long insert(Connection c, Map<String, Long> rows) throws SQLException {
        c.setAutoCommit(false);
        long customers = rows.getOrDefault("CUSTOMER", 0L);
        long accounts = Math.min(customers, rows.getOrDefault("ACCOUNT", 0L));
        long months = Math.max(1, rows.getOrDefault("ACCOUNT_MONTH", 0L) / Math.max(1, accounts) + 1);
        LocalDate month0 = LocalDate.of(2020, 1, 1);
        LocalDateTime t0 = LocalDateTime.of(2024, 1, 1, 0, 0);
        BigDecimal amount = new BigDecimal("123.45");
        long total = 0;
        total += run(c, "INSERT INTO CUSTOMER (ID, CUSTOMER_NO, FULL_NAME, GENDER, BIRTH_DATE, PHONE, PHONE_LAST4, ID_NUMBER,"
                + " CITY, CITY_TIER, INCOME_BAND, OCCUPATION, REGISTERED_AT, REAL_NAME_VERIFIED, VERIFIED_AT)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", customers, (ps, i) -> {
                    ps.setLong(1, i + 1);
                    ps.setString(2, "C" + (1_000_000_000L + i));
                    ps.setString(3, "王" + (i % 1000));
                    ps.setString(4, i % 2 == 0 ? "M" : "F");
                    ps.setObject(5, LocalDate.of(1990, 1, 1).plusDays(i % 5000));
                    ps.setString(6, Long.toString(13_000_000_000L + i));
                    ps.setString(7, String.format("%04d", i % 10_000));
                    ps.setString(8, Long.toString(110_105_199_001_011_000L + i));
                    ps.setString(9, "北京");
                    ps.setInt(10, 1);
                    ps.setString(11, "I3");
                    ps.setString(12, "教师");
                    ps.setObject(13, t0.plusMinutes(i));
                    ps.setBoolean(14, true);
                    ps.setObject(15, t0.plusMinutes(i + 5));
                });
        total += run(c, "INSERT INTO ACCOUNT (ID, ACCOUNT_NO, CUSTOMER_ID, PRODUCT, OPENED_AT, STATUS, CREDIT_LIMIT,"
                + " AVAILABLE_AMOUNT, OUTSTANDING_BALANCE, LAST_LIMIT_CHANGE, CURRENT_DPD, DELINQUENCY_BUCKET, THIN_FILE)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", accounts, (ps, i) -> {
                    ps.setLong(1, i + 1);
                    ps.setString(2, "CP" + (100_000_000_000L + i));
                    ps.setLong(3, i + 1);
                    ps.setString(4, "CREDIT_PAY");
                    ps.setObject(5, t0.plusMinutes(i));
                    ps.setString(6, "ACTIVE");
                    ps.setBigDecimal(7, amount);
                    ps.setBigDecimal(8, amount);
                    ps.setBigDecimal(9, amount);
                    ps.setObject(10, t0.plusMinutes(i));
                    ps.setInt(11, 0);
                    ps.setString(12, "CURRENT");
                    ps.setBoolean(13, false);
                });
        total += run(c, "INSERT INTO LIMIT_CHANGE (ID, ACCOUNT_ID, CHANGED_AT, OLD_LIMIT, NEW_LIMIT, OLD_STATUS, NEW_STATUS,"
                + " SOURCE, REASON_CODES) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows.getOrDefault("LIMIT_CHANGE", 0L), (ps, i) -> {
                    ps.setLong(1, i + 1);
                    ps.setLong(2, i % accounts + 1);
                    ps.setObject(3, t0.plusMinutes(i));
                    ps.setBigDecimal(4, amount);
                    ps.setBigDecimal(5, amount);
                    ps.setString(6, "ACTIVE");
                    ps.setString(7, "ACTIVE");
                    ps.setString(8, "HISTORY");
                    ps.setString(9, "X");
                });
        total += run(c, "INSERT INTO BILL (ID, ACCOUNT_ID, STATEMENT_MONTH, STATEMENT_DATE, DUE_DATE, STATEMENT_AMOUNT,"
                + " MINIMUM_DUE, PAID_AMOUNT, PAID_DATE, DAYS_PAST_DUE, STATUS, RECEIVED_AT)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows.getOrDefault("BILL", 0L), (ps, i) -> {
                    LocalDate m = month0.plusMonths(i / accounts);
                    ps.setLong(1, i + 1);
                    ps.setLong(2, i % accounts + 1);
                    ps.setObject(3, m);
                    ps.setObject(4, m.plusDays(5));
                    ps.setObject(5, m.plusDays(14));
                    ps.setBigDecimal(6, amount);
                    ps.setBigDecimal(7, amount);
                    ps.setBigDecimal(8, amount);
                    ps.setObject(9, m.plusDays(10));
                    ps.setInt(10, 0);
                    ps.setString(11, "PAID");
                    ps.setObject(12, t0.plusMinutes(i));
                });
        long bills = rows.getOrDefault("BILL", 0L);
        total += run(c, "INSERT INTO REPAYMENT (ID, ACCOUNT_ID, BILL_ID, AMOUNT, PAID_AT, RECEIVED_AT, CHANNEL)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", rows.getOrDefault("REPAYMENT", 0L), (ps, i) -> {
                    ps.setLong(1, i + 1);
                    ps.setLong(2, i % accounts + 1);
                    if (bills > 0) {
                        ps.setLong(3, i % bills + 1);
                    } else {
                        ps.setNull(3, java.sql.Types.BIGINT);
                    }
                    ps.setBigDecimal(4, amount);
                    ps.setObject(5, t0.plusMinutes(i));
                    ps.setObject(6, t0.plusMinutes(i + 1));
                    ps.setString(7, "APP");
                });
        total += run(c, "INSERT INTO TXN (ID, ACCOUNT_ID, TXN_AT, AMOUNT, CATEGORY, MERCHANT, CHANNEL, CITY, DEVICE_ID, RECEIVED_AT)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows.getOrDefault("TXN", 0L), (ps, i) -> {
                    ps.setLong(1, i + 1);
                    ps.setLong(2, i % accounts + 1);
                    ps.setObject(3, t0.plusSeconds(i));
                    ps.setBigDecimal(4, amount);
                    ps.setString(5, "GROCERY");
                    ps.setString(6, "永辉超市");
                    ps.setString(7, "POS");
                    ps.setString(8, "北京");
                    ps.setString(9, "DV0000000000001");
                    ps.setObject(10, t0.plusSeconds(i + 1));
                });
        total += run(c, "INSERT INTO LOGIN_EVENT (ID, CUSTOMER_ID, LOGIN_AT, DEVICE_ID, IP_ADDRESS, CITY, NEW_DEVICE, NEW_CITY,"
                + " SUCCESS, RECEIVED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows.getOrDefault("LOGIN_EVENT", 0L), (ps, i) -> {
                    ps.setLong(1, i + 1);
                    ps.setLong(2, i % customers + 1);
                    ps.setObject(3, t0.plusSeconds(i));
                    ps.setString(4, "DV0000000000001");
                    ps.setString(5, "36.1.2.3");
                    ps.setString(6, "北京");
                    ps.setBoolean(7, false);
                    ps.setBoolean(8, false);
                    ps.setBoolean(9, true);
                    ps.setObject(10, t0.plusSeconds(i + 1));
                });
        total += run(c, "INSERT INTO CREDIT_INQUIRY (ID, CUSTOMER_ID, INQUIRED_AT, INSTITUTION, INQUIRY_TYPE, RECEIVED_AT)"
                + " VALUES (?, ?, ?, ?, ?, ?)", rows.getOrDefault("CREDIT_INQUIRY", 0L), (ps, i) -> {
                    ps.setLong(1, i + 1);
                    ps.setLong(2, i % customers + 1);
                    ps.setObject(3, t0.plusSeconds(i));
                    ps.setString(4, "微粒贷");
                    ps.setString(5, "CASH_LOAN");
                    ps.setObject(6, t0.plusSeconds(i + 60));
                });
        total += run(c, "INSERT INTO ACCOUNT_MONTH (ACCOUNT_ID, MONTH_START, CREDIT_LIMIT, BALANCE, SPEND, TXN_COUNT,"
                + " ESSENTIAL_SPEND, LUXURY_SPEND, FESTIVAL_SPEND, NIGHT_TXN_COUNT, BIG_TICKET_COUNT, MINIMUM_DUE, PAYMENT,"
                + " DAYS_PAST_DUE, LATE_BILL, LOGIN_COUNT, NEW_DEVICE_COUNT, LOGIN_CITY_COUNT, INQUIRY_COUNT)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows.getOrDefault("ACCOUNT_MONTH", 0L), (ps, i) -> {
                    ps.setLong(1, i / months + 1);
                    ps.setObject(2, month0.plusMonths(i % months));
                    for (int p = 3; p <= 5; p++) {
                        ps.setBigDecimal(p, amount);
                    }
                    ps.setInt(6, 3);
                    for (int p = 7; p <= 9; p++) {
                        ps.setBigDecimal(p, amount);
                    }
                    ps.setInt(10, 0);
                    ps.setInt(11, 0);
                    ps.setBigDecimal(12, amount);
                    ps.setBigDecimal(13, amount);
                    ps.setInt(14, 0);
                    ps.setBoolean(15, false);
                    for (int p = 16; p <= 19; p++) {
                        ps.setInt(p, 1);
                    }
                });
        total += run(c, "INSERT INTO GENERATOR_TRUTH (ID, ACCOUNT_ID, SCENARIO, EVENT_AT, DETAILS) VALUES (?, ?, ?, ?, ?)",
                rows.getOrDefault("GENERATOR_TRUTH", 0L), (ps, i) -> {
                    ps.setLong(1, i + 1);
                    ps.setLong(2, i % accounts + 1);
                    ps.setString(3, "DORMANT");
                    ps.setObject(4, t0.plusMinutes(i));
                    ps.setString(5, "baseline");
                });
        return total;
    }

    private interface Binder {
        void bind(PreparedStatement ps, long i) throws SQLException;
    }

    private static long run(Connection c, String sql, long count, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (long i = 0; i < count; i++) {
                binder.bind(ps, i);
                ps.addBatch();
                if ((i + 1) % BATCH == 0) {
                    ps.executeBatch();
                }
                if ((i + 1) % COMMIT_EVERY == 0) {
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        }
        return count;
    }
}
