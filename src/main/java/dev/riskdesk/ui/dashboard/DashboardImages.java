package dev.riskdesk.ui.dashboard;

import dev.riskdesk.dashboard.DashboardData;
import dev.riskdesk.dashboard.DashboardQueryService;
import dev.riskdesk.ui.common.ChartImages;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Draws the dashboard's charts into images, off the FX thread, each with the hit map of its
 * elements. The screen, the PDF report and {@code riskdesk bench dashboard} all draw through here.
 */
public final class DashboardImages {
    /** One chart drawn: the image (at the scale asked for) and where its elements are, in logical pixels. */
    public record Rendered(BufferedImage image, ChartHitMap hits) {
    }

    private DashboardImages() {
    }

    /** English texts as the report uses them: a bundle text, or the code itself for values the bundle does not name. */
    public static Function<String, String> englishText() {
        dev.riskdesk.common.Messages en = new dev.riskdesk.common.Messages(dev.riskdesk.common.Messages.ENGLISH);
        return key -> en.bundle().containsKey(key) ? en.get(key) : key.substring(key.lastIndexOf('.') + 1);
    }

    /**
     * Every chart of {@code data}, by id; a chart without data maps to null. With {@code parallel}
     * the charts are drawn on the common fork-join pool and the calling thread together (Java2D
     * draws into separate images independently).
     */
    public static Map<String, Rendered> render(DashboardData data, Function<String, String> text, boolean dark, Locale locale, double scale,
            boolean parallel) {
        var ids = parallel ? DashboardQueryService.CHARTS.parallelStream() : DashboardQueryService.CHARTS.stream();
        Map<String, java.util.Optional<Rendered>> drawn = ids.collect(Collectors.toConcurrentMap(id -> id,
                id -> java.util.Optional.ofNullable(render(DashboardCharts.build(data.chart(id), text, data.psi(), dark, locale, false), scale))));
        Map<String, Rendered> out = new HashMap<>();
        drawn.forEach((id, r) -> out.put(id, r.orElse(null)));
        return out;
    }

    /** One chart drawn at {@code scale} with its hit map; null for no chart. */
    static Rendered render(DashboardCharts.Built built, double scale) {
        if (built == null) {
            return null;
        }
        XChartElements.record(built.chart());
        BufferedImage image = ChartImages.render(built.chart(), DashboardCharts.WIDTH, DashboardCharts.HEIGHT, scale);
        return new Rendered(image, hits(built));
    }

    /**
     * Pairs what XChart drew, in paint order, with the table cells the chart was built from. If
     * the two do not line up (a later XChart drawing in another order), the chart gets no hit map
     * rather than wrong figures.
     */
    static ChartHitMap hits(DashboardCharts.Built built) {
        List<XChartElements.Drawn> drawn = XChartElements.drawn(built.chart());
        List<ChartHitMap.Element> elements = new ArrayList<>();
        int k = 0;
        for (DashboardCharts.Source s : built.sources()) {
            for (DashboardCharts.Point p : s.points()) {
                if (Double.isNaN(p.value())) {
                    continue; // XChart draws nothing for a missing value
                }
                if (k >= drawn.size()) {
                    return ChartHitMap.EMPTY;
                }
                XChartElements.Drawn d = drawn.get(k++);
                Rectangle2D area;
                if (d.bounds() != null) {
                    if (!p.axisLabel().equals(d.xValue())) {
                        return ChartHitMap.EMPTY;
                    }
                    area = d.bounds();
                } else {
                    area = new Rectangle2D.Double(d.x(), d.y(), 0, 0);
                }
                elements.add(new ChartHitMap.Element(area, s.series(), p.category(), p.row(), p.column()));
            }
        }
        return k == drawn.size() ? new ChartHitMap(elements) : ChartHitMap.EMPTY;
    }
}
