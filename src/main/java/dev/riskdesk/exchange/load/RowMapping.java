package dev.riskdesk.exchange.load;

import dev.riskdesk.accounts.DelinquencyBucket;
import dev.riskdesk.exchange.BookKind;
import dev.riskdesk.exchange.Column;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a parsed book row into the values of its table's row ({@link KindTable#fields()} order):
 * references resolved to row ids ({@link Refs}), derived columns derived (PHONE_LAST4, CITY_TIER from
 * data/cities.csv when the file leaves it empty, DELINQUENCY_BUCKET from the days past due, THIN_FILE,
 * a repayment's BILL_ID from its statement month). A reference that resolves nowhere is a located problem.
 */
final class RowMapping {
    /** A thin file: an account opened less than this many days before the load's as-of (or dormant). */
    static final int THIN_FILE_DAYS = 180;

    /** What the mapping needs beyond the row: city tiers, the load's time and as-of. */
    record Context(Map<String, Integer> cityTiers, LocalDateTime loadTime, LocalDateTime asOf) {
    }

    /** A row that cannot be written: the problem says where and why. */
    static final class Unresolved extends Exception {
        private static final long serialVersionUID = 1L;
        final LoadProblem problem;

        Unresolved(LoadProblem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    private final BookKind kind;
    private final Context context;
    private final String file;

    RowMapping(BookKind kind, String file, Context context) {
        this.kind = kind;
        this.file = file;
        this.context = context;
    }

    int col(String name) {
        return kind.columns().indexOf(kind.column(name));
    }

    /** The customer numbers the rows refer to (to look up before mapping). */
    List<String> customerRefs(List<BookRow> rows) {
        return refs(rows, "customer_no", BookKind.CUSTOMERS);
    }

    /** The account numbers the rows refer to. */
    List<String> accountRefs(List<BookRow> rows) {
        return refs(rows, "account_no", BookKind.ACCOUNTS);
    }

    private List<String> refs(List<BookRow> rows, String column, BookKind referenced) {
        int i = -1;
        for (int c = 0; c < kind.columns().size(); c++) {
            if (kind.columns().get(c).name().equals(column) && kind.columns().get(c).references() == referenced) {
                i = c;
            }
        }
        int at = i;
        List<String> keys = new ArrayList<>(rows.size());
        if (at >= 0) {
            rows.forEach(r -> keys.add((String) r.get(at)));
        }
        return keys;
    }

    Object[] values(BookRow row, Refs refs) throws Unresolved {
        return switch (kind) {
            case CUSTOMERS -> customer(row);
            case ACCOUNTS -> account(row, refs);
            case STATEMENTS -> withAccount(row, refs, 0);
            case BILLS -> withAccount(row, refs, 0);
            case TRANSACTIONS, INQUIRIES, LOGINS -> event(row, refs);
            case REPAYMENTS -> repayment(row, refs);
            case FEEDS -> new Object[] {row.get(0), row.get(1), row.get(2), context.loadTime()};
        };
    }

    private Object[] customer(BookRow row) throws Unresolved {
        Object[] v = row.values();
        String phone = (String) v[col("phone")];
        Integer tier = (Integer) v[col("city_tier")];
        String city = (String) v[col("city")];
        if (tier == null) {
            tier = context.cityTiers().get(city);
            if (tier == null) {
                throw unresolved(row, "city_tier", "", LoadProblem.Text.of("data.problem.cityTier", city));
            }
        }
        return new Object[] {v[0], v[1], v[2], v[3], phone, phone.substring(Math.max(0, phone.length() - 4)), v[col("id_number")], city, tier,
                v[col("income_band")], v[col("occupation")], v[col("registered_at")], v[col("real_name_verified")], v[col("verified_at")]};
    }

    private Object[] account(BookRow row, Refs refs) throws Unresolved {
        Object[] v = row.values();
        Long customerId = resolve(row, "customer_no", refs.customer((String) v[col("customer_no")]), BookKind.CUSTOMERS);
        int dpd = (Integer) v[col("current_dpd")];
        String status = (String) v[col("status")];
        LocalDateTime opened = (LocalDateTime) v[col("opened_at")];
        boolean thin = "DORMANT".equals(status) || (context.asOf() != null && opened.isAfter(context.asOf().minusDays(THIN_FILE_DAYS)));
        return new Object[] {v[col("account_no")], customerId, v[col("product")], opened, status, v[col("credit_limit")],
                v[col("available_amount")], v[col("outstanding_balance")], v[col("temp_limit")], v[col("temp_limit_expires")],
                v[col("last_limit_change")], dpd, DelinquencyBucket.of(dpd), v[col("closed_at")], thin};
    }

    /** STATEMENTS and BILLS: the file's columns in order, the account number replaced by the account's id. */
    private Object[] withAccount(BookRow row, Refs refs, int accountColumn) throws Unresolved {
        Object[] v = row.values().clone();
        v[accountColumn] = resolve(row, kind.columns().get(accountColumn).name(), refs.account((String) v[accountColumn]), BookKind.ACCOUNTS);
        return v;
    }

    /** TRANSACTIONS, INQUIRIES, LOGINS: the id, then the account or customer resolved, then the file's other columns. */
    private Object[] event(BookRow row, Refs refs) throws Unresolved {
        Object[] v = row.values().clone();
        Column owner = kind.columns().get(1);
        String key = (String) v[1];
        v[1] = resolve(row, owner.name(), owner.references() == BookKind.ACCOUNTS ? refs.account(key) : refs.customer(key), owner.references());
        return v;
    }

    private Object[] repayment(BookRow row, Refs refs) throws Unresolved {
        Object[] v = row.values();
        long accountId = resolve(row, "account_no", refs.account((String) v[col("account_no")]), BookKind.ACCOUNTS);
        LocalDate month = (LocalDate) v[col("statement_month")];
        Long billId = null;
        if (month != null) {
            billId = refs.bill(accountId, month);
            if (billId == null) {
                throw unresolved(row, "statement_month", month.toString().substring(0, 7), LoadProblem.Text.of("data.problem.noBill", v[col("account_no")],
                        month.toString().substring(0, 7)));
            }
        }
        return new Object[] {v[col("repayment_id")], accountId, billId, v[col("amount")], v[col("paid_at")], v[col("received_at")],
                v[col("channel")]};
    }

    /** The account a repayment row belongs to, to read its bills before mapping. */
    Long repaymentAccount(BookRow row, Refs refs) {
        return refs.account((String) row.get(col("account_no")));
    }

    private long resolve(BookRow row, String column, Long id, BookKind referenced) throws Unresolved {
        if (id == null) {
            String key = (String) row.get(col(column));
            throw unresolved(row, column, key, LoadProblem.Text.of("data.problem.unresolved", column, key, referenced.fileName()));
        }
        return id;
    }

    private Unresolved unresolved(BookRow row, String column, String value, LoadProblem.Text message) {
        return new Unresolved(new LoadProblem(file, row.line(), column, value, message));
    }
}
