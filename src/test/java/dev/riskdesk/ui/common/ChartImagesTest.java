package dev.riskdesk.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.junit.jupiter.api.Test;

class ChartImagesTest {
    @Test
    void rendersHeadlessAtTheOutputScaleWithTheSeriesColour() {
        CategoryChart chart = new CategoryChartBuilder().width(400).height(300).title("Bad rate by band").build();
        chart.addSeries("bad", java.util.List.of("A", "B"), java.util.List.of(1, 9)).setFillColor(ChartPalette.BAD.color());
        BufferedImage image = ChartImages.render(chart, 400, 300, 2.0);
        assertEquals(800, image.getWidth());
        assertEquals(600, image.getHeight());
        int bad = ChartPalette.BAD.color().getRGB();
        boolean found = false;
        for (int x = 0; x < image.getWidth() && !found; x += 2) {
            for (int y = 0; y < image.getHeight() && !found; y += 2) {
                found = image.getRGB(x, y) == bad;
            }
        }
        assertTrue(found, "the bar is drawn in the palette's colour");
    }
}
