package dev.riskdesk.ui.common;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Shows XChart charts as images: they draw with Java2D, which works headless and on screen,
 * and the same pixels serve export to PNG. Drawn at the screen's output scale so they stay
 * crisp on high-DPI displays.
 */
public final class ChartImages {
    private ChartImages() {
    }

    /** Renders at {@code scale} times the logical size (e.g. 2.0 on a 200% display). */
    public static BufferedImage render(Chart<?, ?> chart, int width, int height, double scale) {
        int w = (int) Math.round(width * scale);
        int h = (int) Math.round(height * scale);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.scale(scale, scale);
            chart.paint(g, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    public static Image toFxImage(BufferedImage image) {
        return SwingFXUtils.toFXImage(image, null);
    }

    /** An ImageView that shows the scaled rendering at its logical size. */
    public static ImageView view(Chart<?, ?> chart, int width, int height, double scale) {
        ImageView view = new ImageView(toFxImage(render(chart, width, height, scale)));
        view.setFitWidth(width);
        view.setFitHeight(height);
        view.setPreserveRatio(true);
        view.setSmooth(true);
        return view;
    }
}
