package dev.riskdesk.customers;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.RULE_HIT;
import dev.riskdesk.customers.CustomerPage.PageCursor;
import dev.riskdesk.db.schema.Indexes;
import dev.riskdesk.db.schema.tables.Customer;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The search's conditions in SQL: on the account row, on the customer row (through the table or
 * through the small (ID, tier, name) index), and the keyset condition that continues after a page.
 */
final class SearchConditions {
    private static final Customer MATCH = CUSTOMER.as("MC");
    /** {@link #MATCH} read through IX_CUSTOMER_ID_FILTERS (ID, CITY_TIER, FULL_NAME): a lookup that never reads the customer row. */
    private static final Table<?> CUSTOMER_FILTERS = IndexHint.table(DSL.name("CUSTOMER"), DSL.name("MC"), Indexes.IX_CUSTOMER_ID_FILTERS);
    static final Customer NAMED = CUSTOMER.as("NC");
    /** {@link #NAMED} read through the name index alone: the ids of a name's customers. */
    static final Table<?> NAMED_BY_NAME = IndexHint.table(DSL.name("CUSTOMER"), DSL.name("NC"), Indexes.IX_CUSTOMER_NAME);


    private SearchConditions() {
    }

    static Condition conditions(CustomerQuery q) {
        return accountConditions(q).and(customerConditions(q, CUSTOMER));
    }

    /** The conditions on the account row: account number, status, band, bucket, thin file, rule hit. */
    static Condition accountConditions(CustomerQuery q) {
        Condition c = DSL.noCondition();
        if (q.textKind() == CustomerQuery.TextKind.ACCOUNT_NO) {
            c = c.and(ACCOUNT.ACCOUNT_NO.eq(q.text().toUpperCase(Locale.ROOT)));
        }
        if (!q.statuses().isEmpty()) {
            c = c.and(ACCOUNT.STATUS.in(q.statuses()));
        }
        if (!q.scoreBands().isEmpty()) {
            c = c.and(ACCOUNT.SCORE_BAND.in(q.scoreBands()));
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

    /** The conditions on the customer row {@code customer}: the search text (other than account number) and city tier. */
    static Condition customerConditions(CustomerQuery q, Customer customer) {
        String text = q.text();
        Condition c = switch (q.textKind()) {
            case NONE, ACCOUNT_NO -> DSL.noCondition();
            case PHONE -> customer.PHONE.eq(text);
            case PHONE_LAST4 -> customer.PHONE_LAST4.eq(text);
            case ID_NUMBER -> customer.ID_NUMBER.eq(text.toUpperCase(Locale.ROOT));
            case CUSTOMER_NO -> customer.CUSTOMER_NO.eq(text.toUpperCase(Locale.ROOT));
            // a prefix match as a range of the name index: H2 cannot use the index for LIKE with a
            // bound pattern (it scanned every customer: 6 s on 1,000,000); % and _ stay literal
            case NAME -> customer.FULL_NAME.ge(text).and(customer.FULL_NAME.lt(text + Character.MAX_VALUE));
        };
        if (!q.cityTiers().isEmpty()) {
            c = c.and(customer.CITY_TIER.in(q.cityTiers()));
        }
        return c;
    }

    /** How many band, bucket and status values the query filters on. */
    static int accountFilters(CustomerQuery q) {
        return q.statuses().size() + q.scoreBands().size() + q.delinquencyBuckets().size();
    }

    /** The account's customer meets the query's customer conditions, the way {@code plan} checks it on a walk. */
    static Condition customerCheck(CustomerQuery query, NamePlan plan) {
        // the set holds the name's customers; a walk plan is chosen only without other customer conditions
        return plan == NamePlan.CUSTOMER_SET
                ? ACCOUNT.CUSTOMER_ID.in(DSL.select(NAMED.ID).from(NAMED_BY_NAME).where(customerConditions(query, NAMED)))
                : customerMatches(query);
    }

    /** The account's customer meets the query's customer conditions, checked in the (ID, tier, name) index. */
    static Condition customerMatches(CustomerQuery query) {
        return DSL.exists(DSL.selectOne().from(CUSTOMER_FILTERS)
                .where(MATCH.ID.eq(ACCOUNT.CUSTOMER_ID)).and(customerConditions(query, MATCH)));
    }

    /** A name prefix with filters on the account (band, status …): read from the name index, see {@link CustomerSearchService}. */
    static boolean nameWithAccountFilters(CustomerQuery q) {
        return q.textKind() == CustomerQuery.TextKind.NAME && (!q.statuses().isEmpty() || !q.scoreBands().isEmpty()
                || !q.delinquencyBuckets().isEmpty() || q.thinFile() != null || q.ruleCode() != null);
    }

    /** Whether the query says anything about the customer row (a search text other than an account number, or a city tier). */
    static boolean hasCustomerConditions(CustomerQuery q) {
        return !q.cityTiers().isEmpty()
                || (q.textKind() != CustomerQuery.TextKind.NONE && q.textKind() != CustomerQuery.TextKind.ACCOUNT_NO);
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
    static Condition after(Field<?> sortField, boolean descending, PageCursor cursor) {
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
}
