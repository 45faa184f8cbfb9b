package dev.riskdesk.ui.dashboard;

import dev.riskdesk.dashboard.ChartTable;
import dev.riskdesk.dashboard.DashboardData;
import dev.riskdesk.dashboard.DashboardExports;
import dev.riskdesk.dashboard.DashboardQueryService;
import dev.riskdesk.dashboard.StressResult;
import dev.riskdesk.dashboard.StressTestService;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the dashboard's PDF report, in English: the report's font is Helvetica, which has no
 * Chinese glyphs. Cover page with the key figures, the charts with data, and the stress results
 * shown on the screen, if any.
 */
final class DashboardReport {
    /** The report's charts are drawn at twice their logical size. */
    private static final double SCALE = 2.0;
    private final Function<String, String> text = DashboardImages.englishText();

    DashboardExports.Report build(DashboardData data, LocalDateTime now, List<StressResult> stress) {
        List<DashboardExports.ReportChart> charts = new ArrayList<>();
        Map<String, DashboardImages.Rendered> images = DashboardImages.render(data, text, false, Locale.ENGLISH, SCALE, true);
        for (String id : DashboardQueryService.CHARTS) {
            if (images.get(id) != null) {
                charts.add(new DashboardExports.ReportChart(text.apply("dashboard.chart." + id), images.get(id).image()));
            }
        }
        List<String> lines = List.of("Generated " + now.withNano(0), "Filters: " + data.filter().describe(),
                "Snapshot month: " + data.snapshotMonth() + "; aggregates refreshed " + data.refreshedAt(),
                "Charts without data for these filters are left out.");
        return new DashboardExports.Report(text.apply("dashboard.report.title"), lines, keyFigures(data), charts, stressSection(stress));
    }

    private List<String[]> keyFigures(DashboardData data) {
        var f = data.figures();
        return List.of(
                new String[] {text.apply("dashboard.tile.exposure"), "CNY " + f.exposure().toPlainString()},
                new String[] {text.apply("dashboard.tile.expectedLoss"), "CNY " + f.expectedLoss().toPlainString()},
                new String[] {text.apply("dashboard.col.accounts"), String.format(Locale.ROOT, "%,d", f.accounts())},
                new String[] {text.apply("dashboard.tile.rate30"), String.format(Locale.ROOT, "%.2f %%", 100 * f.rate30Plus())},
                new String[] {text.apply("dashboard.tile.rate90"), String.format(Locale.ROOT, "%.2f %%", 100 * f.rate90Plus())},
                new String[] {text.apply("dashboard.tile.psi"), Double.isNaN(data.psi()) ? "-" : String.format(Locale.ROOT, "%.3f", data.psi())},
                new String[] {text.apply("dashboard.tile.openAppeals"), String.valueOf(f.openAppeals())});
    }

    /** The report's stress page: the chart and the side-by-side figures, in plain Latin-1 (the report's font). */
    private DashboardExports.StressSection stressSection(List<StressResult> results) {
        if (results.isEmpty()) {
            return null;
        }
        ChartTable t = StressTestService.table(results);
        var chart = DashboardImages.render(DashboardCharts.build(t, text, Double.NaN, false, Locale.ENGLISH, false), SCALE);
        List<String> header = new ArrayList<>(List.of(text.apply("dashboard.stress.metric")));
        header.addAll(DashboardCharts.scenarioLabels(t, text));
        List<List<String>> rows = new ArrayList<>();
        for (String metric : StressMetrics.ALL) {
            List<String> row = new ArrayList<>(List.of(text.apply("dashboard.stress.metric." + metric).strip()));
            for (StressResult r : results) {
                row.add(figure(StressMetrics.of(r, metric)));
            }
            rows.add(row);
        }
        List<String> lines = List.of(text.apply("dashboard.chart.stress") + "; runs of " + results.stream().map(StressResult::runAt)
                .map(at -> at.substring(0, Math.min(16, at.length())).replace('T', ' ')).distinct().sorted().toList(),
                "Nothing is applied: the limit cuts are the limit engine's read-only simulation.");
        return new DashboardExports.StressSection(text.apply("dashboard.tab.stress"), lines, chart.image(), header, rows);
    }

    private static String figure(Object v) {
        return v instanceof BigDecimal d ? "CNY " + String.format(Locale.ROOT, "%,.2f", d)
                : v instanceof Double d ? String.format(Locale.ROOT, "%.2f %%", 100 * d) : String.format(Locale.ROOT, "%,d", (Long) v);
    }
}
