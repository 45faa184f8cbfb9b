package dev.riskdesk.limits.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.common.Json;
import dev.riskdesk.macro.MacroSeries;
import dev.riskdesk.macro.MacroSeriesStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import org.jooq.DSLContext;

/** The limit policy of one month: the policy's constant macro factors replaced by the macro series' factors of that month. */
public final class MonthPolicy {
    private MonthPolicy() {
    }

    /**
     * {@code policy} for evaluations in the month of {@code at}: its macro factors replaced by the series' factors of that month,
     * each lowered by {@code shock} (0.10 = 10 % lower; a stress scenario's shock of the series, 0 otherwise). A book without a
     * series for that month keeps the policy's own factors, shocked the same way.
     */
    public static LimitPolicy policyAt(DSLContext dsl, LimitPolicy policy, LocalDateTime at, BigDecimal shock) {
        YearMonth month = YearMonth.from(at);
        List<MacroSeries.Point> points = MacroSeriesStore.month(dsl, month);
        BigDecimal keep = BigDecimal.ONE.subtract(shock == null ? BigDecimal.ZERO : shock);
        if (points.isEmpty() && keep.compareTo(BigDecimal.ONE) == 0) {
            return policy;
        }
        ObjectNode tree = Json.MAPPER.valueToTree(policy);
        ArrayNode factors = Json.array();
        if (points.isEmpty()) {
            factors = tree.withArray("macroFactors").deepCopy();
            factors.forEach(f -> ((ObjectNode) f).put("factor", new BigDecimal(f.path("factor").asText()).multiply(keep).setScale(4, RoundingMode.HALF_UP)));
            if (keep.compareTo(BigDecimal.ONE) != 0) {
                factors.addObject().put("fromMonth", month.toString()).put("toMonth", month.toString()).put("factor", keep);
            }
        } else {
            for (MacroSeries.Point p : points) {
                ObjectNode f = factors.addObject();
                f.put("fromMonth", month.toString());
                f.put("toMonth", month.toString());
                f.putArray("cityTiers").add(p.cityTier());
                f.putArray("incomeBands").add(p.incomeBand());
                f.put("factor", p.factor().multiply(keep).setScale(4, RoundingMode.HALF_UP));
            }
        }
        tree.set("macroFactors", factors);
        return LimitPolicyService.parse(tree.toString(), "macro series " + month);
    }

    /** {@link #policyAt} of a stored version, keeping its id and number. */
    public static LimitPolicyService.Version versionAt(DSLContext dsl, LimitPolicyService.Version version, LocalDateTime at) {
        LimitPolicy p = policyAt(dsl, version.policy(), at, BigDecimal.ZERO);
        return p == version.policy() ? version : new LimitPolicyService.Version(version.id(), version.versionNo(), p);
    }
}
