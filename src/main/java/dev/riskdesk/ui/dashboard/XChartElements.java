package dev.riskdesk.ui.dashboard;

import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Reads back where XChart drew each bar and point. With {@code enableInteractionData()} XChart
 * records, while it paints, the shape of every bar (and the position of every line point) for
 * its own Swing tooltips, in paint order: series by series, category by category, skipping NaN
 * values. That record is package-private in XChart 4.0.3, so it is read reflectively here, in
 * this one place; {@code DashboardChartsTest} fails if an XChart upgrade moves it.
 */
final class XChartElements {
    /** One recorded element: the bar's bounds (empty for a point), the point's position, the x value's text. */
    record Drawn(Rectangle2D bounds, double x, double y, String xValue) {
    }

    private static final Method INTERACTION_DATA;
    private static final Method TOOL_TIP_LIST;
    private static final Field SHAPE;
    private static final Field X;
    private static final Field Y;
    private static final Field X_VALUE;

    static {
        try {
            INTERACTION_DATA = Chart.class.getDeclaredMethod("getInteractionData");
            INTERACTION_DATA.setAccessible(true);
            Class<?> data = Class.forName("org.knowm.xchart.internal.chartpart.PlotInteractionData");
            TOOL_TIP_LIST = data.getDeclaredMethod("getToolTipDataList");
            TOOL_TIP_LIST.setAccessible(true);
            Class<?> tip = Class.forName("org.knowm.xchart.internal.chartpart.PlotInteractionData$ToolTipData");
            SHAPE = accessible(tip, "shape");
            X = accessible(tip, "x");
            Y = accessible(tip, "y");
            X_VALUE = accessible(tip, "xValue");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private XChartElements() {
    }

    private static Field accessible(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    /** Call before painting: XChart records the elements only when asked to. */
    static void record(Chart<?, ?> chart) {
        chart.enableInteractionData();
    }

    /** The elements of the last paint, in paint order. */
    static List<Drawn> drawn(Chart<?, ?> chart) {
        try {
            Object data = INTERACTION_DATA.invoke(chart);
            List<Drawn> out = new ArrayList<>();
            if (data == null) {
                return out;
            }
            for (Object t : (List<?>) TOOL_TIP_LIST.invoke(data)) {
                Shape shape = (Shape) SHAPE.get(t);
                out.add(new Drawn(shape == null ? null : shape.getBounds2D(), X.getDouble(t), Y.getDouble(t), String.valueOf(X_VALUE.get(t))));
            }
            return out;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("XChart's interaction data could not be read", e);
        }
    }
}
