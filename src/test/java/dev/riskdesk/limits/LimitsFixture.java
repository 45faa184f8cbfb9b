package dev.riskdesk.limits;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.ACCOUNT_MONTH;
import static dev.riskdesk.db.schema.Tables.BILL;
import static dev.riskdesk.db.schema.Tables.CREDIT_INQUIRY;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;
import static dev.riskdesk.db.schema.Tables.LOGIN_EVENT;
import static dev.riskdesk.db.schema.Tables.MODEL;
import static dev.riskdesk.db.schema.Tables.REPAYMENT;
import static dev.riskdesk.db.schema.Tables.SCORE;
import static dev.riskdesk.db.schema.Tables.TXN;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.accounts.BillStatus;
import dev.riskdesk.accounts.NoticeService;
import dev.riskdesk.accounts.NoticeTemplates;
import dev.riskdesk.accounts.SuspensionService;
import dev.riskdesk.common.Money;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.limits.review.LimitChanges;
import dev.riskdesk.limits.review.LimitDecisionService;
import dev.riskdesk.limits.rules.RuleSetService;
import dev.riskdesk.limits.run.PolicyRunService;
import dev.riskdesk.limits.run.PolicySimulationService;
import dev.riskdesk.scoring.model.ModelKind;
import dev.riskdesk.scoring.model.ModelStatus;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.OperatorAdminService;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.security.PasswordHasher;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.Session;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** A real H2 database with the real migrations, the limit services wired as the app does, and row builders. */
public final class LimitsFixture implements AutoCloseable {
    public static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    public static final LocalDateTime NOW = LocalDateTime.of(2025, 3, 20, 0, 0);

    public final Database db;
    public final Clock clock = Clock.fixed(NOW.atZone(CST).toInstant(), CST);
    public final AuditLog audit = new AuditLog(clock);
    public final RuleSetService rules;
    public final LimitPolicyService policies;
    public final NoticeService notices;
    public final LimitChanges changes;
    public final PolicyRunService runs;
    public final LimitDecisionService decisions;
    public final PolicySimulationService simulations;
    public final OperatorService operators;
    public final long modelId;
    private int customers;

    public LimitsFixture(Path dir) {
        this(dir, TestDatabases.Engine.H2);
    }

    /** The fixture on {@code engine}: an H2 file in {@code dir}, or a new database on the test PostgreSQL server. */
    public LimitsFixture(Path dir, TestDatabases.Engine engine) {
        db = engine.fresh(dir);
        rules = new RuleSetService(db, clock);
        policies = new LimitPolicyService(db, clock);
        notices = new NoticeService(db, NoticeTemplates.load(Path.of("data/notice-templates.json")), audit, clock, "zh_CN");
        changes = new LimitChanges(new SuspensionService(), notices, audit);
        runs = new PolicyRunService(db, rules, policies, changes, audit, clock);
        decisions = new LimitDecisionService(db, policies, changes, audit, clock);
        simulations = new PolicySimulationService(db, rules, policies, clock);
        operators = new OperatorService(db, new PasswordHasher(4), audit, clock);
        operators.createDemoOperatorsIfEmpty();
        OperatorAdminService admin = new OperatorAdminService(db, new PasswordHasher(4), audit, clock);
        admin.add(login("admin", "admin123"), "manager2", "王伟", Role.MANAGER, "quiet-harbor-42".toCharArray());
        admin.add(login("admin", "admin123"), "risk2", "刘洋", Role.RISK_OPERATOR, "quiet-harbor-43".toCharArray());
        modelId = db.dsl().insertInto(MODEL).set(MODEL.NAME, "test scorecard").set(MODEL.KIND, ModelKind.SCORECARD).set(MODEL.STATUS, ModelStatus.CHAMPION)
                .set(MODEL.FEATURES, "[]").set(MODEL.TRAINED_AT, NOW.minusDays(30)).returning(MODEL.ID).fetchOne().getId();
    }

    public Session login(String name, String password) {
        return operators.authenticate(name, password.toCharArray());
    }

    public void feeds(LocalDateTime asOf) {
        for (String code : new String[] {"BILLS", "REPAYMENTS", "TRANSACTIONS", "LOGINS", "INQUIRIES"}) {
            feed(code, asOf, 48);
        }
    }

    public void feed(String code, LocalDateTime asOf, int toleranceHours) {
        db.dsl().mergeInto(DATA_FEED).using(db.dsl().selectOne())
                .on(DATA_FEED.CODE.eq(code))
                .whenMatchedThenUpdate().set(DATA_FEED.AS_OF, asOf).set(DATA_FEED.TOLERANCE_HOURS, toleranceHours).set(DATA_FEED.UPDATED_AT, NOW)
                .whenNotMatchedThenInsert(DATA_FEED.CODE, DATA_FEED.AS_OF, DATA_FEED.TOLERANCE_HOURS, DATA_FEED.UPDATED_AT)
                .values(code, asOf, toleranceHours, NOW)
                .execute();
    }

    /** A customer with one ACTIVE account; returns the account id. */
    public long account(String limit, String outstanding, String incomeBand, int cityTier) {
        int n = ++customers;
        long customerId = db.dsl().insertInto(CUSTOMER)
                .set(CUSTOMER.CUSTOMER_NO, String.format("C%08d", n)).set(CUSTOMER.FULL_NAME, "张三" + n).set(CUSTOMER.GENDER, "M")
                .set(CUSTOMER.BIRTH_DATE, LocalDate.of(1990, 1, 1)).set(CUSTOMER.PHONE, String.format("138%08d", n))
                .set(CUSTOMER.PHONE_LAST4, String.format("%04d", n % 10000)).set(CUSTOMER.ID_NUMBER, String.format("1101011990010%05d", n))
                .set(CUSTOMER.CITY, "北京").set(CUSTOMER.CITY_TIER, cityTier).set(CUSTOMER.INCOME_BAND, incomeBand)
                .set(CUSTOMER.OCCUPATION, "工程师").set(CUSTOMER.REGISTERED_AT, NOW.minusYears(2)).set(CUSTOMER.REAL_NAME_VERIFIED, true)
                .returning(CUSTOMER.ID).fetchOne().getId();
        BigDecimal lim = Money.of(limit);
        BigDecimal out = Money.of(outstanding);
        return db.dsl().insertInto(ACCOUNT)
                .set(ACCOUNT.ACCOUNT_NO, String.format("A%010d", n)).set(ACCOUNT.CUSTOMER_ID, customerId).set(ACCOUNT.PRODUCT, "CREDIT_PAY")
                .set(ACCOUNT.OPENED_AT, NOW.minusYears(2)).set(ACCOUNT.STATUS, AccountStatus.ACTIVE).set(ACCOUNT.CREDIT_LIMIT, lim)
                .set(ACCOUNT.AVAILABLE_AMOUNT, lim.subtract(out).max(Money.ZERO)).set(ACCOUNT.OUTSTANDING_BALANCE, out)
                .returning(ACCOUNT.ID).fetchOne().getId();
    }

    public long customerOf(long accountId) {
        return db.dsl().select(ACCOUNT.CUSTOMER_ID).from(ACCOUNT).where(ACCOUNT.ID.eq(accountId)).fetchOne(ACCOUNT.CUSTOMER_ID);
    }

    public void score(long accountId, double pd, int sub) {
        score(accountId, pd, sub, NOW.toLocalDate(), NOW.minusDays(1));
    }

    public void score(long accountId, double pd, int sub, LocalDate observed, LocalDateTime scoredAt) {
        score(accountId, pd, sub, "B", observed, scoredAt);
    }

    /** A score in score band {@code band} (A–E), all four sub-scores {@code sub}. */
    public void score(long accountId, double pd, int sub, String band, LocalDate observed, LocalDateTime scoredAt) {
        db.dsl().insertInto(SCORE).set(SCORE.ACCOUNT_ID, accountId).set(SCORE.MODEL_ID, modelId).set(SCORE.OBSERVATION_DATE, observed)
                .set(SCORE.SCORED_AT, scoredAt).set(SCORE.SCORE_, 600).set(SCORE.PD, pd).set(SCORE.BAND, band).set(SCORE.THIN_FILE, false)
                .set(SCORE.CREDIT_SUB, sub).set(SCORE.CAPACITY_SUB, sub).set(SCORE.STABILITY_SUB, sub).set(SCORE.SECURITY_SUB, sub)
                .set(SCORE.REASON_CODES, "R01,R02").execute();
    }

    public void month(long accountId, LocalDate monthStart, String limit, String balance, String spend) {
        db.dsl().insertInto(ACCOUNT_MONTH).set(ACCOUNT_MONTH.ACCOUNT_ID, accountId).set(ACCOUNT_MONTH.MONTH_START, monthStart)
                .set(ACCOUNT_MONTH.CREDIT_LIMIT, Money.of(limit)).set(ACCOUNT_MONTH.BALANCE, Money.of(balance)).set(ACCOUNT_MONTH.SPEND, Money.of(spend))
                .set(ACCOUNT_MONTH.TXN_COUNT, 10).set(ACCOUNT_MONTH.ESSENTIAL_SPEND, Money.ZERO).set(ACCOUNT_MONTH.LUXURY_SPEND, Money.ZERO)
                .set(ACCOUNT_MONTH.FESTIVAL_SPEND, Money.ZERO).set(ACCOUNT_MONTH.NIGHT_TXN_COUNT, 0).set(ACCOUNT_MONTH.BIG_TICKET_COUNT, 0)
                .set(ACCOUNT_MONTH.MINIMUM_DUE, Money.ZERO).set(ACCOUNT_MONTH.PAYMENT, Money.ZERO).set(ACCOUNT_MONTH.DAYS_PAST_DUE, 0)
                .set(ACCOUNT_MONTH.LATE_BILL, false).set(ACCOUNT_MONTH.LOGIN_COUNT, 0).set(ACCOUNT_MONTH.NEW_DEVICE_COUNT, 0)
                .set(ACCOUNT_MONTH.LOGIN_CITY_COUNT, 0).set(ACCOUNT_MONTH.INQUIRY_COUNT, 0).execute();
    }

    /** Six months before NOW, each with that limit, balance and spend: an account that uses its line as the balance says. */
    public void history(long accountId, String limit, String balance, String spend) {
        for (int m = 6; m >= 1; m--) {
            month(accountId, NOW.toLocalDate().withDayOfMonth(1).minusMonths(m), limit, balance, spend);
        }
    }

    public long bill(long accountId, LocalDate due, String minimumDue, String paid) {
        LocalDate statement = due.minusDays(20);
        return db.dsl().insertInto(BILL).set(BILL.ACCOUNT_ID, accountId).set(BILL.STATEMENT_MONTH, statement.withDayOfMonth(1))
                .set(BILL.STATEMENT_DATE, statement).set(BILL.DUE_DATE, due).set(BILL.STATEMENT_AMOUNT, Money.of(minimumDue).multiply(BigDecimal.TEN))
                .set(BILL.MINIMUM_DUE, Money.of(minimumDue)).set(BILL.PAID_AMOUNT, Money.of(paid)).set(BILL.DAYS_PAST_DUE, 0)
                .set(BILL.STATUS, BillStatus.OPEN).set(BILL.RECEIVED_AT, statement.atTime(1, 0))
                .returning(BILL.ID).fetchOne().getId();
    }

    public void repayment(long accountId, long billId, String amount, LocalDateTime paidAt, LocalDateTime receivedAt) {
        db.dsl().insertInto(REPAYMENT).set(REPAYMENT.ACCOUNT_ID, accountId).set(REPAYMENT.BILL_ID, billId).set(REPAYMENT.AMOUNT, Money.of(amount))
                .set(REPAYMENT.PAID_AT, paidAt).set(REPAYMENT.RECEIVED_AT, receivedAt).set(REPAYMENT.CHANNEL, "APP").execute();
    }

    public void txn(long accountId, LocalDateTime at, String amount) {
        db.dsl().insertInto(TXN).set(TXN.ACCOUNT_ID, accountId).set(TXN.TXN_AT, at).set(TXN.AMOUNT, Money.of(amount)).set(TXN.CATEGORY, "DIGITAL")
                .set(TXN.MERCHANT, "京东").set(TXN.CHANNEL, "APP").set(TXN.CITY, "深圳").set(TXN.DEVICE_ID, "D-NEW").set(TXN.RECEIVED_AT, at.plusMinutes(5))
                .execute();
    }

    public void login(long accountId, LocalDateTime at, boolean newDevice, boolean newCity) {
        db.dsl().insertInto(LOGIN_EVENT).set(LOGIN_EVENT.CUSTOMER_ID, customerOf(accountId)).set(LOGIN_EVENT.LOGIN_AT, at)
                .set(LOGIN_EVENT.DEVICE_ID, newDevice ? "D-NEW" : "D-OLD").set(LOGIN_EVENT.IP_ADDRESS, "10.0.0.1")
                .set(LOGIN_EVENT.CITY, newCity ? "深圳" : "北京").set(LOGIN_EVENT.NEW_DEVICE, newDevice).set(LOGIN_EVENT.NEW_CITY, newCity)
                .set(LOGIN_EVENT.SUCCESS, true).set(LOGIN_EVENT.RECEIVED_AT, at.plusMinutes(1)).execute();
    }

    public void inquiry(long accountId, LocalDateTime at) {
        db.dsl().insertInto(CREDIT_INQUIRY).set(CREDIT_INQUIRY.CUSTOMER_ID, customerOf(accountId)).set(CREDIT_INQUIRY.INQUIRED_AT, at)
                .set(CREDIT_INQUIRY.INSTITUTION, "某消费金融").set(CREDIT_INQUIRY.INQUIRY_TYPE, "CONSUMER_LOAN").set(CREDIT_INQUIRY.RECEIVED_AT, at.plusHours(1))
                .execute();
    }

    /** The generator's account-takeover pattern: new device + new city, then two big purchases within hours. */
    public void takeover(long accountId) {
        login(accountId, NOW.minusDays(2), true, true);
        txn(accountId, NOW.minusDays(2).plusHours(1), "4999.00");
        txn(accountId, NOW.minusDays(2).plusHours(3), "3888.00");
    }

    @Override
    public void close() {
        db.close();
    }
}
