package dev.riskdesk.ui.score;

import dev.riskdesk.scoring.Explanation;
import dev.riskdesk.scoring.ScoreBand;
import dev.riskdesk.scoring.ScoreBreakdown;
import dev.riskdesk.ui.common.ChartPalette;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
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
    static CategoryChart pointsAgainstAverage(Explanation e, Texts t, boolean dark) {
        CategoryChart chart = new CategoryChartBuilder().title(t.title()).xAxisTitle(t.xAxis()).yAxisTitle(t.yAxis()).build();
        style(chart.getStyler(), dark);
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
        style(chart.getStyler(), dark);
        chart.getStyler().setDatePattern("zh".equals(locale.getLanguage()) ? "yyyy年M月d日" : "d MMM yyyy");
        chart.getStyler().setLocale(locale);
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
        s.setLineColor(ChartPalette.LIMIT.color());
        s.setMarkerColor(ChartPalette.LIMIT.color());
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineStyle(new BasicStroke(2f));
        return chart;
    }

    private static void style(Styler s, boolean dark) {
        Color bg = dark ? new Color(0x0d, 0x11, 0x17) : Color.WHITE;
        Color fg = dark ? new Color(0xc9, 0xd1, 0xd9) : new Color(0x24, 0x29, 0x2f);
        Color grid = dark ? new Color(0x30, 0x36, 0x3d) : new Color(0xd0, 0xd7, 0xde);
        s.setChartBackgroundColor(bg);
        s.setPlotBackgroundColor(bg);
        s.setPlotBorderVisible(false);
        s.setChartFontColor(fg);
        s.setLegendBackgroundColor(bg);
        s.setLegendBorderColor(grid);
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        s.setChartTitleFont(font.deriveFont(Font.BOLD, 14f));
        s.setLegendFont(font);
        s.setChartTitleBoxVisible(false);
        s.setMarkerSize(6);
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setPlotGridLinesColor(grid);
            a.setAxisTickLabelsColor(fg);
            a.setAxisTickMarksColor(grid);
            a.setAxisTitleFont(font);
            a.setAxisTickLabelsFont(font.deriveFont(11f));
        }
    }
}
