package dev.riskdesk.portfolio;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.ACCOUNT_MONTH;
import static dev.riskdesk.db.schema.Tables.APP_SETTING;
import static dev.riskdesk.db.schema.Tables.BATCH_JOB;
import static dev.riskdesk.db.schema.Tables.BILL;
import static dev.riskdesk.db.schema.Tables.CREDIT_INQUIRY;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;
import static dev.riskdesk.db.schema.Tables.GENERATOR_TRUTH;
import static dev.riskdesk.db.schema.Tables.LIMIT_CHANGE;
import static dev.riskdesk.db.schema.Tables.LOGIN_EVENT;
import static dev.riskdesk.db.schema.Tables.REPAYMENT;
import static dev.riskdesk.db.schema.Tables.TXN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.security.TestOperators;
import dev.riskdesk.accounts.BillStatus;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.jobs.JobKind;
import dev.riskdesk.jobs.JobStatus;
import dev.riskdesk.limits.run.FeedStatus;
import dev.riskdesk.limits.run.PortfolioReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One 2,000-customer portfolio, checked for the properties the risk model and the operators rely on. */
@Tag("db")
class PortfolioGeneratorTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 22);
    static final LocalDateTime AS_OF_TIME = AS_OF.atStartOfDay();

    @TempDir
    static Path dir;
    static Database db;
    static DSLContext dsl;
    static GenerationReport report;

    @BeforeAll
    static void generate() {
        db = TestDatabases.fresh(dir);
        dsl = db.dsl();
        report = new PortfolioGenerator(db).generate(TestOperators.batch(db), GeneratorOptions.of(2000, 24, 7, AS_OF), dev.riskdesk.common.Progress.NONE);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void everyCustomerHasOneAccountAndMonthsForEveryOpenMonth() {
        assertEquals(2000, dsl.fetchCount(CUSTOMER));
        assertEquals(2000, dsl.fetchCount(ACCOUNT));
        // an account opened before the window has all 24 months
        int months = dsl.fetchCount(ACCOUNT_MONTH, ACCOUNT_MONTH.ACCOUNT_ID.eq(
                dsl.select(DSL.min(ACCOUNT.ID)).from(ACCOUNT).where(ACCOUNT.OPENED_AT.lt(LocalDateTime.of(2024, 12, 1, 0, 0)))));
        assertEquals(24, months);
        int missing = dsl.fetchCount(dsl.select(ACCOUNT.ID).from(ACCOUNT)
                .where(DSL.notExists(dsl.selectOne().from(ACCOUNT_MONTH).where(ACCOUNT_MONTH.ACCOUNT_ID.eq(ACCOUNT.ID)))));
        assertEquals(0, missing);
        assertEquals(2000, dsl.fetchCount(LIMIT_CHANGE, LIMIT_CHANGE.SOURCE.eq("ORIGINATION")));
        assertTrue(dsl.fetchCount(LIMIT_CHANGE, LIMIT_CHANGE.SOURCE.eq("HISTORY")) > 100);
    }

    @Test
    void idNumbersPhonesAndPersonalDataAreConsistent() {
        Result<Record> customers = dsl.select().from(CUSTOMER).fetch();
        for (Record c : customers) {
            String id = c.get(CUSTOMER.ID_NUMBER);
            assertTrue(IdNumbers.isValid(id), id);
            assertEquals(c.get(CUSTOMER.BIRTH_DATE).toString().replace("-", ""), id.substring(6, 14));
            boolean male = (id.charAt(16) - '0') % 2 == 1;
            assertEquals(male ? "M" : "F", c.get(CUSTOMER.GENDER));
            String phone = c.get(CUSTOMER.PHONE);
            assertTrue(phone.matches("1[3-9]\\d{9}"), phone);
            assertEquals(phone.substring(7), c.get(CUSTOMER.PHONE_LAST4));
            int age = Period.between(c.get(CUSTOMER.BIRTH_DATE), AS_OF).getYears();
            assertTrue(age >= 18 && age <= 65, "age " + age);
            assertEquals(c.get(CUSTOMER.REAL_NAME_VERIFIED), c.get(CUSTOMER.VERIFIED_AT) != null);
        }
        ReferenceData ref = ReferenceData.load();
        for (ReferenceData.City city : ref.cities()) {
            int wrong = dsl.fetchCount(CUSTOMER, CUSTOMER.CITY.eq(city.name())
                    .and(DSL.substring(CUSTOMER.ID_NUMBER, 1, 6).ne(city.regionCode()).or(CUSTOMER.CITY_TIER.ne(city.tier()))));
            assertEquals(0, wrong, city.name());
        }
        long unverified = dsl.fetchCount(CUSTOMER, CUSTOMER.REAL_NAME_VERIFIED.isFalse());
        assertTrue(unverified > 40 && unverified < 300, "unverified " + unverified);
    }

    @Test
    void defaultRateAndDormantShareAreInRange() {
        double defaults = dsl.fetchCount(GENERATOR_TRUTH, GENERATOR_TRUTH.SCENARIO.eq("DEFAULT_90")) / 2000.0;
        assertTrue(defaults >= 0.03 && defaults <= 0.08, "default rate " + defaults);
        assertEquals(dsl.fetchCount(ACCOUNT, ACCOUNT.DELINQUENCY_BUCKET.eq("DPD90P")),
                dsl.fetchCount(GENERATOR_TRUTH, GENERATOR_TRUTH.SCENARIO.eq("DEFAULT_90")));
        double dormant = dsl.fetchCount(ACCOUNT, ACCOUNT.STATUS.eq(AccountStatus.DORMANT)) / 2000.0;
        assertTrue(dormant >= 0.035 && dormant <= 0.065, "dormant share " + dormant);
        int dormantWithTxns = dsl.fetchCount(dsl.select(TXN.ID).from(TXN).join(ACCOUNT).on(ACCOUNT.ID.eq(TXN.ACCOUNT_ID))
                .where(ACCOUNT.STATUS.eq(AccountStatus.DORMANT)));
        assertEquals(0, dormantWithTxns);
        assertEquals(dsl.fetchCount(ACCOUNT, ACCOUNT.STATUS.eq(AccountStatus.DORMANT)),
                dsl.fetchCount(GENERATOR_TRUTH, GENERATOR_TRUTH.SCENARIO.eq("DORMANT")));
    }

    @Test
    void accountStateIsCoherent() {
        assertEquals(0, dsl.fetchCount(ACCOUNT, ACCOUNT.AVAILABLE_AMOUNT.lt(BigDecimal.ZERO)));
        assertEquals(0, dsl.fetchCount(ACCOUNT, ACCOUNT.AVAILABLE_AMOUNT.ne(
                DSL.greatest(DSL.inline(BigDecimal.ZERO), ACCOUNT.CREDIT_LIMIT.minus(ACCOUNT.OUTSTANDING_BALANCE)))));
        assertEquals(0, dsl.fetchCount(ACCOUNT, ACCOUNT.SCORE.isNotNull().or(ACCOUNT.SCORE_BAND.isNotNull())));
        assertEquals(0, dsl.fetchCount(ACCOUNT, ACCOUNT.CURRENT_DPD.eq(0).and(ACCOUNT.DELINQUENCY_BUCKET.ne("CURRENT"))));
        assertEquals(0, dsl.fetchCount(ACCOUNT, ACCOUNT.CURRENT_DPD.ge(90).and(ACCOUNT.DELINQUENCY_BUCKET.ne("DPD90P"))));
        assertTrue(dsl.fetchCount(ACCOUNT, ACCOUNT.PRODUCT.eq("CASH_LOAN")) > 20);
        assertTrue(dsl.fetchCount(ACCOUNT, ACCOUNT.DELINQUENCY_BUCKET.eq("DPD1_30")) > 0);
        // limits follow income: the top band's average limit is well above the bottom band's
        BigDecimal low = dsl.select(DSL.avg(ACCOUNT.CREDIT_LIMIT)).from(ACCOUNT).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID))
                .where(CUSTOMER.INCOME_BAND.eq("I1")).fetchOne().value1();
        BigDecimal high = dsl.select(DSL.avg(ACCOUNT.CREDIT_LIMIT)).from(ACCOUNT).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID))
                .where(CUSTOMER.INCOME_BAND.eq("I5")).fetchOne().value1();
        assertTrue(high.compareTo(low.multiply(BigDecimal.valueOf(5))) > 0, low + " vs " + high);
    }

    @Test
    void spendingPeaksAround618AndDoubleEleven() {
        Map<Integer, BigDecimal> byMonth = dsl.select(DSL.month(ACCOUNT_MONTH.MONTH_START), DSL.sum(ACCOUNT_MONTH.SPEND))
                .from(ACCOUNT_MONTH)
                .where(ACCOUNT_MONTH.MONTH_START.between(LocalDate.of(2024, 12, 1), LocalDate.of(2025, 11, 1)))
                .groupBy(DSL.month(ACCOUNT_MONTH.MONTH_START))
                .fetchMap(DSL.month(ACCOUNT_MONTH.MONTH_START), DSL.sum(ACCOUNT_MONTH.SPEND));
        BigDecimal others = BigDecimal.ZERO;
        int n = 0;
        for (var e : byMonth.entrySet()) {
            if (e.getKey() != 6 && e.getKey() != 11) {
                others = others.add(e.getValue());
                n++;
            }
        }
        BigDecimal average = others.divide(BigDecimal.valueOf(n), 2, java.math.RoundingMode.HALF_UP);
        assertTrue(byMonth.get(6).compareTo(average.multiply(new BigDecimal("1.3"))) > 0, "June " + byMonth.get(6) + " avg " + average);
        assertTrue(byMonth.get(11).compareTo(average.multiply(new BigDecimal("1.3"))) > 0, "November " + byMonth.get(11) + " avg " + average);
        assertTrue(dsl.fetchCount(ACCOUNT_MONTH, ACCOUNT_MONTH.FESTIVAL_SPEND.gt(BigDecimal.ZERO)) > 1000);
    }

    @Test
    void monthlyAggregatesMatchTheRawEvents() {
        List<Long> sample = dsl.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.STATUS.ne(AccountStatus.DORMANT)).orderBy(ACCOUNT.ID).limit(25)
                .fetch(ACCOUNT.ID);
        sample = new java.util.ArrayList<>(sample);
        sample.addAll(dsl.select(GENERATOR_TRUTH.ACCOUNT_ID).from(GENERATOR_TRUTH)
                .where(GENERATOR_TRUTH.SCENARIO.in("ACCOUNT_TAKEOVER", "REPAYMENT_DELAY")).fetch(GENERATOR_TRUTH.ACCOUNT_ID));
        for (Long id : sample) {
            for (Record m : dsl.selectFrom(ACCOUNT_MONTH).where(ACCOUNT_MONTH.ACCOUNT_ID.eq(id)).fetch()) {
                LocalDate start = m.get(ACCOUNT_MONTH.MONTH_START);
                LocalDateTime from = start.atStartOfDay();
                LocalDateTime to = start.plusMonths(1).atStartOfDay();
                Record t = dsl.select(DSL.coalesce(DSL.sum(TXN.AMOUNT), BigDecimal.ZERO), DSL.count()).from(TXN)
                        .where(TXN.ACCOUNT_ID.eq(id).and(TXN.TXN_AT.ge(from)).and(TXN.TXN_AT.lt(to))).fetchOne();
                String where = "account " + id + " month " + start;
                assertEquals(0, m.get(ACCOUNT_MONTH.SPEND).compareTo(t.get(0, BigDecimal.class)), where);
                assertEquals(m.get(ACCOUNT_MONTH.TXN_COUNT), t.get(1, Integer.class), where);
                assertEquals(m.get(ACCOUNT_MONTH.LOGIN_COUNT), dsl.fetchCount(LOGIN_EVENT, LOGIN_EVENT.CUSTOMER_ID.eq(id)
                        .and(LOGIN_EVENT.LOGIN_AT.ge(from)).and(LOGIN_EVENT.LOGIN_AT.lt(to))), where);
                assertEquals(m.get(ACCOUNT_MONTH.NEW_DEVICE_COUNT), dsl.fetchCount(LOGIN_EVENT, LOGIN_EVENT.CUSTOMER_ID.eq(id)
                        .and(LOGIN_EVENT.NEW_DEVICE.isTrue()).and(LOGIN_EVENT.LOGIN_AT.ge(from)).and(LOGIN_EVENT.LOGIN_AT.lt(to))), where);
                assertEquals(m.get(ACCOUNT_MONTH.LOGIN_CITY_COUNT), dsl.fetchCount(dsl.selectDistinct(LOGIN_EVENT.CITY).from(LOGIN_EVENT)
                        .where(LOGIN_EVENT.CUSTOMER_ID.eq(id).and(LOGIN_EVENT.LOGIN_AT.ge(from)).and(LOGIN_EVENT.LOGIN_AT.lt(to)))), where);
                assertEquals(m.get(ACCOUNT_MONTH.INQUIRY_COUNT), dsl.fetchCount(CREDIT_INQUIRY, CREDIT_INQUIRY.CUSTOMER_ID.eq(id)
                        .and(CREDIT_INQUIRY.INQUIRED_AT.ge(from)).and(CREDIT_INQUIRY.INQUIRED_AT.lt(to))), where);
                BigDecimal paid = dsl.select(DSL.coalesce(DSL.sum(REPAYMENT.AMOUNT), BigDecimal.ZERO)).from(REPAYMENT)
                        .where(REPAYMENT.ACCOUNT_ID.eq(id).and(REPAYMENT.PAID_AT.ge(from)).and(REPAYMENT.PAID_AT.lt(to))
                                .and(REPAYMENT.RECEIVED_AT.le(AS_OF_TIME))).fetchOne().value1();
                assertEquals(0, m.get(ACCOUNT_MONTH.PAYMENT).compareTo(paid), where);
                BigDecimal minimum = dsl.select(BILL.MINIMUM_DUE).from(BILL).where(BILL.ACCOUNT_ID.eq(id).and(BILL.STATEMENT_MONTH.eq(start)))
                        .fetchOne(BILL.MINIMUM_DUE);
                assertEquals(0, m.get(ACCOUNT_MONTH.MINIMUM_DUE).compareTo(minimum == null ? BigDecimal.ZERO : minimum), where);
                Integer billDpd = dsl.select(BILL.DAYS_PAST_DUE).from(BILL).where(BILL.ACCOUNT_ID.eq(id).and(BILL.STATEMENT_MONTH.eq(start)))
                        .fetchOne(BILL.DAYS_PAST_DUE);
                assertEquals(billDpd != null && billDpd > 0, m.get(ACCOUNT_MONTH.LATE_BILL), where);
            }
        }
    }

    @Test
    void takeoverIsANewDeviceInANewCityFollowedByHighValuePurchases() {
        Result<Record> truth = dsl.select().from(GENERATOR_TRUTH).where(GENERATOR_TRUTH.SCENARIO.eq("ACCOUNT_TAKEOVER")).fetch();
        assertFalse(truth.isEmpty(), "no takeover injected");
        for (Record t : truth) {
            LocalDateTime at = t.get(GENERATOR_TRUTH.EVENT_AT);
            assertTrue(at.isAfter(AS_OF_TIME.minusDays(10)) && at.isBefore(AS_OF_TIME), at.toString());
            Record login = dsl.select().from(LOGIN_EVENT).where(LOGIN_EVENT.CUSTOMER_ID.eq(t.get(GENERATOR_TRUTH.ACCOUNT_ID))
                    .and(LOGIN_EVENT.LOGIN_AT.eq(at))).fetchOne();
            assertNotNull(login);
            assertTrue(login.get(LOGIN_EVENT.NEW_DEVICE) && login.get(LOGIN_EVENT.NEW_CITY));
            int burst = dsl.fetchCount(TXN, TXN.ACCOUNT_ID.eq(t.get(GENERATOR_TRUTH.ACCOUNT_ID))
                    .and(TXN.TXN_AT.gt(at)).and(TXN.TXN_AT.lt(at.plusHours(24)))
                    .and(TXN.DEVICE_ID.eq(login.get(LOGIN_EVENT.DEVICE_ID))).and(TXN.AMOUNT.ge(new BigDecimal("1000"))));
            assertTrue(burst >= 2, "burst " + burst);
        }
    }

    @Test
    void multiLendingIsABurstOfInquiries() {
        Result<Record> truth = dsl.select().from(GENERATOR_TRUTH).where(GENERATOR_TRUTH.SCENARIO.eq("MULTI_LENDING")).fetch();
        assertTrue(truth.size() >= 20, "multi-lending " + truth.size());
        for (Record t : truth) {
            LocalDateTime at = t.get(GENERATOR_TRUTH.EVENT_AT);
            int n = dsl.fetchCount(CREDIT_INQUIRY, CREDIT_INQUIRY.CUSTOMER_ID.eq(t.get(GENERATOR_TRUTH.ACCOUNT_ID))
                    .and(CREDIT_INQUIRY.INQUIRED_AT.ge(at)).and(CREDIT_INQUIRY.INQUIRED_AT.lt(at.plusDays(30))));
            assertTrue(n >= 5, "inquiries " + n);
        }
    }

    @Test
    void incomeShockHitsTheSegmentInTheDownturnMonthAndRaisesRisk() {
        Result<Record> truth = dsl.select().from(GENERATOR_TRUTH).join(CUSTOMER).on(CUSTOMER.ID.eq(GENERATOR_TRUTH.ACCOUNT_ID))
                .where(GENERATOR_TRUTH.SCENARIO.eq("INCOME_SHOCK")).fetch();
        assertTrue(truth.size() >= 20, "shocked " + truth.size());
        for (Record t : truth) {
            assertEquals(LocalDate.of(2026, 3, 1).atStartOfDay(), t.get(GENERATOR_TRUTH.EVENT_AT));
            assertTrue(t.get(CUSTOMER.CITY_TIER) == 3 || t.get(CUSTOMER.CITY_TIER) == 4);
        }
        // after the shock, affected customers pay late more often than everyone else
        double shocked = lateShare(true);
        double others = lateShare(false);
        assertTrue(shocked > others * 1.3, "late share shocked " + shocked + " others " + others);
    }

    private static double lateShare(boolean shocked) {
        var inShock = DSL.exists(dsl.selectOne().from(GENERATOR_TRUTH).where(GENERATOR_TRUTH.ACCOUNT_ID.eq(ACCOUNT_MONTH.ACCOUNT_ID)
                .and(GENERATOR_TRUTH.SCENARIO.eq("INCOME_SHOCK"))));
        Record r = dsl.select(DSL.count(), DSL.sum(DSL.when(ACCOUNT_MONTH.LATE_BILL.isTrue(), 1).otherwise(0))).from(ACCOUNT_MONTH)
                .where(ACCOUNT_MONTH.MONTH_START.ge(LocalDate.of(2026, 3, 1)).and(shocked ? inShock : DSL.not(inShock)))
                .fetchOne();
        return r.get(1, Double.class) / r.get(0, Double.class);
    }

    @Test
    void inFlightRepaymentsArriveAfterAsOfAndTheFeedSaysSo() {
        LocalDateTime feedAsOf = dsl.select(DATA_FEED.AS_OF).from(DATA_FEED).where(DATA_FEED.CODE.eq("REPAYMENTS")).fetchOne(DATA_FEED.AS_OF);
        Result<Record> inFlight = dsl.select().from(REPAYMENT).join(BILL).on(BILL.ID.eq(REPAYMENT.BILL_ID))
                .where(REPAYMENT.RECEIVED_AT.gt(AS_OF_TIME)).fetch();
        assertFalse(inFlight.isEmpty(), "no repayment in flight");
        // the repayment feed is the nightly settlement file of the day before: about a day behind, within its tolerance
        assertEquals(AS_OF_TIME.minusHours(22), feedAsOf);
        int pending = 0;
        for (Record r : inFlight) {
            assertTrue(r.get(REPAYMENT.PAID_AT).isBefore(AS_OF_TIME));
            if (r.get(BILL.STATUS) != BillStatus.PENDING) {
                // made after the last settlement file: it comes with the next one, and the bill shows it paid
                assertFalse(r.get(REPAYMENT.PAID_AT).isBefore(feedAsOf), feedAsOf + " vs " + r.get(REPAYMENT.PAID_AT));
                assertTrue(r.get(BILL.PAID_AMOUNT).signum() > 0);
                continue;
            }
            // a bank transfer in flight: paid on time, due 5 to 9 days ago, the bill pending and past due as far as we know
            pending++;
            assertEquals("BANK_TRANSFER", r.get(REPAYMENT.CHANNEL));
            assertFalse(r.get(REPAYMENT.PAID_AT).toLocalDate().isAfter(r.get(BILL.DUE_DATE)));
            assertTrue(r.get(BILL.DUE_DATE).isAfter(AS_OF.minusDays(10)) && r.get(BILL.DUE_DATE).isBefore(AS_OF.minusDays(4)));
            assertTrue(r.get(BILL.DAYS_PAST_DUE) >= 5);
            assertEquals(0, r.get(BILL.PAID_AMOUNT).signum());
            assertTrue(feedAsOf.isAfter(r.get(REPAYMENT.PAID_AT)), feedAsOf + " vs " + r.get(REPAYMENT.PAID_AT));
            assertEquals(1, dsl.fetchCount(GENERATOR_TRUTH, GENERATOR_TRUTH.ACCOUNT_ID.eq(r.get(REPAYMENT.ACCOUNT_ID))
                    .and(GENERATOR_TRUTH.SCENARIO.eq("REPAYMENT_DELAY")).and(GENERATOR_TRUTH.EVENT_AT.eq(r.get(REPAYMENT.PAID_AT)))));
        }
        assertEquals(pending, dsl.fetchCount(GENERATOR_TRUTH, GENERATOR_TRUTH.SCENARIO.eq("REPAYMENT_DELAY")
                .and(GENERATOR_TRUTH.DETAILS.like("in flight%"))));
        assertTrue(pending > 0 && pending < inFlight.size(), pending + " of " + inFlight.size());
        // older delays arrived a few days late and the bill ended paid on time
        int older = dsl.fetchCount(dsl.select().from(REPAYMENT).join(BILL).on(BILL.ID.eq(REPAYMENT.BILL_ID))
                .where(REPAYMENT.RECEIVED_AT.le(AS_OF_TIME)).and(REPAYMENT.RECEIVED_AT.gt(REPAYMENT.PAID_AT.plus(DSL.inline(2)))))
                ;
        assertTrue(older > 0);
        assertEquals(0, dsl.fetchCount(dsl.select().from(REPAYMENT).join(BILL).on(BILL.ID.eq(REPAYMENT.BILL_ID))
                .where(REPAYMENT.RECEIVED_AT.le(AS_OF_TIME)).and(REPAYMENT.RECEIVED_AT.gt(REPAYMENT.PAID_AT.plus(DSL.inline(2))))
                .and(BILL.STATUS.ne(BillStatus.PAID).or(BILL.DAYS_PAST_DUE.ne(0)))));
        assertEquals(5, dsl.fetchCount(DATA_FEED));
        assertEquals(0, dsl.fetchCount(DATA_FEED, DATA_FEED.CODE.ne("REPAYMENTS").and(DATA_FEED.AS_OF.ne(AS_OF_TIME))));
    }

    @Test
    void everyFeedStaysFreshThroughTheBooksOwnDayAndAllGoStaleTheDayAfter() {
        FeedStatus feeds = PortfolioReader.feeds(dsl);
        for (String code : List.of("BILLS", "REPAYMENTS", "TRANSACTIONS", "LOGINS", "INQUIRIES")) {
            // an operator opening the demo late on its as-of day sees no stale feed, the nightly repayment file included
            assertTrue(feeds.feed(code).fresh(AS_OF_TIME.plusHours(23).plusMinutes(59)), code);
            assertFalse(feeds.feed(code).fresh(AS_OF_TIME.plusHours(27)), code);
        }
    }

    @Test
    void settingsJobAndIdentitiesAreRecorded() {
        Map<String, String> settings = dsl.selectFrom(APP_SETTING).fetchMap(APP_SETTING.SETTING_KEY, APP_SETTING.SETTING_VALUE);
        assertEquals("true", settings.get("demo.database"));
        assertEquals("7", settings.get("generator.seed"));
        assertEquals("2026-11-22", settings.get("generator.asOf"));
        assertEquals("2000", settings.get("generator.customers"));
        assertEquals("24", settings.get("generator.months"));
        assertEquals(JobStatus.COMPLETED, dsl.select(BATCH_JOB.STATUS).from(BATCH_JOB).where(BATCH_JOB.KIND.eq(JobKind.GENERATE)).fetchOne(BATCH_JOB.STATUS));
        // identities were restarted after the explicit ids: a plain insert gets the next id
        long next = dsl.insertInto(GENERATOR_TRUTH, GENERATOR_TRUTH.ACCOUNT_ID, GENERATOR_TRUTH.SCENARIO, GENERATOR_TRUTH.EVENT_AT)
                .values(1L, "DORMANT", AS_OF_TIME).returningResult(GENERATOR_TRUTH.ID).fetchOne().value1();
        long max = dsl.select(DSL.max(GENERATOR_TRUTH.ID)).from(GENERATOR_TRUTH).where(GENERATOR_TRUTH.ID.ne(next)).fetchOne().value1();
        assertEquals(max + 1, next);
        dsl.deleteFrom(GENERATOR_TRUTH).where(GENERATOR_TRUTH.ID.eq(next)).execute();
    }

    @Test
    void everyForeignKeyHoldsAndH2ChecksThemAgainAfterGeneration() {
        // the generator writes with H2's foreign-key checks off; CHECK re-validates every existing row and fails on an orphan
        for (GeneratedTables.Spec spec : GeneratedTables.INSERT_ORDER) {
            dsl.query("ALTER TABLE {0} SET REFERENTIAL_INTEGRITY TRUE CHECK", spec.table()).execute();
        }
        // and the checks are on again: a transaction for an account that does not exist is refused
        org.jooq.exception.DataAccessException refused = org.junit.jupiter.api.Assertions.assertThrows(
                org.jooq.exception.DataAccessException.class, () -> dsl.insertInto(TXN, TXN.ACCOUNT_ID, TXN.TXN_AT, TXN.AMOUNT,
                        TXN.CATEGORY, TXN.MERCHANT, TXN.CHANNEL, TXN.RECEIVED_AT)
                        .values(999_999L, AS_OF_TIME, new BigDecimal("1.00"), "GROCERY", "test", "APP", AS_OF_TIME).execute());
        assertTrue(refused.getMessage().contains("FK_TXN_ACCOUNT"), refused.getMessage());
    }
}
