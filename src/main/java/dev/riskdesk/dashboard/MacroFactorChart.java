package dev.riskdesk.dashboard;

import static dev.riskdesk.db.schema.Tables.MACRO_SERIES;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The macro series the limit policy scales target limits by (MACRO_SERIES), one line per city tier: each month's factor,
 * the mean over the income bands the filter lets through (one band when the filter names it), within the filter's months.
 */
final class MacroFactorChart {
    static final List<String> COLUMNS = List.of("month", "tier1", "tier2", "tier3", "tier4", "tier5");

    private MacroFactorChart() {
    }

    static ChartTable load(DSLContext dsl, DashboardFilter filter, YearMonth from, YearMonth to) {
        Condition c = DSL.noCondition();
        if (filter.incomeBand() != null) {
            c = c.and(MACRO_SERIES.INCOME_BAND.eq(filter.incomeBand()));
        }
        if (filter.cityTier() != null) {
            c = c.and(MACRO_SERIES.CITY_TIER.eq(filter.cityTier()));
        }
        if (from != null) {
            c = c.and(MACRO_SERIES.MONTH_START.ge(from.atDay(1)));
        }
        if (to != null) {
            c = c.and(MACRO_SERIES.MONTH_START.le(to.atDay(1)));
        }
        Map<YearMonth, Object[]> byMonth = new TreeMap<>();
        dsl.select(MACRO_SERIES.MONTH_START, MACRO_SERIES.CITY_TIER, DSL.avg(MACRO_SERIES.FACTOR)).from(MACRO_SERIES).where(c)
                .groupBy(MACRO_SERIES.MONTH_START, MACRO_SERIES.CITY_TIER).forEach(r -> {
                    Object[] row = byMonth.computeIfAbsent(YearMonth.from(r.value1()), m -> new Object[COLUMNS.size()]);
                    row[r.value2()] = r.value3().setScale(4, java.math.RoundingMode.HALF_UP).doubleValue();
                });
        List<List<Object>> rows = new ArrayList<>();
        byMonth.forEach((month, row) -> {
            row[0] = month.toString();
            rows.add(Arrays.asList(row));
        });
        return new ChartTable("macroFactor", COLUMNS, rows);
    }
}
