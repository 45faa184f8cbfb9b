package dev.riskdesk.limits.review;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.CUSTOMER_NOTICE;
import static dev.riskdesk.db.schema.Tables.LIMIT_CHANGE;
import static dev.riskdesk.db.schema.Tables.LIMIT_DECISION;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.SUSPENSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.accounts.DecisionStatus;
import dev.riskdesk.accounts.NoticeKind;
import dev.riskdesk.accounts.NoticeService;
import dev.riskdesk.accounts.NoticeStatus;
import dev.riskdesk.common.Money;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.EngineResolver;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.db.schema.tables.records.AccountRecord;
import dev.riskdesk.db.schema.tables.records.LimitProposalRecord;
import dev.riskdesk.limits.LimitsFixture;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.limits.run.PolicyRunService;
import dev.riskdesk.security.AccessDeniedException;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestOperators;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
@ExtendWith(EngineResolver.class)
class LimitDecisionDbTest {
    @TempDir
    java.nio.file.Path dir;
    LimitsFixture f;
    Session risk;
    Session risk2;
    Session manager;
    Session manager2;

    @BeforeEach
    void open(TestDatabases.Engine engine) {
        f = new LimitsFixture(dir, engine);
        f.feeds(LimitsFixture.NOW);
        risk = f.login("risk", "risk123");
        risk2 = f.login("risk2", "quiet-harbor-43");
        manager = f.login("manager", "manager123");
        manager2 = f.login("manager2", "quiet-harbor-42");
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** A PD-driven 30 % decrease, routed to review: 10,000 → 7,000 with a balance of 9,000. */
    private LimitProposalRecord pendingDecrease() {
        long id = f.account("10000", "9000", "I1", 1);
        f.score(id, 0.30, 0);
        f.runs.run(TestOperators.batch(f.db), new PolicyRunService.RunOptions(false, 100, LimitsFixture.NOW, false), Progress.NONE);
        LimitProposalRecord p = f.db.dsl().selectFrom(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ACCOUNT_ID.eq(id)).fetchOne();
        assertEquals(ProposalStatus.PENDING, p.getStatus());
        assertEquals(ProposalType.DECREASE, p.getProposalType());
        return p;
    }

    /** A 30 % increase, routed to review: 10,000 → 13,000. */
    private LimitProposalRecord pendingIncrease() {
        long id = f.account("10000", "5000", "I5", 1);
        f.score(id, 0.01, 100);
        f.history(id, "10000", "5000", "2000");
        f.runs.run(TestOperators.batch(f.db), new PolicyRunService.RunOptions(false, 100, LimitsFixture.NOW, false), Progress.NONE);
        LimitProposalRecord p = f.db.dsl().selectFrom(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ACCOUNT_ID.eq(id)).fetchOne();
        assertEquals(ProposalType.INCREASE, p.getProposalType());
        assertEquals(Money.of("13000"), p.getProposedLimit());
        return p;
    }

    private AccountRecord account(long id) {
        return f.db.dsl().selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(id)).fetchOne();
    }

    @Test
    void confirmAppliesAndADecreaseBelowTheBalanceLeavesZeroAvailable() {
        LimitProposalRecord p = pendingDecrease();
        LimitDecisionService.Outcome o = f.decisions.confirm(risk, p.getId(), p.getVersion(), "agreed");
        assertTrue(o.applied());
        AccountRecord a = account(p.getAccountId());
        assertEquals(Money.of("7000"), a.getCreditLimit());
        assertEquals(Money.ZERO, a.getAvailableAmount());
        assertEquals(Money.of("9000"), a.getOutstandingBalance());
        assertEquals(1, f.db.dsl().fetchCount(LIMIT_CHANGE, LIMIT_CHANGE.ACCOUNT_ID.eq(a.getId()).and(LIMIT_CHANGE.SOURCE.eq("OPERATOR"))));
        assertEquals(1, f.db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ENTITY_TYPE.eq("LIMIT_PROPOSAL").and(AUDIT_EVENT.OPERATOR_NAME.eq("risk"))));
        var notice = f.db.dsl().selectFrom(CUSTOMER_NOTICE).where(CUSTOMER_NOTICE.ACCOUNT_ID.eq(a.getId())).and(CUSTOMER_NOTICE.CHANNEL.eq("SMS")).fetchOne();
        assertEquals(NoticeKind.LIMIT_DECREASE, notice.getKind());
        assertTrue(notice.getBody().contains("7000.00") && notice.getBody().contains("信用评估"), notice.getBody());
    }

    @Test
    void agentsMayNotDecide() {
        LimitProposalRecord p = pendingDecrease();
        Session agent = f.login("agent", "agent123");
        assertThrows(AccessDeniedException.class, () -> f.decisions.confirm(agent, p.getId(), p.getVersion(), null));
    }

    @Test
    void overrideNeedsReasonAndNoteAndStaysUnderTheHiddenCap() {
        LimitProposalRecord p = pendingIncrease();
        assertThrows(UserFacingException.class, () -> f.decisions.override(risk, p.getId(), p.getVersion(), Money.of("12000"), " ", "note"));
        assertThrows(UserFacingException.class, () -> f.decisions.override(risk, p.getId(), p.getVersion(), Money.of("12000"), "CUSTOMER_CALL", ""));
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> f.decisions.override(risk, p.getId(), p.getVersion(), p.getHiddenCap().add(Money.of("1")), "CUSTOMER_CALL", "n"));
        assertTrue(e.getMessage().contains("hidden cap"), e.getMessage());
        LimitDecisionService.Outcome o = f.decisions.override(risk, p.getId(), p.getVersion(), Money.of("12000"), "CUSTOMER_CALL", "income proof seen");
        assertTrue(o.applied(), "below the proposal and the thresholds: no second approval");
        assertEquals(Money.of("12000"), account(p.getAccountId()).getCreditLimit());
        assertEquals(ProposalStatus.OVERRIDDEN, o.proposalStatus());
    }

    @Test
    void raisingAboveTheProposalNeedsASecondPersonAndSelfApprovalIsRefused() {
        LimitProposalRecord p = pendingIncrease();
        LimitDecisionService.Outcome o = f.decisions.override(manager, p.getId(), p.getVersion(), Money.of("14000"), "VIP", "long customer");
        assertEquals(DecisionStatus.AWAITING_APPROVAL, o.decisionStatus());
        assertEquals(Money.of("10000"), account(p.getAccountId()).getCreditLimit(), "nothing applied yet");

        UserFacingException self = assertThrows(UserFacingException.class, () -> f.decisions.approve(manager, o.decisionId(), 0, "me"));
        assertTrue(self.getMessage().contains("another manager"), self.getMessage());
        assertThrows(AccessDeniedException.class, () -> f.decisions.approve(risk, o.decisionId(), 0, "not a manager"));

        LimitDecisionService.Outcome approved = f.decisions.approve(manager2, o.decisionId(), 0, "ok");
        assertEquals(DecisionStatus.APPROVED, approved.decisionStatus());
        assertEquals(Money.of("14000"), account(p.getAccountId()).getCreditLimit());
        var d = f.db.dsl().selectFrom(LIMIT_DECISION).where(LIMIT_DECISION.ID.eq(o.decisionId())).fetchOne();
        assertEquals(manager.operatorId(), d.getMakerId());
        assertEquals(manager2.operatorId(), d.getCheckerId());
    }

    @Test
    void declinedDecisionReturnsTheProposalToTheQueue() {
        LimitProposalRecord p = pendingIncrease();
        LimitDecisionService.Outcome o = f.decisions.override(risk, p.getId(), p.getVersion(), Money.of("14000"), "VIP", "n");
        f.decisions.decline(manager, o.decisionId(), 0, "no income proof");
        assertEquals(ProposalStatus.PENDING, f.db.dsl().select(LIMIT_PROPOSAL.STATUS).from(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ID.eq(p.getId())).fetchOne(LIMIT_PROPOSAL.STATUS));
        assertEquals(Money.of("10000"), account(p.getAccountId()).getCreditLimit());
    }

    @Test
    void liftingAFraudSuspensionNeedsASecondApproval() {
        long victim = f.account("20000", "5000", "I3", 1);
        f.takeover(victim);
        f.runs.run(TestOperators.batch(f.db), new PolicyRunService.RunOptions(false, 100, LimitsFixture.NOW, false), Progress.NONE);
        long suspensionId = f.db.dsl().select(SUSPENSION.ID).from(SUSPENSION).where(SUSPENSION.ACCOUNT_ID.eq(victim)).fetchOne(SUSPENSION.ID);
        LimitDecisionService.Outcome o = f.decisions.liftSuspension(risk, suspensionId, "CUSTOMER_CONFIRMED", "customer was travelling");
        assertEquals(DecisionStatus.AWAITING_APPROVAL, o.decisionStatus());
        assertEquals(AccountStatus.SUSPENDED, account(victim).getStatus());
        f.decisions.approve(manager, o.decisionId(), 0, "verified by phone");
        AccountRecord a = account(victim);
        assertEquals(AccountStatus.ACTIVE, a.getStatus());
        assertEquals(Money.of("15000"), a.getAvailableAmount());
        assertEquals(1, f.db.dsl().fetchCount(CUSTOMER_NOTICE, CUSTOMER_NOTICE.ACCOUNT_ID.eq(victim).and(CUSTOMER_NOTICE.KIND.eq(NoticeKind.LIFT))
                .and(CUSTOMER_NOTICE.CHANNEL.eq("SMS"))));
    }

    @Test
    void aStaleVersionIsToldWhoChangedItAndWhen() {
        LimitProposalRecord p = pendingDecrease();
        f.decisions.confirm(risk, p.getId(), p.getVersion(), null);
        UserFacingException e = assertThrows(UserFacingException.class, () -> f.decisions.reject(risk2, p.getId(), p.getVersion(), null, "no"));
        assertTrue(e.getMessage().contains("changed by risk at 2025-03-20 00:00:00"), e.getMessage());
    }

    @Test
    void twoOperatorsOnOneProposalExactlyOneWins() throws Exception {
        LimitProposalRecord p = pendingDecrease();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> a = pool.submit(() -> attempt(start, () -> f.decisions.confirm(risk, p.getId(), p.getVersion(), "a")));
            Future<String> b = pool.submit(() -> attempt(start, () -> f.decisions.reject(risk2, p.getId(), p.getVersion(), null, "b")));
            start.countDown();
            List<String> results = List.of(a.get(), b.get());
            assertEquals(1, results.stream().filter("OK"::equals).count(), results.toString());
            String loser = results.stream().filter(r -> !"OK".equals(r)).findFirst().orElseThrow();
            assertTrue(loser.contains("changed by risk") || loser.contains("changed by risk2"), loser);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, f.db.dsl().fetchCount(LIMIT_DECISION, LIMIT_DECISION.PROPOSAL_ID.eq(p.getId())));
    }

    private static String attempt(CountDownLatch start, Runnable action) throws InterruptedException {
        start.await();
        try {
            action.run();
            return "OK";
        } catch (UserFacingException e) {
            return e.getMessage();
        }
    }

    @Test
    void englishNoticesAndTheOutboxExport() {
        long id = f.account("10000", "0", "I3", 1);
        f.db.transaction(tx -> f.notices.queue(tx, new NoticeService.NoticeRequest(id, NoticeKind.LIMIT_DECREASE, List.of("MULTI_LENDING"),
                Money.of("10000"), Money.of("8000"), null, null, "en")));
        var sms = f.db.dsl().selectFrom(CUSTOMER_NOTICE).where(CUSTOMER_NOTICE.CHANNEL.eq("SMS")).fetchOne();
        assertEquals("en", sms.getLanguageTag());
        assertTrue(sms.getBody().contains("several other lenders") && sms.getBody().contains("appeal"), sms.getBody());
        assertTrue(sms.getBody().contains("we answer within 72 hours"), "the SLA of a decrease appeal: " + sms.getBody());
        assertThrows(AccessDeniedException.class, () -> f.notices.exportPending(risk, NoticeService.Format.CSV, new StringWriter()));
        StringWriter out = new StringWriter();
        assertEquals(2, f.notices.exportPending(manager, NoticeService.Format.JSON, out));
        assertTrue(out.toString().contains("\"accountNo\""), out.toString());
        assertEquals(2, f.db.dsl().fetchCount(CUSTOMER_NOTICE, CUSTOMER_NOTICE.STATUS.eq(NoticeStatus.EXPORTED)));
        assertEquals(0, f.notices.exportPending(manager, NoticeService.Format.CSV, new StringWriter()));
    }
}
