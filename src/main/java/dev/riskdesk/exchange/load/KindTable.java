package dev.riskdesk.exchange.load;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.ACCOUNT_MONTH;
import static dev.riskdesk.db.schema.Tables.BILL;
import static dev.riskdesk.db.schema.Tables.CREDIT_INQUIRY;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;
import static dev.riskdesk.db.schema.Tables.LOGIN_EVENT;
import static dev.riskdesk.db.schema.Tables.REPAYMENT;
import static dev.riskdesk.db.schema.Tables.TXN;

import dev.riskdesk.exchange.BookKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Table;

/**
 * Where the rows of one kind of book file go: the table, its columns in the order {@link RowMapping}
 * fills them (the row id is never among them: new rows take the table's identity), which of them
 * form the natural key in the table, which keep the stored value when the file leaves them empty
 * (a RECEIVED_AT defaults to the load's time), which are derived and so never make a row "changed",
 * and whether a change bumps the row's VERSION.
 */
record KindTable(BookKind kind, Table<?> table, Field<Long> id, List<Field<?>> fields, List<Field<?>> key,
                 Set<Field<?>> defaulted, Set<Field<?>> notCompared, boolean versioned, Field<Long> account, Field<Long> customer,
                 char eventLetter) {

    /** True for the event kinds, matched by the lender's id (EXTERNAL_ID) or, for rows RiskDesk made, by letter and row id. */
    boolean event() {
        return eventLetter != 0;
    }

    int index(Field<?> field) {
        int i = fields.indexOf(field);
        if (i < 0) {
            throw new IllegalArgumentException(field.getName() + " is not a column of " + table.getName());
        }
        return i;
    }

    /** The columns an update sets: every column but the key (and an event's EXTERNAL_ID, which never changes). */
    List<Field<?>> updated() {
        List<Field<?>> set = new ArrayList<>(fields);
        set.removeAll(key);
        return set;
    }

    private static final Map<BookKind, KindTable> ALL = new EnumMap<>(BookKind.class);

    static {
        add(new KindTable(BookKind.CUSTOMERS, CUSTOMER, CUSTOMER.ID, List.of(CUSTOMER.CUSTOMER_NO, CUSTOMER.FULL_NAME, CUSTOMER.GENDER,
                CUSTOMER.BIRTH_DATE, CUSTOMER.PHONE, CUSTOMER.PHONE_LAST4, CUSTOMER.ID_NUMBER, CUSTOMER.CITY, CUSTOMER.CITY_TIER,
                CUSTOMER.INCOME_BAND, CUSTOMER.OCCUPATION, CUSTOMER.REGISTERED_AT, CUSTOMER.REAL_NAME_VERIFIED, CUSTOMER.VERIFIED_AT),
                List.of(CUSTOMER.CUSTOMER_NO), Set.of(), Set.of(), true, null, CUSTOMER.ID, (char) 0));
        add(new KindTable(BookKind.ACCOUNTS, ACCOUNT, ACCOUNT.ID, List.of(ACCOUNT.ACCOUNT_NO, ACCOUNT.CUSTOMER_ID, ACCOUNT.PRODUCT,
                ACCOUNT.OPENED_AT, ACCOUNT.STATUS, ACCOUNT.CREDIT_LIMIT, ACCOUNT.AVAILABLE_AMOUNT, ACCOUNT.OUTSTANDING_BALANCE,
                ACCOUNT.TEMP_LIMIT, ACCOUNT.TEMP_LIMIT_EXPIRES, ACCOUNT.LAST_LIMIT_CHANGE, ACCOUNT.CURRENT_DPD,
                ACCOUNT.DELINQUENCY_BUCKET, ACCOUNT.CLOSED_AT, ACCOUNT.THIN_FILE),
                List.of(ACCOUNT.ACCOUNT_NO), Set.of(), Set.of(ACCOUNT.THIN_FILE), true, ACCOUNT.ID, ACCOUNT.CUSTOMER_ID, (char) 0));
        add(new KindTable(BookKind.STATEMENTS, ACCOUNT_MONTH, null, List.of(ACCOUNT_MONTH.ACCOUNT_ID, ACCOUNT_MONTH.MONTH_START,
                ACCOUNT_MONTH.CREDIT_LIMIT, ACCOUNT_MONTH.BALANCE, ACCOUNT_MONTH.SPEND, ACCOUNT_MONTH.TXN_COUNT,
                ACCOUNT_MONTH.ESSENTIAL_SPEND, ACCOUNT_MONTH.LUXURY_SPEND, ACCOUNT_MONTH.FESTIVAL_SPEND, ACCOUNT_MONTH.NIGHT_TXN_COUNT,
                ACCOUNT_MONTH.BIG_TICKET_COUNT, ACCOUNT_MONTH.MINIMUM_DUE, ACCOUNT_MONTH.PAYMENT, ACCOUNT_MONTH.DAYS_PAST_DUE,
                ACCOUNT_MONTH.LATE_BILL, ACCOUNT_MONTH.LOGIN_COUNT, ACCOUNT_MONTH.NEW_DEVICE_COUNT, ACCOUNT_MONTH.LOGIN_CITY_COUNT,
                ACCOUNT_MONTH.INQUIRY_COUNT),
                List.of(ACCOUNT_MONTH.ACCOUNT_ID, ACCOUNT_MONTH.MONTH_START), Set.of(), Set.of(), false, ACCOUNT_MONTH.ACCOUNT_ID, null, (char) 0));
        add(new KindTable(BookKind.BILLS, BILL, BILL.ID, List.of(BILL.ACCOUNT_ID, BILL.STATEMENT_MONTH, BILL.STATEMENT_DATE, BILL.DUE_DATE,
                BILL.STATEMENT_AMOUNT, BILL.MINIMUM_DUE, BILL.PAID_AMOUNT, BILL.PAID_DATE, BILL.DAYS_PAST_DUE, BILL.STATUS, BILL.RECEIVED_AT),
                List.of(BILL.ACCOUNT_ID, BILL.STATEMENT_MONTH), Set.of(BILL.RECEIVED_AT), Set.of(), false, BILL.ACCOUNT_ID, null, (char) 0));
        add(new KindTable(BookKind.TRANSACTIONS, TXN, TXN.ID, List.of(TXN.EXTERNAL_ID, TXN.ACCOUNT_ID, TXN.TXN_AT, TXN.AMOUNT, TXN.CATEGORY,
                TXN.MERCHANT, TXN.CHANNEL, TXN.CITY, TXN.DEVICE_ID, TXN.RECEIVED_AT),
                List.of(TXN.EXTERNAL_ID), Set.of(TXN.RECEIVED_AT), Set.of(), false, TXN.ACCOUNT_ID, null, 'T'));
        add(new KindTable(BookKind.REPAYMENTS, REPAYMENT, REPAYMENT.ID, List.of(REPAYMENT.EXTERNAL_ID, REPAYMENT.ACCOUNT_ID,
                REPAYMENT.BILL_ID, REPAYMENT.AMOUNT, REPAYMENT.PAID_AT, REPAYMENT.RECEIVED_AT, REPAYMENT.CHANNEL),
                List.of(REPAYMENT.EXTERNAL_ID), Set.of(REPAYMENT.RECEIVED_AT), Set.of(), false, REPAYMENT.ACCOUNT_ID, null, 'R'));
        add(new KindTable(BookKind.INQUIRIES, CREDIT_INQUIRY, CREDIT_INQUIRY.ID, List.of(CREDIT_INQUIRY.EXTERNAL_ID,
                CREDIT_INQUIRY.CUSTOMER_ID, CREDIT_INQUIRY.INQUIRED_AT, CREDIT_INQUIRY.INSTITUTION, CREDIT_INQUIRY.INQUIRY_TYPE,
                CREDIT_INQUIRY.RECEIVED_AT),
                List.of(CREDIT_INQUIRY.EXTERNAL_ID), Set.of(CREDIT_INQUIRY.RECEIVED_AT), Set.of(), false, null, CREDIT_INQUIRY.CUSTOMER_ID, 'Q'));
        add(new KindTable(BookKind.LOGINS, LOGIN_EVENT, LOGIN_EVENT.ID, List.of(LOGIN_EVENT.EXTERNAL_ID, LOGIN_EVENT.CUSTOMER_ID,
                LOGIN_EVENT.LOGIN_AT, LOGIN_EVENT.DEVICE_ID, LOGIN_EVENT.IP_ADDRESS, LOGIN_EVENT.CITY, LOGIN_EVENT.NEW_DEVICE,
                LOGIN_EVENT.NEW_CITY, LOGIN_EVENT.SUCCESS, LOGIN_EVENT.RECEIVED_AT),
                List.of(LOGIN_EVENT.EXTERNAL_ID), Set.of(LOGIN_EVENT.RECEIVED_AT), Set.of(), false, null, LOGIN_EVENT.CUSTOMER_ID, 'L'));
        add(new KindTable(BookKind.FEEDS, DATA_FEED, null, List.of(DATA_FEED.CODE, DATA_FEED.AS_OF, DATA_FEED.TOLERANCE_HOURS,
                DATA_FEED.UPDATED_AT),
                List.of(DATA_FEED.CODE), Set.of(), Set.of(DATA_FEED.UPDATED_AT), false, null, null, (char) 0));
    }

    private static void add(KindTable t) {
        ALL.put(t.kind(), t);
    }

    static KindTable of(BookKind kind) {
        return ALL.get(kind);
    }

    /** The tables a first load fills in chunks, children first: what an unfinished first load leaves and its clean-up empties. */
    static final List<Table<?>> FIRST_LOAD_DELETE_ORDER = List.of(ACCOUNT_MONTH, CREDIT_INQUIRY, LOGIN_EVENT, TXN, REPAYMENT, BILL,
            dev.riskdesk.db.schema.Tables.LIMIT_CHANGE, ACCOUNT, CUSTOMER);
}
