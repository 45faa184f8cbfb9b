package dev.riskdesk.exchange.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * What the import tests compare between two books: row counts of the tables a load fills, sums of
 * limits, balances and repayments, counts by status and bucket, and a hash over every row of a table.
 */
final class BookFingerprint {
    /** The tables a load fills from the book's files. */
    static final List<String> LOADED = List.of("CUSTOMER", "ACCOUNT", "ACCOUNT_MONTH", "BILL", "TXN", "REPAYMENT", "LOGIN_EVENT",
            "CREDIT_INQUIRY", "DATA_FEED");

    private BookFingerprint() {
    }

    /** Counts, sums and counts by status and bucket: equal for the same book however its ids were assigned. */
    static Map<String, Object> figures(DSLContext dsl) {
        Map<String, Object> f = new TreeMap<>();
        for (String t : LOADED) {
            f.put("rows " + t, dsl.fetchValue("SELECT COUNT(*) FROM " + t));
        }
        f.put("sum ACCOUNT.CREDIT_LIMIT", dsl.fetchValue("SELECT SUM(CREDIT_LIMIT) FROM ACCOUNT"));
        f.put("sum ACCOUNT.OUTSTANDING_BALANCE", dsl.fetchValue("SELECT SUM(OUTSTANDING_BALANCE) FROM ACCOUNT"));
        f.put("sum ACCOUNT.AVAILABLE_AMOUNT", dsl.fetchValue("SELECT SUM(AVAILABLE_AMOUNT) FROM ACCOUNT"));
        f.put("sum ACCOUNT_MONTH.BALANCE", dsl.fetchValue("SELECT SUM(BALANCE) FROM ACCOUNT_MONTH"));
        f.put("sum ACCOUNT_MONTH.PAYMENT", dsl.fetchValue("SELECT SUM(PAYMENT) FROM ACCOUNT_MONTH"));
        f.put("sum BILL.STATEMENT_AMOUNT", dsl.fetchValue("SELECT SUM(STATEMENT_AMOUNT) FROM BILL"));
        f.put("sum REPAYMENT.AMOUNT", dsl.fetchValue("SELECT SUM(AMOUNT) FROM REPAYMENT"));
        f.put("repayments with a bill", dsl.fetchValue("SELECT COUNT(BILL_ID) FROM REPAYMENT"));
        f.put("sum TXN.AMOUNT", dsl.fetchValue("SELECT SUM(AMOUNT) FROM TXN"));
        grouped(dsl, f, "ACCOUNT", "STATUS");
        grouped(dsl, f, "ACCOUNT", "DELINQUENCY_BUCKET");
        grouped(dsl, f, "BILL", "STATUS");
        grouped(dsl, f, "CUSTOMER", "CITY_TIER");
        for (Record r : dsl.fetch("SELECT CODE, AS_OF, TOLERANCE_HOURS FROM DATA_FEED ORDER BY CODE")) {
            f.put("feed " + r.get(0), r.get(1) + " / " + r.get(2) + " h");
        }
        return f;
    }

    private static void grouped(DSLContext dsl, Map<String, Object> f, String table, String column) {
        for (Record r : dsl.fetch("SELECT " + column + ", COUNT(*) FROM " + table + " GROUP BY " + column)) {
            f.put(table + "." + column + "=" + r.get(0), r.get(1));
        }
    }

    /** SHA-256 over every row of every table given, in key order: equal only when nothing in them changed. */
    static String content(DSLContext dsl, List<String> tables) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String t : tables) {
                sha.update(t.getBytes(StandardCharsets.UTF_8));
                for (Record r : dsl.fetch("SELECT * FROM " + t + " ORDER BY 1, 2")) {
                    sha.update(r.formatCSV(false).getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every table of the book an import may write, its history and audit included. */
    static final List<String> ALL = List.of("CUSTOMER", "ACCOUNT", "ACCOUNT_MONTH", "BILL", "TXN", "REPAYMENT", "LOGIN_EVENT",
            "CREDIT_INQUIRY", "DATA_FEED", "LIMIT_CHANGE", "CHANGED_ACCOUNT", "DATA_LOAD", "DATA_LOAD_FILE", "AUDIT_EVENT");
}
