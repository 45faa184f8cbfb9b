package dev.riskdesk.portfolio;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.portfolio.PortfolioSummaryService.FeedStatus;
import dev.riskdesk.portfolio.PortfolioSummaryService.Summary;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class PortfolioSummaryServiceTest {
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 22, 12, 0);

    @TempDir
    Path dir;
    Database database;
    PortfolioSummaryService service;

    @BeforeEach
    void open() {
        database = TestDatabases.fresh(dir);
        Clock clock = Clock.fixed(NOW.toInstant(ZoneOffset.ofHours(8)), ZoneId.of("Asia/Shanghai"));
        service = new PortfolioSummaryService(database, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anEmptyBookHasZeroFiguresAndNoFeeds() {
        assertTrue(service.isEmpty());
        Summary s = service.summary();
        assertEquals(0, s.customers());
        assertEquals(0, s.accounts());
        assertEquals(new BigDecimal("0.00"), s.totalLimit());
        assertEquals(0.0, s.utilisation());
        assertEquals(6, s.accountsByStatus().size());
        assertEquals(5, s.byBucket().size());
        assertTrue(s.feeds().isEmpty());
        assertNull(s.dataAsOf());
    }

    @Test
    void figuresCountOpenAccountsAndFlagLaggingFeeds() {
        DSLContext dsl = database.dsl();
        long c1 = customer(dsl, 1);
        long c2 = customer(dsl, 2);
        account(dsl, c1, 1, AccountStatus.ACTIVE, "10000.00", "4000.00", "CURRENT");
        account(dsl, c1, 2, AccountStatus.SUSPENDED, "5000.00", "1000.00", "DPD31_60");
        account(dsl, c2, 3, AccountStatus.DORMANT, "5000.00", "0.00", "CURRENT");
        account(dsl, c2, 4, AccountStatus.CANCELLED, "8000.00", "0.00", "CURRENT");
        account(dsl, c2, 5, AccountStatus.CHARGED_OFF, "6000.00", "6000.00", "DPD90P");
        feed(dsl, "BILLS", NOW.minusHours(3), 24);
        feed(dsl, "REPAYMENTS", NOW.minusHours(30), 6);

        assertFalse(service.isEmpty());
        Summary s = service.summary();
        assertEquals(2, s.customers());
        assertEquals(5, s.accounts());
        assertEquals(3, s.openAccounts(), "neither cancelled nor charged off");
        assertEquals(1L, s.accountsByStatus().get(AccountStatus.CHARGED_OFF));
        assertEquals(1L, s.accountsByStatus().get(AccountStatus.SUSPENDED));
        assertEquals(0L, s.accountsByStatus().get(AccountStatus.FROZEN));
        assertEquals(1, s.dormantAccounts());
        assertEquals(new BigDecimal("20000.00"), s.totalLimit(), "cancelled and charged-off accounts do not count");
        assertEquals(new BigDecimal("5000.00"), s.outstandingBalance());
        assertEquals(0.25, s.utilisation(), 1e-9);
        assertEquals(2, s.byBucket().get("CURRENT").accounts());
        assertEquals(new BigDecimal("1000.00"), s.byBucket().get("DPD31_60").balance());
        assertEquals(0, s.byBucket().get("DPD90P").accounts(), "the charged-off account has left the active book");

        assertEquals(2, s.feeds().size());
        FeedStatus bills = s.feeds().get(0);
        FeedStatus repayments = s.feeds().get(1);
        assertEquals("BILLS", bills.code());
        assertTrue(bills.withinTolerance());
        assertEquals(Duration.ofHours(30), repayments.lag());
        assertFalse(repayments.withinTolerance());
        assertEquals(1, s.laggingFeeds());
        assertEquals(NOW.minusHours(30), s.dataAsOf());
        assertEquals(NOW.minusHours(30), service.dataAsOf());
    }

    static long customer(DSLContext dsl, int n) {
        return dsl.insertInto(CUSTOMER)
                .set(CUSTOMER.CUSTOMER_NO, "C" + n).set(CUSTOMER.FULL_NAME, "客户" + n).set(CUSTOMER.GENDER, "F")
                .set(CUSTOMER.BIRTH_DATE, LocalDate.of(1990, 1, 1)).set(CUSTOMER.PHONE, "1380000000" + n)
                .set(CUSTOMER.PHONE_LAST4, "000" + n).set(CUSTOMER.ID_NUMBER, "11010119900101000" + n)
                .set(CUSTOMER.CITY, "杭州").set(CUSTOMER.CITY_TIER, 2).set(CUSTOMER.INCOME_BAND, "I3")
                .set(CUSTOMER.OCCUPATION, "职员").set(CUSTOMER.REGISTERED_AT, NOW.minusYears(1))
                .set(CUSTOMER.REAL_NAME_VERIFIED, true)
                .returning(CUSTOMER.ID).fetchOne(CUSTOMER.ID);
    }

    static void account(DSLContext dsl, long customer, int n, AccountStatus status, String limit, String balance, String bucket) {
        BigDecimal l = new BigDecimal(limit);
        BigDecimal b = new BigDecimal(balance);
        dsl.insertInto(ACCOUNT)
                .set(ACCOUNT.ACCOUNT_NO, "A" + n).set(ACCOUNT.CUSTOMER_ID, customer).set(ACCOUNT.PRODUCT, "CREDIT_PAY")
                .set(ACCOUNT.OPENED_AT, NOW.minusMonths(6)).set(ACCOUNT.STATUS, status)
                .set(ACCOUNT.CREDIT_LIMIT, l).set(ACCOUNT.AVAILABLE_AMOUNT, l.subtract(b)).set(ACCOUNT.OUTSTANDING_BALANCE, b)
                .set(ACCOUNT.DELINQUENCY_BUCKET, bucket)
                .execute();
    }

    static void feed(DSLContext dsl, String code, LocalDateTime asOf, int toleranceHours) {
        dsl.insertInto(DATA_FEED).set(DATA_FEED.CODE, code).set(DATA_FEED.AS_OF, asOf)
                .set(DATA_FEED.TOLERANCE_HOURS, toleranceHours).set(DATA_FEED.UPDATED_AT, NOW).execute();
    }
}
