package dev.riskdesk.ui.dashboard;

import dev.riskdesk.dashboard.Buckets;
import dev.riskdesk.dashboard.ChartTable;
import dev.riskdesk.ui.common.ChartPalette;
import dev.riskdesk.ui.common.ChartStyle;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The dashboard's XChart charts, built from the chart tables. Same meaning, same colour:
 * limit blue, exposure purple, buckets from green (current) to red (90+), score bands A–E.
 * Returns null for an empty table: the view shows a "no data" text instead of a blank chart.
 */
final class DashboardCharts {
    static final int WIDTH = 460;
    static final int HEIGHT = 250;
    private static final double MILLION = 1_000_000.0;

    private DashboardCharts() {
    }

    static Color bucket(String bucket) {
        return switch (bucket) {
            case "CURRENT" -> ChartPalette.GOOD.color();
            case "DPD1_30" -> ChartPalette.WARNING.color();
            case "DPD31_60" -> ChartPalette.band('D');
            case "DPD61_90" -> new Color(0xB0, 0x3A, 0x2E);
            default -> ChartPalette.BAD.color();
        };
    }

    /**
     * A chart and, for each of its series in the order they were added, which table cell each
     * plotted value came from: the hit map of the rendered image is built from it.
     *
     * @param categoryAxis the x axis' name, shown with an element's category
     */
    record Built(Chart<?, ?> chart, String categoryAxis, List<Source> sources) {
    }

    /** One series: its legend name and its plotted values in order. */
    record Source(String series, List<Point> points) {
    }

    /**
     * One plotted value: the category as the figure names it, as XChart's axis shows it, the
     * table cell it came from (row -1: a 0 the table has no row for) and the plotted value.
     */
    record Point(String category, String axisLabel, int row, String column, double value) {
    }

    /** {@code withTitle}: the screen and the PDF print the title above the image; a PNG on its own carries it. */
    static Built build(ChartTable t, Function<String, String> text, double psi, boolean dark, Locale locale, boolean withTitle) {
        if (t == null || t.isEmpty()) {
            return null;
        }
        List<Source> sources = new ArrayList<>();
        Chart<?, ?> chart = build(t, text, psi, dark, locale, sources);
        if (!withTitle) {
            chart.setTitle("");
            chart.getStyler().setChartTitleVisible(false);
        }
        String axis = chart instanceof org.knowm.xchart.internal.chartpart.AxesChart<?, ?> a ? a.getXAxisTitle() : "";
        return new Built(chart, axis, List.copyOf(sources));
    }

    private static Chart<?, ?> build(ChartTable t, Function<String, String> text, double psi, boolean dark, Locale locale, List<Source> out) {
        String title = text.apply("dashboard.chart." + t.id());
        return switch (t.id()) {
            case "exposureByBand" -> bars(out, text, t, title, "band", text.apply("dashboard.axis.band"), text.apply("dashboard.axis.cnyMillion"), dark, locale,
                    series(text, "limit", ChartPalette.LIMIT.color(), MILLION), series(text, "exposure", ChartPalette.BALANCE.color(), MILLION));
            case "utilisation" -> percentBars(bars(out, text, t, title, "utilisation", text.apply("dashboard.axis.utilisation"), text.apply("dashboard.axis.shareOfAccounts"),
                    dark, locale, series(text, "share", ChartPalette.BALANCE.color(), 1)));
            case "delinquency" -> delinquency(out, t, title, text, dark, locale);
            case "rollRate" -> rollRate(out, t, title, text, dark, locale);
            case "vintage30" -> vintage(out, t, title, "rate30", text, dark, locale);
            case "vintage90" -> vintage(out, t, title, "rate90", text, dark, locale);
            case "scoreDistribution" -> percentBars(bars(out, text, t, Double.isNaN(psi) ? title : title + " · PSI " + String.format(Locale.ROOT, "%.3f", psi),
                    "scoreBin", text.apply("dashboard.axis.score"), text.apply("dashboard.axis.shareOfAccounts"), dark, locale,
                    series(text, "trainShare", ChartPalette.REFERENCE.color(), 1), series(text, "currentShare", ChartPalette.LIMIT.color(), 1)));
            case "badRateByBand" -> percentBars(bars(out, text, t, title, "band", text.apply("dashboard.axis.band"), text.apply("dashboard.axis.rate"), dark, locale,
                    series(text, "rate30", ChartPalette.WARNING.color(), 1), series(text, "rate90", ChartPalette.BAD.color(), 1)));
            case "decisions" -> bars(out, text, t, title, "action", text.apply("dashboard.axis.action"), text.apply("dashboard.axis.decisions"), dark, locale,
                    series(text, "decisions", ChartPalette.DECISION.color(), 1));
            case "overridesByOperator" -> percentBars(bars(out, text, t, title, "operator", text.apply("dashboard.axis.operator"), text.apply("dashboard.axis.overrideRate"),
                    dark, locale, series(text, "rate", ChartPalette.DECISION.color(), 1)));
            case "overridesByReason" -> bars(out, text, t, title, "reason", text.apply("dashboard.axis.reason"), text.apply("dashboard.axis.decisions"), dark, locale,
                    series(text, "overrides", ChartPalette.DECISION.color(), 1));
            case "overridePerformance" -> percentBars(bars(out, text, t, title, "action", text.apply("dashboard.axis.action"), text.apply("dashboard.axis.rate"), dark, locale,
                    series(text, "rate30", ChartPalette.WARNING.color(), 1), series(text, "rate90", ChartPalette.BAD.color(), 1)));
            case "suspensionsByRule" -> bars(out, text, t, title, "rule", text.apply("dashboard.axis.rule"), text.apply("dashboard.axis.count"), dark, locale,
                    series(text, "suspensions", ChartPalette.BAD.color(), 1), series(text, "appealed", ChartPalette.REFERENCE.color(), 1),
                    series(text, "overturned", ChartPalette.GOOD.color(), 1));
            case "appeals" -> bars(out, text, t, title, "slaState", text.apply("dashboard.axis.slaState"), text.apply("dashboard.axis.count"), dark, locale,
                    series(text, "appeals", ChartPalette.LIMIT.color(), 1));
            case "expectedLoss" -> expectedLoss(out, t, title, text, dark, locale);
            case "macroFactor" -> macroFactor(out, t, title, text, dark, locale);
            case "fairnessByAge", "fairnessByGender" -> percentBars(bars(out, text, t, title, "group",
                    text.apply(t.id().equals("fairnessByAge") ? "dashboard.axis.ageGroup" : "dashboard.axis.gender"), text.apply("dashboard.axis.rate"),
                    dark, locale, series(text, "increaseRate", ChartPalette.GOOD.color(), 1), series(text, "adverseRate", ChartPalette.WARNING.color(), 1),
                    series(text, "cohortBadRate", ChartPalette.BAD.color(), 1)));
            case "stress" -> stress(out, t, title, text, dark, locale);
            default -> throw new IllegalArgumentException("No chart for " + t.id());
        };
    }

    record Series(String column, String name, Color color, double divisor) {
    }

    private static Series series(Function<String, String> text, String column, Color color, double divisor) {
        return new Series(column, text.apply("dashboard.col." + column), color, divisor);
    }

    private static CategoryChart category(String title, String x, String y, boolean dark, Locale locale) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        var s = chart.getStyler();
        ChartStyle.apply(s, dark, locale);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setDecimalPattern("#,##0.#");
        s.setYAxisMin(0.0);
        s.setAvailableSpaceFill(0.7);
        // XChart's default spacing (100 px) labels only every other band or month: a manager reads every band's name
        s.setXAxisTickMarkSpacingHint(20);
        s.setOverlapped(false);
        return chart;
    }

    /** Category labels: localised bucket, action and state codes where the bundle has them. */
    private static List<String> labels(ChartTable t, String column, Function<String, String> text) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.rows().size(); i++) {
            out.add(text.apply("dashboard.value." + t.text(i, column)));
        }
        return out;
    }

    private static CategoryChart bars(List<Source> out, Function<String, String> text, ChartTable t, String title, String xColumn, String x, String y,
            boolean dark, Locale locale, Series... series) {
        CategoryChart chart = category(title, x, y, dark, locale);
        addBars(out, chart, t, labels(t, xColumn, text), series);
        chart.getStyler().setLegendVisible(series.length > 1);
        return chart;
    }

    /** One bar series per {@code series} over the table's rows, each value divided by the series' divisor. */
    private static void addBars(List<Source> out, CategoryChart chart, ChartTable t, List<String> xs, Series... series) {
        for (Series s : series) {
            List<Double> ys = new ArrayList<>();
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < t.rows().size(); i++) {
                double y = t.number(i, s.column()) / s.divisor();
                ys.add(Double.isNaN(y) ? null : y); // an empty cell (a rate of nothing) is no bar, not a 0 % one
                points.add(new Point(xs.get(i), xs.get(i), i, s.column(), y));
            }
            chart.addSeries(s.name(), xs, ys).setFillColor(s.color());
            out.add(new Source(s.name(), points));
        }
    }

    private static CategoryChart percentBars(CategoryChart chart) {
        chart.getStyler().setYAxisDecimalPattern("0%");
        return chart;
    }

    private static CategoryChart delinquency(List<Source> out, ChartTable t, String title, Function<String, String> text, boolean dark, Locale locale) {
        CategoryChart chart = category(title, text.apply("dashboard.axis.month"), text.apply("dashboard.axis.accounts"), dark, locale);
        chart.getStyler().setStacked(true);
        chart.getStyler().setXAxisLabelRotation(45);
        List<String> months = new ArrayList<>();
        for (int i = 0; i < t.rows().size(); i++) {
            months.add(t.text(i, "month").substring(2));
        }
        // CURRENT is most of the book and would flatten the rest: the chart stacks the delinquent buckets, the data view has all
        for (String b : Buckets.DELINQUENCY.subList(1, 5)) {
            List<Double> ys = new ArrayList<>();
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < t.rows().size(); i++) {
                ys.add(t.number(i, b));
                points.add(new Point(t.text(i, "month"), months.get(i), i, b, ys.get(i)));
            }
            String name = text.apply("common.bucket." + b);
            chart.addSeries(name, months, ys).setFillColor(bucket(b));
            out.add(new Source(name, points));
        }
        return chart;
    }

    private static CategoryChart rollRate(List<Source> out, ChartTable t, String title, Function<String, String> text, boolean dark, Locale locale) {
        CategoryChart chart = category(title, text.apply("dashboard.axis.fromBucket"), text.apply("dashboard.axis.share"), dark, locale);
        chart.getStyler().setStacked(true);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setYAxisDecimalPattern("0%");
        Map<String, Map<String, Integer>> rowOf = new LinkedHashMap<>();
        for (int i = 0; i < t.rows().size(); i++) {
            rowOf.computeIfAbsent(t.text(i, "fromBucket"), k -> new LinkedHashMap<>()).put(t.text(i, "toBucket"), i);
        }
        List<String> froms = new ArrayList<>(rowOf.keySet());
        List<String> fromLabels = froms.stream().map(b -> text.apply("common.bucket." + b)).toList();
        for (String to : Buckets.DELINQUENCY) {
            List<Double> ys = new ArrayList<>();
            List<Point> points = new ArrayList<>();
            for (int f = 0; f < froms.size(); f++) {
                int row = rowOf.get(froms.get(f)).getOrDefault(to, -1);
                ys.add(row < 0 ? 0.0 : t.number(row, "rate"));
                points.add(new Point(fromLabels.get(f), fromLabels.get(f), row, "rate", ys.get(f)));
            }
            String name = text.apply("common.bucket." + to);
            CategorySeries s = chart.addSeries(name, fromLabels, ys);
            s.setFillColor(bucket(to));
            out.add(new Source(name, points));
        }
        return chart;
    }

    private static XYChart vintage(List<Source> out, ChartTable t, String title, String rate, Function<String, String> text, boolean dark, Locale locale) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(text.apply("dashboard.axis.monthsOnBook"))
                .yAxisTitle(text.apply("dashboard.axis.cumulativeRate")).build();
        var s = chart.getStyler();
        ChartStyle.apply(s, dark, locale);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
        s.setYAxisDecimalPattern("0.0%");
        s.setXAxisDecimalPattern("0");
        s.setYAxisMin(0.0);
        s.setMarkerSize(4);
        Map<String, List<double[]>> byQuarter = new LinkedHashMap<>();
        for (int i = 0; i < t.rows().size(); i++) {
            byQuarter.computeIfAbsent(t.text(i, "quarter"), k -> new ArrayList<>()).add(new double[] {t.number(i, "monthsOnBook"), t.number(i, rate), i});
        }
        int n = byQuarter.size();
        int k = 0;
        for (Map.Entry<String, List<double[]>> e : byQuarter.entrySet()) {
            double[] xs = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
            double[] ys = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
            XYSeries series = chart.addSeries(e.getKey(), xs, ys);
            out.add(new Source(e.getKey(), e.getValue().stream()
                    .map(p -> new Point(String.valueOf((long) p[0]), String.valueOf((long) p[0]), (int) p[2], rate, p[1])).toList()));
            // older vintages lighter, the newest the full limit blue: the eye follows the latest quarter
            series.setLineColor(blend(ChartPalette.REFERENCE.color(), ChartPalette.LIMIT.color(), n == 1 ? 1 : (double) k / (n - 1)));
            series.setMarker(SeriesMarkers.NONE);
            k++;
        }
        return chart;
    }

    private static Color blend(Color a, Color b, double f) {
        return new Color((int) (a.getRed() + (b.getRed() - a.getRed()) * f), (int) (a.getGreen() + (b.getGreen() - a.getGreen()) * f),
                (int) (a.getBlue() + (b.getBlue() - a.getBlue()) * f));
    }

    /** Scenario names as the screen shows them: built-in ones translated; a scenario shown twice (re-opened runs) gets its run time. */
    static List<String> scenarioLabels(ChartTable t, Function<String, String> text) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.rows().size(); i++) {
            String name = t.text(i, "scenario");
            String label = java.util.Set.of("baseline", "mild", "severe").contains(name) ? text.apply("dashboard.stress.builtIn." + name) : name;
            if (out.contains(label)) {
                String at = t.text(i, "runAt");
                label = label + " (" + at.substring(0, Math.min(16, at.length())).replace('T', ' ') + ")";
            }
            while (out.contains(label)) {
                label = label + "'";
            }
            out.add(label);
        }
        return out;
    }

    /** Expected loss today and under each scenario, side by side. */
    private static CategoryChart stress(List<Source> out, ChartTable t, String title, Function<String, String> text, boolean dark, Locale locale) {
        CategoryChart chart = category(title, text.apply("dashboard.col.scenario"), text.apply("dashboard.axis.cnyMillion"), dark, locale);
        chart.getStyler().setDecimalPattern("#,##0.##");
        addBars(out, chart, t, scenarioLabels(t, text), series(text, "baselineExpectedLoss", ChartPalette.REFERENCE.color(), MILLION),
                new Series("expectedLoss", text.apply("dashboard.stress.metric.expectedLoss"), ChartPalette.BAD.color(), MILLION));
        return chart;
    }

    /** The macro factor by month, one line per city tier; the axis starts near the factors, not at 0, so a 3 % downturn shows. */
    private static CategoryChart macroFactor(List<Source> out, ChartTable t, String title, Function<String, String> text, boolean dark, Locale locale) {
        CategoryChart chart = category(title, text.apply("dashboard.axis.month"), text.apply("dashboard.axis.factor"), dark, locale);
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Line);
        chart.getStyler().setYAxisMin(null);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setMarkerSize(3);
        List<String> months = new ArrayList<>();
        for (int i = 0; i < t.rows().size(); i++) {
            months.add(t.text(i, "month").substring(2));
        }
        for (int tier = 1; tier <= 5; tier++) {
            String column = "tier" + tier;
            List<Double> ys = new ArrayList<>();
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < t.rows().size(); i++) {
                double y = t.number(i, column);
                ys.add(Double.isNaN(y) ? null : y);
                points.add(new Point(t.text(i, "month"), months.get(i), i, column, y));
            }
            if (ys.stream().allMatch(java.util.Objects::isNull)) {
                continue; // a tier the filter leaves out
            }
            String name = text.apply("dashboard.col." + column);
            CategorySeries series = chart.addSeries(name, months, ys);
            series.setLineColor(ChartPalette.tier(tier));
            series.setMarker(SeriesMarkers.NONE);
            out.add(new Source(name, points));
        }
        return chart;
    }

    private static CategoryChart expectedLoss(List<Source> out, ChartTable t, String title, Function<String, String> text, boolean dark, Locale locale) {
        CategoryChart chart = category(title, text.apply("dashboard.axis.incomeBand"), text.apply("dashboard.axis.cnyThousand"), dark, locale);
        chart.getStyler().setStacked(true);
        List<String> xs = labels(t, "incomeBand", text);
        for (int tier = 1; tier <= 5; tier++) {
            List<Double> ys = new ArrayList<>();
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < t.rows().size(); i++) {
                ys.add(t.number(i, "tier" + tier) / 1000.0);
                points.add(new Point(xs.get(i), xs.get(i), i, "tier" + tier, ys.get(i)));
            }
            String name = text.apply("dashboard.col.tier" + tier);
            chart.addSeries(name, xs, ys).setFillColor(ChartPalette.tier(tier));
            out.add(new Source(name, points));
        }
        return chart;
    }
}
