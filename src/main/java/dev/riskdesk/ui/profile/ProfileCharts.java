package dev.riskdesk.ui.profile;

import dev.riskdesk.customers.CustomerProfile;
import dev.riskdesk.customers.CustomerProfile.Decision;
import dev.riskdesk.customers.CustomerProfile.LimitPoint;
import dev.riskdesk.customers.CustomerProfile.MonthPoint;
import dev.riskdesk.ui.common.ChartPalette;
import dev.riskdesk.ui.common.ChartStyle;
import java.awt.BasicStroke;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The profile's XChart charts: built from plain profile data, drawn off the FX thread by ChartImages. */
final class ProfileCharts {
    /** Titles and labels in the operator's language, resolved on the FX thread before drawing. */
    record Texts(String title, String xAxis, String yAxis, String limit, String balance, String decisions, String empty) {
    }

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ProfileCharts() {
    }

    static Date date(LocalDateTime t) {
        return Date.from(t.atZone(ZONE).toInstant());
    }

    /** Limit as a step line (every change, carried to now), month-end balance, and each decision marked at its new limit. */
    static XYChart limits(CustomerProfile p, LocalDateTime now, Texts t, boolean dark, Locale locale) {
        XYChart chart = base(t, dark, locale);
        List<Date> lx = new ArrayList<>();
        List<Double> ly = new ArrayList<>();
        for (LimitPoint l : p.limitHistory()) {
            lx.add(date(l.at()));
            ly.add(l.newLimit().doubleValue());
        }
        if (lx.isEmpty()) {
            for (MonthPoint m : p.months()) {
                lx.add(date(m.month().atStartOfDay()));
                ly.add(m.creditLimit().doubleValue());
            }
        }
        if (!lx.isEmpty()) {
            lx.add(date(now));
            ly.add(p.header().creditLimit().doubleValue());
            XYSeries limit = chart.addSeries(t.limit(), lx, ly);
            limit.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            limit.setLineColor(ChartPalette.LIMIT.color());
            limit.setLineStyle(new BasicStroke(2.2f));
            limit.setMarker(SeriesMarkers.NONE);
        }
        if (!p.months().isEmpty()) {
            List<Date> bx = new ArrayList<>();
            List<Double> by = new ArrayList<>();
            for (MonthPoint m : p.months()) {
                bx.add(date(m.month().plusMonths(1).atStartOfDay().minusSeconds(1)));
                by.add(m.balance().doubleValue());
            }
            XYSeries balance = chart.addSeries(t.balance(), bx, by);
            balance.setLineColor(ChartPalette.BALANCE.color());
            balance.setMarkerColor(ChartPalette.BALANCE.color());
            balance.setMarker(SeriesMarkers.CIRCLE);
            balance.setLineStyle(new BasicStroke(1.6f));
        }
        List<Decision> decided = p.decisions();
        if (!decided.isEmpty()) {
            List<Date> dx = new ArrayList<>();
            List<Double> dy = new ArrayList<>();
            for (Decision d : decided) {
                dx.add(date(d.decidedAt()));
                dy.add(d.newLimit().doubleValue());
            }
            XYSeries marks = chart.addSeries(t.decisions(), dx, dy);
            marks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            marks.setMarker(SeriesMarkers.DIAMOND);
            marks.setMarkerColor(ChartPalette.DECISION.color());
        }
        if (lx.isEmpty() && p.months().isEmpty() && decided.isEmpty()) {
            chart.setTitle(t.empty());
        }
        return chart;
    }

    static XYChart base(Texts t, boolean dark, Locale locale) {
        XYChart chart = new XYChartBuilder().title(t.title()).xAxisTitle(t.xAxis()).yAxisTitle(t.yAxis()).build();
        var s = chart.getStyler();
        ChartStyle.apply(s, dark, locale);
        s.setDatePattern("zh".equals(locale.getLanguage()) ? "yyyy年M月" : "MMM yyyy");
        s.setDecimalPattern("#,##0");
        s.setMarkerSize(7);
        s.setYAxisMin(0.0); // amounts and scores read against zero, never a zoomed band
        return chart;
    }
}
