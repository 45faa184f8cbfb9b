package dev.riskdesk.limits.rules;

import static dev.riskdesk.limits.EngineFixtures.AT;
import static dev.riskdesk.limits.EngineFixtures.FRESH;
import static dev.riskdesk.limits.EngineFixtures.POLICY;
import static dev.riskdesk.limits.EngineFixtures.RULES;
import static dev.riskdesk.limits.EngineFixtures.account;
import static dev.riskdesk.limits.EngineFixtures.feeds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Money;
import dev.riskdesk.limits.policy.AccountData;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.limits.run.FeedStatus;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every default rule at, just below and just above its threshold, on in-memory accounts. */
class RuleEngineTest {
    private final RuleEngine engine = new RuleEngine();
    private long ids;

    private Optional<RuleHitResult> hit(AccountData a, String code) {
        return hit(a, code, FRESH);
    }

    private Optional<RuleHitResult> hit(AccountData a, String code, FeedStatus feeds) {
        return engine.evaluate(a, RULES, POLICY, feeds, AT).stream().filter(h -> h.rule().code().equals(code)).findFirst();
    }

    @ParameterizedTest(name = "{0} days past due: decrease {1}, freeze {2}")
    @CsvSource({"4,false,false", "5,true,false", "6,true,false", "29,true,false", "30,true,true", "31,true,true"})
    void overdueAtBelowAndAboveThreshold(int dpd, boolean decrease, boolean freeze) {
        AccountData a = account();
        a.bills.add(new AccountData.Bill(++ids, AT.toLocalDate().minusDays(dpd), Money.of("5000"), Money.of("500"), Money.ZERO));
        assertEquals(decrease, hit(a, "OVERDUE_DECREASE").isPresent());
        assertEquals(freeze, hit(a, "OVERDUE_FREEZE").isPresent());
        hit(a, "OVERDUE_DECREASE").ifPresent(h -> {
            assertFalse(h.stale());
            assertEquals(AT.toString(), h.feedAsOf().get("REPAYMENTS").toString());
            assertEquals(dpd, h.evidence().path("daysPastDue").asInt());
        });
    }

    @Test
    void aRepaymentCountsOnlyOnceReceived() {
        AccountData a = account();
        long billId = ++ids;
        a.bills.add(new AccountData.Bill(billId, AT.toLocalDate().minusDays(8), Money.of("5000"), Money.of("500"), Money.ZERO));
        a.repayments.add(new AccountData.Repayment(++ids, billId, Money.of("500"), AT.minusDays(9), AT.minusDays(1)));
        assertTrue(hit(a, "OVERDUE_DECREASE").isEmpty(), "received before the evaluation: paid");
        a.repayments.clear();
        a.repayments.add(new AccountData.Repayment(++ids, billId, Money.of("500"), AT.minusDays(9), AT.plusHours(2)));
        assertTrue(hit(a, "OVERDUE_DECREASE").isPresent(), "in flight: not counted yet");
    }

    @Test
    void overdueEvidenceIsStaleWhenTheRepaymentFeedDoesNotCoverIt() {
        AccountData a = account();
        LocalDate due = AT.toLocalDate().minusDays(8);
        a.bills.add(new AccountData.Bill(++ids, due, Money.of("5000"), Money.of("500"), Money.ZERO));
        Map<String, FeedStatus.Feed> m = new java.util.HashMap<>(FRESH.feeds());
        // the repayment feed stopped before the due date: the payment may be in flight
        m.put("REPAYMENTS", new FeedStatus.Feed("REPAYMENTS", due.minusDays(1).atTime(12, 0), 240));
        RuleHitResult h = hit(a, "OVERDUE_DECREASE", new FeedStatus(m)).orElseThrow();
        assertTrue(h.stale());
        assertTrue(h.staleReason().contains("REPAYMENTS"), h.staleReason());
        // one second short of due + grace is not enough, exactly due + grace is
        m.put("REPAYMENTS", new FeedStatus.Feed("REPAYMENTS", due.plusDays(1).atStartOfDay().minusSeconds(1), 240));
        assertTrue(hit(a, "OVERDUE_DECREASE", new FeedStatus(m)).orElseThrow().stale());
        m.put("REPAYMENTS", new FeedStatus.Feed("REPAYMENTS", due.plusDays(1).atStartOfDay(), 240));
        assertFalse(hit(a, "OVERDUE_DECREASE", new FeedStatus(m)).orElseThrow().stale());
        // a feed older than its tolerance is stale for any rule that relies on it
        m.put("REPAYMENTS", new FeedStatus.Feed("REPAYMENTS", AT.minusHours(49), 48));
        assertTrue(hit(a, "OVERDUE_DECREASE", new FeedStatus(m)).orElseThrow().stale());
        m.remove("REPAYMENTS");
        assertTrue(hit(a, "OVERDUE_DECREASE", new FeedStatus(m)).orElseThrow().stale(), "no as-of at all");
    }

    @ParameterizedTest(name = "recent spend {0}: spike {1}")
    @CsvSource({"2999.99,false", "3000.00,true", "3500.00,true"})
    void spendingSpikeAgainstOwnBaseline(String recent, boolean expected) {
        AccountData a = account();
        for (int d = 8; d < 97; d++) { // ¥ 50 a day for 90 days: baseline 350 a week; 3 × 350 < the ¥ 3,000 floor
            a.txns.add(new AccountData.Txn(++ids, AT.minusDays(d), Money.of("50"), "m", "北京", "D1"));
        }
        a.txns.add(new AccountData.Txn(++ids, AT.minusDays(2), Money.of(recent), "m", "北京", "D1"));
        assertEquals(expected, hit(a, "SPENDING_SPIKE").isPresent());
    }

    @Test
    void spendingSpikeNeedsRatioToo() {
        AccountData a = account();
        for (int d = 8; d < 98; d++) { // ¥ 200 a day: baseline 1,400 a week, threshold 4,200
            a.txns.add(new AccountData.Txn(++ids, AT.minusDays(d), Money.of("200"), "m", "北京", "D1"));
        }
        a.txns.add(new AccountData.Txn(++ids, AT.minusDays(2), Money.of("4199.00"), "m", "北京", "D1"));
        assertTrue(hit(a, "SPENDING_SPIKE").isEmpty());
        a.txns.add(new AccountData.Txn(++ids, AT.minusDays(1), Money.of("1.00"), "m", "北京", "D1"));
        assertTrue(hit(a, "SPENDING_SPIKE").isPresent());
    }

    @ParameterizedTest(name = "{0} inquiries in 30 days: {1}")
    @CsvSource({"4,false", "5,true", "6,true"})
    void multiLending(int inquiries, boolean expected) {
        AccountData a = account();
        for (int i = 0; i < inquiries; i++) {
            a.inquiries.add(new AccountData.Inquiry(++ids, AT.minusDays(1 + i * 5), "机构" + i, "CASH_LOAN"));
        }
        a.inquiries.add(new AccountData.Inquiry(++ids, AT.minusDays(31), "old", "CASH_LOAN")); // outside the window
        assertEquals(expected, hit(a, "MULTI_LENDING").isPresent());
    }

    @ParameterizedTest(name = "second purchase {0}, {1} h after the login, new city {2}: {3}")
    @CsvSource({"1000.00,3,true,true", "999.99,3,true,false", "1000.00,25,true,false", "1000.00,3,false,false", "5000.00,23,true,true"})
    void accountTakeover(String amount, int hoursAfter, boolean newCity, boolean expected) {
        AccountData a = account();
        LocalDateTime loginAt = AT.minusDays(2);
        a.logins.add(new AccountData.Login(++ids, loginAt, "D-NEW", "深圳", true, newCity, true));
        a.txns.add(new AccountData.Txn(++ids, loginAt.plusHours(1), Money.of("2000"), "m", "深圳", "D-NEW"));
        a.txns.add(new AccountData.Txn(++ids, loginAt.plusHours(hoursAfter), Money.of(amount), "m", "深圳", "D-NEW"));
        Optional<RuleHitResult> h = hit(a, "ACCOUNT_TAKEOVER");
        assertEquals(expected, h.isPresent());
        h.ifPresent(x -> {
            assertEquals(RuleAction.SUSPEND, x.action());
            assertEquals("FRAUD", x.evidence().path("suspensionKind").asText());
            assertEquals(2, x.evidence().path("highValueTxns").size());
            assertTrue(x.feedAsOf().containsKey("LOGINS") && x.feedAsOf().containsKey("TRANSACTIONS"));
        });
    }

    @ParameterizedTest(name = "{0} logins in 24 h: {1}")
    @CsvSource({"29,false", "30,true", "31,true"})
    void loginFrequency(int logins, boolean expected) {
        AccountData a = account();
        for (int i = 0; i < logins; i++) {
            a.logins.add(new AccountData.Login(++ids, AT.minusDays(1).plusMinutes(i * 40L), "D1", "北京", false, false, true));
        }
        assertEquals(expected, hit(a, "LOGIN_FREQUENCY").isPresent());
    }

    @ParameterizedTest(name = "balance then {0}, now {1}: {2}")
    @CsvSource({"4000,8000,true", "4000,7999,false", "4100,8000,false", "1000,9000,true"})
    void utilisationJump(String then, String now, boolean expected) {
        AccountData a = account();
        a.outstanding = Money.of(now);
        a.months.add(new AccountData.Month(LocalDate.of(2024, 12, 1), Money.of("10000"), Money.of(then), Money.of("1000")));
        assertEquals(expected, hit(a, "UTILISATION_JUMP").isPresent());
    }

    @Test
    void macroDownturnHitsOnlyTheSegmentWithAFactorBelowOne() {
        AccountData a = account();
        assertTrue(hit(a, "MACRO_DOWNTURN").isEmpty());
        a.cityTier = 4;
        a.incomeBand = "I1";
        assertEquals(0, hit(a, "MACRO_DOWNTURN").orElseThrow().evidence().path("macroFactor").decimalValue().compareTo(new java.math.BigDecimal("0.90")));
    }
}
