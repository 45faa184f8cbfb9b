package dev.riskdesk.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.dashboard.ChartTable;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Hit-testing a rendered chart's elements, without the toolkit: on hand-made geometry and on charts XChart really drew. */
class ChartHitMapTest {
    private static ChartHitMap.Element bar(double x, double y, double w, double h, String series, int row) {
        return new ChartHitMap.Element(new Rectangle2D.Double(x, y, w, h), series, "c" + row, row, "v");
    }

    private static ChartHitMap.Element point(double x, double y, String series, int row) {
        return new ChartHitMap.Element(new Rectangle2D.Double(x, y, 0, 0), series, "c" + row, row, "v");
    }

    @Test
    void aBarHoldsTheMouseInsideItsRectangleOnly() {
        ChartHitMap map = new ChartHitMap(List.of(bar(10, 50, 20, 100, "a", 0), bar(40, 100, 20, 50, "b", 1)));
        assertEquals("a", map.at(15, 60).orElseThrow().series());
        assertEquals("b", map.at(59, 149).orElseThrow().series());
        assertTrue(map.at(35, 120).isEmpty(), "between the bars");
        assertTrue(map.at(45, 90).isEmpty(), "above the shorter bar");
    }

    @Test
    void aThinBarStillCatchesTheMouseJustAboveItsBase() {
        // a zero-height bar at the axis (y = 150) and a 1 px bar: both grow to MIN_BAR upwards
        ChartHitMap map = new ChartHitMap(List.of(bar(10, 150, 20, 0, "zero", 0), bar(40, 149, 20, 1, "thin", 1)));
        assertEquals("zero", map.at(20, 150 - ChartHitMap.MIN_BAR + 1).orElseThrow().series());
        assertEquals("thin", map.at(50, 146).orElseThrow().series());
        assertTrue(map.at(20, 150 - ChartHitMap.MIN_BAR - 1).isEmpty());
    }

    @Test
    void theBarUnderTheMouseWinsOverAWidenedNeighbour() {
        // a stacked pair: a 2 px segment on top of a tall one; inside the tall one the tall one is meant
        ChartHitMap map = new ChartHitMap(List.of(bar(10, 50, 20, 100, "tall", 0), bar(10, 48, 20, 2, "thin", 1)));
        assertEquals("tall", map.at(20, 51).orElseThrow().series());
        assertEquals("thin", map.at(20, 49).orElseThrow().series());
    }

    @Test
    void theNearestPointWithinTheRadiusIsHit() {
        ChartHitMap map = new ChartHitMap(List.of(point(100, 100, "q1", 0), point(110, 100, "q2", 1)));
        assertEquals("q1", map.at(103, 102).orElseThrow().series());
        assertEquals("q2", map.at(108, 97).orElseThrow().series());
        assertTrue(map.at(100, 100 + ChartHitMap.POINT_RADIUS + 1).isEmpty());
    }

    /** The centre of the element of {@code series} at {@code row}, as XChart drew it. */
    private static ChartHitMap.Element find(ChartHitMap map, String series, int row) {
        return map.elements().stream().filter(e -> e.series().equals(series) && e.row() == row).findFirst().orElseThrow();
    }

    @Test
    void sideBySideBarsOfARealChartNameTheirSeriesCategoryAndCell() {
        ChartTable t = new ChartTable("exposureByBand", List.of("band", "accounts", "limit", "exposure", "balance"), List.of(
                List.of("A", 10L, new BigDecimal("3000000.00"), new BigDecimal("1500000.00"), new BigDecimal("1000000.00")),
                List.of("B", 20L, new BigDecimal("5000000.00"), new BigDecimal("2500000.00"), new BigDecimal("2000000.00")),
                List.of("U", 2L, new BigDecimal("100000.00"), new BigDecimal("0.00"), new BigDecimal("0.00"))));
        var rendered = DashboardImages.render(DashboardCharts.build(t, k -> k, Double.NaN, false, Locale.ENGLISH, false), 1.5);
        ChartHitMap map = rendered.hits();
        assertEquals(6, map.elements().size(), "two series x three bands");
        ChartHitMap.Element limitB = find(map, "dashboard.col.limit", 1);
        ChartHitMap.Element exposureB = find(map, "dashboard.col.exposure", 1);
        assertTrue(limitB.area().getMaxX() <= exposureB.area().getMinX() + 0.5, "limit drawn left of exposure");
        assertTrue(limitB.area().getHeight() > exposureB.area().getHeight(), "5 m is taller than 2.5 m");
        var hit = map.at(exposureB.area().getCenterX(), exposureB.area().getCenterY()).orElseThrow();
        assertEquals("dashboard.col.exposure", hit.series());
        assertEquals("dashboard.value.B", hit.category());
        assertEquals(new BigDecimal("2500000.00"), t.rows().get(hit.row()).get(t.column(hit.column())));
        // the zero exposure of band U is still there to hover, just above the axis
        ChartHitMap.Element zero = find(map, "dashboard.col.exposure", 2);
        assertEquals("dashboard.col.exposure", map.at(zero.area().getCenterX(), zero.area().getMaxY() - 2).orElseThrow().series());
        // the image is drawn at 1.5 x, the hit map in the logical pixels the screen shows
        assertEquals(Math.round(DashboardCharts.WIDTH * 1.5), rendered.image().getWidth());
        assertTrue(map.elements().stream().allMatch(e -> e.area().getMaxX() <= DashboardCharts.WIDTH && e.area().getMaxY() <= DashboardCharts.HEIGHT));
    }

    @Test
    void stackedSegmentsOfARealChartAreTheirOwnBuckets() {
        // months in rows; the chart stacks the four delinquent buckets
        ChartTable t = new ChartTable("delinquency", List.of("month", "CURRENT", "DPD1_30", "DPD31_60", "DPD61_90", "DPD90P"), List.of(
                List.of("2025-02", 90L, 10L, 20L, 30L, 40L), List.of("2025-03", 80L, 5L, 0L, 0L, 60L)));
        ChartHitMap map = DashboardImages.render(DashboardCharts.build(t, k -> k, Double.NaN, false, Locale.ENGLISH, false), 1).hits();
        assertEquals(8, map.elements().size());
        ChartHitMap.Element b30 = find(map, "common.bucket.DPD31_60", 0);
        ChartHitMap.Element b1 = find(map, "common.bucket.DPD1_30", 0);
        assertEquals(b1.area().getMinY(), b30.area().getMaxY(), 0.5, "31-60 sits on 1-30");
        var hit = map.at(b30.area().getCenterX(), b30.area().getCenterY()).orElseThrow();
        assertEquals("common.bucket.DPD31_60", hit.series());
        assertEquals("2025-02", hit.category(), "the figure names the whole month, the axis shows 25-02");
        assertEquals(20L, t.rows().get(hit.row()).get(t.column(hit.column())));
    }

    @Test
    void rollRatePairsWithoutARowReadAsZeroAndVintagePointsAreHit() {
        ChartTable roll = new ChartTable("rollRate", List.of("fromBucket", "toBucket", "accounts", "rate"), List.of(
                List.of("CURRENT", "CURRENT", 9L, 0.9), List.of("CURRENT", "DPD1_30", 1L, 0.1)));
        ChartHitMap rolls = DashboardImages.render(DashboardCharts.build(roll, k -> k, Double.NaN, false, Locale.ENGLISH, false), 1).hits();
        assertEquals(5, rolls.elements().size(), "one from-bucket x five to-buckets");
        assertEquals(-1, find(rolls, "common.bucket.DPD90P", -1).row());
        ChartHitMap.Element late = find(rolls, "common.bucket.DPD1_30", 1);
        assertEquals("rate", late.column());

        ChartTable v = new ChartTable("vintage30", List.of("quarter", "monthsOnBook", "accounts", "ever30", "rate30"), List.of(
                List.of("2024Q1", 0L, 100L, 0L, 0.0), List.of("2024Q1", 1L, 100L, 5L, 0.05), List.of("2024Q2", 0L, 50L, 1L, 0.02)));
        ChartHitMap points = DashboardImages.render(DashboardCharts.build(v, k -> k, Double.NaN, false, Locale.ENGLISH, false), 1).hits();
        assertEquals(3, points.elements().size());
        ChartHitMap.Element p = find(points, "2024Q1", 1);
        var hit = points.at(p.area().getX() + 3, p.area().getY() - 3).orElseThrow();
        assertEquals("2024Q1", hit.series());
        assertEquals("1", hit.category(), "months on book");
        assertEquals(0.05, (Double) v.rows().get(hit.row()).get(v.column(hit.column())), 1e-12);
    }
}
