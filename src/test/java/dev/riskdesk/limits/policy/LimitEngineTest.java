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

    /** A scored account that uses half of its 10,000 line in each of the six months before {@code at}, in the band of its PD. */
    private static AccountData scored(int sub, double pd, LocalDateTime at) {
        return scored(sub, pd, bandOf(pd), at);
    }

    private static AccountData scored(int sub, double pd, String band, LocalDateTime at) {
        AccountData a = EngineFixtures.account();
        a.incomeBand = "I5";
        a.score = new AccountData.Score(1L, pd, band, sub, sub, sub, sub, "R01", at.minusDays(1));
        history(a, at, 6, "5000", "2000");
        return a;
    }

    /** The score band of a PD, as the scorecard's bands are calibrated (ScoreBand). */
    static String bandOf(double pd) {
        return pd <= 0.0025 ? "A" : pd <= 0.01 ? "B" : pd <= 0.038 ? "C" : pd <= 0.14 ? "D" : "E";
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
        a.incomeBand = "I1"; // cap 3,000 × 4 months = 12,000 (the target, 6,000 × 1.8 × 1.2, is above it)
        a.creditLimit = Money.of("11000");
        a.outstanding = Money.of("5000");
        ProposalDraft d = evaluate(a).get(0);
        assertEquals(Money.of("12000"), d.hiddenCap());
        assertEquals(Money.of("12000"), d.proposedLimit(), "30 % up would be 14,300");
    }

    @Test
    void heavyDebtHalvesTheHiddenCap() {
        AccountData a = scored(100, 0.01);
        a.incomeBand = "I2"; // 6,000 a month, cap 24,000; debt above half a year's income halves it
        a.creditLimit = Money.of("40000");
        a.outstanding = Money.of("40000");
        LimitTarget t = LimitTargets.of(a, EngineFixtures.POLICY, AT);
        assertEquals(Money.of("12000"), t.hiddenCap());
        assertEquals(List.of(LimitDriver.CAPACITY), t.drivers(), "income cannot carry the line");
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

    /** Band C asks an average utilisation of 15 % for an increase (band A 2 %, B 5 %, D 40 %, E 60 %). */
    @org.junit.jupiter.params.ParameterizedTest(name = "average balance {0} of 10,000: increase {1}")
    @org.junit.jupiter.params.provider.CsvSource({"1499,false", "1500,true", "1501,true", "0,false"})
    void anIncreaseNeedsTheBandsAverageUtilisation(String balance, boolean increase) {
        AccountData a = scored(100, 0.03);
        history(a, AT, 6, balance, "1000");
        List<ProposalDraft> drafts = evaluate(a);
        assertEquals(increase ? List.of(ProposalType.INCREASE) : List.of(), drafts.stream().map(ProposalDraft::type).toList());
        assertEquals(increase ? null : "LOW_UTILISATION", LimitTargets.increaseIneligible(a, EngineFixtures.POLICY, AT));
    }

    @Test
    void theUtilisationIsAveragedOverTheLastThreeMonthsOnly() {
        AccountData a = scored(100, 0.03);
        history(a, AT, 6, "9000", "1000");
        a.months.replaceAll(m -> m.monthStart().isBefore(AT.toLocalDate().withDayOfMonth(1).minusMonths(3)) ? m
                : new AccountData.Month(m.monthStart(), m.creditLimit(), Money.of("1000"), m.spend()));
        assertEquals("LOW_UTILISATION", LimitTargets.increaseIneligible(a, EngineFixtures.POLICY, AT), "10 % in the last three, 90 % before");
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
        history(a, festival, 6, "300", "1000");
        assertTrue(evaluate(a, festival).isEmpty(), "3 % used in band B: no temporary limit either");
    }

    @Test
    void aLowScoreStillCutsAnUnusedLine() {
        AccountData a = scored(0, 0.30);
        a.incomeBand = "I1";
        a.outstanding = Money.ZERO;
        history(a, AT, 6, "0", "0");
        assertEquals(List.of(ProposalType.DECREASE), evaluate(a).stream().map(ProposalDraft::type).toList());
    }

    /**
     * I1 in band B with little spend: target 4,500 × 1.8 × 1.2 = 9,720, rounded to 9,700; below a 10,000 limit the dead band
     * is its ¥1,000 part (10 % of the limit is less).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "limit {0} → target 9,700: increase {1}")
    @org.junit.jupiter.params.provider.CsvSource({"8700,true", "8701,false", "8800,false", "8600,true"})
    void noIncreaseWithinTheDeadBandAmount(String limit, boolean increase) {
        AccountData a = scored(100, 0.01);
        a.incomeBand = "I1";
        history(a, AT, 6, "2000", "1000");
        a.creditLimit = Money.of(limit);
        a.outstanding = Money.of("2000");
        assertEquals(Money.of("9700"), LimitTargets.of(a, EngineFixtures.POLICY, AT).target());
        assertEquals(increase ? List.of(ProposalType.INCREASE) : List.of(), evaluate(a).stream().map(ProposalDraft::type).toList());
    }

    /**
     * I2 in band B: target 9,000 × 1.8 × 1.2 = 19,440, rounded to 19,400; 10 % of the limit is the larger part of the dead band.
     * Below the band an increase that would need a review is not proposed, while one inside the automatic authority
     * (at most 10 % and ¥2,000, PD at most 5 %) still applies by itself.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "limit {0}, PD {1} → target 19,400: {2}")
    @org.junit.jupiter.params.provider.CsvSource({"17500,0.01,PENDING", "17636,0.01,PENDING", "17637,0.01,AUTO_APPLIED",
            "17700,0.01,AUTO_APPLIED", "17500,0.08,PENDING", "17637,0.08,NONE", "17700,0.08,NONE"})
    void withinTheDeadBandOnlyAnAutomaticIncreaseComes(String limit, double pd, String expected) {
        AccountData a = scored(100, pd, "B", AT);
        a.incomeBand = "I2";
        history(a, AT, 6, "6000", "2000");
        a.creditLimit = Money.of(limit);
        a.outstanding = Money.of("6000");
        assertEquals(Money.of("19400"), LimitTargets.of(a, EngineFixtures.POLICY, AT).target());
        List<ProposalDraft> drafts = evaluate(a);
        if (expected.equals("NONE")) {
            assertEquals(List.of(), drafts.stream().map(ProposalDraft::type).toList());
        } else {
            assertEquals(List.of(ProposalType.INCREASE), drafts.stream().map(ProposalDraft::type).toList());
            assertEquals(expected, drafts.get(0).status().name());
            assertEquals(Money.of("19400"), drafts.get(0).proposedLimit());
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

    /** An account of {@code band} in income band {@code income} with sub-scores (credit, capacity, stability, security) and a line. */
    private static AccountData line(String band, String income, int[] subs, String limit, String balance) {
        AccountData a = EngineFixtures.account();
        a.incomeBand = income;
        a.score = new AccountData.Score(1L, 0.02, band, subs[0], subs[1], subs[2], subs[3], "R01", AT.minusDays(1));
        a.creditLimit = Money.of(limit);
        a.outstanding = Money.of(balance);
        history(a, AT, 6, balance, "1000");
        return a;
    }

    private static final int[] NEUTRAL = {50, 50, 50, 50};

    private ProposalDraft only(AccountData a) {
        List<ProposalDraft> drafts = evaluate(a);
        assertEquals(1, drafts.size(), drafts.toString());
        return drafts.get(0);
    }

    /** The old policy cut a band-A line of 1.7 months of income to 1.5 × income: the band now carries it. */
    @Test
    void aGoodBandKeepsALineWithinItsTolerance() {
        AccountData a = line("A", "I4", new int[] {90, 70, 80, 90}, "33500", "3000");
        LimitTarget t = LimitTargets.of(a, EngineFixtures.POLICY, AT);
        assertTrue(t.target().compareTo(a.creditLimit) > 0, "target " + t.target());
        assertEquals(null, t.cutTo());
        // the same line in band E is far above its target: cut, and the score is the driver
        AccountData e = line("E", "I4", new int[] {10, 70, 80, 90}, "33500", "3000");
        ProposalDraft d = only(e);
        assertEquals(ProposalType.DECREASE, d.type());
        assertEquals("POLICY_SCORE", d.reasonCodes().get(0));
        assertTrue(d.reasonCodes().contains("R01"), "a score-driven cut gives the scorecard's reasons too: " + d.reasonCodes());
    }

    /** I1 earns 3,000: four months of income (12,000) is what it carries, whatever the band. */
    @Test
    void aLineAboveWhatIncomeCarriesIsCutToItWithTheCapacityCapFirst() {
        ProposalDraft d = only(line("A", "I1", new int[] {95, 60, 80, 90}, "15000", "3000"));
        assertEquals(ProposalType.DECREASE, d.type());
        assertEquals(Money.of("12000"), d.proposedLimit());
        assertEquals("POLICY_CAPACITY", d.reasonCodes().get(0));
        assertFalse(d.reasonCodes().contains("R01"), "a capacity cut is not a credit assessment: " + d.reasonCodes());
    }

    /** I5 in band E: the band's ceiling of 15,000 binds before income (140,000) or the target (capped at it). */
    @Test
    void aLineAboveTheBandsCeilingNamesTheHiddenCap() {
        ProposalDraft d = only(line("E", "I5", NEUTRAL, "20000", "8000"));
        assertEquals(Money.of("15000"), d.proposedLimit());
        assertEquals(Money.of("15000"), d.hiddenCap());
        assertEquals(List.of("POLICY_HIDDEN_CAP"), d.reasonCodes());
    }

    /**
     * I3 in band C with neutral sub-scores: 15,000 × 1.3 = 19,500; a line used under 10 % gets 90 % of it, 17,500; band C
     * cuts above 120 % of the target. A 22,000 line is within the tolerance of 19,500 but not of 17,500: low usage binds.
     */
    @Test
    void aLittleUsedLineIsCutGentlyForLowUsage() {
        ProposalDraft d = only(line("C", "I3", NEUTRAL, "22000", "500"));
        assertEquals(ProposalType.DECREASE, d.type());
        assertEquals(Money.of("17500"), d.proposedLimit());
        assertEquals(List.of("POLICY_LOW_USAGE"), d.reasonCodes(), "no scorecard reasons on a low-usage cut");
        // the same line used: within the tolerance, no change
        assertTrue(evaluate(line("C", "I3", NEUTRAL, "22000", "5000")).isEmpty());
        // band A's target (15,000 × 2.2 × 0.9 = 29,700) carries the little-used line: no cut
        assertTrue(evaluate(line("A", "I3", NEUTRAL, "22000", "500")).stream().noneMatch(x -> x.type() == ProposalType.DECREASE));
    }

    /** Composite 41 (capacity 10 the weakest): factor 0.964, target 18,700; 23,000 is within 120 % of 19,500 only. */
    @Test
    void aWeakSubScoreIsNamedWhenItHoldsTheTargetDown() {
        ProposalDraft d = only(line("C", "I3", new int[] {60, 10, 40, 60}, "23000", "5000"));
        assertEquals(Money.of("18700"), d.proposedLimit());
        assertEquals("POLICY_SUBSCORE_CAPACITY", d.reasonCodes().get(0));
    }

    /** Tier 5 / I1 has a macro factor of 0.9: 4,500 × 1.3 = 5,850 → 5,200; 6,500 is within 120 % of 5,850 only. */
    @Test
    void theMacroFactorIsNamedWhenItAloneTipsTheLine() {
        AccountData a = line("C", "I1", NEUTRAL, "6500", "2000");
        a.cityTier = 5;
        ProposalDraft d = only(a);
        assertEquals(Money.of("5200"), d.proposedLimit());
        assertEquals("MACRO_DOWNTURN", d.reasonCodes().get(0));
    }

    /** A rule's cut deeper than the policy's names the rule first; the policy's deeper cut names its driver first. */
    @Test
    void theDeeperCutNamesItsDriverFirst() {
        AccountData a = line("C", "I3", NEUTRAL, "22000", "500");
        for (int i = 0; i < 6; i++) {
            a.inquiries.add(new AccountData.Inquiry(i, AT.minusDays(3 + i), "lender" + i, "CONSUMER_LOAN"));
        }
        ProposalDraft d = only(a);
        assertEquals(Money.of("17500"), d.proposedLimit(), "the policy's 17,500 is below MULTI_LENDING's 20 % (17,600)");
        assertEquals("POLICY_LOW_USAGE", d.reasonCodes().get(0), d.reasonCodes().toString());
        assertTrue(d.reasonCodes().contains("MULTI_LENDING"));

        AccountData b = line("C", "I3", NEUTRAL, "20000", "5000");
        for (int i = 0; i < 6; i++) {
            b.inquiries.add(new AccountData.Inquiry(i, AT.minusDays(3 + i), "lender" + i, "CONSUMER_LOAN"));
        }
        ProposalDraft r = only(b);
        assertEquals(Money.of("16000"), r.proposedLimit());
        assertEquals("MULTI_LENDING", r.reasonCodes().get(0), "within the policy's tolerance: the rule alone cuts");
        assertFalse(r.reasonCodes().stream().anyMatch(c -> c.startsWith("POLICY_")), r.reasonCodes().toString());
    }

    /** A policy without score bands (a version stored before they existed) gets the standard ones, as shipped. */
    @Test
    void theShippedBandsAreTheStandardOnes() {
        for (String band : List.of("A", "B", "C", "D", "E")) {
            assertEquals(LimitPolicy.STANDARD_SCORE_BANDS.get(band), EngineFixtures.POLICY.scoreBand(band), band);
        }
        assertEquals(LimitPolicy.STANDARD_SCORE_BANDS.get("E"), EngineFixtures.POLICY.scoreBand("?"), "an unknown band is treated as E");
    }
}
