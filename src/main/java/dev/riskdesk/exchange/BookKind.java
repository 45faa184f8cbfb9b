package dev.riskdesk.exchange;

import static dev.riskdesk.exchange.Column.code;
import static dev.riskdesk.exchange.Column.integer;
import static dev.riskdesk.exchange.Column.key;
import static dev.riskdesk.exchange.Column.money;
import static dev.riskdesk.exchange.Column.of;
import static dev.riskdesk.exchange.Column.ref;
import static dev.riskdesk.exchange.Column.text;

import java.util.List;
import java.util.Optional;

/**
 * The kinds of book file RiskDesk exports and imports, one CSV file each, in load order (a kind
 * only references kinds before it). The one source of truth of the format: export writes these
 * columns, import checks them, and {@code import.md} documents them (a test keeps the three equal).
 */
public enum BookKind {
    CUSTOMERS("customers", null, List.of(
            key("customer_no", 20, "C00000042", "The lender's customer number."),
            text("full_name", true, 40, "王芳", "Full name."),
            code("gender", true, List.of("M", "F"), "F", "M or F."),
            of("birth_date", ColumnType.DATE, true, "1990-04-18", "Date of birth."),
            text("phone", true, 11, "13812345678", "Mobile number, 11 digits."),
            text("id_number", true, 18, "11010519900418002X", "Resident ID number, 18 characters (digits, last may be X)."),
            text("city", true, 40, "北京", "City of residence."),
            integer("city_tier", false, 1, 5, "1", "City tier 1..5; empty: looked up from the city."),
            code("income_band", true, List.of("I1", "I2", "I3", "I4", "I5"), "I3", "Income band, I1 lowest."),
            text("occupation", true, 40, "教师", "Occupation."),
            of("registered_at", ColumnType.TIMESTAMP, true, "2023-05-02 10:15:00", "When the customer registered."),
            of("real_name_verified", ColumnType.BOOLEAN, true, "true", "Real-name verification passed."),
            of("verified_at", ColumnType.TIMESTAMP, false, "2023-05-02 10:20:00", "When real-name verification passed."))),

    ACCOUNTS("accounts", null, List.of(
            key("account_no", 20, "A00000042", "The lender's account number."),
            ref("customer_no", CUSTOMERS, false, "C00000042", "The account's customer."),
            code("product", true, List.of("CREDIT_PAY", "CASH_LOAN"), "CREDIT_PAY", "Product."),
            of("opened_at", ColumnType.TIMESTAMP, true, "2023-05-02 10:30:00", "When the line was opened."),
            code("status", true, List.of("ACTIVE", "FROZEN", "SUSPENDED", "DORMANT", "CANCELLED", "CHARGED_OFF"), "ACTIVE", "Account status."),
            money("credit_limit", true, "20000.00", "Credit limit, CNY."),
            money("available_amount", true, "15200.50", "Available to draw, CNY."),
            money("outstanding_balance", true, "4799.50", "Outstanding balance, CNY."),
            money("temp_limit", false, "25000.00", "Temporary limit, CNY, if any."),
            of("temp_limit_expires", ColumnType.TIMESTAMP, false, "2026-12-31 23:59:59", "When the temporary limit ends (required with temp_limit)."),
            of("last_limit_change", ColumnType.TIMESTAMP, false, "2026-06-01 09:00:00", "When the limit last changed."),
            integer("current_dpd", true, 0, 3650, "0", "Days past due today; the delinquency bucket is derived from it."),
            of("closed_at", ColumnType.TIMESTAMP, false, "", "When the account was closed (CANCELLED only)."))),

    STATEMENTS("statements", null, List.of(
            ref("account_no", ACCOUNTS, true, "A00000042", "The account."),
            of("month", ColumnType.MONTH, true, "2026-11", "The statement month.").asKey(),
            money("credit_limit", true, "20000.00", "Limit at the month's end, CNY."),
            money("balance", true, "4799.50", "Balance at the month's end, CNY."),
            money("spend", true, "3120.00", "Purchases in the month, CNY."),
            integer("txn_count", true, 0, 100_000, "14", "Purchases in the month."),
            money("essential_spend", true, "1800.00", "Spend on essentials (groceries, utilities, transport), CNY."),
            money("luxury_spend", true, "0.00", "Spend on luxury categories, CNY."),
            money("festival_spend", true, "0.00", "Spend in festival weeks, CNY."),
            integer("night_txn_count", true, 0, 100_000, "1", "Purchases between 00:00 and 05:00."),
            integer("big_ticket_count", true, 0, 100_000, "0", "Purchases of at least half the limit."),
            money("minimum_due", true, "240.00", "Minimum due on the month's bill, CNY."),
            money("payment", true, "2000.00", "Repaid in the month, CNY."),
            integer("days_past_due", true, 0, 3650, "0", "Days past due at the month's end."),
            of("late_bill", ColumnType.BOOLEAN, true, "false", "The month's bill was paid late or not at all."),
            integer("login_count", true, 0, 1_000_000, "22", "App logins in the month."),
            integer("new_device_count", true, 0, 100_000, "0", "Logins from a device not seen before."),
            integer("login_city_count", true, 0, 100_000, "1", "Distinct login cities."),
            integer("inquiry_count", true, 0, 100_000, "0", "Credit-bureau inquiries in the month."))),

    BILLS("bills", "BILLS", List.of(
            ref("account_no", ACCOUNTS, true, "A00000042", "The account."),
            of("statement_month", ColumnType.MONTH, true, "2026-11", "The bill's statement month.").asKey(),
            of("statement_date", ColumnType.DATE, true, "2026-11-05", "Statement date."),
            of("due_date", ColumnType.DATE, true, "2026-11-25", "Due date."),
            money("statement_amount", true, "3120.00", "Amount billed, CNY."),
            money("minimum_due", true, "312.00", "Minimum due, CNY."),
            money("paid_amount", true, "3120.00", "Paid so far, CNY."),
            of("paid_date", ColumnType.DATE, false, "2026-11-20", "When the bill was paid in full or last paid."),
            integer("days_past_due", true, 0, 3650, "0", "Days past due."),
            code("status", true, List.of("OPEN", "PAID", "PARTIAL", "LATE", "MISSED", "PENDING"), "PAID", "Bill status."),
            of("received_at", ColumnType.TIMESTAMP, false, "2026-11-20 18:00:00", "When the lender's system recorded it; empty: the load's time."))),

    TRANSACTIONS("transactions", "TRANSACTIONS", List.of(
            key("txn_id", 40, "TX202611200001", "The lender's transaction id."),
            ref("account_no", ACCOUNTS, false, "A00000042", "The account."),
            of("txn_at", ColumnType.TIMESTAMP, true, "2026-11-20 12:31:05", "When the purchase was made."),
            money("amount", true, "58.00", "Amount, CNY."),
            text("category", true, 20, "FOOD_DELIVERY", "Merchant category (see data/categories.csv for the categories features use)."),
            text("merchant", true, 60, "美团外卖", "Merchant name."),
            code("channel", true, List.of("APP", "ONLINE", "POS", "MINI_PROGRAM"), "APP", "Channel."),
            text("city", false, 40, "北京", "City of the purchase."),
            text("device_id", false, 20, "D8F3A1", "Device of the purchase."),
            of("received_at", ColumnType.TIMESTAMP, false, "2026-11-20 12:31:06", "When the lender's system recorded it; empty: the load's time."))),

    REPAYMENTS("repayments", "REPAYMENTS", List.of(
            key("repayment_id", 40, "RP202611200001", "The lender's repayment id."),
            ref("account_no", ACCOUNTS, false, "A00000042", "The account."),
            of("statement_month", ColumnType.MONTH, false, "2026-11", "The bill it pays, if known."),
            money("amount", true, "3120.00", "Amount, CNY."),
            of("paid_at", ColumnType.TIMESTAMP, true, "2026-11-20 09:00:00", "When the customer paid."),
            of("received_at", ColumnType.TIMESTAMP, false, "2026-11-21 02:00:00", "When the payment reached the lender's system; empty: the load's time."),
            code("channel", true, List.of("AUTO_DEBIT", "APP", "BANK_TRANSFER"), "AUTO_DEBIT", "Channel."))),

    INQUIRIES("inquiries", "INQUIRIES", List.of(
            key("inquiry_id", 40, "IQ202611200001", "The lender's inquiry id."),
            ref("customer_no", CUSTOMERS, false, "C00000042", "The customer."),
            of("inquired_at", ColumnType.TIMESTAMP, true, "2026-11-18 16:00:00", "When the bureau was asked."),
            text("institution", true, 60, "某消费金融公司", "Who asked."),
            code("inquiry_type", true, List.of("CONSUMER_LOAN", "CREDIT_CARD", "CASH_LOAN", "MORTGAGE", "GUARANTEE"), "CONSUMER_LOAN", "Purpose of the inquiry."),
            of("received_at", ColumnType.TIMESTAMP, false, "2026-11-19 02:00:00", "When the lender's system recorded it; empty: the load's time."))),

    LOGINS("logins", "LOGINS", List.of(
            key("login_id", 40, "LG202611200001", "The lender's login event id."),
            ref("customer_no", CUSTOMERS, false, "C00000042", "The customer."),
            of("login_at", ColumnType.TIMESTAMP, true, "2026-11-20 08:02:11", "When the customer logged in."),
            text("device_id", true, 20, "D8F3A1", "Device."),
            text("ip_address", true, 45, "203.0.113.7", "IP address (v4 or v6)."),
            text("city", true, 40, "北京", "City the login came from."),
            of("new_device", ColumnType.BOOLEAN, true, "false", "First login from this device."),
            of("new_city", ColumnType.BOOLEAN, true, "false", "First login from this city."),
            of("success", ColumnType.BOOLEAN, true, "true", "The login succeeded."),
            of("received_at", ColumnType.TIMESTAMP, false, "2026-11-20 08:02:12", "When the lender's system recorded it; empty: the load's time."))),

    FEEDS("feeds", null, List.of(
            code("feed", true, List.of("BILLS", "REPAYMENTS", "TRANSACTIONS", "LOGINS", "INQUIRIES"), "REPAYMENTS", "The feed.").asKey(),
            of("as_of", ColumnType.TIMESTAMP, true, "2026-12-01 00:00:00", "The feed is complete up to this time."),
            integer("tolerance_hours", true, 1, 8760, "24", "How far behind the feed may be before rules that need it wait.")));

    private final String fileStem;
    private final String feed;
    private final List<Column> columns;

    BookKind(String fileStem, String feed, List<Column> columns) {
        this.fileStem = fileStem;
        this.feed = feed;
        this.columns = List.copyOf(columns);
    }

    /** The file name in an export folder: {@code customers.csv}. */
    public String fileName() {
        return fileStem + ".csv";
    }

    /** The command-line name of the kind ({@code riskdesk import repayments --file F}). */
    public String cliName() {
        return fileStem;
    }

    /** The data feed (DATA_FEED.CODE) whose as-of a load of this kind moves, if any. */
    public Optional<String> feed() {
        return Optional.ofNullable(feed);
    }

    public List<Column> columns() {
        return columns;
    }

    public List<Column> keyColumns() {
        return columns.stream().filter(Column::key).toList();
    }

    public Column column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " is not a column of " + fileName()));
    }

    public static Optional<BookKind> byCliName(String name) {
        for (BookKind k : values()) {
            if (k.fileStem.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
