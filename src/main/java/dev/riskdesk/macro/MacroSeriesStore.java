package dev.riskdesk.macro;

import static dev.riskdesk.db.schema.Tables.MACRO_SERIES;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.common.Json;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.limits.policy.LimitPolicyService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The macro series in the database (MACRO_SERIES), and the limit policy of a month with the series' factors in place of the
 * policy's own constant ones. Writes only inside a caller's audited transaction (the generator's).
 */
public final class MacroSeriesStore {
    private MacroSeriesStore() {
    }

    /** Loads {@code series} into an empty MACRO_SERIES (a new book); returns the rows written, 0 when a series is already there. */
    public static int seedIfEmpty(DSLContext tx, MacroSeries series, LocalDateTime now) {
        if (tx.fetchExists(MACRO_SERIES)) {
            return 0;
        }
        var insert = tx.insertInto(MACRO_SERIES, MACRO_SERIES.MONTH_START, MACRO_SERIES.CITY_TIER, MACRO_SERIES.INCOME_BAND, MACRO_SERIES.FACTOR,
                MACRO_SERIES.SOURCE, MACRO_SERIES.LOADED_AT);
        for (MacroSeries.Point p : series.points()) {
            insert = insert.values(p.month().atDay(1), p.cityTier(), p.incomeBand(), p.factor(), series.source(), now);
        }
        return insert.execute();
    }

    /** The series' points of one month (empty when the series does not reach it). */
    public static List<MacroSeries.Point> month(DSLContext dsl, YearMonth month) {
        List<MacroSeries.Point> points = new ArrayList<>();
        dsl.selectFrom(MACRO_SERIES).where(MACRO_SERIES.MONTH_START.eq(month.atDay(1))).orderBy(MACRO_SERIES.CITY_TIER, MACRO_SERIES.INCOME_BAND)
                .forEach(r -> points.add(new MacroSeries.Point(month, r.getCityTier(), r.getIncomeBand(), r.getFactor())));
        return points;
    }

    /** Every point of the series, by month, tier and band (the dashboard's chart). */
    public static List<MacroSeries.Point> all(DSLContext dsl) {
        List<MacroSeries.Point> points = new ArrayList<>();
        dsl.selectFrom(MACRO_SERIES).orderBy(MACRO_SERIES.MONTH_START, MACRO_SERIES.CITY_TIER, MACRO_SERIES.INCOME_BAND)
                .forEach(r -> points.add(new MacroSeries.Point(YearMonth.from(r.getMonthStart()), r.getCityTier(), r.getIncomeBand(), r.getFactor())));
        return points;
    }

    /**
     * {@code policy} for evaluations in the month of {@code at}: its macro factors replaced by the series' factors of that month,
     * each lowered by {@code shock} (0.10 = 10 % lower; a stress scenario's shock of the series, 0 otherwise). A book without a
     * series for that month keeps the policy's own factors, shocked the same way.
     */
    public static LimitPolicy policyAt(DSLContext dsl, LimitPolicy policy, LocalDateTime at, BigDecimal shock) {
        YearMonth month = YearMonth.from(at);
        List<MacroSeries.Point> points = month(dsl, month);
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
