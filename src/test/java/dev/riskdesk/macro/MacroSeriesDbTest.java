package dev.riskdesk.macro;

import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.MACRO_SERIES;
import static dev.riskdesk.db.schema.Tables.RULE_HIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riskdesk.common.Json;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.limits.LimitsFixture;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.limits.policy.MonthPolicy;
import dev.riskdesk.limits.run.PolicyRunService;
import dev.riskdesk.portfolio.GeneratorOptions;
import dev.riskdesk.portfolio.PortfolioGenerator;
import dev.riskdesk.security.TestOperators;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The macro series: the shipped file, its checks, its load into a new book and the limit engine reading it instead of a constant. */
@Tag("db")
class MacroSeriesDbTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 22);
    @TempDir
    Path dir;

    @Test
    void theShippedSeriesCoversEveryRegionAndSegmentMonthByMonth() {
        MacroSeries s = MacroSeries.load();
        assertEquals(5 * 12 * 25, s.points().size(), "2023-01 to 2027-12, 5 city tiers x 5 income bands");
        // the regional downturn of March 2026 in tier 3-4 cities, deepest for low incomes, recovering by 2027
        assertEquals(new BigDecimal("1.00"), factor(s, "2026-02", 3, "I1"));
        assertEquals(new BigDecimal("0.90"), factor(s, "2026-04", 3, "I1"));
        assertEquals(new BigDecimal("0.97"), factor(s, "2026-04", 3, "I4"));
        assertEquals(new BigDecimal("1.00"), factor(s, "2026-11", 1, "I1"));
        assertTrue(factor(s, "2027-06", 3, "I1").compareTo(factor(s, "2026-11", 3, "I1")) > 0, "recovering");
    }

    private static BigDecimal factor(MacroSeries s, String month, int tier, String band) {
        return s.points().stream().filter(p -> p.month().equals(YearMonth.parse(month)) && p.cityTier() == tier && p.incomeBand().equals(band))
                .findFirst().orElseThrow().factor();
    }

    @Test
    void aBadSeriesFileIsRefusedNamingLineAndField() throws Exception {
        Path file = dir.resolve("macro-series.csv");
        Files.writeString(file, "month,city_tier,income_band,factor\n2026-01,1,I1,1.00\n2026-01,6,I1,1.00\n");
        UserFacingException e = assertThrows(UserFacingException.class, () -> MacroSeries.load(file));
        assertTrue(e.getMessage().contains("macro-series.csv line 3, field city_tier"), e.getMessage());
        Files.writeString(file, "month,city_tier,income_band,factor\n2026-01,1,I1,0\n");
        assertTrue(assertThrows(UserFacingException.class, () -> MacroSeries.load(file)).getMessage().contains("line 2, field factor"));
        Files.writeString(file, "month,tier,band,factor\n");
        assertTrue(assertThrows(UserFacingException.class, () -> MacroSeries.load(file)).getMessage().contains("line 1"));
        Files.writeString(file, "month,city_tier,income_band,factor\n2026-01,1,I1,1\n2026-01,1,I1,0.9\n");
        assertTrue(assertThrows(UserFacingException.class, () -> MacroSeries.load(file)).getMessage().contains("a second row"));
    }

    @Test
    void aNewBookLoadsTheSeriesAndTheEngineReadsItsMonth() {
        try (LimitsFixture f = new LimitsFixture(dir)) {
            new PortfolioGenerator(f.db).generate(TestOperators.batch(f.db), GeneratorOptions.of(400, 12, 5, AS_OF), Progress.NONE);
            assertEquals(MacroSeries.load().points().size(), f.db.dsl().fetchCount(MACRO_SERIES));

            // the policy of the month: the series' factor per segment, not the policy's constant; a shock lowers every factor
            LimitPolicy stored = f.policies.activeOrDefaults().policy();
            LimitPolicy month = MonthPolicy.policyAt(f.db.dsl(), stored, AS_OF.atStartOfDay(), BigDecimal.ZERO);
            YearMonth nov = YearMonth.of(2026, 11);
            assertEquals(0, new BigDecimal("0.93").compareTo(month.macroFactor(nov, 3, "I1")));
            assertEquals(0, new BigDecimal("0.90").compareTo(month.macroFactor(nov, 5, "I1")));
            assertEquals(0, BigDecimal.ONE.compareTo(month.macroFactor(nov, 2, "I3")));
            LimitPolicy shocked = MonthPolicy.policyAt(f.db.dsl(), stored, AS_OF.atStartOfDay(), new BigDecimal("0.10"));
            assertEquals(0, new BigDecimal("0.837").compareTo(shocked.macroFactor(nov, 3, "I1")));
            assertEquals(0, new BigDecimal("0.90").compareTo(shocked.macroFactor(nov, 2, "I3")));

            // the run's macro-downturn hits carry the series' factor of the account's segment
            f.runs.run(TestOperators.batch(f.db), new PolicyRunService.RunOptions(false, 500, null, false), Progress.NONE);
            var hits = f.db.dsl().select(RULE_HIT.EVIDENCE, CUSTOMER.CITY_TIER, CUSTOMER.INCOME_BAND).from(RULE_HIT)
                    .join(CUSTOMER).on(CUSTOMER.ID.eq(RULE_HIT.ACCOUNT_ID)).where(RULE_HIT.RULE_CODE.eq("MACRO_DOWNTURN")).fetch();
            assertTrue(hits.stream().anyMatch(h -> h.value2() == 3), "tier 3 accounts are in the downturn");
            for (var h : hits) {
                JsonNode evidence = Json.read(h.value1());
                assertEquals(0, month.macroFactor(nov, h.value2(), h.value3()).compareTo(new BigDecimal(evidence.path("macroFactor").asText())), h.value1());
                assertTrue(h.value2() >= 3, "only tier 3 to 5 segments are below 1 in November 2026: " + h.value1());
            }
        }
    }
}
