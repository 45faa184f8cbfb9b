package dev.riskdesk.customers;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.customers.SearchConditions.accountConditions;
import static dev.riskdesk.customers.SearchConditions.accountFilters;
import static dev.riskdesk.customers.SearchConditions.after;
import static dev.riskdesk.customers.SearchConditions.conditions;
import static dev.riskdesk.customers.SearchConditions.customerCheck;
import static dev.riskdesk.customers.SearchConditions.customerConditions;
import static dev.riskdesk.customers.SearchConditions.customerMatches;
import static dev.riskdesk.customers.SearchConditions.hasCustomerConditions;
import static dev.riskdesk.customers.SearchConditions.nameWithAccountFilters;
import static dev.riskdesk.customers.SearchConditions.sortField;
import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.RULE;

import dev.riskdesk.customers.CustomerPage.PageCursor;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.Indexes;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.PersonalDataMasker;
import dev.riskdesk.security.Session;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
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
    /**
     * H2 estimates a name prefix (a range) as broader than a band or status (an equality) and
     * would read, say, every band-C account to find a rare surname; a name search therefore
     * starts from the name index and finds each customer's accounts in the (customer, filters) index.
     */
    private static final Table<?> CUSTOMER_BY_NAME = IndexHint.table(CUSTOMER, Indexes.IX_CUSTOMER_NAME);
    private static final Table<?> ACCOUNT_BY_CUSTOMER = IndexHint.table(ACCOUNT, Indexes.IX_ACCOUNT_CUSTOMER_FILTERS);
    private final Database database;

    private final int sortMatchesMax;
    /** The plan every name search {@link SortIndex#nameWalk} applies to takes, or null to choose by cost. */
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
    @Requires(Permission.CUSTOMER_VIEW)
    public CustomerPage search(Session session, CustomerQuery query) {
        return page(session, query, null);
    }

    /** The page after {@code cursor}; its total is never counted. */
    @Requires(Permission.CUSTOMER_VIEW)
    public CustomerPage next(Session session, CustomerQuery query, PageCursor cursor) {
        return page(session, query, cursor);
    }

    /**
     * The number of matches, counted no further than {@link #COUNT_CAP}. A separate call, so the
     * screen shows the first rows before the count: on a large book counting a broad search costs
     * more than reading its first page.
     */
    @Requires(Permission.CUSTOMER_VIEW)
    public CustomerPage.Count count(Session session, CustomerQuery query) {
        session.require(Permission.CUSTOMER_VIEW);
        DSLContext dsl = database.dsl();
        if (query.matchesAll()) {
            // every account: the table's own row count, exact and cheap on any book size
            return new CustomerPage.Count(dsl.fetchCount(ACCOUNT), false);
        }
        // a count needs no order: any index that starts with the filter value will do; a name
        // alone is counted from the name index, which stops at the cap
        SortIndex walk = accountFilters(query) == 1 ? SortIndex.nameWalk(query.sortedBy(CustomerQuery.SortKey.SCORE, false)) : null;
        NamePlan plan = walk == null ? NamePlan.NAME_INDEX : namePlan(dsl, query, COUNT_CAP + 1);
        long matches = plan == NamePlan.NAME_INDEX ? countUpTo(dsl, query, COUNT_CAP)
                : dsl.fetchCount(dsl.select(ACCOUNT.ID).from(walk.table())
                        .where(accountConditions(query)).and(customerCheck(query, plan)).limit(COUNT_CAP + 1));
        return new CustomerPage.Count(Math.min(matches, COUNT_CAP), matches > COUNT_CAP);
    }

    /** The rule codes the "rule hit" filter offers: every rule of any rule set, by code. */
    @Requires(Permission.CUSTOMER_VIEW)
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
        boolean walkable = SortIndex.nameWalk(query) != null;
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
            SortIndex index = SortIndex.of(query);
            account = index.table();
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
        List<Record> records = new ArrayList<>(dsl.select(columns())
                .from(account).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID))
                .where(page)
                .orderBy(order(leading, sortField, query.descending()))
                .limit(PAGE_SIZE + 1)
                .fetch());
        return toPage(records, sortField, cursor, total);
    }

    /** The walked index's leading columns, then the sort column (nulls first ascending), then the id. */
    private static List<SortField<?>> order(List<Field<?>> leading, Field<?> sortField, boolean descending) {
        List<SortField<?>> order = new ArrayList<>();
        for (Field<?> f : leading) {
            order.add(descending ? f.desc() : f.asc());
        }
        order.add(descending ? sortField.desc().nullsLast() : sortField.asc().nullsFirst());
        order.add(descending ? ACCOUNT.ID.desc() : ACCOUNT.ID.asc());
        return order;
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

    /** The plan for a name search that {@link SortIndex#nameWalk} can walk, to find {@code wanted} matches. */
    private NamePlan namePlan(DSLContext dsl, CustomerQuery query, int wanted) {
        if (namePlan != null) {
            return namePlan;
        }
        long accounts = dsl.fetchCount(ACCOUNT); // H2 answers this from the table's row count
        // counted in the name index alone, no further than where the answer can no longer change
        long customers = dsl.fetchCount(dsl.selectOne().from(SearchConditions.NAMED_BY_NAME).where(customerConditions(query, SearchConditions.NAMED))
                .limit(NamePlan.checkBeatsSetFrom(accounts, wanted)));
        return NamePlan.cheapest(customers, accounts, wanted);
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

}
