package dev.riskdesk.portfolio;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.common.Money;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseInfo;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.impl.DSL;

/**
 * Key figures of the book for the overview screen: counts, exposure, utilisation, delinquency
 * and the freshness of each data feed. Read-only; every role that can sign in may see it.
 */
public final class PortfolioSummaryService {
    /** Account statuses in the order screens list them. */
    public static final List<AccountStatus> ACCOUNT_STATUSES = List.of(AccountStatus.values());
    /** Delinquency buckets from current to worst (ACCOUNT.DELINQUENCY_BUCKET check constraint). */
    public static final List<String> DELINQUENCY_BUCKETS = List.of("CURRENT", "DPD1_30", "DPD31_60", "DPD61_90", "DPD90P");
    /** Data feeds (DATA_FEED.CODE check constraint). */
    public static final List<String> FEEDS = List.of("BILLS", "REPAYMENTS", "TRANSACTIONS", "LOGINS", "INQUIRIES");

    private final Database database;
    private final Clock clock;

    public PortfolioSummaryService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** One delinquency bucket: how many open accounts and how much they owe. */
    public record BucketFigures(long accounts, BigDecimal balance) {
    }

    /**
     * One data feed. {@code lag} is measured against the business clock, so a feed that stopped
     * updating shows as lagging even when every other feed stopped too.
     */
    public record FeedStatus(String code, LocalDateTime asOf, Duration lag, int toleranceHours, boolean withinTolerance) {
    }

    /**
     * The figures. Limit, balance, utilisation and buckets count the active book only (every status
     * but CANCELLED and CHARGED_OFF); {@code utilisation} is balance / limit, 0 when there is no limit.
     */
    public record Summary(long customers,
                          long accounts,
                          Map<AccountStatus, Long> accountsByStatus,
                          BigDecimal totalLimit,
                          BigDecimal outstandingBalance,
                          double utilisation,
                          Map<String, BucketFigures> byBucket,
                          long dormantAccounts,
                          List<FeedStatus> feeds,
                          LocalDateTime dataAsOf,
                          LocalDateTime computedAt) {

        public long openAccounts() {
            return accounts - accountsByStatus.getOrDefault(AccountStatus.CANCELLED, 0L) - accountsByStatus.getOrDefault(AccountStatus.CHARGED_OFF, 0L);
        }

        public long laggingFeeds() {
            return feeds.stream().filter(f -> !f.withinTolerance()).count();
        }
    }

    public Summary summary() {
        DSLContext dsl = database.dsl();
        LocalDateTime now = LocalDateTime.now(clock);
        long customers = dsl.fetchCount(CUSTOMER);

        Map<AccountStatus, Long> byStatus = new LinkedHashMap<>();
        ACCOUNT_STATUSES.forEach(s -> byStatus.put(s, 0L));
        long accounts = 0;
        for (var row : dsl.select(ACCOUNT.STATUS, DSL.count()).from(ACCOUNT).groupBy(ACCOUNT.STATUS).fetch()) {
            byStatus.put(row.value1(), row.value2().longValue());
            accounts += row.value2();
        }

        // the active book: neither cancelled nor charged off (a charged-off balance is collections' business, not exposure)
        var open = ACCOUNT.STATUS.notIn(AccountStatus.CANCELLED, AccountStatus.CHARGED_OFF);
        var totals = dsl.select(DSL.coalesce(DSL.sum(ACCOUNT.CREDIT_LIMIT), BigDecimal.ZERO),
                        DSL.coalesce(DSL.sum(ACCOUNT.OUTSTANDING_BALANCE), BigDecimal.ZERO))
                .from(ACCOUNT).where(open).fetchOne();
        BigDecimal totalLimit = Money.normalize(totals.value1());
        BigDecimal balance = Money.normalize(totals.value2());
        double utilisation = totalLimit.signum() == 0 ? 0.0
                : balance.divide(totalLimit, 6, RoundingMode.HALF_UP).doubleValue();

        Map<String, BucketFigures> byBucket = new LinkedHashMap<>();
        DELINQUENCY_BUCKETS.forEach(b -> byBucket.put(b, new BucketFigures(0, Money.ZERO)));
        for (Record3<String, Integer, BigDecimal> row : dsl.select(ACCOUNT.DELINQUENCY_BUCKET, DSL.count(),
                        DSL.coalesce(DSL.sum(ACCOUNT.OUTSTANDING_BALANCE), BigDecimal.ZERO))
                .from(ACCOUNT).where(open).groupBy(ACCOUNT.DELINQUENCY_BUCKET).fetch()) {
            byBucket.put(row.value1(), new BucketFigures(row.value2(), Money.normalize(row.value3())));
        }

        return new Summary(customers, accounts, byStatus, totalLimit, balance, utilisation, byBucket,
                byStatus.getOrDefault(AccountStatus.DORMANT, 0L), feeds(dsl, now), DatabaseInfo.dataAsOf(dsl), now);
    }

    /** Every data feed in screen order, its lag measured at {@code now} (the business clock). */
    public static List<FeedStatus> feeds(DSLContext dsl, LocalDateTime now) {
        List<FeedStatus> feeds = new ArrayList<>();
        for (var feed : dsl.selectFrom(DATA_FEED).fetch()) {
            Duration lag = Duration.between(feed.getAsOf(), now);
            if (lag.isNegative()) {
                lag = Duration.ZERO;
            }
            boolean within = lag.compareTo(Duration.ofHours(feed.getToleranceHours())) <= 0;
            feeds.add(new FeedStatus(feed.getCode(), feed.getAsOf(), lag, feed.getToleranceHours(), within));
        }
        feeds.sort((a, b) -> Integer.compare(order(a.code()), order(b.code())));
        return List.copyOf(feeds);
    }

    private static int order(String feed) {
        int i = FEEDS.indexOf(feed);
        return i < 0 ? FEEDS.size() : i;
    }

    /** True when the book holds no customer yet: the console then offers to create the demo portfolio. */
    public boolean isEmpty() {
        return !database.dsl().fetchExists(CUSTOMER);
    }

    /** The oldest as-of time over all data feeds (null before any data): the status bar's "data as of". */
    public LocalDateTime dataAsOf() {
        return DatabaseInfo.dataAsOf(database.dsl());
    }
}
