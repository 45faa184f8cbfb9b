package dev.riskdesk.customers;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.RULE;
import static dev.riskdesk.db.schema.Tables.RULE_HIT;

import dev.riskdesk.customers.CustomerPage.PageCursor;
import dev.riskdesk.db.Database;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.PersonalDataMasker;
import dev.riskdesk.security.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * The profile browser's search: one text box and filters over accounts and their customers,
 * read a page at a time with keyset paging, so a book of a million accounts never loads more
 * than one page. Personal data leaves this service masked.
 */
public final class CustomerSearchService {
    public static final int PAGE_SIZE = 100;
    /** Counting stops here: an exact count of a million rows would cost more than the page itself. */
    public static final int COUNT_CAP = 10_000;

    private final Database database;

    public CustomerSearchService(Database database) {
        this.database = database;
    }

    /** The first page. */
    public CustomerPage search(Session session, CustomerQuery query) {
        return page(session, query, null, true);
    }

    /** The page after {@code cursor}; the total is not counted again. */
    public CustomerPage next(Session session, CustomerQuery query, PageCursor cursor) {
        return page(session, query, cursor, false);
    }

    /** The rule codes the "rule hit" filter offers: every rule of any rule set, by code. */
    public List<String> ruleCodes(Session session) {
        session.require(Permission.CUSTOMER_VIEW);
        return database.dsl().selectDistinct(RULE.RULE_CODE).from(RULE).orderBy(RULE.RULE_CODE).fetch(RULE.RULE_CODE);
    }

    private CustomerPage page(Session session, CustomerQuery query, PageCursor cursor, boolean count) {
        session.require(Permission.CUSTOMER_VIEW);
        DSLContext dsl = database.dsl();
        Condition where = conditions(query);
        Field<?> sortField = sortField(query.sort());
        Condition page = where;
        if (cursor != null) {
            page = page.and(after(sortField, query.descending(), cursor));
        }
        List<SortField<?>> order = List.of(
                query.descending() ? sortField.desc().nullsLast() : sortField.asc().nullsFirst(),
                query.descending() ? ACCOUNT.ID.desc() : ACCOUNT.ID.asc());
        List<Record> records = new ArrayList<>(dsl.select(columns())
                .from(ACCOUNT).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID))
                .where(page)
                .orderBy(order)
                .limit(PAGE_SIZE + 1)
                .fetch());
        boolean more = records.size() > PAGE_SIZE;
        if (more) {
            records.remove(PAGE_SIZE);
        }
        List<CustomerRow> rows = records.stream().map(CustomerSearchService::row).toList();
        PageCursor next = null;
        if (more) {
            Record last = records.get(records.size() - 1);
            next = new PageCursor(last.get(sortField), last.get(ACCOUNT.ID));
        }
        long total = -1;
        boolean capped = false;
        if (count) {
            total = dsl.fetchCount(dsl.select(ACCOUNT.ID)
                    .from(ACCOUNT).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID))
                    .where(where)
                    .limit(COUNT_CAP + 1));
            capped = total > COUNT_CAP;
            total = Math.min(total, COUNT_CAP);
        }
        return new CustomerPage(rows, next, total, capped);
    }

    private static List<Field<?>> columns() {
        return List.of(ACCOUNT.ID, ACCOUNT.ACCOUNT_NO, ACCOUNT.STATUS, ACCOUNT.CREDIT_LIMIT, ACCOUNT.AVAILABLE_AMOUNT,
                ACCOUNT.OUTSTANDING_BALANCE, ACCOUNT.CURRENT_DPD, ACCOUNT.DELINQUENCY_BUCKET, ACCOUNT.SCORE,
                ACCOUNT.SCORE_BAND, ACCOUNT.THIN_FILE, CUSTOMER.ID, CUSTOMER.CUSTOMER_NO, CUSTOMER.FULL_NAME,
                CUSTOMER.PHONE, CUSTOMER.ID_NUMBER, CUSTOMER.CITY, CUSTOMER.CITY_TIER);
    }

    private static CustomerRow row(Record r) {
        return new CustomerRow(r.get(ACCOUNT.ID), r.get(CUSTOMER.ID), r.get(ACCOUNT.ACCOUNT_NO), r.get(CUSTOMER.CUSTOMER_NO),
                PersonalDataMasker.name(r.get(CUSTOMER.FULL_NAME)), PersonalDataMasker.phone(r.get(CUSTOMER.PHONE)),
                PersonalDataMasker.idNumber(r.get(CUSTOMER.ID_NUMBER)), r.get(CUSTOMER.CITY), r.get(CUSTOMER.CITY_TIER),
                r.get(ACCOUNT.STATUS), r.get(ACCOUNT.CREDIT_LIMIT), r.get(ACCOUNT.AVAILABLE_AMOUNT),
                r.get(ACCOUNT.OUTSTANDING_BALANCE), r.get(ACCOUNT.CURRENT_DPD), r.get(ACCOUNT.DELINQUENCY_BUCKET),
                r.get(ACCOUNT.SCORE), r.get(ACCOUNT.SCORE_BAND), r.get(ACCOUNT.THIN_FILE));
    }

    static Field<?> sortField(CustomerQuery.SortKey key) {
        return switch (key) {
            case ACCOUNT -> ACCOUNT.ID;
            case CREDIT_LIMIT -> ACCOUNT.CREDIT_LIMIT;
            case BALANCE -> ACCOUNT.OUTSTANDING_BALANCE;
            case SCORE -> ACCOUNT.SCORE;
            case DAYS_PAST_DUE -> ACCOUNT.CURRENT_DPD;
        };
    }

    /** Rows strictly after the cursor in (sort value, id) order; null sort values (no score yet) sort first ascending. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Condition after(Field<?> sortField, boolean descending, PageCursor cursor) {
        Field f = sortField;
        Object value = cursor.sortValue();
        if (sortField == ACCOUNT.ID) {
            return descending ? ACCOUNT.ID.lt(cursor.accountId()) : ACCOUNT.ID.gt(cursor.accountId());
        }
        if (value == null) {
            // ascending: nulls came first, so continue within nulls by id, then every non-null;
            // descending: nulls come last, so only nulls with a smaller id remain
            return descending
                    ? f.isNull().and(ACCOUNT.ID.lt(cursor.accountId()))
                    : f.isNull().and(ACCOUNT.ID.gt(cursor.accountId())).or(f.isNotNull());
        }
        if (descending) {
            return f.lt(value).or(f.eq(value).and(ACCOUNT.ID.lt(cursor.accountId()))).or(f.isNull());
        }
        return f.gt(value).or(f.eq(value).and(ACCOUNT.ID.gt(cursor.accountId())));
    }

    static Condition conditions(CustomerQuery q) {
        Condition c = DSL.noCondition();
        String text = q.text();
        c = switch (q.textKind()) {
            case NONE -> c;
            case PHONE -> c.and(CUSTOMER.PHONE.eq(text));
            case PHONE_LAST4 -> c.and(CUSTOMER.PHONE_LAST4.eq(text));
            case ID_NUMBER -> c.and(CUSTOMER.ID_NUMBER.eq(text.toUpperCase(Locale.ROOT)));
            case ACCOUNT_NO -> c.and(ACCOUNT.ACCOUNT_NO.eq(text.toUpperCase(Locale.ROOT)));
            case CUSTOMER_NO -> c.and(CUSTOMER.CUSTOMER_NO.eq(text.toUpperCase(Locale.ROOT)));
            // a prefix match uses the name index; % and _ typed by the operator are literal
            case NAME -> c.and(CUSTOMER.FULL_NAME.startsWith(text));
        };
        if (!q.statuses().isEmpty()) {
            c = c.and(ACCOUNT.STATUS.in(q.statuses()));
        }
        if (!q.scoreBands().isEmpty()) {
            c = c.and(ACCOUNT.SCORE_BAND.in(q.scoreBands()));
        }
        if (!q.cityTiers().isEmpty()) {
            c = c.and(CUSTOMER.CITY_TIER.in(q.cityTiers()));
        }
        if (!q.delinquencyBuckets().isEmpty()) {
            c = c.and(ACCOUNT.DELINQUENCY_BUCKET.in(q.delinquencyBuckets()));
        }
        if (q.thinFile() != null) {
            c = c.and(ACCOUNT.THIN_FILE.eq(q.thinFile()));
        }
        if (q.ruleCode() != null && !q.ruleCode().isBlank()) {
            c = c.and(DSL.exists(DSL.selectOne().from(RULE_HIT)
                    .where(RULE_HIT.ACCOUNT_ID.eq(ACCOUNT.ID))
                    .and(RULE_HIT.RULE_CODE.eq(q.ruleCode()))
                    .and(RULE_HIT.OPEN_FLAG.isTrue())));
        }
        return c;
    }
}
