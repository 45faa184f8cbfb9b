package dev.riskdesk.ui.common;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;

/**
 * Where the main window opens: where the operator left it, if that place is still on a screen,
 * else over the whole usable area of the primary screen (the screen less its panels). Pure
 * geometry, so it is tested without a display.
 */
public record WindowPlacement(double x, double y, double width, double height, boolean maximized) {
    /** Smallest main window the console lays out without clipping. */
    public static final double MIN_WIDTH = 1024;
    public static final double MIN_HEIGHT = 640;
    /** How much of a remembered window must lie on a screen to be put back there. */
    private static final double VISIBLE_PART = 100;

    /** The remembered placement if it is still visible on one of {@code screens}, else the primary screen's usable area. */
    public static WindowPlacement choose(Optional<WindowPlacement> remembered, Rectangle2D primary, List<Rectangle2D> screens) {
        return remembered.filter(p -> p.width >= MIN_WIDTH / 2 && p.height >= MIN_HEIGHT / 2 && screens.stream().anyMatch(p::showsOn))
                .map(p -> p.fitInto(screens.stream().filter(p::showsOn).findFirst().orElse(primary)))
                .orElseGet(() -> new WindowPlacement(primary.getMinX(), primary.getMinY(), primary.getWidth(), primary.getHeight(), false));
    }

    /** A window of {@code width} × {@code height} centred on {@code screen} (never larger than it). */
    public static WindowPlacement centred(double width, double height, Rectangle2D screen) {
        double w = Math.min(width, screen.getWidth());
        double h = Math.min(height, screen.getHeight());
        return new WindowPlacement(screen.getMinX() + (screen.getWidth() - w) / 2, screen.getMinY() + (screen.getHeight() - h) / 2, w, h, false);
    }

    private boolean showsOn(Rectangle2D screen) {
        double overlapX = Math.min(x + width, screen.getMaxX()) - Math.max(x, screen.getMinX());
        double overlapY = Math.min(y + height, screen.getMaxY()) - Math.max(y, screen.getMinY());
        return overlapX >= VISIBLE_PART && overlapY >= VISIBLE_PART;
    }

    /** This placement shrunk to {@code screen} and moved so its title bar is on it. */
    private WindowPlacement fitInto(Rectangle2D screen) {
        double w = Math.min(width, screen.getWidth());
        double h = Math.min(height, screen.getHeight());
        double left = Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - w));
        double top = Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - h));
        return new WindowPlacement(left, top, w, h, maximized);
    }
}
