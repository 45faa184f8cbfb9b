package dev.riskdesk.customers;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.customers.CustomerQuery.SortKey;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.EngineResolver;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.security.AccessDeniedException;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestSessions;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
@ExtendWith(EngineResolver.class)
class CustomerSearchServiceTest {
    static final int ACCOUNTS = 257;
    static final String[] BANDS = {"A", "B", "C", "D", "E"};
    static final String[] BUCKETS = {"CURRENT", "CURRENT", "CURRENT", "DPD1_30", "DPD90P"};

    @TempDir
    static Path dir;
    static Database db;
    static CustomerSearchService search;

    static final Session AGENT = TestSessions.of(1, "agent", "A", Role.AGENT,
            EnumSet.of(Permission.CUSTOMER_VIEW, Permission.PII_REVEAL_CONTACT));
    static final Session RISK = TestSessions.of(2, "risk", "R", Role.RISK_OPERATOR,
            EnumSet.of(Permission.CUSTOMER_VIEW, Permission.PII_REVEAL_CONTACT, Permission.PII_REVEAL_ID_NUMBER));

    @BeforeAll
    static void book(TestDatabases.Engine engine) {
        db = engine.fresh(dir);
        search = new CustomerSearchService(db);
        db.dsl().execute("INSERT INTO OPERATOR (ID, USERNAME, DISPLAY_NAME, ROLE_CODE, PASSWORD_HASH, CREATED_AT) VALUES"
                + " (1, 'agent', 'A', 'AGENT', 'x', CURRENT_TIMESTAMP), (2, 'risk', 'R', 'RISK_OPERATOR', 'x', CURRENT_TIMESTAMP)");
        db.transaction(tx -> {
            for (int i = 1; i <= ACCOUNTS; i++) {
                String phone = "138" + String.format("%08d", i * 7919L % 100_000_000L);
                tx.insertInto(CUSTOMER)
                        .set(CUSTOMER.ID, (long) i)
                        .set(CUSTOMER.CUSTOMER_NO, String.format("C%010d", i))
                        .set(CUSTOMER.FULL_NAME, (i % 3 == 0 ? "张" : i % 3 == 1 ? "王" : "欧阳") + "测" + i)
                        .set(CUSTOMER.GENDER, i % 2 == 0 ? "M" : "F")
                        .set(CUSTOMER.BIRTH_DATE, LocalDate.of(1990, 1, 1))
                        .set(CUSTOMER.PHONE, phone)
                        .set(CUSTOMER.PHONE_LAST4, phone.substring(7))
                        .set(CUSTOMER.ID_NUMBER, String.format("1101011990%08d", i))
                        .set(CUSTOMER.CITY, "北京")
                        .set(CUSTOMER.CITY_TIER, 1 + i % 4)
                        .set(CUSTOMER.INCOME_BAND, "I3")
                        .set(CUSTOMER.OCCUPATION, "职员")
                        .set(CUSTOMER.REGISTERED_AT, LocalDateTime.of(2024, 1, 1, 0, 0))
                        .set(CUSTOMER.REAL_NAME_VERIFIED, true)
                        .execute();
                tx.insertInto(ACCOUNT)
                        .set(ACCOUNT.ID, (long) i)
                        .set(ACCOUNT.ACCOUNT_NO, String.format("A%010d", i))
                        .set(ACCOUNT.CUSTOMER_ID, (long) i)
                        .set(ACCOUNT.PRODUCT, "CREDIT_PAY")
                        .set(ACCOUNT.OPENED_AT, LocalDateTime.of(2024, 1, 1, 0, 0))
                        .set(ACCOUNT.STATUS, i % 10 == 0 ? AccountStatus.SUSPENDED : AccountStatus.ACTIVE)
                        .set(ACCOUNT.CREDIT_LIMIT, BigDecimal.valueOf(1000 * (i % 20 + 1), 0).setScale(2))
                        .set(ACCOUNT.AVAILABLE_AMOUNT, BigDecimal.valueOf(500).setScale(2))
                        .set(ACCOUNT.OUTSTANDING_BALANCE, BigDecimal.valueOf(i).setScale(2))
                        .set(ACCOUNT.DELINQUENCY_BUCKET, BUCKETS[i % 5])
                        // every seventh account has no score yet: nulls must page correctly too
                        .set(ACCOUNT.SCORE, i % 7 == 0 ? null : 500 + i % 37)
                        .set(ACCOUNT.SCORE_BAND, i % 7 == 0 ? null : BANDS[i % 5])
                        .set(ACCOUNT.THIN_FILE, i % 11 == 0)
                        .execute();
            }
        });
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void findsByEachKindOfTerm() {
        CustomerRow one = search.search(AGENT, CustomerQuery.text("A0000000042")).rows().get(0);
        assertEquals(42, one.accountId());
        String phone = db.dsl().select(CUSTOMER.PHONE).from(CUSTOMER).where(CUSTOMER.ID.eq(42L)).fetchOne().value1();
        assertEquals(List.of(42L), ids(search.search(AGENT, CustomerQuery.text(phone))));
        assertTrue(ids(search.search(AGENT, CustomerQuery.text(phone.substring(7)))).contains(42L));
        assertEquals(List.of(42L), ids(search.search(AGENT, CustomerQuery.text("110101199000000042"))));
        assertEquals(List.of(42L), ids(search.search(AGENT, CustomerQuery.text("c0000000042"))));
        CustomerPage byName = search.search(AGENT, CustomerQuery.text("欧阳"));
        assertEquals(ACCOUNTS / 3 + (ACCOUNTS % 3 == 2 ? 1 : 0), search.count(AGENT, CustomerQuery.text("欧阳")).total());
        assertTrue(byName.rows().stream().allMatch(r -> r.maskedName().startsWith("欧")));
        // a name is a prefix: the whole name finds the one customer, a name that merely
        // contains the text does not match, and % or _ typed by the operator are literal
        assertEquals(1, search.search(AGENT, CustomerQuery.text("王测4")).rows().stream()
                .filter(r -> r.accountId() == 4).count());
        assertEquals(0, search.search(AGENT, CustomerQuery.text("测4")).total());
        assertEquals(0, search.search(AGENT, CustomerQuery.text("王%")).total());
        assertEquals(0, search.count(AGENT, CustomerQuery.text("王_4")).total());
    }

    @Test
    void personalDataLeavesTheServiceMasked() {
        CustomerRow row = search.search(RISK, CustomerQuery.text("A0000000042")).rows().get(0);
        assertEquals("张**2", row.maskedName());
        assertTrue(row.maskedPhone().matches("138\\*{4}\\d{4}"), row.maskedPhone());
        assertEquals("110***********0042", row.maskedIdNumber());
    }

    @Test
    void filtersCombine() {
        CustomerQuery q = new CustomerQuery("", Set.of(AccountStatus.ACTIVE), Set.of("A", "B"), null, Set.of(1, 2),
                Set.of("CURRENT"), false, SortKey.ACCOUNT, false);
        List<CustomerRow> rows = all(AGENT, q);
        assertFalse(rows.isEmpty());
        for (CustomerRow r : rows) {
            long i = r.accountId();
            assertTrue(i % 10 != 0 && i % 7 != 0 && i % 11 != 0 && (i % 5 == 0 || i % 5 == 1) && 1 + i % 4 <= 2
                    && BUCKETS[(int) (i % 5)].equals("CURRENT"), "account " + i);
        }
        long expected = java.util.stream.LongStream.rangeClosed(1, ACCOUNTS).filter(i -> i % 10 != 0 && i % 7 != 0 && i % 11 != 0
                && (i % 5 == 0 || i % 5 == 1) && 1 + i % 4 <= 2 && BUCKETS[(int) (i % 5)].equals("CURRENT")).count();
        assertEquals(expected, rows.size());
    }

    @Test
    void keysetPagesCoverEveryRowOnceInOrderWithTiesAndNulls() {
        for (boolean desc : new boolean[] {false, true}) {
            CustomerQuery q = CustomerQuery.text("").sortedBy(SortKey.SCORE, desc);
            List<CustomerRow> rows = all(RISK, q);
            assertEquals(ACCOUNTS, rows.size());
            assertEquals(ACCOUNTS, new HashSet<>(ids(rows)).size(), "no row twice");
            Comparator<CustomerRow> byScore = Comparator.comparing(CustomerRow::score, Comparator.nullsFirst(Comparator.naturalOrder()));
            Comparator<CustomerRow> order = byScore.thenComparing(CustomerRow::accountId);
            if (desc) {
                order = Comparator.comparing(CustomerRow::score, Comparator.nullsFirst(Comparator.<Integer>naturalOrder()).reversed())
                        .thenComparing(CustomerRow::accountId, Comparator.reverseOrder());
                // descending puts unscored accounts last
                assertNull(rows.get(rows.size() - 1).score());
            }
            List<CustomerRow> sorted = new ArrayList<>(rows);
            sorted.sort(order);
            assertEquals(ids(sorted), ids(rows), "desc=" + desc);
        }
    }

    @Test
    void ruleHitFilterFindsAccountsWithAnOpenHit() {
        // a rule set of its own beside the one a new database is seeded with
        db.dsl().execute("INSERT INTO RULE_SET (ID, VERSION_NO, STATUS, CREATED_AT) VALUES (901, 901, 'RETIRED', CURRENT_TIMESTAMP)");
        db.dsl().execute("INSERT INTO RULE (RULE_SET_ID, RULE_CODE, DESCRIPTION_ZH, DESCRIPTION_EN, SEVERITY, ACTION, PARAMETERS, FEEDS)"
                + " VALUES (901, 'MULTI_LENDING', '多头借贷', 'Multi-lending', 'HIGH', 'DECREASE', '{}', 'INQUIRIES')");
        db.dsl().execute("INSERT INTO RULE_HIT (ACCOUNT_ID, RULE_SET_ID, RULE_CODE, HIT_AT, SEVERITY, ACTION, EVIDENCE, FEED_AS_OF, OPEN_FLAG)"
                + " VALUES (5, 901, 'MULTI_LENDING', CURRENT_TIMESTAMP, 'HIGH', 'DECREASE', '[]', '{}', TRUE),"
                + " (6, 901, 'MULTI_LENDING', CURRENT_TIMESTAMP, 'HIGH', 'DECREASE', '[]', '{}', FALSE)");
        CustomerQuery q = new CustomerQuery("", null, null, "MULTI_LENDING", null, null, null, SortKey.ACCOUNT, false);
        assertEquals(List.of(5L), ids(search.search(RISK, q)));
    }

    @Test
    void revealNeedsPermissionAndReasonAndIsAudited() {
        PersonalDataService pii = new PersonalDataService(db, new AuditLog(Clock.systemDefaultZone()));
        assertThrows(AccessDeniedException.class,
                () -> pii.reveal(AGENT, 42, Set.of(PersonalDataService.Field.ID_NUMBER), "customer called"));
        assertThrows(UserFacingException.class, () -> pii.reveal(AGENT, 42, Set.of(PersonalDataService.Field.PHONE), " "));
        Map<PersonalDataService.Field, String> shown = pii.reveal(AGENT, 42, Set.of(PersonalDataService.Field.NAME), "customer called in");
        assertEquals("张测42", shown.get(PersonalDataService.Field.NAME));
        assertEquals(1, db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("PII_REVEALED")
                .and(AUDIT_EVENT.ENTITY_ID.eq("42")).and(AUDIT_EVENT.REASON.eq("customer called in"))));
        assertEquals("110101199000000042",
                pii.reveal(RISK, 42, Set.of(PersonalDataService.Field.ID_NUMBER), "identity check").get(PersonalDataService.Field.ID_NUMBER));
    }

    @Test
    void walkingTheSortIndexGivesTheSamePagesAsSortingTheMatches() {
        // the test book is small, so the service sorts the matches; with a threshold of 0 it
        // walks the sort column's index as it does for a name or filter matching much of a large book
        CustomerSearchService walking = new CustomerSearchService(db, 0);
        List<CustomerQuery> queries = new ArrayList<>();
        for (SortKey key : SortKey.values()) {
            for (boolean desc : new boolean[] {false, true}) {
                queries.add(CustomerQuery.text("").sortedBy(key, desc));
                queries.add(CustomerQuery.text("王").sortedBy(key, desc));
                queries.add(new CustomerQuery("欧阳", null, Set.of("C"), null, Set.of(1, 3), null, null, key, desc));
                queries.add(new CustomerQuery("", Set.of(AccountStatus.ACTIVE), Set.of("A", "E"), null, null, Set.of("CURRENT", "DPD90P"), false, key, desc));
                queries.add(new CustomerQuery("", null, Set.of("B"), null, null, Set.of("CURRENT"), null, key, desc));
                // one status alone, one bucket with thin file: where a (value, sort column) index exists, the walk stays in that value's part
                queries.add(new CustomerQuery("", Set.of(AccountStatus.ACTIVE), null, null, null, null, null, key, desc));
                queries.add(new CustomerQuery("", null, null, null, null, Set.of("CURRENT"), false, key, desc));
            }
        }
        for (CustomerQuery q : queries) {
            List<CustomerRow> sorted = all(RISK, q);
            assertFalse(sorted.isEmpty(), q.toString());
            assertEquals(ids(sorted), ids(all(walking, RISK, q)), q.toString());
            assertEquals(search.count(RISK, q), walking.count(RISK, q), q.toString());
        }
    }

    @Test
    void everyPlanOfANameAloneOrWithOneFilterGivesExactlyTheMatchingRowsInOrder() {
        // the plans a name search alone or with one band, bucket or status can take, and the choice by
        // cost: each must give every matching account once, in order, page after page, and the
        // same count; the expected rows come from the fixture's own rules, not from a plan
        List<CustomerSearchService> services = new ArrayList<>(List.of(search));
        for (NamePlan plan : NamePlan.values()) {
            services.add(new CustomerSearchService(db, CustomerSearchService.SORT_MATCHES_MAX, plan));
        }
        List<CustomerQuery> queries = new ArrayList<>();
        for (boolean desc : new boolean[] {false, true}) {
            for (SortKey key : SortKey.values()) {
                queries.add(new CustomerQuery("王", null, Set.of("C"), null, null, null, null, key, desc));
                queries.add(new CustomerQuery("欧阳", null, null, null, null, Set.of("CURRENT"), null, key, desc));
                queries.add(new CustomerQuery("张", Set.of(AccountStatus.SUSPENDED), null, null, null, null, null, key, desc));
                queries.add(new CustomerQuery("王", null, null, null, null, null, null, key, desc));
            }
            // a bucket no account is in, and a prefix longer than the surname
            queries.add(new CustomerQuery("张", null, null, null, null, Set.of("DPD31_60"), null, SortKey.CREDIT_LIMIT, desc));
            queries.add(new CustomerQuery("王测1", null, Set.of("E"), null, null, null, null, SortKey.CREDIT_LIMIT, desc));
        }
        for (CustomerQuery q : queries) {
            List<Long> expected = expected(q);
            for (CustomerSearchService service : services) {
                List<CustomerRow> rows = all(service, RISK, q);
                assertEquals(expected, ids(rows), q.toString());
                assertEquals(Math.min(expected.size(), CustomerSearchService.COUNT_CAP), service.count(RISK, q).total(), q.toString());
            }
        }
        assertTrue(queries.stream().anyMatch(q -> expected(q).size() > CustomerSearchService.PAGE_SIZE / 2), "some query pages");
    }

    @Test
    void theCheapestPlanFollowsHowCommonTheNameIs() {
        long book = 1_000_000;
        int page = CustomerSearchService.PAGE_SIZE + 1;
        assertEquals(NamePlan.NAME_INDEX, NamePlan.cheapest(0, book, page));
        assertEquals(NamePlan.NAME_INDEX, NamePlan.cheapest(1_300, book, page));
        assertEquals(NamePlan.CUSTOMER_SET, NamePlan.cheapest(6_500, book, page));
        assertEquals(NamePlan.CUSTOMER_CHECK, NamePlan.cheapest(94_000, book, page));
        // counting past this number of customers cannot change the choice
        long from = NamePlan.checkBeatsSetFrom(book, page);
        assertEquals(NamePlan.CUSTOMER_CHECK, NamePlan.cheapest(from, book, page));
        assertEquals(NamePlan.CUSTOMER_SET, NamePlan.cheapest(from / 2, book, page));
        // the walk applies to a name alone or with one filter value, and nothing else
        assertNotNull(SortIndex.nameWalk(CustomerQuery.text("王")));
        assertNotNull(SortIndex.nameWalk(CustomerQuery.text("王").sortedBy(SortKey.BALANCE, true)));
        assertNull(SortIndex.nameWalk(CustomerQuery.text("13812345678")));
        assertNotNull(SortIndex.nameWalk(new CustomerQuery("王", null, Set.of("E"), null, null, null, null, SortKey.CREDIT_LIMIT, true)));
        assertNull(SortIndex.nameWalk(new CustomerQuery("王", null, Set.of("E", "D"), null, null, null, null, SortKey.CREDIT_LIMIT, true)));
        assertNull(SortIndex.nameWalk(new CustomerQuery("王", null, Set.of("E"), null, Set.of(1), null, null, SortKey.CREDIT_LIMIT, true)));
        assertNull(SortIndex.nameWalk(new CustomerQuery("王", null, Set.of("E"), null, null, null, true, SortKey.CREDIT_LIMIT, true)));
        assertNull(SortIndex.nameWalk(new CustomerQuery("王", null, Set.of("E"), null, null, null, null, SortKey.BALANCE, true)));
    }

    /** The accounts {@code q} must find in the fixture, in its order, from the rules the fixture was made by. */
    private static List<Long> expected(CustomerQuery q) {
        Comparator<Long> bySort = switch (q.sort()) {
            case ACCOUNT -> Comparator.comparingLong(i -> 0L);
            case CREDIT_LIMIT -> Comparator.comparingLong(i -> 1000L * (i % 20 + 1));
            case BALANCE -> Comparator.comparingLong(i -> i);
            case SCORE -> Comparator.comparingLong(i -> i % 7 == 0 ? Long.MIN_VALUE : 500 + i % 37);
            case DAYS_PAST_DUE -> Comparator.comparingLong(i -> 0L);
        };
        Comparator<Long> order = bySort.thenComparing(Comparator.naturalOrder());
        return java.util.stream.LongStream.rangeClosed(1, ACCOUNTS).boxed()
                .filter(i -> ((i % 3 == 0 ? "张" : i % 3 == 1 ? "王" : "欧阳") + "测" + i).startsWith(q.text()))
                .filter(i -> q.scoreBands().isEmpty() || (i % 7 != 0 && q.scoreBands().contains(BANDS[(int) (i % 5)])))
                .filter(i -> q.delinquencyBuckets().isEmpty() || q.delinquencyBuckets().contains(BUCKETS[(int) (i % 5)]))
                .filter(i -> q.statuses().isEmpty() || q.statuses().contains(i % 10 == 0 ? AccountStatus.SUSPENDED : AccountStatus.ACTIVE))
                .sorted(q.descending() ? order.reversed() : order)
                .toList();
    }

    @Test
    void theFirstPageCountsOnlyWhatItKnowsAndCountIsCappedAndExact() {
        // one page holds every match: the page says how many
        CustomerPage few = search.search(AGENT, CustomerQuery.text("A0000000042"));
        assertTrue(few.counted());
        assertEquals(1, few.total());
        // a search that walks an index for a many-match page does not count (the screen asks after)
        CustomerQuery broad = CustomerQuery.text("").sortedBy(SortKey.BALANCE, true);
        CustomerPage walked = new CustomerSearchService(db, 0).search(AGENT, broad);
        assertEquals(CustomerSearchService.PAGE_SIZE, walked.rows().size());
        assertFalse(walked.counted());
        assertEquals(new CustomerPage.Count(ACCOUNTS, false), search.count(AGENT, broad));
        // below the threshold the matches were read to be sorted: their number comes with the page
        CustomerPage sorted = search.search(AGENT, broad);
        assertTrue(sorted.counted());
        assertEquals(ACCOUNTS, sorted.total());
        assertEquals(CustomerPage.NOT_COUNTED, search.next(AGENT, broad, sorted.next()).total(), "later pages never count");
        // conditions on the customer (tier, name) count through the join, the same as the rows
        CustomerQuery tier = new CustomerQuery("王", null, Set.of("A"), null, Set.of(2), null, null, SortKey.ACCOUNT, false);
        assertEquals(all(RISK, tier).size(), search.count(RISK, tier).total());
        assertFalse(all(RISK, tier).isEmpty());
    }

    @Test
    void theSearchTextIsReadAsTheKindOfTermItLooksLike() {
        assertEquals(CustomerQuery.TextKind.PHONE_LAST4, CustomerQuery.text("1234").textKind());
        assertEquals(CustomerQuery.TextKind.PHONE, CustomerQuery.text("13812345678").textKind());
        assertEquals(CustomerQuery.TextKind.ID_NUMBER, CustomerQuery.text("11010119900101123x").textKind());
        assertEquals(CustomerQuery.TextKind.ACCOUNT_NO, CustomerQuery.text("a0000000042").textKind());
        assertEquals(CustomerQuery.TextKind.ACCOUNT_NO, CustomerQuery.text("CP000000000008").textKind(), "as the generated book's lists show it");
        assertEquals(CustomerQuery.TextKind.ACCOUNT_NO, CustomerQuery.text("cl000000000123").textKind());
        assertEquals(CustomerQuery.TextKind.CUSTOMER_NO, CustomerQuery.text("C0000000042").textKind());
        assertEquals(CustomerQuery.TextKind.NAME, CustomerQuery.text("王").textKind());
        assertTrue(CustomerQuery.TextKind.PHONE_LAST4.exactLookup());
        assertFalse(CustomerQuery.TextKind.NAME.exactLookup());
        assertFalse(CustomerQuery.TextKind.NONE.exactLookup());
    }

    @Test
    void theSearchBenchmarkMeasuresEveryKindOfSearch() {
        SearchBenchmark.Result r = new SearchBenchmark(db, RISK).run(3, 7);
        assertEquals(ACCOUNTS, r.accounts());
        assertEquals(13, r.percentilesByKind().size(), r.percentilesByKind().keySet().toString());
        assertTrue(r.percentilesByKind().containsKey("surname+status or bucket, by limit"), r.percentilesByKind().keySet().toString());
        assertTrue(r.gaveUp().isEmpty(), "every kind answers quickly on a small book");
        for (double[] p : r.percentilesByKind().values()) {
            assertTrue(p[0] >= 0 && p[0] <= p[1] && p[1] <= p[2] && p[2] <= p[3], java.util.Arrays.toString(p));
        }
    }

    private static List<CustomerRow> all(Session session, CustomerQuery q) {
        return all(search, session, q);
    }

    private static List<CustomerRow> all(CustomerSearchService search, Session session, CustomerQuery q) {
        List<CustomerRow> rows = new ArrayList<>();
        CustomerPage page = search.search(session, q);
        rows.addAll(page.rows());
        while (page.next() != null) {
            page = search.next(session, q, page.next());
            rows.addAll(page.rows());
        }
        return rows;
    }

    private static List<Long> ids(CustomerPage page) {
        return ids(page.rows());
    }

    private static List<Long> ids(List<CustomerRow> rows) {
        return rows.stream().map(CustomerRow::accountId).toList();
    }
}
