package dev.riskdesk.dashboard;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.Map;

/**
 * A saved stress scenario (STRESS_SCENARIO).
 *
 * @param id      null until saved
 * @param builtIn baseline, mild and severe ship with the schema and cannot be overwritten
 */
public record StressScenario(Long id, String name, boolean builtIn, Parameters parameters) {

    /**
     * @param pdMultipliers   PD multiplier per income band (I1..I5): the income / unemployment shock on default risk
     * @param utilisationRise rise of utilisation in points of the limit (0.10 = balances grow by 10 % of the limit, capped at the limit)
     * @param lgdChange       change of LGD in points (0.05 = 45 % → 50 %)
     * @param incomeShock     fall of the policy's assumed monthly income (0.10 = −10 %), which the limit policy turns into cuts
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Parameters(Map<String, BigDecimal> pdMultipliers, BigDecimal utilisationRise, BigDecimal lgdChange, BigDecimal incomeShock) {
        public BigDecimal pdMultiplier(String incomeBand) {
            return pdMultipliers == null ? BigDecimal.ONE : pdMultipliers.getOrDefault(incomeBand, BigDecimal.ONE);
        }
    }
}
