package dev.riskdesk.appeals;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.APPEAL;
import static dev.riskdesk.db.schema.Tables.APPEAL_NOTE;
import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.CUSTOMER_NOTICE;
import static dev.riskdesk.db.schema.Tables.LIMIT_CHANGE;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.RULE_SET;
import static dev.riskdesk.db.schema.Tables.SUSPENSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.accounts.NoticeKind;
import dev.riskdesk.accounts.SuspensionKind;
import dev.riskdesk.accounts.SuspensionService;
import dev.riskdesk.accounts.SuspensionStatus;
import dev.riskdesk.appeals.AppealOutcome;
import dev.riskdesk.appeals.AppealRegistration;
import dev.riskdesk.appeals.AppealServices;
import dev.riskdesk.appeals.AppealStatus;
import dev.riskdesk.appeals.AppealType;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.common.Money;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.EngineResolver;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.limits.LimitsFixture;
import dev.riskdesk.limits.ProposalRoute;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.limits.VersionStatus;
import dev.riskdesk.limits.review.AppealRemedies;
import dev.riskdesk.security.AccessDeniedException;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestOperators;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The appeal service on a real database (H2 here, PostgreSQL in {@link AppealServicePgTest}) with the limit engine behind it. */
@Tag("db")
@ExtendWith(EngineResolver.class)
class AppealServiceDbTest {
    @TempDir
    Path dir;
    LimitsFixture f;
    MovableClock clock;
    AppealServices appeals;
    /** The generic actor of these tests: a manager, who may do every step of an appeal (a lift then needs another approver). */
    Session system;
    TestDatabases.Engine engine;

    /** A clock the test moves; the limit engine keeps the fixture's. */
    static final class MovableClock extends Clock {
        Instant now;

        MovableClock(LocalDateTime at) {
            set(at);
        }

        void set(LocalDateTime at) {
            now = at.atZone(LimitsFixture.CST).toInstant();
        }

        @Override
        public ZoneId getZone() {
            return LimitsFixture.CST;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void setUp(TestDatabases.Engine engine) {
        this.engine = engine;
        f = new LimitsFixture(dir, engine);
        clock = new MovableClock(LimitsFixture.NOW.plusHours(1));
        appeals = AppealServices.of(f.db, new AppealRemedies(f.decisions), f.notices, f.audit, clock);
        system = TestOperators.manager(f.db);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    long suspended(SuspensionKind kind, Long ruleSetId, String rule) {
        long account = f.account("20000.00", "5000.00", "I3", 2);
        f.db.transaction(tx -> new SuspensionService().suspend(tx, new SuspensionService.SuspensionRequest(account, kind, ruleSetId, rule, null,
                null, rule, "{}", "{\"LOGINS\":\"" + LimitsFixture.NOW + "\"}"), 0, "ENGINE", null, LimitsFixture.NOW));
        return f.db.dsl().select(SUSPENSION.ID).from(SUSPENSION).where(SUSPENSION.ACCOUNT_ID.eq(account)).fetchOne(SUSPENSION.ID);
    }

    long accountOf(long suspensionId) {
        return f.db.dsl().select(SUSPENSION.ACCOUNT_ID).from(SUSPENSION).where(SUSPENSION.ID.eq(suspensionId)).fetchOne(SUSPENSION.ACCOUNT_ID);
    }

    long appealSuspension(long suspensionId, SuspensionKind kind) {
        AppealType type = kind == SuspensionKind.FREEZE ? AppealType.FREEZE : AppealType.SUSPENSION;
        return appeals.registration().register(system, new Appeals.Registration(accountOf(suspensionId), type, suspensionId, null, "PHONE", "SMS",
                "It was me."), List.of());
    }

    int version(long id) {
        return appeals.queries().detail(system, id).row().version();
    }

    AppealStatus status(long id) {
        return appeals.queries().detail(system, id).row().status();
    }

    /** Brings a fresh appeal to {@code target} with the system session. */
    long appealIn(AppealStatus target) {
        long id = appealSuspension(suspended(SuspensionKind.RISK, null, "SPENDING_SPIKE"), SuspensionKind.RISK);
        switch (target) {
            case NEW -> { }
            case IN_REVIEW -> appeals.workflow().move(system, id, version(id), AppealStatus.IN_REVIEW, null);
            case AWAITING_CUSTOMER, ESCALATED -> {
                appeals.workflow().move(system, id, version(id), AppealStatus.IN_REVIEW, null);
                appeals.workflow().move(system, id, version(id), target, "x");
            }
            case DECIDED, CLOSED -> {
                appeals.workflow().move(system, id, version(id), AppealStatus.IN_REVIEW, null);
                appeals.workflow().decide(system, id, version(id), upheld());
                if (target == AppealStatus.CLOSED) {
                    appeals.workflow().move(system, id, version(id), AppealStatus.CLOSED, "told");
                }
            }
            default -> throw new IllegalStateException();
        }
        assertEquals(target, status(id));
        return id;
    }

    static Appeals.Decision upheld() {
        return new Appeals.Decision(AppealOutcome.UPHELD, null, "APPEAL_RISK_CONFIRMED", "risk confirmed", false, null);
    }

    @Test
    void everyValidTransitionIsAcceptedAndEveryInvalidOneRefusedByTheService() {
        int valid = 0;
        int refused = 0;
        for (AppealStatus from : AppealStatus.values()) {
            for (AppealStatus to : AppealStatus.values()) {
                if (to == AppealStatus.NEW) {
                    continue; // nothing ever goes back to NEW; move() refuses it outright
                }
                long id = appealIn(from);
                Runnable attempt = to == AppealStatus.DECIDED
                        ? () -> appeals.workflow().decide(system, id, version(id), upheld())
                        : () -> appeals.workflow().move(system, id, version(id), to, "reason");
                if (from.canMoveTo(to)) {
                    attempt.run();
                    assertEquals(to, status(id), from + " -> " + to);
                    valid++;
                } else {
                    assertThrows(UserFacingException.class, attempt::run, from + " -> " + to);
                    assertEquals(from, status(id), "a refused move changes nothing");
                    refused++;
                }
            }
        }
        assertEquals(12, valid);
        assertEquals(18, refused);
        long id = appealIn(AppealStatus.NEW);
        assertThrows(UserFacingException.class, () -> appeals.workflow().move(system, id, version(id), AppealStatus.NEW, "x"));
    }

    @Test
    void rolesDecideWhoMayMove() {
        Session agent = f.login("agent", "agent123");
        Session manager = f.login("manager", "manager123");
        long closed = appealIn(AppealStatus.CLOSED);
        assertThrows(AccessDeniedException.class, () -> appeals.workflow().move(agent, closed, version(closed), AppealStatus.IN_REVIEW, "reopen"));
        assertThrows(UserFacingException.class, () -> appeals.workflow().move(manager, closed, version(closed), AppealStatus.IN_REVIEW, " "),
                "reopening needs a reason");
        appeals.workflow().move(manager, closed, version(closed), AppealStatus.IN_REVIEW, "customer sent new evidence");
        assertEquals(AppealStatus.IN_REVIEW, status(closed));
        assertNull(appeals.queries().detail(system, closed).row().outcome(), "a reopened appeal has no outcome until decided again");

        long escalated = appealIn(AppealStatus.ESCALATED);
        assertThrows(AccessDeniedException.class, () -> appeals.workflow().move(agent, escalated, version(escalated), AppealStatus.IN_REVIEW, "back"));
        assertThrows(AccessDeniedException.class, () -> appeals.workflow().decide(agent, escalated, version(escalated), upheld()));
        appeals.workflow().move(f.login("risk", "risk123"), escalated, version(escalated), AppealStatus.IN_REVIEW, "checked: no fraud");

        long fresh = appealIn(AppealStatus.NEW);
        long agentId = agent.operatorId();
        assertThrows(AccessDeniedException.class, () -> appeals.workflow().assign(agent, fresh, version(fresh), agentId, null));
        appeals.workflow().claim(agent, fresh, version(fresh));
        assertEquals(AppealStatus.IN_REVIEW, status(fresh));
        assertEquals("agent", appeals.queries().detail(system, fresh).row().assignee());
        Session risk2 = f.login("risk2", "quiet-harbor-43");
        assertThrows(UserFacingException.class, () -> appeals.workflow().claim(risk2, fresh, version(fresh)), "someone else's appeal");
        appeals.workflow().assign(manager, fresh, version(fresh), risk2.operatorId(), "workload");
        assertEquals("risk2", appeals.queries().detail(system, fresh).row().assignee());
        int stale = version(fresh) - 1;
        assertThrows(UserFacingException.class, () -> appeals.workflow().addNote(agent, fresh, " "));
        assertThrows(UserFacingException.class, () -> appeals.workflow().move(agent, fresh, stale, AppealStatus.AWAITING_CUSTOMER, "x"),
                "an old version is refused");
    }

    @Test
    void aRiskOperatorTakesAnEscalatedAppealFromTheAgentButNotFromAnotherRiskOperator() {
        long id = appealIn(AppealStatus.NEW);
        Session agent = f.login("agent", "agent123");
        Session risk = f.login("risk", "risk123");
        Session risk2 = f.login("risk2", "quiet-harbor-43");
        appeals.workflow().claim(agent, id, version(id));
        assertThrows(UserFacingException.class, () -> appeals.workflow().claim(risk, id, version(id)), "not escalated: still the agent's");
        appeals.workflow().move(agent, id, version(id), AppealStatus.ESCALATED, "fraud pattern, please check");
        appeals.workflow().claim(risk, id, version(id));
        assertEquals("risk", appeals.queries().detail(system, id).row().assignee());
        assertEquals(AppealStatus.ESCALATED, status(id), "claiming does not change the escalation");
        assertThrows(UserFacingException.class, () -> appeals.workflow().claim(risk2, id, version(id)), "another risk operator's appeal");
        assertThrows(UserFacingException.class, () -> appeals.workflow().claim(agent, id, version(id)), "the agent cannot take it back");
    }

    @Test
    void anAgentCannotLiftAFraudSuspensionAloneAndAManagerApprovesTheRiskOperatorsLift() {
        long suspension = suspended(SuspensionKind.FRAUD, null, "ACCOUNT_TAKEOVER");
        long account = accountOf(suspension);
        long id = appealSuspension(suspension, SuspensionKind.FRAUD);
        Session agent = f.login("agent", "agent123");
        Session risk = f.login("risk", "risk123");
        Session manager = f.login("manager", "manager123");
        appeals.workflow().claim(agent, id, version(id));
        Appeals.Decision lift = new Appeals.Decision(AppealOutcome.LIFTED, null, "APPEAL_IDENTITY_VERIFIED", "video call", true, "en");
        assertThrows(AccessDeniedException.class, () -> appeals.workflow().decide(agent, id, version(id), lift));
        appeals.workflow().move(agent, id, version(id), AppealStatus.ESCALATED, "fraud: risk operator please");
        Appeals.Decision unverified = new Appeals.Decision(AppealOutcome.LIFTED, null, "APPEAL_IDENTITY_VERIFIED", "video call", false, "en");
        assertThrows(UserFacingException.class, () -> appeals.workflow().decide(risk, id, version(id), unverified), "identity must be re-verified");

        assertFalse(appeals.workflow().decide(risk, id, version(id), lift), "a fraud lift waits for a second person");
        assertEquals(SuspensionStatus.ACTIVE, f.db.dsl().select(SUSPENSION.STATUS).from(SUSPENSION).where(SUSPENSION.ID.eq(suspension)).fetchOne(SUSPENSION.STATUS));
        assertTrue(appeals.queries().detail(system, id).row().awaitingApproval());
        assertEquals(AppealStatus.ESCALATED, status(id));
        assertThrows(AccessDeniedException.class, () -> appeals.workflow().approveLift(risk, id, version(id), "ok", "en"));

        appeals.workflow().approveLift(manager, id, version(id), "checked the video", "en");
        Appeals.AppealCase c = appeals.queries().detail(system, id);
        assertEquals(AppealStatus.DECIDED, c.row().status());
        assertEquals(AppealOutcome.LIFTED, c.row().outcome());
        assertTrue(c.identityReverified());
        assertEquals(SuspensionStatus.LIFTED, f.db.dsl().select(SUSPENSION.STATUS).from(SUSPENSION).where(SUSPENSION.ID.eq(suspension)).fetchOne(SUSPENSION.STATUS));
        assertEquals(AccountStatus.ACTIVE, f.db.dsl().select(ACCOUNT.STATUS).from(ACCOUNT).where(ACCOUNT.ID.eq(account)).fetchOne(ACCOUNT.STATUS));
        assertEquals(1, f.db.dsl().fetchCount(LIMIT_CHANGE, LIMIT_CHANGE.ACCOUNT_ID.eq(account).and(LIMIT_CHANGE.SOURCE.eq("APPEAL"))));
        String body = f.db.dsl().select(CUSTOMER_NOTICE.BODY).from(CUSTOMER_NOTICE).where(CUSTOMER_NOTICE.APPEAL_ID.eq(id))
                .fetchOne(CUSTOMER_NOTICE.BODY);
        assertTrue(body.contains("the decision is withdrawn") && body.contains("we re-verified your identity"), body);
        assertTrue(f.db.dsl().fetchExists(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("APPEAL_DECIDED").and(AUDIT_EVENT.OPERATOR_NAME.eq("manager"))));
        assertTrue(f.db.dsl().fetchExists(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("APPEAL_LIFT_REQUESTED").and(AUDIT_EVENT.OPERATOR_NAME.eq("risk"))));
    }

    @Test
    void theManagerWhoRequestedAFraudLiftCannotApproveIt() {
        long suspension = suspended(SuspensionKind.FRAUD, null, "ACCOUNT_TAKEOVER");
        long id = appealSuspension(suspension, SuspensionKind.FRAUD);
        Session manager = f.login("manager", "manager123");
        appeals.workflow().move(manager, id, version(id), AppealStatus.IN_REVIEW, null);
        assertFalse(appeals.workflow().decide(manager, id, version(id),
                new Appeals.Decision(AppealOutcome.LIFTED, null, "APPEAL_IDENTITY_VERIFIED", "branch visit", true, null)));
        assertThrows(UserFacingException.class, () -> appeals.workflow().approveLift(manager, id, version(id), "me", null), "four eyes");
        appeals.workflow().approveLift(f.login("manager2", "quiet-harbor-42"), id, version(id), "ok", null);
        assertEquals(AppealStatus.DECIDED, status(id));
        String body = f.db.dsl().select(CUSTOMER_NOTICE.BODY).from(CUSTOMER_NOTICE).where(CUSTOMER_NOTICE.APPEAL_ID.eq(id))
                .fetchOne(CUSTOMER_NOTICE.BODY);
        assertTrue(body.contains("撤销原决定"), "the default notice language is Simplified Chinese: " + body);
    }

    /** An account whose limit the engine decreased from {@code from} to {@code to}; returns {account, decision}. */
    long[] decreased(String from, String to) {
        long account = f.account(from, "1000.00", "I3", 2);
        long proposal = f.db.dsl().insertInto(LIMIT_PROPOSAL).set(LIMIT_PROPOSAL.ACCOUNT_ID, account).set(LIMIT_PROPOSAL.PROPOSAL_TYPE, ProposalType.DECREASE)
                .set(LIMIT_PROPOSAL.STATUS, ProposalStatus.PENDING).set(LIMIT_PROPOSAL.ROUTE, ProposalRoute.REVIEW).set(LIMIT_PROPOSAL.OLD_LIMIT, Money.of(from))
                .set(LIMIT_PROPOSAL.PROPOSED_LIMIT, Money.of(to)).set(LIMIT_PROPOSAL.EXPOSURE, Money.of("1000.00"))
                .set(LIMIT_PROPOSAL.PRIORITY, java.math.BigDecimal.ONE).set(LIMIT_PROPOSAL.REASON_CODES, "UTILISATION_JUMP")
                .set(LIMIT_PROPOSAL.CREATED_AT, LimitsFixture.NOW).returning(LIMIT_PROPOSAL.ID).fetchOne().getId();
        return new long[] {account, f.decisions.confirm(system, proposal, 0, "queue").decisionId()};
    }

    java.math.BigDecimal limitOf(long account) {
        return f.db.dsl().select(ACCOUNT.CREDIT_LIMIT).from(ACCOUNT).where(ACCOUNT.ID.eq(account)).fetchOne(ACCOUNT.CREDIT_LIMIT);
    }

    @Test
    void aPartialLiftAboveTheAuthorityMatrixWaitsForASecondManagerAndThenApplies() {
        long[] d = decreased("80000.00", "40000.00");
        long account = d[0];
        Session manager = f.login("manager", "manager123");
        long id = appeals.registration().register(manager, new Appeals.Registration(account, AppealType.LIMIT_DECREASE, null, d[1], "PHONE", "SMS",
                "My income rose."), List.of());
        appeals.workflow().claim(manager, id, version(id));
        assertFalse(appeals.workflow().decide(manager, id, version(id),
                new Appeals.Decision(AppealOutcome.PARTIALLY_LIFTED, Money.of("60000.00"), "APPEAL_PARTIAL_RISK", "part", false, "en")),
                "60,000 lies above the authority matrix: awaits approval");
        assertEquals(0, Money.of("40000.00").compareTo(limitOf(account)));
        assertTrue(appeals.queries().detail(system, id).row().awaitingApproval());

        appeals.workflow().approveLift(f.login("manager2", "quiet-harbor-42"), id, version(id), "income checked", null);
        assertEquals(0, Money.of("60000.00").compareTo(limitOf(account)));
        Appeals.AppealCase c = appeals.queries().detail(system, id);
        assertEquals(AppealStatus.DECIDED, c.row().status());
        assertEquals(AppealOutcome.PARTIALLY_LIFTED, c.row().outcome());
        assertFalse(c.row().awaitingApproval());
        var notice = f.db.dsl().selectFrom(CUSTOMER_NOTICE).where(CUSTOMER_NOTICE.APPEAL_ID.eq(id)).fetchOne();
        assertEquals(NoticeKind.APPEAL_OUTCOME, notice.getKind(), "the outcome notice is queued");
        assertTrue(notice.getBody().contains("partly withdrawn"), "in the language chosen with the decision: " + notice.getBody());
    }

    @Test
    void aLimitDecreaseAppealRestoresTheLimitOrPartOfIt() {
        long[] d = decreased("20000.00", "12000.00");
        long account = d[0];
        long decision = d[1];
        Session agent = f.login("agent", "agent123");
        List<Appeals.Contestable> contestable = appeals.registration().contestable(agent, account);
        assertEquals(1, contestable.size());
        assertEquals(decision, contestable.get(0).decisionId());
        long id = appeals.registration().register(agent, new Appeals.Registration(account, AppealType.LIMIT_DECREASE, null, decision, "APP", "APP",
                "I always pay on time."), List.of());
        assertEquals("UTILISATION_JUMP", appeals.queries().detail(agent, id).row().ruleCode());
        assertThrows(UserFacingException.class, () -> appeals.registration().register(agent, new Appeals.Registration(account, AppealType.LIMIT_DECREASE, null,
                decision, "APP", "APP", "again"), List.of()), "one open appeal per decision");
        appeals.workflow().claim(agent, id, version(id));
        assertThrows(UserFacingException.class, () -> appeals.workflow().decide(agent, id, version(id),
                new Appeals.Decision(AppealOutcome.PARTIALLY_LIFTED, Money.of("25000.00"), "APPEAL_PARTIAL_RISK", "half", false, null)),
                "not above the limit before the decrease");
        assertTrue(appeals.workflow().decide(agent, id, version(id),
                new Appeals.Decision(AppealOutcome.PARTIALLY_LIFTED, Money.of("16000.00"), "APPEAL_PARTIAL_RISK", "half", false, "en")));
        assertEquals(0, Money.of("16000.00").compareTo(
                f.db.dsl().select(ACCOUNT.CREDIT_LIMIT).from(ACCOUNT).where(ACCOUNT.ID.eq(account)).fetchOne(ACCOUNT.CREDIT_LIMIT)));
        var notice = f.db.dsl().selectFrom(CUSTOMER_NOTICE).where(CUSTOMER_NOTICE.APPEAL_ID.eq(id)).fetchOne();
        assertEquals("APP", notice.getChannel());
        assertEquals(NoticeKind.APPEAL_OUTCOME, notice.getKind());
        assertTrue(notice.getBody().contains("16000.00") && notice.getBody().contains("partly withdrawn"), notice.getBody());
    }

    @Test
    void theSlaClockRunsAcrossDaysAndBreachesAreReported() {
        clock.set(LocalDateTime.of(2025, 3, 21, 18, 0)); // a Friday evening
        long id = appealSuspension(suspended(SuspensionKind.RISK, null, "SPENDING_SPIKE"), SuspensionKind.RISK);
        Appeals.InboxRow row = appeals.queries().inbox(system, Appeals.InboxFilter.open()).get(0);
        assertEquals(LocalDateTime.of(2025, 3, 23, 18, 0), row.slaDueAt(), "48 hours for a suspension");
        clock.set(LocalDateTime.of(2025, 3, 22, 10, 0));
        assertEquals(Duration.ofHours(32), appeals.queries().inbox(system, Appeals.InboxFilter.open()).get(0).remaining());
        assertFalse(appeals.queries().inbox(system, Appeals.InboxFilter.open()).get(0).breached());
        clock.set(LocalDateTime.of(2025, 3, 24, 9, 0)); // Monday morning
        Appeals.InboxRow late = appeals.queries().inbox(system, Appeals.InboxFilter.open()).get(0);
        assertTrue(late.breached());
        assertEquals(Duration.ofHours(-15), late.remaining());
        assertEquals(1, appeals.figures().figures(system).openBreached());
        assertEquals(1, appeals.figures().figures(system).open2to7d());

        appeals.sla().setSlaHours(f.login("manager", "manager123"), AppealType.SUSPENSION, 24);
        long second = appealSuspension(suspended(SuspensionKind.RISK, null, "SPENDING_SPIKE"), SuspensionKind.RISK);
        List<Appeals.InboxRow> inbox = appeals.queries().inbox(system, Appeals.InboxFilter.open());
        assertEquals(List.of(id, second), inbox.stream().map(Appeals.InboxRow::id).toList(), "ordered by deadline");
        assertEquals(LocalDateTime.of(2025, 3, 25, 9, 0), inbox.get(1).slaDueAt());
        assertThrows(AccessDeniedException.class, () -> appeals.sla().setSlaHours(f.login("agent", "agent123"), AppealType.SUSPENSION, 1));

        appeals.workflow().move(system, id, version(id), AppealStatus.IN_REVIEW, null);
        appeals.workflow().decide(system, id, version(id), upheld());
        Appeals.InboxFigures figures = appeals.figures().figures(system);
        assertEquals(1, figures.decided());
        assertEquals(0, figures.decidedWithinSla(), "decided after the deadline");
        assertEquals(0.0, figures.slaCompliance());
    }

    @Test
    void overturnStatisticsPerRuleAndVersionOnHandMadeData() {
        long v1 = ruleSet(101);
        long v2 = ruleSet(102);
        // ACCOUNT_TAKEOVER v101: 3 decided, 2 overturned (one with stale data), 1 open; v102: 1 upheld; SPENDING_SPIKE v102: 2 upheld
        decided("ACCOUNT_TAKEOVER", v1, AppealOutcome.LIFTED, "APPEAL_STALE_DATA", 2);
        decided("ACCOUNT_TAKEOVER", v1, AppealOutcome.LIFTED, "APPEAL_CIRCUMSTANCES", 4);
        decided("ACCOUNT_TAKEOVER", v1, AppealOutcome.UPHELD, "APPEAL_RISK_CONFIRMED", 6);
        appealSuspension(suspended(SuspensionKind.RISK, v1, "ACCOUNT_TAKEOVER"), SuspensionKind.RISK);
        decided("ACCOUNT_TAKEOVER", v2, AppealOutcome.UPHELD, "APPEAL_RISK_CONFIRMED", 8);
        decided("SPENDING_SPIKE", v2, AppealOutcome.UPHELD, "APPEAL_RISK_CONFIRMED", 10);
        decided("SPENDING_SPIKE", v2, AppealOutcome.UPHELD, "APPEAL_POLICY_APPLIES", 12);

        List<Appeals.RuleQuality> quality = appeals.figures().ruleQuality(f.login("risk", "risk123"));
        assertEquals(3, quality.size());
        Appeals.RuleQuality first = quality.get(0);
        assertEquals("ACCOUNT_TAKEOVER", first.ruleCode());
        assertEquals(101, first.ruleVersion());
        assertEquals(4, first.appeals());
        assertEquals(3, first.decided());
        assertEquals(2, first.overturned());
        assertEquals(1, first.staleData());
        assertEquals(2.0 / 3, first.overturnRate(), 1e-9);
        assertTrue(quality.stream().skip(1).allMatch(q -> q.overturnRate() == 0.0));
        assertEquals(4, appeals.queries().appealsOfRule(system, "ACCOUNT_TAKEOVER", v1).size());
        assertThrows(AccessDeniedException.class, () -> appeals.figures().ruleQuality(f.login("agent", "agent123")));

        Appeals.InboxFigures figures = appeals.figures().figures(system);
        assertEquals(6, figures.decided());
        assertEquals(2, figures.overturned());
        assertEquals(1, figures.open());
        assertEquals(7.0, figures.medianHandlingHours(), 1e-9, "handling 2, 4, 6, 8, 10, 12 hours");
        assertEquals(6, figures.decidedWithinSla());
    }

    long ruleSet(int version) {
        return f.db.dsl().insertInto(RULE_SET).set(RULE_SET.VERSION_NO, version).set(RULE_SET.STATUS, VersionStatus.RETIRED)
                .set(RULE_SET.CREATED_AT, LimitsFixture.NOW).returning(RULE_SET.ID).fetchOne().getId();
    }

    void decided(String rule, long ruleSetId, AppealOutcome outcome, String reason, int hours) {
        LocalDateTime start = LimitsFixture.NOW.plusHours(1);
        clock.set(start);
        long id = appealSuspension(suspended(SuspensionKind.RISK, ruleSetId, rule), SuspensionKind.RISK);
        appeals.workflow().move(system, id, version(id), AppealStatus.IN_REVIEW, null);
        clock.set(start.plusHours(hours));
        appeals.workflow().decide(system, id, version(id), new Appeals.Decision(outcome, null, reason, "n", false, null));
        clock.set(start);
    }

    @Test
    void twoOperatorsRegisteringAtOnceGetDistinctAppealNumbers() throws Exception {
        long first = suspended(SuspensionKind.RISK, null, "SPENDING_SPIKE");
        long second = suspended(SuspensionKind.RISK, null, "SPENDING_SPIKE");
        // another operator's registration, inserted but not yet committed, holds the next number
        try (java.sql.Connection other = f.db.connection()) {
            other.setAutoCommit(false);
            org.jooq.DSLContext tx = f.db.using(other);
            long otherId = tx.insertInto(APPEAL).set(APPEAL.APPEAL_NO, "AP-000001").set(APPEAL.ACCOUNT_ID, accountOf(first))
                    .set(APPEAL.APPEAL_TYPE, AppealType.SUSPENSION).set(APPEAL.SUSPENSION_ID, first).set(APPEAL.CHANNEL, "PHONE")
                    .set(APPEAL.CONTACT_PREFERENCE, "SMS").set(APPEAL.STATEMENT, "first").set(APPEAL.STATUS, AppealStatus.NEW)
                    .set(APPEAL.CREATED_AT, LimitsFixture.NOW).set(APPEAL.SLA_DUE_AT, LimitsFixture.NOW.plusHours(48))
                    .returning(APPEAL.ID).fetchOne().getId();
            assertEquals(1, otherId);
            long id = appealSuspension(second, SuspensionKind.RISK);
            other.commit();
            assertEquals("AP-000002", appeals.queries().detail(system, id).row().appealNo());
        }
        assertEquals(2, f.db.dsl().fetchCount(APPEAL));
    }

    /**
     * Two consoles on one PostgreSQL database, each with its own services and connection pool, four threads
     * each: 200 claims of the same 50 new appeals, every claim with the version its claimer read before the
     * race. Each appeal is won by exactly one agent, its version moves once, and it has one claim note and
     * one audit event: no claim is lost and none is counted twice.
     */
    @Test
    void twoConsolesOnTwoPoolsClaimEachAppealExactlyOnce() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(engine == TestDatabases.Engine.POSTGRES, "two pools on one server database");
        int items = 50;
        int threadsEach = 4;
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < items; i++) {
            ids.add(appealIn(AppealStatus.NEW));
        }
        Session admin = f.login("admin", "admin123");
        List<Session> agents = new java.util.ArrayList<>();
        var operatorAdmin = new dev.riskdesk.security.OperatorAdminService(f.db, new dev.riskdesk.security.PasswordHasher(4), f.audit, f.clock);
        for (int t = 0; t < 2 * threadsEach; t++) {
            operatorAdmin.add(admin, "racer" + t, "Racer " + t, dev.riskdesk.security.Role.AGENT, ("quiet-harbor-" + (60 + t)).toCharArray());
            agents.add(f.login("racer" + t, "quiet-harbor-" + (60 + t)));
        }
        java.util.Map<Long, Integer> read = new java.util.HashMap<>();
        ids.forEach(id -> read.put(id, version(id)));
        java.util.Map<Long, java.util.Set<String>> winners = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        List<Throwable> unexpected = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        var tasks = new dev.riskdesk.common.QueuedTaskRunner();
        try (var first = dev.riskdesk.app.AppServices.open(f.db.location(), tasks);
                var second = dev.riskdesk.app.AppServices.open(f.db.location(), tasks)) {
            AppealWorkflow[] consoles = {first.appeals().workflow(), second.appeals().workflow()};
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2 * threadsEach);
            List<Thread> threads = new java.util.ArrayList<>();
            for (int t = 0; t < 2 * threadsEach; t++) {
                Session agent = agents.get(t);
                AppealWorkflow console = consoles[t / threadsEach];
                // threads 0, 2, 4, 6 claim the first 25 appeals, 1, 3, 5, 7 the others: 4 claims per appeal, 2 from each console
                List<Long> mine = t % 2 == 0 ? ids.subList(0, items / 2) : ids.subList(items / 2, items);
                threads.add(new Thread(() -> {
                    try {
                        start.await();
                        for (long id : mine) {
                            try {
                                console.claim(agent, id, read.get(id));
                                winners.computeIfAbsent(id, k -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(agent.username());
                            } catch (UserFacingException lost) {
                                refused.incrementAndGet();
                            }
                        }
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join(120_000);
            }
        }
        assertEquals(List.of(), unexpected);
        assertEquals(items, winners.size(), "every appeal was won");
        assertEquals(2 * threadsEach * items / 2 - items, refused.get(), "every other claim was refused");
        for (long id : ids) {
            assertEquals(1, winners.get(id).size(), "one winner for appeal " + id);
            String winner = winners.get(id).iterator().next();
            var row = f.db.dsl().selectFrom(APPEAL).where(APPEAL.ID.eq(id)).fetchOne();
            assertEquals(read.get(id) + 1, row.getVersion(), "the version moved once");
            assertEquals(AppealStatus.IN_REVIEW, row.getStatus());
            assertEquals(winner, f.db.dsl().select(dev.riskdesk.db.schema.Tables.OPERATOR.USERNAME).from(dev.riskdesk.db.schema.Tables.OPERATOR)
                    .where(dev.riskdesk.db.schema.Tables.OPERATOR.ID.eq(row.getAssigneeId())).fetchOne(0, String.class));
            assertEquals(1, f.db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("APPEAL_CLAIMED").and(AUDIT_EVENT.ENTITY_ID.eq(String.valueOf(id)))));
            assertEquals(1, f.db.dsl().fetchCount(APPEAL_NOTE, APPEAL_NOTE.APPEAL_ID.eq(id).and(APPEAL_NOTE.BODY.startsWith("Claimed by"))));
        }
    }

    @Test
    void notesAreAppendOnlyAndAttachmentsAreChecked() {
        long id = appealIn(AppealStatus.NEW);
        Session agent = f.login("agent", "agent123");
        appeals.workflow().addNote(agent, id, "Called the customer back.");
        appeals.workflow().addNote(agent, id, "Customer will send the receipt.");
        List<Appeals.Note> notes = appeals.queries().detail(agent, id).notes();
        assertEquals(AppealNoteKind.CUSTOMER, notes.get(0).kind(), "the statement opens the log");
        assertEquals(List.of("Called the customer back.", "Customer will send the receipt."),
                notes.stream().filter(n -> n.kind() == AppealNoteKind.NOTE).map(Appeals.Note::body).toList());
        assertEquals(3, f.db.dsl().fetchCount(APPEAL_NOTE, APPEAL_NOTE.APPEAL_ID.eq(id)));

        byte[] pdf = "%PDF-1.4 receipt".getBytes(StandardCharsets.US_ASCII);
        appeals.registration().addAttachment(agent, id, new Appeals.Attachment("receipt.pdf", "application/pdf", pdf));
        assertThrows(UserFacingException.class, () -> appeals.registration().addAttachment(agent, id,
                new Appeals.Attachment("receipt.pdf", "application/pdf", "not a pdf".getBytes(StandardCharsets.US_ASCII))));
        assertThrows(UserFacingException.class, () -> appeals.registration().addAttachment(agent, id,
                new Appeals.Attachment("virus.exe", "application/octet-stream", new byte[] {'M', 'Z'})));
        byte[] big = new byte[AppealRegistration.MAX_ATTACHMENT_BYTES + 1];
        big[0] = '%';
        big[1] = 'P';
        big[2] = 'D';
        big[3] = 'F';
        assertThrows(UserFacingException.class, () -> appeals.registration().addAttachment(agent, id, new Appeals.Attachment("big.pdf", "application/pdf", big)));
        List<Appeals.AttachmentInfo> stored = appeals.queries().detail(agent, id).attachments();
        assertEquals(1, stored.size());
        assertEquals(pdf.length, stored.get(0).sizeBytes());
        int auditsBefore = f.db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("APPEAL_ATTACHMENT_READ"));
        Appeals.Attachment read = appeals.registration().readAttachment(agent, stored.get(0).id());
        assertEquals("%PDF-1.4 receipt", new String(read.content(), StandardCharsets.US_ASCII));
        assertEquals("receipt.pdf", read.fileName());
        assertEquals(auditsBefore + 1, f.db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("APPEAL_ATTACHMENT_READ")
                .and(AUDIT_EVENT.ENTITY_ID.eq(String.valueOf(id))).and(AUDIT_EVENT.DETAILS.eq("receipt.pdf"))));
        assertThrows(UserFacingException.class, () -> appeals.registration().readAttachment(agent, Long.MAX_VALUE));
        assertEquals("image/jpeg", AppealRegistration.contentTypeOf("scan.JPG"));
        assertTrue(f.db.dsl().fetchExists(APPEAL, APPEAL.ID.eq(id)));
    }
}
