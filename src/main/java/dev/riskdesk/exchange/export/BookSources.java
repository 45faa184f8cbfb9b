package dev.riskdesk.exchange.export;

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
import java.util.List;
import org.jooq.Field;

/**
 * The tables each kind of book file is read from, and the values of its columns in {@link BookKind}'s
 * order: CUSTOMERS from CUSTOMER, ACCOUNTS from ACCOUNT (with its customer's number), STATEMENTS from
 * ACCOUNT_MONTH, BILLS from BILL, TRANSACTIONS from TXN, REPAYMENTS from REPAYMENT (with its bill's
 * month), INQUIRIES from CREDIT_INQUIRY, LOGINS from LOGIN_EVENT, FEEDS from DATA_FEED.
 * Events RiskDesk generated have no lender id; their key is a letter and the row id (T42, R42, L42, Q42).
 */
final class BookSources {
    /** Ids per page of an event or master table. */
    static final long ID_PAGE = 10_000;
    /** Accounts per page of monthly statements (up to 120 months each). */
    static final long ACCOUNT_PAGE = 500;

    private BookSources() {
    }

    static KindSource of(BookKind kind) {
        return switch (kind) {
            case CUSTOMERS -> customers();
            case ACCOUNTS -> accounts();
            case STATEMENTS -> statements();
            case BILLS -> bills();
            case TRANSACTIONS -> transactions();
            case REPAYMENTS -> repayments();
            case INQUIRIES -> inquiries();
            case LOGINS -> logins();
            case FEEDS -> feeds();
        };
    }

    /** The exported key of an event: the lender's id, or the letter and the row id of a generated row. */
    static String eventKey(String externalId, char letter, Long id) {
        return externalId != null ? externalId : letter + String.valueOf(id);
    }

    private static KindSource customers() {
        var c = CUSTOMER;
        List<Field<?>> fields = List.of(c.CUSTOMER_NO, c.FULL_NAME, c.GENDER, c.BIRTH_DATE, c.PHONE, c.ID_NUMBER, c.CITY, c.CITY_TIER,
                c.INCOME_BAND, c.OCCUPATION, c.REGISTERED_AT, c.REAL_NAME_VERIFIED, c.VERIFIED_AT);
        return new KindSource(BookKind.CUSTOMERS, c.ID, ID_PAGE, c, fields, List.of(c.ID.asc()), r -> r.intoArray());
    }

    private static KindSource accounts() {
        var a = ACCOUNT;
        List<Field<?>> fields = List.of(a.ACCOUNT_NO, CUSTOMER.CUSTOMER_NO, a.PRODUCT, a.OPENED_AT, a.STATUS, a.CREDIT_LIMIT, a.AVAILABLE_AMOUNT,
                a.OUTSTANDING_BALANCE, a.TEMP_LIMIT, a.TEMP_LIMIT_EXPIRES, a.LAST_LIMIT_CHANGE, a.CURRENT_DPD, a.CLOSED_AT);
        return new KindSource(BookKind.ACCOUNTS, a.ID, ID_PAGE, a.join(CUSTOMER).on(CUSTOMER.ID.eq(a.CUSTOMER_ID)), fields,
                List.of(a.ID.asc()), r -> r.intoArray());
    }

    private static KindSource statements() {
        var m = ACCOUNT_MONTH;
        List<Field<?>> fields = List.of(ACCOUNT.ACCOUNT_NO, m.MONTH_START, m.CREDIT_LIMIT, m.BALANCE, m.SPEND, m.TXN_COUNT, m.ESSENTIAL_SPEND,
                m.LUXURY_SPEND, m.FESTIVAL_SPEND, m.NIGHT_TXN_COUNT, m.BIG_TICKET_COUNT, m.MINIMUM_DUE, m.PAYMENT, m.DAYS_PAST_DUE,
                m.LATE_BILL, m.LOGIN_COUNT, m.NEW_DEVICE_COUNT, m.LOGIN_CITY_COUNT, m.INQUIRY_COUNT);
        return new KindSource(BookKind.STATEMENTS, m.ACCOUNT_ID, ACCOUNT_PAGE, m.join(ACCOUNT).on(ACCOUNT.ID.eq(m.ACCOUNT_ID)), fields,
                List.of(m.ACCOUNT_ID.asc(), m.MONTH_START.asc()), r -> r.intoArray());
    }

    private static KindSource bills() {
        var b = BILL;
        List<Field<?>> fields = List.of(ACCOUNT.ACCOUNT_NO, b.STATEMENT_MONTH, b.STATEMENT_DATE, b.DUE_DATE, b.STATEMENT_AMOUNT, b.MINIMUM_DUE,
                b.PAID_AMOUNT, b.PAID_DATE, b.DAYS_PAST_DUE, b.STATUS, b.RECEIVED_AT);
        return new KindSource(BookKind.BILLS, b.ID, ID_PAGE, b.join(ACCOUNT).on(ACCOUNT.ID.eq(b.ACCOUNT_ID)), fields,
                List.of(b.ID.asc()), r -> r.intoArray());
    }

    private static KindSource transactions() {
        var t = TXN;
        List<Field<?>> fields = List.of(t.EXTERNAL_ID, t.ID, ACCOUNT.ACCOUNT_NO, t.TXN_AT, t.AMOUNT, t.CATEGORY, t.MERCHANT, t.CHANNEL, t.CITY,
                t.DEVICE_ID, t.RECEIVED_AT);
        return new KindSource(BookKind.TRANSACTIONS, t.ID, ID_PAGE, t.join(ACCOUNT).on(ACCOUNT.ID.eq(t.ACCOUNT_ID)), fields,
                List.of(t.ID.asc()), r -> keyed(r, 'T'));
    }

    private static KindSource repayments() {
        var p = REPAYMENT;
        List<Field<?>> fields = List.of(p.EXTERNAL_ID, p.ID, ACCOUNT.ACCOUNT_NO, BILL.STATEMENT_MONTH, p.AMOUNT, p.PAID_AT, p.RECEIVED_AT, p.CHANNEL);
        return new KindSource(BookKind.REPAYMENTS, p.ID, ID_PAGE,
                p.join(ACCOUNT).on(ACCOUNT.ID.eq(p.ACCOUNT_ID)).leftJoin(BILL).on(BILL.ID.eq(p.BILL_ID)), fields,
                List.of(p.ID.asc()), r -> keyed(r, 'R'));
    }

    private static KindSource inquiries() {
        var q = CREDIT_INQUIRY;
        List<Field<?>> fields = List.of(q.EXTERNAL_ID, q.ID, CUSTOMER.CUSTOMER_NO, q.INQUIRED_AT, q.INSTITUTION, q.INQUIRY_TYPE, q.RECEIVED_AT);
        return new KindSource(BookKind.INQUIRIES, q.ID, ID_PAGE, q.join(CUSTOMER).on(CUSTOMER.ID.eq(q.CUSTOMER_ID)), fields,
                List.of(q.ID.asc()), r -> keyed(r, 'Q'));
    }

    private static KindSource logins() {
        var l = LOGIN_EVENT;
        List<Field<?>> fields = List.of(l.EXTERNAL_ID, l.ID, CUSTOMER.CUSTOMER_NO, l.LOGIN_AT, l.DEVICE_ID, l.IP_ADDRESS, l.CITY, l.NEW_DEVICE,
                l.NEW_CITY, l.SUCCESS, l.RECEIVED_AT);
        return new KindSource(BookKind.LOGINS, l.ID, ID_PAGE, l.join(CUSTOMER).on(CUSTOMER.ID.eq(l.CUSTOMER_ID)), fields,
                List.of(l.ID.asc()), r -> keyed(r, 'L'));
    }

    private static KindSource feeds() {
        var f = DATA_FEED;
        return new KindSource(BookKind.FEEDS, null, 0, f, List.of(f.CODE, f.AS_OF, f.TOLERANCE_HOURS), List.of(f.CODE.asc()), r -> r.intoArray());
    }

    /** An event row selected as (external id, id, the other columns...): its key first, then the other columns. */
    private static Object[] keyed(org.jooq.Record r, char letter) {
        Object[] all = r.intoArray();
        Object[] values = new Object[all.length - 1];
        values[0] = eventKey((String) all[0], letter, (Long) all[1]);
        System.arraycopy(all, 2, values, 1, all.length - 2);
        return values;
    }
}
