package dev.riskdesk.ui.dashboard;

import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Optional;

/**
 * Where each element of one rendered chart lies, in the chart's logical pixels (the size the
 * screen shows it at): bars as rectangles, line points as points. Plain Java so the hit-testing
 * is tested without the toolkit; the view asks {@link #at} on every mouse move.
 */
public final class ChartHitMap {
    /** A bar narrower or shorter than this still catches the mouse over this many pixels. */
    static final double MIN_BAR = 6;
    /** A line point catches the mouse within this distance. */
    static final double POINT_RADIUS = 10;
    public static final ChartHitMap EMPTY = new ChartHitMap(List.of());

    /**
     * One bar, bar segment or point, and the figure behind it.
     *
     * @param area    the bar's rectangle; a point has width and height 0
     * @param series  the series' display name (legend text)
     * @param category the category's display text (band, month, months on book…)
     * @param row     the row of the chart's table the value comes from; -1 when the chart shows a 0 the table has no row for
     * @param column  the table column of the value
     */
    public record Element(Rectangle2D area, String series, String category, int row, String column) {
        boolean isPoint() {
            return area.getWidth() == 0 && area.getHeight() == 0;
        }
    }

    private final List<Element> elements;

    public ChartHitMap(List<Element> elements) {
        this.elements = List.copyOf(elements);
    }

    public List<Element> elements() {
        return elements;
    }

    /** The element under (x, y): a bar whose (widened) rectangle holds it, else the nearest point within {@link #POINT_RADIUS}. */
    public Optional<Element> at(double x, double y) {
        Element best = null;
        double bestDistance = Double.MAX_VALUE;
        for (Element e : elements) {
            if (e.isPoint()) {
                double d = Math.hypot(e.area().getX() - x, e.area().getY() - y);
                if (d <= POINT_RADIUS && d < bestDistance) {
                    best = e;
                    bestDistance = d;
                }
            } else if (widened(e.area()).contains(x, y)) {
                // a thin bar widened over its neighbour loses to the bar actually under the mouse
                double d = e.area().contains(x, y) ? -1 : distance(e.area(), x, y);
                if (d < bestDistance) {
                    best = e;
                    bestDistance = d;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static Rectangle2D widened(Rectangle2D r) {
        double w = Math.max(r.getWidth(), MIN_BAR);
        double h = Math.max(r.getHeight(), MIN_BAR);
        // a short bar grows upwards from its base, where the eye looks for it
        return new Rectangle2D.Double(r.getCenterX() - w / 2, r.getMaxY() - h, w, h);
    }

    private static double distance(Rectangle2D r, double x, double y) {
        double dx = Math.max(Math.max(r.getMinX() - x, 0), x - r.getMaxX());
        double dy = Math.max(Math.max(r.getMinY() - y, 0), y - r.getMaxY());
        return Math.hypot(dx, dy);
    }
}
