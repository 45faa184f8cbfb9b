package dev.riskdesk.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Money;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guardrails and authority routing of the limit policy. */
class LimitEngineTest {
    private static final LocalDateTime AT = RuleEngineTest.AT;
    private final LimitEngine engine = new LimitEngine();

    private static AccountData scored(int sub, double pd) {
        AccountData a = RuleEngineTest.account();
        a.incomeBand = "I5";
        a.score = new AccountData.Score(1L, pd, "A", sub, sub, sub, sub, "R01", AT.minusDays(1));
        return a;
    }

    private List<ProposalDraft> evaluate(AccountData a) {
        return evaluate(a, AT);
    }

    private List<ProposalDraft> evaluate(AccountData a, LocalDateTime at) {
        return engine.evaluate(a, RuleEngineTest.RULES, RuleEngineTest.POLICY, RuleEngineTest.feeds(at), at).proposals();
    }

    @Test
    void increaseIsLimitedToTheMaximumStepAndRoutedToReview() {
        ProposalDraft d = evaluate(scored(100, 0.01)).get(0);
        assertEquals(ProposalType.INCREASE, d.type());
        assertEquals(Money.of("13000"), d.proposedLimit(), "30 % step up from 10,000");
        assertEquals("REVIEW", d.route(), "30 % is above the 10 % automatic authority");
        assertEquals("PENDING", d.status());
        assertEquals(0, d.priority().compareTo(d.exposure().multiply(BigDecimal.valueOf(0.01))), "priority = exposure × PD");
    }

    @Test
    void decreaseIsLimitedToTheMaximumStep() {
        AccountData a = scored(0, 0.30);
        a.incomeBand = "I1";
        ProposalDraft d = evaluate(a).get(0);
        assertEquals(ProposalType.DECREASE, d.type());
        assertEquals(Money.of("7000"), d.proposedLimit());
        assertEquals("REVIEW", d.route(), "30 % is above the 20 % automatic authority");
    }

    @Test
    void noChangeWithinTheCoolingOffDays() {
        AccountData a = scored(100, 0.01);
        a.lastLimitChange = AT.minusDays(29);
        assertTrue(evaluate(a).isEmpty());
        a.lastLimitChange = AT.minusDays(30);
        assertFalse(evaluate(a).isEmpty());
    }

    @Test
    void noIncreaseWhileDelinquent() {
        AccountData a = scored(100, 0.01);
        a.currentDpd = 3;
        a.delinquencyBucket = "DPD1_30";
        assertTrue(evaluate(a).isEmpty());
    }

    @Test
    void increaseNeverExceedsTheHiddenCap() {
        AccountData a = scored(100, 0.01);
        a.incomeBand = "I1"; // cap 3,000 × 2 months = 6,000
        a.creditLimit = Money.of("5000");
        a.outstanding = Money.of("2000");
        ProposalDraft d = evaluate(a).get(0);
        assertEquals(Money.of("6000"), d.hiddenCap());
        assertTrue(d.proposedLimit().compareTo(d.hiddenCap()) <= 0, d.proposedLimit().toString());
    }

    @Test
    void heavyDebtHalvesTheHiddenCap() {
        AccountData a = scored(100, 0.01);
        a.incomeBand = "I2"; // 6,000 a month, cap 18,000; debt above half a year's income halves it
        a.creditLimit = Money.of("40000");
        a.outstanding = Money.of("40000");
        LimitTarget t = engine.target(a, RuleEngineTest.POLICY, AT);
        assertEquals(Money.of("9000"), t.hiddenCap());
    }

    @Test
    void authorityMatrixForPolicyChanges() {
        AccountData a = scored(80, 0.02);
        LimitPolicy p = RuleEngineTest.POLICY;
        BigDecimal current = Money.of("10000");
        assertTrue(LimitEngine.routeAutomatically(ProposalType.INCREASE, current, Money.of("11000"), a, p, false, false), "10 %, ¥1,000");
        assertFalse(LimitEngine.routeAutomatically(ProposalType.INCREASE, current, Money.of("11100"), a, p, false, false), "11 %");
        assertFalse(LimitEngine.routeAutomatically(ProposalType.INCREASE, Money.of("30000"), Money.of("32100"), a, p, false, false), "7 % but ¥2,100");
        assertTrue(LimitEngine.routeAutomatically(ProposalType.INCREASE, Money.of("30000"), Money.of("32000"), a, p, false, false), "¥2,000");
        assertFalse(LimitEngine.routeAutomatically(ProposalType.INCREASE, current, Money.of("11000"), a, p, false, true), "open flag");
        assertFalse(LimitEngine.routeAutomatically(ProposalType.INCREASE, current, Money.of("11000"), scored(80, 0.06), p, false, false), "PD 6 %");
        assertTrue(LimitEngine.routeAutomatically(ProposalType.DECREASE, current, Money.of("8000"), a, p, false, false), "PD-driven 20 %");
        assertFalse(LimitEngine.routeAutomatically(ProposalType.DECREASE, current, Money.of("7900"), a, p, false, false), "21 %");
        assertFalse(LimitEngine.routeAutomatically(ProposalType.DECREASE, current, Money.of("9000"), a, p, true, false), "rule-driven decrease");
    }

    @Test
    void takeoverSuspendsAutomaticallyAndStaleOverdueWaitsForData() {
        AccountData a = scored(60, 0.03);
        a.logins.add(new AccountData.Login(1, AT.minusDays(1), "D-NEW", "深圳", true, true, true));
        a.txns.add(new AccountData.Txn(2, AT.minusDays(1).plusHours(1), Money.of("3000"), "m", "深圳", "D-NEW"));
        a.txns.add(new AccountData.Txn(3, AT.minusDays(1).plusHours(2), Money.of("3000"), "m", "深圳", "D-NEW"));
        ProposalDraft d = evaluate(a).get(0);
        assertEquals(ProposalType.SUSPEND, d.type());
        assertEquals("AUTO_APPLIED", d.status());
        assertEquals("FRAUD", d.suspensionKind());

        AccountData late = scored(100, 0.01);
        late.bills.add(new AccountData.Bill(9, AT.toLocalDate().minusDays(8), Money.of("5000"), Money.of("500"), Money.ZERO));
        var feeds = new java.util.HashMap<>(RuleEngineTest.feeds(AT).feeds());
        feeds.put("REPAYMENTS", new FeedStatus.Feed("REPAYMENTS", AT.minusDays(9), 24 * 30));
        List<ProposalDraft> drafts = engine.evaluate(late, RuleEngineTest.RULES, RuleEngineTest.POLICY, new FeedStatus(feeds), AT).proposals();
        assertEquals(1, drafts.size(), "no increase while evidence waits for data: " + drafts);
        assertEquals("AWAITING_DATA", drafts.get(0).status());
        assertEquals(ProposalType.DECREASE, drafts.get(0).type());
    }

    @Test
    void festivalTemporaryLimitExpiresByItself() {
        LocalDateTime festival = LocalDateTime.of(2025, 11, 5, 0, 0);
        AccountData a = scored(60, 0.01);
        a.lastLimitChange = festival.minusDays(5); // cooling-off blocks a permanent change, not a temporary one
        ProposalDraft d = evaluate(a, festival).get(0);
        assertTrue(d.temporary());
        assertEquals(ProposalType.INCREASE, d.type());
        assertNotNull(d.expiresAt());
        assertEquals(Money.of("12000"), d.proposedLimit());
        assertEquals(Money.of("12000"), LimitMath.effectiveLimit(a.creditLimit, d.proposedLimit(), d.expiresAt(), d.expiresAt().minusSeconds(1)));
        assertEquals(a.creditLimit, LimitMath.effectiveLimit(a.creditLimit, d.proposedLimit(), d.expiresAt(), d.expiresAt()));
    }

    @Test
    void availableNeverGoesNegative() {
        assertEquals(Money.ZERO, LimitMath.available("ACTIVE", Money.of("7000"), Money.of("9000")));
        assertEquals(Money.of("1000.00"), LimitMath.available("ACTIVE", Money.of("10000"), Money.of("9000")));
        assertEquals(Money.ZERO, LimitMath.available("SUSPENDED", Money.of("10000"), Money.of("0")));
    }
}
