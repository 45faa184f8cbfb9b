package dev.riskdesk.limits.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.common.Money;
import dev.riskdesk.limits.EngineFixtures;
import dev.riskdesk.limits.ProposalRoute;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.limits.run.FeedStatus;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guardrails and authority routing of the limit policy. */
class LimitEngineTest {
    private static final LocalDateTime AT = EngineFixtures.AT;
    private final LimitEngine engine = new LimitEngine();

    private static AccountData scored(int sub, double pd) {
        return scored(sub, pd, AT);
    }

    /** A scored account that uses half of its 10,000 line in each of the six months before {@code at}. */
    private static AccountData scored(int sub, double pd, LocalDateTime at) {
        AccountData a = EngineFixtures.account();
        a.incomeBand = "I5";
        a.score = new AccountData.Score(1L, pd, "A", sub, sub, sub, sub, "R01", at.minusDays(1));
        history(a, at, 6, "5000", "2000");
        return a;
    }

    /** Replaces the monthly aggregates with {@code months} months before {@code at}, each with that balance and spend. */
    private static void history(AccountData a, LocalDateTime at, int months, String balance, String spend) {
        a.months.clear();
        for (int m = months; m >= 1; m--) {
            a.months.add(new AccountData.Month(at.toLocalDate().withDayOfMonth(1).minusMonths(m), a.creditLimit, Money.of(balance), Money.of(spend)));
        }
    }

    private List<ProposalDraft> evaluate(AccountData a) {
        return evaluate(a, AT);
    }

    private List<ProposalDraft> evaluate(AccountData a, LocalDateTime at) {
        return engine.evaluate(a, EngineFixtures.RULES, EngineFixtures.POLICY, EngineFixtures.feeds(at), at).proposals();
    }

    @Test
    void increaseIsLimitedToTheMaximumStepAndRoutedToReview() {
        ProposalDraft d = evaluate(scored(100, 0.01)).get(0);
        assertEquals(ProposalType.INCREASE, d.type());
        assertEquals(Money.of("13000"), d.proposedLimit(), "30 % step up from 10,000");
        assertEquals(ProposalRoute.REVIEW, d.route(), "30 % is above the 10 % automatic authority");
        assertEquals(ProposalStatus.PENDING, d.status());
        assertEquals(0, d.priority().compareTo(d.exposure().multiply(BigDecimal.valueOf(0.01))), "priority = exposure × PD");
    }

    @Test
    void decreaseIsLimitedToTheMaximumStep() {
        AccountData a = scored(0, 0.30);
        a.incomeBand = "I1";
        ProposalDraft d = evaluate(a).get(0);
        assertEquals(ProposalType.DECREASE, d.type());
        assertEquals(Money.of("7000"), d.proposedLimit());
        assertEquals(ProposalRoute.REVIEW, d.route(), "30 % is above the 20 % automatic authority");
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
        LimitTarget t = LimitTargets.of(a, EngineFixtures.POLICY, AT);
        assertEquals(Money.of("9000"), t.hiddenCap());
    }

    @Test
    void authorityMatrixForPolicyChanges() {
        AccountData a = scored(80, 0.02);
        LimitPolicy p = EngineFixtures.POLICY;
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
        assertEquals(ProposalStatus.AUTO_APPLIED, d.status());
        assertEquals("FRAUD", d.suspensionKind());

        AccountData late = scored(100, 0.01);
        late.bills.add(new AccountData.Bill(9, AT.toLocalDate().minusDays(8), Money.of("5000"), Money.of("500"), Money.ZERO));
        var feeds = new java.util.HashMap<>(EngineFixtures.feeds(AT).feeds());
        feeds.put("REPAYMENTS", new FeedStatus.Feed("REPAYMENTS", AT.minusDays(9), 24 * 30));
        List<ProposalDraft> drafts = engine.evaluate(late, EngineFixtures.RULES, EngineFixtures.POLICY, new FeedStatus(feeds), AT).proposals();
        assertEquals(1, drafts.size(), "no increase while evidence waits for data: " + drafts);
        assertEquals(ProposalStatus.AWAITING_DATA, drafts.get(0).status());
        assertEquals(ProposalType.DECREASE, drafts.get(0).type());
    }

    @Test
    void festivalTemporaryLimitExpiresByItself() {
        LocalDateTime festival = LocalDateTime.of(2025, 11, 5, 0, 0);
        AccountData a = scored(60, 0.01, festival);
        a.lastLimitChange = festival.minusDays(5); // cooling-off blocks a permanent change, not a temporary one
        ProposalDraft d = evaluate(a, festival).get(0);
        assertTrue(d.temporary());
        assertEquals(ProposalType.INCREASE, d.type());
        assertNotNull(d.expiresAt());
        assertEquals(Money.of("12000"), d.proposedLimit());
        assertEquals(Money.of("12000"), LimitMath.effectiveLimit(a.creditLimit, d.proposedLimit(), d.expiresAt(), d.expiresAt().minusSeconds(1)));
        assertEquals(a.creditLimit, LimitMath.effectiveLimit(a.creditLimit, d.proposedLimit(), d.expiresAt(), d.expiresAt()));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "average balance {0} of 10,000: increase {1}")
    @org.junit.jupiter.params.provider.CsvSource({"2999,false", "3000,true", "3001,true", "0,false"})
    void anIncreaseNeedsAtLeast30PercentAverageUtilisation(String balance, boolean increase) {
        AccountData a = scored(100, 0.01);
        history(a, AT, 6, balance, "1000");
        List<ProposalDraft> drafts = evaluate(a);
        assertEquals(increase ? List.of(ProposalType.INCREASE) : List.of(), drafts.stream().map(ProposalDraft::type).toList());
        assertEquals(increase ? null : "LOW_UTILISATION", LimitTargets.increaseIneligible(a, EngineFixtures.POLICY, AT));
    }

    @Test
    void theUtilisationIsAveragedOverTheLastThreeMonthsOnly() {
        AccountData a = scored(100, 0.01);
        history(a, AT, 6, "9000", "1000");
        a.months.replaceAll(m -> m.monthStart().isBefore(AT.toLocalDate().withDayOfMonth(1).minusMonths(3)) ? m
                : new AccountData.Month(m.monthStart(), m.creditLimit(), Money.of("2000"), m.spend()));
        assertEquals("LOW_UTILISATION", LimitTargets.increaseIneligible(a, EngineFixtures.POLICY, AT), "20 % in the last three, 90 % before");
        a.months.add(new AccountData.Month(AT.toLocalDate().withDayOfMonth(1), a.creditLimit, Money.of("10000"), Money.of("5000")));
        assertEquals("LOW_UTILISATION", LimitTargets.increaseIneligible(a, EngineFixtures.POLICY, AT), "the running month does not count");
    }

    @Test
    void thinFileDormantAndNeverUsedLinesGetNoIncrease() {
        AccountData thin = scored(100, 0.01);
        history(thin, AT, 2, "5000", "1000");
        assertEquals("THIN_FILE", LimitTargets.increaseIneligible(thin, EngineFixtures.POLICY, AT));
        assertTrue(evaluate(thin).isEmpty());
        history(thin, AT, 3, "5000", "1000");
        assertEquals(null, LimitTargets.increaseIneligible(thin, EngineFixtures.POLICY, AT), "three months are enough");

        AccountData dormant = scored(100, 0.01);
        history(dormant, AT, 6, "5000", "0");
        assertEquals("DORMANT", LimitTargets.increaseIneligible(dormant, EngineFixtures.POLICY, AT));
        assertTrue(evaluate(dormant).isEmpty());

        AccountData never = scored(100, 0.01);
        never.outstanding = Money.ZERO;
        history(never, AT, 6, "0", "0");
        assertEquals("NEVER_USED", LimitTargets.increaseIneligible(never, EngineFixtures.POLICY, AT));
        assertTrue(evaluate(never).isEmpty());
    }

    @Test
    void aFestivalLimitAlsoNeedsALineInUse() {
        LocalDateTime festival = LocalDateTime.of(2025, 11, 5, 0, 0);
        AccountData a = scored(60, 0.01, festival);
        a.lastLimitChange = festival.minusDays(5);
        history(a, festival, 6, "1000", "1000");
        assertTrue(evaluate(a, festival).isEmpty(), "10 % used: no temporary limit either");
    }

    @Test
    void aLowScoreStillCutsAnUnusedLine() {
        AccountData a = scored(0, 0.30);
        a.incomeBand = "I1";
        a.outstanding = Money.ZERO;
        history(a, AT, 6, "0", "0");
        assertEquals(List.of(ProposalType.DECREASE), evaluate(a).stream().map(ProposalDraft::type).toList());
    }

    /** I1: the hidden cap of 6,000 is the target; the dead band is max(10 % of the limit, ¥1,000). */
    @org.junit.jupiter.params.ParameterizedTest(name = "limit {0} → target 6,000: increase {1}")
    @org.junit.jupiter.params.provider.CsvSource({"5000,true", "5001,false", "5100,false", "4900,true"})
    void noIncreaseWithinTheDeadBandAmount(String limit, boolean increase) {
        AccountData a = scored(100, 0.01);
        a.incomeBand = "I1";
        a.creditLimit = Money.of(limit);
        a.outstanding = Money.of("2000");
        assertEquals(Money.of("6000"), LimitTargets.of(a, EngineFixtures.POLICY, AT).target());
        assertEquals(increase ? List.of(ProposalType.INCREASE) : List.of(), evaluate(a).stream().map(ProposalDraft::type).toList());
    }

    /**
     * I2 with heavy spend: the hidden cap of 18,000 is the target; 10 % of the limit is the larger part of the dead band.
     * Below the band an increase that would need a review is not proposed, while one inside the automatic authority
     * (at most 10 % and ¥2,000, PD at most 5 %) still applies by itself.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "limit {0}, PD {1} → target 18,000: {2}")
    @org.junit.jupiter.params.provider.CsvSource({"16300,0.01,PENDING", "16363,0.01,PENDING", "16364,0.01,AUTO_APPLIED",
            "16400,0.01,AUTO_APPLIED", "16300,0.08,PENDING", "16364,0.08,NONE", "16400,0.08,NONE"})
    void withinTheDeadBandOnlyAnAutomaticIncreaseComes(String limit, double pd, String expected) {
        AccountData a = scored(100, pd);
        a.incomeBand = "I2";
        history(a, AT, 6, "5000", "5000");
        a.creditLimit = Money.of(limit);
        a.outstanding = Money.of("6000");
        assertEquals(Money.of("18000"), LimitTargets.of(a, EngineFixtures.POLICY, AT).target());
        List<ProposalDraft> drafts = evaluate(a);
        if (expected.equals("NONE")) {
            assertEquals(List.of(), drafts.stream().map(ProposalDraft::type).toList());
        } else {
            assertEquals(List.of(ProposalType.INCREASE), drafts.stream().map(ProposalDraft::type).toList());
            assertEquals(expected, drafts.get(0).status().name());
            assertEquals(Money.of("18000"), drafts.get(0).proposedLimit());
        }
    }

    @Test
    void theDeadBandDecidesWhichOpenProposalStillStands() {
        LimitPolicy p = EngineFixtures.POLICY;
        BigDecimal current = Money.of("20000");
        assertEquals(Money.of("2000"), p.increaseDeadBand(current));
        assertEquals(Money.of("1000"), p.increaseDeadBand(Money.of("5000")));
        assertTrue(p.withinDeadBand(ProposalType.INCREASE, current, Money.of("24000"), Money.of("25999")));
        assertFalse(p.withinDeadBand(ProposalType.INCREASE, current, Money.of("24000"), Money.of("26000")));
        assertTrue(p.withinDeadBand(ProposalType.DECREASE, current, Money.of("16000"), Money.of("15001")), "5 % of 20,000 = 1,000");
        assertFalse(p.withinDeadBand(ProposalType.DECREASE, current, Money.of("16000"), Money.of("15000")));
        assertTrue(p.withinDeadBand(ProposalType.SUSPEND, current, current, current));
        assertFalse(p.withinDeadBand(ProposalType.FREEZE, current, current, Money.of("19999")));
    }

    @Test
    void availableNeverGoesNegative() {
        assertEquals(Money.ZERO, LimitMath.available(AccountStatus.ACTIVE, Money.of("7000"), Money.of("9000")));
        assertEquals(Money.of("1000.00"), LimitMath.available(AccountStatus.ACTIVE, Money.of("10000"), Money.of("9000")));
        assertEquals(Money.ZERO, LimitMath.available(AccountStatus.SUSPENDED, Money.of("10000"), Money.of("0")));
    }
}
