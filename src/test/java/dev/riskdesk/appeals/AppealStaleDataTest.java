package dev.riskdesk.appeals;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;
import static dev.riskdesk.db.schema.Tables.GENERATOR_TRUTH;
import static dev.riskdesk.db.schema.Tables.REPAYMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.accounts.NoticeService;
import dev.riskdesk.accounts.NoticeTemplates;
import dev.riskdesk.accounts.SuspensionKind;
import dev.riskdesk.accounts.SuspensionService;
import dev.riskdesk.appeals.AppealServices;
import dev.riskdesk.appeals.AppealType;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.limits.LimitServices;
import dev.riskdesk.limits.review.AppealRemedies;
import dev.riskdesk.portfolio.GeneratorOptions;
import dev.riskdesk.portfolio.PortfolioGenerator;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.TestOperators;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stale-data detection on a generated book: an account of the generator's REPAYMENT_DELAY
 * scenario paid before the trigger, but the repayment reached the database after the data the
 * trigger saw. Once it has arrived the case says the trigger relied on stale data.
 */
@Tag("db")
class AppealStaleDataTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 22);

    @TempDir
    Path dir;

    @Test
    void aRepaymentThatArrivesAfterTheTriggerMarksTheAppealStale() {
        try (Database db = TestDatabases.fresh(dir)) {
            new PortfolioGenerator(db).generate(TestOperators.batch(db), GeneratorOptions.of(1500, 12, 11, AS_OF), Progress.NONE);
            LocalDateTime trigger = AS_OF.atStartOfDay();
            // an in-flight repayment: paid before the trigger, received after it
            Record late = db.dsl().select(REPAYMENT.ACCOUNT_ID, REPAYMENT.PAID_AT, REPAYMENT.RECEIVED_AT).from(REPAYMENT)
                    .where(REPAYMENT.ACCOUNT_ID.in(DSL.select(GENERATOR_TRUTH.ACCOUNT_ID).from(GENERATOR_TRUTH)
                            .where(GENERATOR_TRUTH.SCENARIO.eq("REPAYMENT_DELAY"))))
                    .and(REPAYMENT.PAID_AT.le(trigger)).and(REPAYMENT.RECEIVED_AT.gt(trigger))
                    .orderBy(REPAYMENT.RECEIVED_AT).limit(1).fetchOne();
            assertNotNull(late, "the generator writes in-flight repayments");
            long delayed = late.get(REPAYMENT.ACCOUNT_ID);
            LocalDateTime received = late.get(REPAYMENT.RECEIVED_AT);
            long onTime = db.dsl().select(DSL.min(ACCOUNT.ID)).from(ACCOUNT).where(ACCOUNT.STATUS.eq(AccountStatus.ACTIVE))
                    .and(ACCOUNT.ID.notIn(DSL.select(GENERATOR_TRUTH.ACCOUNT_ID).from(GENERATOR_TRUTH)))
                    .and(DSL.notExists(DSL.selectOne().from(REPAYMENT).where(REPAYMENT.ACCOUNT_ID.eq(ACCOUNT.ID))
                            .and(REPAYMENT.RECEIVED_AT.gt(trigger)))).fetchOne().value1();
            LocalDateTime repaymentsAsOf = db.dsl().select(DATA_FEED.AS_OF).from(DATA_FEED).where(DATA_FEED.CODE.eq("REPAYMENTS"))
                    .fetchOne(DATA_FEED.AS_OF);
            String feedAsOf = "{\"REPAYMENTS\":\"" + repaymentsAsOf + "\"}";

            AppealServiceDbTest.MovableClock clock = new AppealServiceDbTest.MovableClock(trigger.plusMinutes(1));
            AuditLog audit = new AuditLog(clock);
            NoticeService notices = new NoticeService(db, NoticeTemplates.load(Path.of("data/notice-templates.json")), audit, clock, "zh_CN");
            LimitServices limits = new LimitServices(db, audit, clock);
            AppealServices appeals = AppealServices.of(db, new AppealRemedies(limits.decisions), notices, audit, clock);
            long delayedAppeal = appealOnSuspension(db, appeals, delayed, trigger, feedAsOf);
            long onTimeAppeal = appealOnSuspension(db, appeals, onTime, trigger, feedAsOf);

            Appeals.DataCheck before = appeals.queries().detail(TestOperators.risk(db), delayedAppeal).dataCheck();
            assertFalse(before.stale(), "the repayment has not arrived yet");
            assertEquals(trigger, before.triggeredAt());
            assertEquals(repaymentsAsOf.toString().substring(0, 16), before.feedAsOf().get("REPAYMENTS").substring(0, 16));

            clock.set(received.plusMinutes(1));
            Appeals.DataCheck after = appeals.queries().detail(TestOperators.risk(db), delayedAppeal).dataCheck();
            assertTrue(after.stale(), "paid " + late.get(REPAYMENT.PAID_AT) + ", received " + received);
            assertEquals(late.get(REPAYMENT.PAID_AT), after.lateRepayments().get(0).paidAt());
            assertTrue(after.repaymentsSinceTrigger() >= 1);
            assertFalse(appeals.queries().detail(TestOperators.risk(db), onTimeAppeal).dataCheck().stale(), "nothing arrived late for this one");
            List<String> truth = db.dsl().select(GENERATOR_TRUTH.DETAILS).from(GENERATOR_TRUTH).where(GENERATOR_TRUTH.ACCOUNT_ID.eq(delayed))
                    .and(GENERATOR_TRUTH.SCENARIO.eq("REPAYMENT_DELAY")).fetch(GENERATOR_TRUTH.DETAILS);
            assertTrue(truth.get(0).contains("paid on time"), truth.toString());
        }
    }

    private static long appealOnSuspension(Database db, AppealServices appeals, long account, LocalDateTime trigger, String feedAsOf) {
        int version = db.dsl().select(ACCOUNT.VERSION).from(ACCOUNT).where(ACCOUNT.ID.eq(account)).fetchOne(ACCOUNT.VERSION);
        long suspension = db.transactionResult(tx -> new SuspensionService().suspend(tx, new SuspensionService.SuspensionRequest(account, SuspensionKind.FREEZE,
                null, "OVERDUE_FREEZE", null, null, "OVERDUE_FREEZE", "{}", feedAsOf), version, "ENGINE", null, trigger));
        return appeals.registration().register(TestOperators.agent(db), new Appeals.Registration(account, AppealType.FREEZE, suspension, null, "PHONE", "SMS",
                "I paid on time."), List.of());
    }
}
