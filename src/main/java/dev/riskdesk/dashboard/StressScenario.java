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
     * @param tierPdMultipliers PD multiplier per city tier ("1".."5"), applied on top of the income band's: a regional
     *                        shock. Missing (scenarios saved before it existed, the built-in ones) = 1
     * @param macroShock      fall of the macro series' factors (0.10 = every month's factor 10 % lower), which the limit policy
     *                        turns into cuts; missing = 0
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Parameters(Map<String, BigDecimal> pdMultipliers, BigDecimal utilisationRise, BigDecimal lgdChange, BigDecimal incomeShock,
            Map<String, BigDecimal> tierPdMultipliers, BigDecimal macroShock) {
        /** A scenario that stresses PD by income band only. */
        public Parameters(Map<String, BigDecimal> pdMultipliers, BigDecimal utilisationRise, BigDecimal lgdChange, BigDecimal incomeShock) {
            this(pdMultipliers, utilisationRise, lgdChange, incomeShock, null, null);
        }

        /** A scenario without a shock of the macro series. */
        public Parameters(Map<String, BigDecimal> pdMultipliers, BigDecimal utilisationRise, BigDecimal lgdChange, BigDecimal incomeShock,
                Map<String, BigDecimal> tierPdMultipliers) {
            this(pdMultipliers, utilisationRise, lgdChange, incomeShock, tierPdMultipliers, null);
        }

        public BigDecimal macroShockOrZero() {
            return macroShock == null ? BigDecimal.ZERO : macroShock;
        }

        public BigDecimal pdMultiplier(String incomeBand) {
            return pdMultipliers == null ? BigDecimal.ONE : pdMultipliers.getOrDefault(incomeBand, BigDecimal.ONE);
        }

        public BigDecimal tierPdMultiplier(int cityTier) {
            return tierPdMultipliers == null ? BigDecimal.ONE : tierPdMultipliers.getOrDefault(String.valueOf(cityTier), BigDecimal.ONE);
        }
    }
}
