package dev.riskdesk.ui.score;

import dev.riskdesk.scoring.ScoreBreakdown;
import dev.riskdesk.scoring.model.Explanation;
import dev.riskdesk.scoring.model.ScoreBand;
import dev.riskdesk.ui.common.ChartPalette;
import dev.riskdesk.ui.common.ChartStyle;
import java.awt.BasicStroke;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The score tab's charts, built from plain data and drawn off the FX thread. */
final class ScoreCharts {
    /** Titles and labels in the operator's language. */
    record Texts(String title, String xAxis, String yAxis, String above, String below, String empty) {
    }

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ScoreCharts() {
    }

    /**
     * Points of each characteristic against the population average: bars above zero where the
     * account earns more than the average account, below where it earns less.
     */
    static CategoryChart pointsAgainstAverage(Explanation e, Texts t, boolean dark, Locale locale) {
        CategoryChart chart = new CategoryChartBuilder().title(t.title()).xAxisTitle(t.xAxis()).yAxisTitle(t.yAxis()).build();
        style(chart.getStyler(), dark, locale);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setDecimalPattern("+#,##0.0;-#,##0.0");
        List<String> labels = new ArrayList<>();
        List<Double> above = new ArrayList<>();
        List<Double> below = new ArrayList<>();
        int n = 0;
        for (Explanation.Line l : e.lines()) {
            labels.add(String.valueOf(++n)); // the breakdown table's line numbers: 20 names do not fit under bars
            double d = l.points() - l.populationAverage();
            above.add(d >= 0 ? d : 0.0);
            below.add(d < 0 ? d : 0.0);
        }
        CategorySeries a = chart.addSeries(t.above(), labels, above);
        a.setFillColor(ChartPalette.GOOD.color());
        CategorySeries b = chart.addSeries(t.below(), labels, below);
        b.setFillColor(ChartPalette.BAD.color());
        return chart;
    }

    /** The stored scores over time, with the band thresholds as reference lines. */
    static XYChart history(List<ScoreBreakdown.HistoryPoint> points, Texts t, boolean dark, Locale locale) {
        XYChart chart = new XYChartBuilder().title(t.title()).xAxisTitle(t.xAxis()).yAxisTitle(t.yAxis()).build();
        style(chart.getStyler(), dark, locale);
        chart.getStyler().setDatePattern("zh".equals(locale.getLanguage()) ? "yyyy年M月d日" : "d MMM yyyy");
        chart.getStyler().setYAxisMin(300.0);
        chart.getStyler().setYAxisMax(850.0);
        if (points.isEmpty()) {
            chart.setTitle(t.empty());
            chart.addSeries(" ", new double[] {0, 1}, new double[] {300, 300}).setMarker(SeriesMarkers.NONE);
            return chart;
        }
        List<Date> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (ScoreBreakdown.HistoryPoint p : points) {
            x.add(Date.from(p.scoredAt().atZone(ZONE).toInstant()));
            y.add(p.score());
        }
        long first = x.get(0).getTime();
        long last = x.get(x.size() - 1).getTime();
        long pad = Math.max(86_400_000L * 7, (last - first) / 20);
        Date from = new Date(first - pad);
        Date to = new Date(last + pad);
        for (ScoreBand band : new ScoreBand[] {ScoreBand.A, ScoreBand.B, ScoreBand.C, ScoreBand.D}) {
            XYSeries line = chart.addSeries(t.above() + " " + band.name(), List.of(from, to), List.of(band.minScore(), band.minScore()));
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(ChartPalette.band(band.name().charAt(0)));
            line.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
            line.setShowInLegend(false);
        }
        XYSeries s = chart.addSeries(t.below(), x, y);
        s.setLineColor(ChartPalette.SCORE.color());
        s.setMarkerColor(ChartPalette.SCORE.color());
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineStyle(new BasicStroke(2f));
        return chart;
    }

    private static void style(org.knowm.xchart.style.AxesChartStyler s, boolean dark, Locale locale) {
        ChartStyle.apply(s, dark, locale);
        s.setMarkerSize(6);
    }
}
