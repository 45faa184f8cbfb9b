package dev.riskdesk.customers;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.RULE;
import static dev.riskdesk.db.schema.Tables.RULE_HIT;

import dev.riskdesk.customers.CustomerPage.PageCursor;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.Indexes;
import dev.riskdesk.db.schema.tables.Customer;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.PersonalDataMasker;
import dev.riskdesk.security.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Index;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The profile browser's search: one text box and filters over accounts and their customers,
 * read a page at a time with keyset paging, so a book of a million accounts never loads more
 * than one page. Personal data leaves this service masked.
 */
public final class CustomerSearchService {
    public static final int PAGE_SIZE = 100;
    /**
     * Counting stops here ("2,000+"): counting is most of a broad search's cost on a large book
     * (to 10,000 it took 1.3 s of a surname-and-band search on 1,000,000 accounts), and an
     * operator narrows a search long before an exact count matters.
     */
    public static final int COUNT_CAP = 2_000;

    /**
     * Up to this many matches the page is read through the most selective index and sorted;
     * beyond it the page walks the sort column's index and checks each row, which finds a page
     * quickly exactly because matches are then dense.
     */
    public static final int SORT_MATCHES_MAX = 2_000;
    private static final Customer MATCH = CUSTOMER.as("MC");
    /** {@link #MATCH} read through IX_CUSTOMER_ID_FILTERS (ID, CITY_TIER, FULL_NAME): a lookup that never reads the customer row. */
    private static final Table<?> CUSTOMER_FILTERS = DSL.table("{0} {1} USE INDEX ({2})", DSL.name("CUSTOMER"), DSL.name("MC"),
            Indexes.IX_CUSTOMER_ID_FILTERS.getUnqualifiedName());
    /**
     * H2 estimates a name prefix (a range) as broader than a band or status (an equality) and
     * would read, say, every band-C account to find a rare surname; a name search therefore
     * starts from the name index and finds each customer's accounts in the (customer, filters) index.
     */
    private static final Table<?> CUSTOMER_BY_NAME = DSL.table("{0} USE INDEX ({1})", CUSTOMER, Indexes.IX_CUSTOMER_NAME.getUnqualifiedName());
    private static final Table<?> ACCOUNT_BY_CUSTOMER = DSL.table("{0} USE INDEX ({1})", ACCOUNT,
            Indexes.IX_ACCOUNT_CUSTOMER_FILTERS.getUnqualifiedName());
    private static final Customer NAMED = CUSTOMER.as("NC");
    /** {@link #NAMED} read through the name index alone: the ids of a name's customers. */
    private static final Table<?> NAMED_BY_NAME = DSL.table("{0} {1} USE INDEX ({2})", DSL.name("CUSTOMER"), DSL.name("NC"),
            Indexes.IX_CUSTOMER_NAME.getUnqualifiedName());

    /**
     * How a name search alone, or with one account filter (one band, bucket or status and nothing
     * else), finds its accounts; the cheapest is chosen by how many customers bear the name
     * ({@link #cheapest}).
     */
    enum NamePlan {
        /** Every customer of the name from the name index, then their accounts: a rare name. */
        NAME_INDEX,
        /**
         * Walk the sort index (the filter value's part of it) and keep the entries whose customer is in
         * the name's set of customer ids, read once from the name index: a name of middling frequency.
         */
        CUSTOMER_SET,
        /**
         * Walk the sort index (the filter value's part of it) and look each entry's customer up in the
         * (ID, tier, name) index: a common name, whose accounts come so often that the walk is short.
         */
        CUSTOMER_CHECK
    }

    /*
     * The cost model behind the choice, in microseconds, measured on the 1,000,000-account book
     * (2026-12-02, warm cache, see benchmarks.md): per customer read from the name index with a
     * look-up of its accounts; per customer id put into the set; per index entry walked and
     * checked against the set; per index entry walked with a customer look-up.
     */
    static final double NAME_LOOKUP_MICROS = 14;
    static final double SET_BUILD_MICROS = 2;
    static final double WALK_SET_MICROS = 1;
    static final double WALK_CHECK_MICROS = 11;

    private final Database database;

    private final int sortMatchesMax;
    /** The plan every name search {@link #nameWalk} applies to takes, or null to choose by cost. */
    private final NamePlan namePlan;

    public CustomerSearchService(Database database) {
        this(database, SORT_MATCHES_MAX);
    }

    /**
     * With another threshold between sorting the matches and walking the sort index: tests use 0
     * to walk always, as every broad search does on a large book.
     */
    public CustomerSearchService(Database database, int sortMatchesMax) {
        this(database, sortMatchesMax, null);
    }

    /** With one {@link NamePlan} for every name search it applies to (tests: each plan must give the same rows). */
    CustomerSearchService(Database database, int sortMatchesMax, NamePlan namePlan) {
        this.database = database;
        this.sortMatchesMax = sortMatchesMax;
        this.namePlan = namePlan;
    }

    /**
     * The first page. Its total is filled only when the search knows it anyway (see
     * {@link CustomerPage}); otherwise ask {@link #count} once the rows are shown.
     */
    public CustomerPage search(Session session, CustomerQuery query) {
        return page(session, query, null);
    }

    /** The page after {@code cursor}; its total is never counted. */
    public CustomerPage next(Session session, CustomerQuery query, PageCursor cursor) {
        return page(session, query, cursor);
    }

    /**
     * The number of matches, counted no further than {@link #COUNT_CAP}. A separate call, so the
     * screen shows the first rows before the count: on a large book counting a broad search costs
     * more than reading its first page.
     */
    public CustomerPage.Count count(Session session, CustomerQuery query) {
        session.require(Permission.CUSTOMER_VIEW);
        DSLContext dsl = database.dsl();
        // a count needs no order: any index that starts with the filter value will do; a name
        // alone is counted from the name index, which stops at the cap
        SortIndex walk = accountFilters(query) == 1 ? nameWalk(query.sortedBy(CustomerQuery.SortKey.SCORE, false)) : null;
        NamePlan plan = walk == null ? NamePlan.NAME_INDEX : namePlan(dsl, query, COUNT_CAP + 1);
        long matches = plan == NamePlan.NAME_INDEX ? countUpTo(dsl, query, COUNT_CAP)
                : dsl.fetchCount(dsl.select(ACCOUNT.ID).from(useIndex(walk))
                        .where(accountConditions(query)).and(customerCheck(query, plan)).limit(COUNT_CAP + 1));
        return new CustomerPage.Count(Math.min(matches, COUNT_CAP), matches > COUNT_CAP);
    }

    /** The rule codes the "rule hit" filter offers: every rule of any rule set, by code. */
    public List<String> ruleCodes(Session session) {
        session.require(Permission.CUSTOMER_VIEW);
        return database.dsl().selectDistinct(RULE.RULE_CODE).from(RULE).orderBy(RULE.RULE_CODE).fetch(RULE.RULE_CODE);
    }

    private CustomerPage page(Session session, CustomerQuery query, PageCursor cursor) {
        session.require(Permission.CUSTOMER_VIEW);
        DSLContext dsl = database.dsl();
        Condition where = conditions(query);
        Field<?> sortField = sortField(query.sort());
        long total = CustomerPage.NOT_COUNTED;
        boolean sortIndexDriven = false;
        boolean walkable = nameWalk(query) != null;
        NamePlan plan = walkable ? namePlan(dsl, query, PAGE_SIZE + 1) : NamePlan.NAME_INDEX;
        if (plan != NamePlan.NAME_INDEX) {
            // a name too common to read all its customers: walk the sort index (the filter value's part of it)
            sortIndexDriven = true;
        } else if (walkable && namePlan == null) {
            // a name rare enough to read all its customers (the cost model says so): no probe, the
            // page reads them once and sorts; the count follows if the page does not hold them all
            return sortedNameMatches(dsl, query, where, sortField, cursor, total);
        } else if (!query.textKind().exactLookup()) {
            // a name prefix or filters alone may match most of the book: when there are too many
            // matches to sort, walk the sort column's index instead; the probe stops at the
            // threshold, and below it is the exact count
            // a city tier is never rare (the smallest holds 3 % of customers): the probe leaves it
            // out and counts accounts alone, an index range; a customer check per account would
            // cost more than the page. Few accounts: then few matches, sorted (and not counted
            // here); many: the walk checks the tier on its way.
            boolean tierOnly = query.textKind() == CustomerQuery.TextKind.NONE && !query.cityTiers().isEmpty();
            CustomerQuery probe = tierOnly ? query.withoutCityTiers() : query;
            long matches = countUpTo(dsl, probe, sortMatchesMax);
            sortIndexDriven = matches > sortMatchesMax;
            if (!sortIndexDriven && matches <= COUNT_CAP && !tierOnly) {
                total = matches;
            }
        }
        Table<?> account = ACCOUNT;
        List<Field<?>> leading = List.of();
        Condition page = where;
        if (sortIndexDriven) {
            SortIndex index = sortIndex(query);
            account = useIndex(index);
            leading = index.leading();
            // the customer's tier and name are checked in the small (ID, tier, name) index, not the
            // wide customer rows, or against the name's customer ids (see NamePlan)
            page = accountConditions(query);
            if (hasCustomerConditions(query)) {
                page = page.and(customerCheck(query, plan));
            }
        } else if (nameWithAccountFilters(query)) {
            return sortedNameMatches(dsl, query, where, sortField, cursor, total);
        }
        if (cursor != null) {
            page = page.and(after(sortField, query.descending(), cursor));
        }
        List<SortField<?>> order = new ArrayList<>();
        for (Field<?> f : leading) {
            order.add(query.descending() ? f.desc() : f.asc());
        }
        order.add(query.descending() ? sortField.desc().nullsLast() : sortField.asc().nullsFirst());
        order.add(query.descending() ? ACCOUNT.ID.desc() : ACCOUNT.ID.asc());
        List<Record> records = new ArrayList<>(dsl.select(columns())
                .from(account).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID))
                .where(page)
                .orderBy(order)
                .limit(PAGE_SIZE + 1)
                .fetch());
        return toPage(records, sortField, cursor, total);
    }

    /** The few matches of a name search (with any filters), read from the name index and sorted. */
    private static CustomerPage sortedNameMatches(DSLContext dsl, CustomerQuery query, Condition where, Field<?> sortField,
            PageCursor cursor, long total) {
        Condition page = cursor == null ? where : where.and(after(sortField, query.descending(), cursor));
        List<SortField<?>> order = List.of(query.descending() ? sortField.desc().nullsLast() : sortField.asc().nullsFirst(),
                query.descending() ? ACCOUNT.ID.desc() : ACCOUNT.ID.asc());
        // the page's ids first, then their rows: sorting the matches needs their accounts, not
        // the wide customer rows, which only the page's rows fetch
        List<Long> ids = dsl.select(ACCOUNT.ID)
                .from(CUSTOMER_BY_NAME).join(ACCOUNT_BY_CUSTOMER).on(ACCOUNT.CUSTOMER_ID.eq(CUSTOMER.ID))
                .where(page)
                .orderBy(order)
                .limit(PAGE_SIZE + 1)
                .fetch(ACCOUNT.ID);
        List<Record> records = ids.isEmpty() ? new ArrayList<>() : new ArrayList<>(dsl.select(columns())
                .from(ACCOUNT).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID))
                .where(ACCOUNT.ID.in(ids))
                .orderBy(order)
                .fetch());
        return toPage(records, sortField, cursor, total);
    }

    private static CustomerPage toPage(List<Record> records, Field<?> sortField, PageCursor cursor, long total) {
        boolean more = records.size() > PAGE_SIZE;
        if (more) {
            records.remove(PAGE_SIZE);
        }
        List<CustomerRow> rows = records.stream().map(CustomerSearchService::row).toList();
        PageCursor next = null;
        if (more) {
            Record last = records.get(records.size() - 1);
            next = new PageCursor(last.get(sortField), last.get(ACCOUNT.ID));
        } else if (cursor == null) {
            total = rows.size(); // the first page holds every match
        }
        return new CustomerPage(rows, next, cursor == null ? total : CustomerPage.NOT_COUNTED, false);
    }

    /**
     * Matches, counted no further than {@code cap + 1}, so the count costs at most cap + 1 rows.
     * Without conditions on the customer the count reads accounts alone (the join adds a
     * customer lookup per account and cannot change the number: every account has its customer).
     */
    private static long countUpTo(DSLContext dsl, CustomerQuery query, int cap) {
        Condition customer = customerConditions(query, CUSTOMER);
        // a name: H2 starts from the name index (a per-account customer check would visit every account)
        var matches = query.textKind() == CustomerQuery.TextKind.NAME
                ? dsl.select(ACCOUNT.ID).from(CUSTOMER_BY_NAME).join(ACCOUNT_BY_CUSTOMER).on(ACCOUNT.CUSTOMER_ID.eq(CUSTOMER.ID))
                        .where(accountConditions(query)).and(customer)
                // an exact term (phone, last four, ID number): H2 starts from that term's index
                : query.textKind().exactLookup() && query.textKind() != CustomerQuery.TextKind.ACCOUNT_NO
                ? dsl.select(ACCOUNT.ID).from(ACCOUNT).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID))
                        .where(accountConditions(query)).and(customer)
                : hasCustomerConditions(query)
                ? dsl.select(ACCOUNT.ID).from(ACCOUNT).where(accountConditions(query)).and(customerMatches(query))
                : dsl.select(ACCOUNT.ID).from(ACCOUNT).where(accountConditions(query));
        return dsl.fetchCount(matches.limit(cap + 1));
    }

    private static Table<?> useIndex(SortIndex index) {
        return DSL.table("{0} USE INDEX ({1})", ACCOUNT, index.index() == null ? DSL.sql("") : index.index().getUnqualifiedName());
    }

    /**
     * The index a name search can walk instead of reading every customer of the name: the sort
     * column's own index when the name is all there is, or, with one account filter that is a
     * single band, bucket or status, the index that filter value leads for the sort column; and
     * nothing else (no tier, thin file or rule) thins the walk out. Otherwise null.
     */
    static SortIndex nameWalk(CustomerQuery q) {
        if (q.textKind() != CustomerQuery.TextKind.NAME || !q.cityTiers().isEmpty() || q.thinFile() != null
                || (q.ruleCode() != null && !q.ruleCode().isBlank())) {
            return null;
        }
        int filters = accountFilters(q);
        SortIndex index = sortIndex(q);
        return filters == 0 || (filters == 1 && !index.leading().isEmpty()) ? index : null;
    }

    /** How many band, bucket and status values the query filters on. */
    private static int accountFilters(CustomerQuery q) {
        return q.statuses().size() + q.scoreBands().size() + q.delinquencyBuckets().size();
    }

    /** The plan for a name search that {@link #nameWalk} can walk, to find {@code wanted} matches. */
    private NamePlan namePlan(DSLContext dsl, CustomerQuery query, int wanted) {
        if (namePlan != null) {
            return namePlan;
        }
        long accounts = dsl.fetchCount(ACCOUNT); // H2 answers this from the table's row count
        // counted in the name index alone, no further than where the answer can no longer change
        long customers = dsl.fetchCount(dsl.selectOne().from(NAMED_BY_NAME).where(customerConditions(query, NAMED))
                .limit(checkBeatsSetFrom(accounts, wanted)));
        return cheapest(customers, accounts, wanted);
    }

    /**
     * The cheapest plan to find {@code wanted} matches of a name borne by {@code customers}
     * customers among {@code accounts} accounts (about one account each): reading the name costs
     * in proportion to its customers; a walk passes about wanted × accounts ÷ customers entries
     * (the name's share of the filter value's accounts is its share of the book) and at most all.
     */
    static NamePlan cheapest(long customers, long accounts, int wanted) {
        double walked = customers == 0 ? accounts : Math.min(accounts, (double) wanted * accounts / customers);
        double byName = NAME_LOOKUP_MICROS * customers;
        double bySet = SET_BUILD_MICROS * customers + WALK_SET_MICROS * walked;
        double byCheck = WALK_CHECK_MICROS * walked;
        if (byName <= bySet && byName <= byCheck) {
            return NamePlan.NAME_INDEX;
        }
        return bySet <= byCheck ? NamePlan.CUSTOMER_SET : NamePlan.CUSTOMER_CHECK;
    }

    /** From this many customers on, looking customers up costs less than building their set (and reading the name more still). */
    static long checkBeatsSetFrom(long accounts, int wanted) {
        return (long) Math.ceil(Math.sqrt((WALK_CHECK_MICROS - WALK_SET_MICROS) * wanted * accounts / SET_BUILD_MICROS)) + 1;
    }

    /** The account's customer meets the query's customer conditions, the way {@code plan} checks it on a walk. */
    private static Condition customerCheck(CustomerQuery query, NamePlan plan) {
        // the set holds the name's customers; a walk plan is chosen only without other customer conditions
        return plan == NamePlan.CUSTOMER_SET
                ? ACCOUNT.CUSTOMER_ID.in(DSL.select(NAMED.ID).from(NAMED_BY_NAME).where(customerConditions(query, NAMED)))
                : customerMatches(query);
    }

    /** The account's customer meets the query's customer conditions, checked in the (ID, tier, name) index. */
    private static Condition customerMatches(CustomerQuery query) {
        return DSL.exists(DSL.selectOne().from(CUSTOMER_FILTERS)
                .where(MATCH.ID.eq(ACCOUNT.CUSTOMER_ID)).and(customerConditions(query, MATCH)));
    }

    /** A name prefix with filters on the account (band, status …): read from the name index, see {@link #CUSTOMER_BY_NAME}. */
    private static boolean nameWithAccountFilters(CustomerQuery q) {
        return q.textKind() == CustomerQuery.TextKind.NAME && (!q.statuses().isEmpty() || !q.scoreBands().isEmpty()
                || !q.delinquencyBuckets().isEmpty() || q.thinFile() != null || q.ruleCode() != null);
    }

    /** Whether the query says anything about the customer row (a search text other than an account number, or a city tier). */
    static boolean hasCustomerConditions(CustomerQuery q) {
        return !q.cityTiers().isEmpty()
                || (q.textKind() != CustomerQuery.TextKind.NONE && q.textKind() != CustomerQuery.TextKind.ACCOUNT_NO);
    }

    /**
     * The index a many-match page walks: the sort column's (value, id) index, or, when the one
     * band or bucket filtered on decides the sort column (bands are score ranges, buckets DPD
     * ranges), the (band, score, id) or (bucket, dpd, id) index, so "band E by score, highest
     * first" does not pass over every A to D account first; one band sorted by limit walks
     * (band, limit, id), the band's part of the limit order (a name search walks it too, see
     * {@link NamePlan}). A null index is the primary key.
     */
    record SortIndex(Index index, List<Field<?>> leading) {
    }

    static SortIndex sortIndex(CustomerQuery q) {
        // one delinquency bucket or status filtered on: walk that value's part of a (filter, sort
        // column) index, so "DPD90P by score, highest first" or "frozen by balance" do not pass
        // over the many accounts of other buckets or statuses that come first in the sort order
        boolean bucket = q.delinquencyBuckets().size() == 1;
        boolean status = q.statuses().size() == 1;
        return switch (q.sort()) {
            case ACCOUNT -> bucket ? new SortIndex(Indexes.IX_ACCOUNT_BUCKET_ID, List.of(ACCOUNT.DELINQUENCY_BUCKET))
                    : status ? new SortIndex(Indexes.IX_ACCOUNT_STATUS_ID, List.of(ACCOUNT.STATUS))
                    : new SortIndex(null, List.of());
            case CREDIT_LIMIT -> bucket ? new SortIndex(Indexes.IX_ACCOUNT_BUCKET_LIMIT, List.of(ACCOUNT.DELINQUENCY_BUCKET))
                    : status ? new SortIndex(Indexes.IX_ACCOUNT_STATUS_LIMIT, List.of(ACCOUNT.STATUS))
                    : q.scoreBands().size() == 1 ? new SortIndex(Indexes.IX_ACCOUNT_BAND_LIMIT, List.of(ACCOUNT.SCORE_BAND))
                    : new SortIndex(Indexes.IX_ACCOUNT_LIMIT_ID, List.of());
            case BALANCE -> bucket ? new SortIndex(Indexes.IX_ACCOUNT_BUCKET_BALANCE, List.of(ACCOUNT.DELINQUENCY_BUCKET))
                    : status ? new SortIndex(Indexes.IX_ACCOUNT_STATUS_BALANCE, List.of(ACCOUNT.STATUS))
                    : new SortIndex(Indexes.IX_ACCOUNT_BALANCE_ID, List.of());
            case SCORE -> bucket ? new SortIndex(Indexes.IX_ACCOUNT_BUCKET_SCORE, List.of(ACCOUNT.DELINQUENCY_BUCKET))
                    : status ? new SortIndex(Indexes.IX_ACCOUNT_STATUS_SCORE, List.of(ACCOUNT.STATUS))
                    : q.scoreBands().size() == 1 ? new SortIndex(Indexes.IX_ACCOUNT_BAND_SCORE_ID, List.of(ACCOUNT.SCORE_BAND))
                    : new SortIndex(Indexes.IX_ACCOUNT_SCORE_ID, List.of());
            case DAYS_PAST_DUE -> bucket ? new SortIndex(Indexes.IX_ACCOUNT_BUCKET_DPD_ID, List.of(ACCOUNT.DELINQUENCY_BUCKET))
                    : new SortIndex(Indexes.IX_ACCOUNT_DPD_ID, List.of());
        };
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
}
