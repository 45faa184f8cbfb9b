package dev.riskdesk.customers;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.common.Percentiles;
import dev.riskdesk.customers.CustomerQuery.SortKey;
import dev.riskdesk.db.Database;
import dev.riskdesk.security.BenchOperators;
import dev.riskdesk.security.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.Record4;
import org.jooq.impl.DSL;

/**
 * Measures search-to-first-rows on the book in the database, with terms an operator would type:
 * name prefixes, full phones, last four digits, ID numbers and account numbers of real
 * customers, plus filtered and sorted browsing.
 */
public final class SearchBenchmark {

    /**
     * Latency percentiles in milliseconds per kind of query: to the first rows (the floor), and
     * of the count the screen asks for after showing them (empty when every page counted itself).
     */
    public record Result(long accounts, int queriesPerKind, Map<String, double[]> percentilesByKind, double[] overall,
            Set<String> gaveUp, Map<String, double[]> countPercentilesByKind) {
    }

    private static final AccountStatus[] STATUSES = AccountStatus.values();
    private static final String[] BUCKETS = {"CURRENT", "DPD1_30", "DPD31_60", "DPD61_90", "DPD90P"};

    /** A kind whose warm-up query takes longer is not measured further; its one time is reported in every column. */
    public static final double GIVE_UP_MILLIS = 5_000;

    private final Database database;
    private final CustomerSearchService search;
    private final Session session;

    /** The searches of the demo risk operator, signed in with the demo password (as on a benchmark book). */
    public SearchBenchmark(Database database) {
        this(database, null);
    }

    /** The searches of {@code session} (a test's own operator); null signs the demo risk operator in. */
    public SearchBenchmark(Database database, Session session) {
        this.database = database;
        this.search = new CustomerSearchService(database);
        this.session = session;
    }

    public Result run(int queriesPerKind, long seed) {
        return run(queriesPerKind, seed, Set.of());
    }

    /** Runs only the kinds whose name contains one of {@code only} (all kinds when empty). */
    public Result run(int queriesPerKind, long seed, Set<String> only) {
        Session session = this.session != null ? this.session : BenchOperators.signIn(database, "risk");
        long accounts = database.dsl().fetchCount(ACCOUNT);
        if (accounts == 0) {
            throw new dev.riskdesk.common.UserFacingException("The database has no accounts to search; generate a portfolio first.");
        }
        long maxId = database.dsl().select(DSL.max(ACCOUNT.ID)).from(ACCOUNT).fetchOne(0, Long.class);
        Random random = new Random(seed);
        List<Record4<String, String, String, String>> samples = new ArrayList<>();
        while (samples.size() < queriesPerKind) {
            long id = 1 + (long) (random.nextDouble() * maxId);
            var r = database.dsl().select(CUSTOMER.FULL_NAME, CUSTOMER.PHONE, CUSTOMER.ID_NUMBER, ACCOUNT.ACCOUNT_NO)
                    .from(ACCOUNT).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID))
                    .where(ACCOUNT.ID.ge(id)).orderBy(ACCOUNT.ID).limit(1).fetchOne();
            if (r != null) {
                samples.add(r);
            }
        }
        Map<String, List<CustomerQuery>> kinds = new TreeMap<>();
        // a draw of its own, so the kinds above keep the queries they had before this kind was added
        Random limitFilters = new Random(seed + 1);
        for (var s : samples) {
            String name = s.value1();
            kinds.computeIfAbsent("surname", k -> new ArrayList<>()).add(CustomerQuery.text(name.substring(0, 1)));
            kinds.computeIfAbsent("name prefix", k -> new ArrayList<>()).add(CustomerQuery.text(name.substring(0, Math.min(2, name.length()))));
            kinds.computeIfAbsent("full name", k -> new ArrayList<>()).add(CustomerQuery.text(name));
            kinds.computeIfAbsent("phone", k -> new ArrayList<>()).add(CustomerQuery.text(s.value2()));
            kinds.computeIfAbsent("phone last 4", k -> new ArrayList<>()).add(CustomerQuery.text(s.value2().substring(7)));
            kinds.computeIfAbsent("ID number", k -> new ArrayList<>()).add(CustomerQuery.text(s.value3()));
            kinds.computeIfAbsent("account no", k -> new ArrayList<>()).add(CustomerQuery.text(s.value4()));
            String band = String.valueOf("ABCDE".charAt(random.nextInt(5)));
            kinds.computeIfAbsent("filter band+tier, by score", k -> new ArrayList<>()).add(new CustomerQuery("", null, Set.of(band), null,
                    Set.of(1 + random.nextInt(4)), null, null, SortKey.SCORE, true));
            kinds.computeIfAbsent("browse by balance", k -> new ArrayList<>()).add(CustomerQuery.text("").sortedBy(SortKey.BALANCE, true));
            SortKey sort = SortKey.values()[random.nextInt(SortKey.values().length)];
            boolean desc = random.nextBoolean();
            kinds.computeIfAbsent("filter status, any sort", k -> new ArrayList<>()).add(new CustomerQuery("",
                    Set.of(STATUSES[random.nextInt(STATUSES.length)]), null, null, null, null, null, sort, desc));
            kinds.computeIfAbsent("filter bucket+thin, any sort", k -> new ArrayList<>()).add(new CustomerQuery("", null, null, null,
                    null, Set.of(BUCKETS[random.nextInt(BUCKETS.length)]), random.nextBoolean(), sort, desc));
            kinds.computeIfAbsent("surname+band, by limit", k -> new ArrayList<>()).add(new CustomerQuery(name.substring(0, 1), null,
                    Set.of(band), null, null, null, null, SortKey.CREDIT_LIMIT, true));
            // walks that status's or bucket's part of its (value, limit) index: the reason those indexes stay (benchmarks.md)
            boolean byStatus = limitFilters.nextBoolean();
            kinds.computeIfAbsent("surname+status or bucket, by limit", k -> new ArrayList<>()).add(new CustomerQuery(name.substring(0, 1),
                    byStatus ? Set.of(STATUSES[limitFilters.nextInt(STATUSES.length)]) : null, null, null, null,
                    byStatus ? null : Set.of(BUCKETS[limitFilters.nextInt(BUCKETS.length)]), null, SortKey.CREDIT_LIMIT,
                    limitFilters.nextBoolean()));
        }
        if (!only.isEmpty()) {
            kinds.keySet().removeIf(kind -> only.stream().noneMatch(kind::contains));
        }
        // warm-up: the first queries pay for class loading and H2's page cache; a kind whose
        // warm-up query takes longer than GIVE_UP_MILLIS is reported as such, not measured
        Map<String, double[]> byKind = new TreeMap<>();
        List<String> gaveUp = new ArrayList<>();
        for (Map.Entry<String, List<CustomerQuery>> kind : kinds.entrySet()) {
            for (CustomerQuery q : kind.getValue().subList(0, Math.min(5, kind.getValue().size()))) {
                long start = System.nanoTime();
                search.search(session, q);
                double millis = (System.nanoTime() - start) / 1e6;
                if (millis > GIVE_UP_MILLIS) {
                    byKind.put(kind.getKey(), new double[] {millis, millis, millis, millis});
                    gaveUp.add(kind.getKey());
                    break;
                }
            }
        }
        List<Double> all = new ArrayList<>();
        Map<String, double[]> countsByKind = new TreeMap<>();
        for (Map.Entry<String, List<CustomerQuery>> kind : kinds.entrySet()) {
            if (byKind.containsKey(kind.getKey())) {
                continue;
            }
            double[] millis = new double[kind.getValue().size()];
            List<Double> counts = new ArrayList<>();
            int i = 0;
            for (CustomerQuery q : kind.getValue()) {
                long start = System.nanoTime();
                CustomerPage page = search.search(session, q);
                millis[i++] = (System.nanoTime() - start) / 1e6;
                all.add(millis[i - 1]);
                if (!page.counted()) {
                    // what the screen does next, off the first-rows path: count the matches
                    long countStart = System.nanoTime();
                    search.count(session, q);
                    counts.add((System.nanoTime() - countStart) / 1e6);
                }
            }
            byKind.put(kind.getKey(), Percentiles.of(millis));
            if (!counts.isEmpty()) {
                countsByKind.put(kind.getKey(), Percentiles.of(counts.stream().mapToDouble(Double::doubleValue).toArray()));
            }
        }
        if (all.isEmpty()) {
            all.add(Double.NaN);
        }
        return new Result(accounts, queriesPerKind, byKind, Percentiles.of(all.stream().mapToDouble(Double::doubleValue).toArray()),
                new TreeSet<>(gaveUp), countsByKind);
    }
}
