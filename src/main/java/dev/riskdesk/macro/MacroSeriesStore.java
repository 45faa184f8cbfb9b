package dev.riskdesk.macro;

import static dev.riskdesk.db.schema.Tables.MACRO_SERIES;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The macro series in the database (MACRO_SERIES): loading a new book's series and reading its points (the limit policy of a
 * month takes its factors from here, see {@code limits.policy.MonthPolicy}). Writes only inside a caller's audited transaction (the generator's).
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
}
