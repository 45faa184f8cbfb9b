package dev.riskdesk.limits.run;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.ACCOUNT_MONTH;
import static dev.riskdesk.db.schema.Tables.BILL;
import static dev.riskdesk.db.schema.Tables.CREDIT_INQUIRY;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;
import static dev.riskdesk.db.schema.Tables.LOGIN_EVENT;
import static dev.riskdesk.db.schema.Tables.REPAYMENT;
import static dev.riskdesk.db.schema.Tables.SCORE;
import static dev.riskdesk.db.schema.Tables.TXN;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.accounts.BillStatus;
import dev.riskdesk.db.IdList;
import dev.riskdesk.db.JdbcRows;
import dev.riskdesk.limits.policy.AccountData;
import dev.riskdesk.limits.rules.RuleDefinition;
import dev.riskdesk.limits.rules.RuleEngine;
import dev.riskdesk.limits.rules.RuleSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Loads accounts in key order, one chunk at a time, with a fixed number of range queries per
 * chunk (one per table, ordered by account) instead of one query per account. Only rows received
 * by the evaluation time are read, so a late-arriving record is invisible until it has arrived.
 */
public final class PortfolioReader {
    private final int txnDays;
    private final int loginDays;
    private final int inquiryDays;
    private final int monthsBack;
    private final RuleSet rules;
    private final int recentTxnDays;
    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();

    /**
     * @param policyMonths the monthly aggregates the policy reads before the evaluation month ({@link LimitPolicy#monthsUsed});
     *        the rules' own months back are added
     */
    public PortfolioReader(RuleSet rules, int policyMonths) {
        this.rules = rules;
        int months = policyMonths;
        int txn = 30;
        int login = 1;
        int inquiry = 1;
        for (RuleDefinition r : rules.rules()) {
            int span = r.intParam("recentDays", 0) + r.intParam("baselineDays", 0);
            if (r.feeds().contains("TRANSACTIONS")) {
                txn = Math.max(txn, Math.max(span, r.intParam("lookbackDays", 0) + 1));
            }
            if (r.feeds().contains("LOGINS")) {
                login = Math.max(login, r.intParam("lookbackDays", 0) + 1);
            }
            if (r.feeds().contains("INQUIRIES")) {
                inquiry = Math.max(inquiry, r.intParam("windowDays", 0) + 1);
            }
            months = Math.max(months, r.intParam("monthsBack", 0));
        }
        this.monthsBack = months;
        this.recentTxnDays = RuleEngine.recentTxnDays(rules);
        this.txnDays = txn + 1;
        this.loginDays = login;
        this.inquiryDays = inquiry;
    }

    /** The accounts runs evaluate: a charged-off account has left the active book. */
    public static final Condition IN_BOOK = ACCOUNT.STATUS.ne(AccountStatus.CHARGED_OFF);

    public static FeedStatus feeds(DSLContext dsl) {
        Map<String, FeedStatus.Feed> feeds = new HashMap<>();
        dsl.selectFrom(DATA_FEED).forEach(r -> feeds.put(r.getCode(), new FeedStatus.Feed(r.getCode(), r.getAsOf(), r.getToleranceHours())));
        return new FeedStatus(Map.copyOf(feeds));
    }

    /** The next at most {@code size} accounts with id above {@code afterId} (and matching {@code filter}), fully loaded. */
    public List<AccountData> readChunk(DSLContext dsl, long afterId, int size, LocalDateTime at, Condition filter) {
        Long end = chunkEnd(dsl, afterId, size, filter);
        return end == null ? List.of() : readRange(dsl, afterId, end, at, filter);
    }

    /**
     * The id that ends the next chunk of {@code size} accounts after {@code afterId} (the last account when fewer are left);
     * null when none is left. Knowing where chunks end lets several threads read the following chunks at once.
     */
    public static Long chunkEnd(DSLContext dsl, long afterId, int size, Condition filter) {
        Condition where = ACCOUNT.ID.gt(afterId).and(IN_BOOK).and(filter == null ? DSL.noCondition() : filter);
        Long end = dsl.select(ACCOUNT.ID).from(ACCOUNT).where(where).orderBy(ACCOUNT.ID).offset(size - 1).limit(1).fetchOne(ACCOUNT.ID);
        return end != null ? end : dsl.select(DSL.max(ACCOUNT.ID)).from(ACCOUNT).where(where).fetchOne(0, Long.class);
    }

    /** The accounts with id above {@code afterId} up to {@code lastId} (and matching {@code filter}), fully loaded. */
    public List<AccountData> readRange(DSLContext dsl, long afterId, long lastId, LocalDateTime at, Condition filter) {
        return readDetails(dsl, readAccounts(dsl, ACCOUNT.ID.gt(afterId).and(ACCOUNT.ID.le(lastId)).and(filter == null ? DSL.noCondition() : filter)), at);
    }

    /** The accounts {@code sortedIds} (ascending; an id without an account is skipped), fully loaded: an incremental run's chunk. */
    public List<AccountData> readAccounts(DSLContext dsl, List<Long> sortedIds, LocalDateTime at) {
        return sortedIds.isEmpty() ? List.of() : readDetails(dsl, readAccounts(dsl, IdList.among(ACCOUNT.ID, sortedIds)), at);
    }

    /** The condition that picks a chunk's rows of a table by its account column. */
    @FunctionalInterface
    private interface Accounts {
        Condition of(Field<Long> accountId);
    }

    /**
     * Reads every table's rows of the accounts read. The rows of an id range are one index range per table; when the accounts
     * are fewer than half the ids of their range (an incremental run's scattered accounts), each table is asked for just
     * their ids, so the accounts between them are not read.
     */
    private List<AccountData> readDetails(DSLContext dsl, Map<Long, AccountData> byId, LocalDateTime at) {
        if (byId.isEmpty()) {
            return List.of();
        }
        List<AccountData> accounts = new ArrayList<>(byId.values());
        long lo = accounts.get(0).accountId;
        long hi = accounts.get(accounts.size() - 1).accountId;
        List<Long> ids = new ArrayList<>(byId.keySet());
        boolean range = 2L * accounts.size() >= hi - lo + 1;
        Accounts in = range ? f -> f.between(lo, hi) : f -> IdList.among(f, ids);

        readScores(dsl, byId, in, at);
        if (range) {
            readMonths(dsl, byId, in, at);
        } else {
            readMonthsById(dsl, byId, in, at);
        }
        readBills(dsl, byId, in, at);
        readRepayments(dsl, byId, in, at);
        readCustomerEvents(dsl, accounts, byId, in, at);
        readTxns(dsl, byId, accounts, in, at);
        return accounts;
    }

    /** The accounts matching {@code where} with their customer's city tier and income band, in id order. */
    private Map<Long, AccountData> readAccounts(DSLContext dsl, Condition where) {
        Map<Long, AccountData> byId = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        JdbcRows.forEach(dsl, dsl.select(ACCOUNT.ID, ACCOUNT.ACCOUNT_NO, ACCOUNT.CUSTOMER_ID, ACCOUNT.STATUS, ACCOUNT.OPENED_AT, ACCOUNT.CREDIT_LIMIT,
                        ACCOUNT.AVAILABLE_AMOUNT, ACCOUNT.OUTSTANDING_BALANCE, ACCOUNT.TEMP_LIMIT, ACCOUNT.TEMP_LIMIT_EXPIRES,
                        ACCOUNT.LAST_LIMIT_CHANGE, ACCOUNT.CURRENT_DPD, ACCOUNT.DELINQUENCY_BUCKET, ACCOUNT.VERSION,
                        CUSTOMER.CITY_TIER, CUSTOMER.INCOME_BAND)
                .from(ACCOUNT).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID))
                .where(where).and(IN_BOOK).orderBy(ACCOUNT.ID), r -> {
                    AccountData a = new AccountData();
                    a.accountId = r.getLong(1);
                    a.accountNo = r.getString(2);
                    a.customerId = r.getLong(3);
                    a.status = AccountStatus.valueOf(r.getString(4));
                    a.openedAt = timestamp(r, 5);
                    a.creditLimit = r.getBigDecimal(6);
                    a.availableAmount = r.getBigDecimal(7);
                    a.outstanding = r.getBigDecimal(8);
                    a.tempLimit = r.getBigDecimal(9);
                    a.tempLimitExpires = timestamp(r, 10);
                    a.lastLimitChange = timestamp(r, 11);
                    a.currentDpd = r.getInt(12);
                    a.delinquencyBucket = r.getString(13);
                    a.version = r.getInt(14);
                    a.cityTier = r.getInt(15);
                    a.incomeBand = r.getString(16);
                    byId.put(a.accountId, a);
                });
        time("ACCOUNT", t0);
        return byId;
    }

    /** Each account's newest score observed for the evaluation month or earlier. */
    private void readScores(DSLContext dsl, Map<Long, AccountData> byId, Accounts in, LocalDateTime at) {
        long t1 = System.nanoTime();
        JdbcRows.forEach(dsl, dsl.select(SCORE.ACCOUNT_ID, SCORE.MODEL_ID, SCORE.PD, SCORE.BAND, SCORE.CREDIT_SUB, SCORE.CAPACITY_SUB, SCORE.STABILITY_SUB,
                        SCORE.SECURITY_SUB, SCORE.REASON_CODES, SCORE.SCORED_AT)
                .from(SCORE).where(in.of(SCORE.ACCOUNT_ID))
                // scores are computed after the data arrive, so the run uses the newest score observed
                // for the evaluation month or earlier, not one "scored before `at`" (that excluded today's batch)
                .and(SCORE.OBSERVATION_DATE.le(at.toLocalDate().withDayOfMonth(1).plusMonths(1).minusDays(1)))
                .orderBy(SCORE.ACCOUNT_ID, SCORE.OBSERVATION_DATE, SCORE.SCORED_AT, SCORE.ID), r -> {
                    AccountData a = byId.get(r.getLong(1));
                    if (a != null) { // ordered by time: the last one wins
                        long model = r.getLong(2);
                        a.score = new AccountData.Score(r.wasNull() ? null : model, r.getDouble(3), r.getString(4), r.getInt(5), r.getInt(6),
                                r.getInt(7), r.getInt(8), r.getString(9), timestamp(r, 10));
                    }
                });
        time("SCORE", t1);
    }

    private void readMonths(DSLContext dsl, Map<Long, AccountData> byId, Accounts in, LocalDateTime at) {
        long t2 = System.nanoTime();
        // only the complete months the policy and the rules use, one index range per month: IX_ACCOUNT_MONTH_MONTH
        // (MONTH_START, ACCOUNT_ID, CREDIT_LIMIT, BALANCE, SPEND) holds every column read, so no table row is visited
        LocalDate thisMonth = at.toLocalDate().withDayOfMonth(1);
        for (int m = monthsBack; m >= 1; m--) {
            LocalDate month = thisMonth.minusMonths(m); // every row of this range has it: no date is decoded per row
            JdbcRows.forEach(dsl, dsl.select(ACCOUNT_MONTH.ACCOUNT_ID, ACCOUNT_MONTH.MONTH_START, ACCOUNT_MONTH.CREDIT_LIMIT, ACCOUNT_MONTH.BALANCE, ACCOUNT_MONTH.SPEND)
                    .from(ACCOUNT_MONTH).where(ACCOUNT_MONTH.MONTH_START.eq(month))
                    .and(in.of(ACCOUNT_MONTH.ACCOUNT_ID))
                    .orderBy(ACCOUNT_MONTH.ACCOUNT_ID), r -> {
                        AccountData a = byId.get(r.getLong(1));
                        if (a != null) {
                            a.months.add(new AccountData.Month(month, r.getBigDecimal(3), r.getBigDecimal(4), r.getBigDecimal(5)));
                        }
                    });
        }
        time("ACCOUNT_MONTH", t2);
    }

    /**
     * The same months for scattered accounts: one seek per account on the primary key (ACCOUNT_ID, MONTH_START) for its
     * months, where the month index would be walked over every account between them.
     */
    private void readMonthsById(DSLContext dsl, Map<Long, AccountData> byId, Accounts in, LocalDateTime at) {
        long t2 = System.nanoTime();
        LocalDate thisMonth = at.toLocalDate().withDayOfMonth(1);
        JdbcRows.forEach(dsl, dsl.select(ACCOUNT_MONTH.ACCOUNT_ID, ACCOUNT_MONTH.MONTH_START, ACCOUNT_MONTH.CREDIT_LIMIT, ACCOUNT_MONTH.BALANCE, ACCOUNT_MONTH.SPEND)
                .from(ACCOUNT_MONTH).where(in.of(ACCOUNT_MONTH.ACCOUNT_ID))
                .and(ACCOUNT_MONTH.MONTH_START.between(thisMonth.minusMonths(monthsBack), thisMonth.minusMonths(1)))
                .orderBy(ACCOUNT_MONTH.ACCOUNT_ID, ACCOUNT_MONTH.MONTH_START), r -> {
                    AccountData a = byId.get(r.getLong(1));
                    if (a != null) {
                        a.months.add(new AccountData.Month(r.getObject(2, LocalDate.class), r.getBigDecimal(3), r.getBigDecimal(4), r.getBigDecimal(5)));
                    }
                });
        time("ACCOUNT_MONTH", t2);
    }

    private void readBills(DSLContext dsl, Map<Long, AccountData> byId, Accounts in, LocalDateTime at) {
        long t3 = System.nanoTime();
        JdbcRows.forEach(dsl, dsl.select(BILL.ACCOUNT_ID, BILL.ID, BILL.DUE_DATE, BILL.STATEMENT_AMOUNT, BILL.MINIMUM_DUE, BILL.PAID_AMOUNT, BILL.STATUS)
                .from(BILL).where(in.of(BILL.ACCOUNT_ID)).and(BILL.RECEIVED_AT.le(at))
                .and(BILL.DUE_DATE.ge(at.toLocalDate().minusDays(200)))
                .orderBy(BILL.ACCOUNT_ID, BILL.DUE_DATE), r -> {
                    AccountData a = byId.get(r.getLong(1));
                    if (a != null) {
                        a.bills.add(new AccountData.Bill(r.getLong(2), r.getObject(3, LocalDate.class), r.getBigDecimal(4), r.getBigDecimal(5),
                                r.getBigDecimal(6), BillStatus.PENDING.name().equals(r.getString(7))));
                    }
                });
        time("BILL", t3);
    }

    private void readRepayments(DSLContext dsl, Map<Long, AccountData> byId, Accounts in, LocalDateTime at) {
        long t4 = System.nanoTime();
        JdbcRows.forEach(dsl, dsl.select(REPAYMENT.ACCOUNT_ID, REPAYMENT.ID, REPAYMENT.BILL_ID, REPAYMENT.AMOUNT, REPAYMENT.PAID_AT, REPAYMENT.RECEIVED_AT)
                .from(REPAYMENT).where(in.of(REPAYMENT.ACCOUNT_ID)).and(REPAYMENT.RECEIVED_AT.le(at))
                .and(REPAYMENT.PAID_AT.ge(at.minusDays(240)))
                .orderBy(REPAYMENT.ACCOUNT_ID, REPAYMENT.PAID_AT), r -> {
                    AccountData a = byId.get(r.getLong(1));
                    if (a != null) {
                        long bill = r.getLong(3);
                        a.repayments.add(new AccountData.Repayment(r.getLong(2), r.wasNull() ? null : bill, r.getBigDecimal(4), timestamp(r, 5), timestamp(r, 6)));
                    }
                });
        time("REPAYMENT", t4);
    }

    /** Login events and credit inquiries, read per customer and attached to the customer's accounts. */
    private void readCustomerEvents(DSLContext dsl, List<AccountData> accounts, Map<Long, AccountData> byId, Accounts in, LocalDateTime at) {
        long t6 = System.nanoTime();
        CustomerRows owners = new CustomerRows(accounts, byId, in);
        owners.read(dsl, LOGIN_EVENT, LOGIN_EVENT.CUSTOMER_ID, List.of(LOGIN_EVENT.ID, LOGIN_EVENT.LOGIN_AT, LOGIN_EVENT.DEVICE_ID,
                        LOGIN_EVENT.CITY, LOGIN_EVENT.NEW_DEVICE, LOGIN_EVENT.NEW_CITY, LOGIN_EVENT.SUCCESS),
                LOGIN_EVENT.LOGIN_AT, at.minusDays(loginDays), at, LOGIN_EVENT.RECEIVED_AT.le(at),
                (a, r) -> a.logins.add(new AccountData.Login(r.getLong(2), timestamp(r, 3), r.getString(4), r.getString(5), r.getBoolean(6),
                        r.getBoolean(7), r.getBoolean(8))));
        time("LOGIN_EVENT", t6);
        long t7 = System.nanoTime();
        owners.read(dsl, CREDIT_INQUIRY, CREDIT_INQUIRY.CUSTOMER_ID, List.of(CREDIT_INQUIRY.ID, CREDIT_INQUIRY.INQUIRED_AT,
                        CREDIT_INQUIRY.INSTITUTION, CREDIT_INQUIRY.INQUIRY_TYPE),
                CREDIT_INQUIRY.INQUIRED_AT, at.minusDays(inquiryDays), at, CREDIT_INQUIRY.RECEIVED_AT.le(at),
                (a, r) -> a.inquiries.add(new AccountData.Inquiry(r.getLong(2), timestamp(r, 3), r.getString(4), r.getString(5))));
        time("CREDIT_INQUIRY", t7);
    }

    /** Adds one row of a customer's events to one of the customer's accounts. */
    @FunctionalInterface
    private interface EventReader {
        void read(AccountData account, ResultSet row) throws SQLException;
    }

    /**
     * A chunk's events kept by customer (logins, credit inquiries). When the chunk's customer ids span about as few values as
     * its accounts (a generated book numbers customers and accounts alike), the events are one range of the (customer, time)
     * index; otherwise they come through ACCOUNT, one index seek per account. Each account's events arrive in time order.
     */
    private static final class CustomerRows {
        private final Map<Long, AccountData> byId;
        private final Map<Long, List<AccountData>> byCustomer = new HashMap<>();
        private final Accounts in;
        private final long firstCustomer;
        private final long lastCustomer;
        private final boolean dense;

        CustomerRows(List<AccountData> accounts, Map<Long, AccountData> byId, Accounts in) {
            this.byId = byId;
            this.in = in;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (AccountData a : accounts) {
                byCustomer.computeIfAbsent(a.customerId, k -> new ArrayList<>(1)).add(a);
                first = Math.min(first, a.customerId);
                last = Math.max(last, a.customerId);
            }
            this.firstCustomer = first;
            this.lastCustomer = last;
            this.dense = last - first < 2L * accounts.size() + 1000;
        }

        void read(DSLContext dsl, Table<?> table, Field<Long> customerId, List<Field<?>> columns, Field<LocalDateTime> time,
                LocalDateTime from, LocalDateTime to, Condition rest, EventReader reader) {
            List<Field<?>> select = new ArrayList<>(columns.size() + 1);
            Condition window = time.ge(from).and(time.le(to));
            if (dense) {
                select.add(customerId);
                select.addAll(columns);
                JdbcRows.forEach(dsl, dsl.select(select).from(table).where(customerId.between(firstCustomer, lastCustomer)).and(window)
                        .and(rest).orderBy(customerId, time), r -> {
                            for (AccountData a : byCustomer.getOrDefault(r.getLong(1), List.of())) {
                                reader.read(a, r);
                            }
                        });
            } else {
                select.add(ACCOUNT.ID);
                select.addAll(columns);
                JdbcRows.forEach(dsl, dsl.select(select).from(table).join(ACCOUNT).on(ACCOUNT.CUSTOMER_ID.eq(customerId))
                        .where(in.of(ACCOUNT.ID)).and(window).and(rest).orderBy(ACCOUNT.ID, time), r -> {
                            AccountData a = byId.get(r.getLong(1));
                            if (a != null) {
                                reader.read(a, r);
                            }
                        });
            }
        }
    }

    /**
     * Raw transactions, read after the logins: the recent window (the spending spike's 7 days) for every account, the
     * rest of the window only for the accounts a rule needs it for ({@link RuleEngine#needsTxnHistory}), so most accounts'
     * older transactions are never read. Each account's list ends up as the full read would give it, in time order.
     */
    private void readTxns(DSLContext dsl, Map<Long, AccountData> byId, List<AccountData> accounts, Accounts in, LocalDateTime at) {
        long t0 = System.nanoTime();
        LocalDateTime from = at.minusDays(txnDays);
        LocalDateTime recentFrom = recentTxnDays < 0 ? from : at.minusDays(recentTxnDays);
        JdbcRows.forEach(dsl, txns(dsl).where(in.of(TXN.ACCOUNT_ID)).and(TXN.TXN_AT.ge(recentFrom)).and(TXN.TXN_AT.le(at))
                .and(TXN.RECEIVED_AT.le(at))
                .orderBy(TXN.ACCOUNT_ID, TXN.TXN_AT), r -> {
                    AccountData a = byId.get(r.getLong(1));
                    if (a != null) {
                        a.txns.add(txn(r));
                    }
                });
        time("TXN", t0);
        if (!recentFrom.isAfter(from)) {
            return;
        }
        long t1 = System.nanoTime();
        List<Long> needy = new ArrayList<>();
        for (AccountData a : accounts) {
            if (RuleEngine.needsTxnHistory(a, rules, at, recentFrom)) {
                needy.add(a.accountId);
            }
        }
        if (!needy.isEmpty()) {
            // one prepared statement on one connection, executed per account: an index seek on (ACCOUNT_ID, TXN_AT) for just
            // the older rows (an IN list of the ids makes H2 compare every row with the whole list)
            List<AccountData.Txn> older = new ArrayList<>();
            JdbcRows.forEachKey(dsl, txns(dsl).where(TXN.ACCOUNT_ID.eq(0L)).and(TXN.TXN_AT.ge(from)).and(TXN.TXN_AT.lt(recentFrom))
                    .and(TXN.RECEIVED_AT.le(at)).orderBy(TXN.TXN_AT), needy, (id, r) -> older.add(txn(r)), id -> {
                        byId.get(id).txns.addAll(0, older);
                        older.clear();
                    });
        }
        time("TXN history", t1);
    }

    private static org.jooq.SelectJoinStep<org.jooq.Record7<Long, Long, LocalDateTime, java.math.BigDecimal, String, String, String>> txns(
            DSLContext dsl) {
        return dsl.select(TXN.ACCOUNT_ID, TXN.ID, TXN.TXN_AT, TXN.AMOUNT, TXN.MERCHANT, TXN.CITY, TXN.DEVICE_ID).from(TXN);
    }

    private static AccountData.Txn txn(ResultSet r) throws SQLException {
        return new AccountData.Txn(r.getLong(2), timestamp(r, 3), r.getBigDecimal(4), r.getString(5), r.getString(6), r.getString(7));
    }

    private static LocalDateTime timestamp(ResultSet r, int column) throws SQLException {
        return r.getObject(column, LocalDateTime.class);
    }

    /** Time spent in each table's query (all chunks so far, all threads): where a run's reading goes. */
    public Map<String, Long> readNanos() {
        Map<String, Long> copy = new LinkedHashMap<>();
        nanos.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    private void time(String table, long started) {
        nanos.computeIfAbsent(table, k -> new LongAdder()).add(System.nanoTime() - started);
    }
}
