package dev.riskdesk.ui.dashboard;

import dev.riskdesk.dashboard.ChartTable;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;

/**
 * One chart's hover layer, laid over its image: hovering an element outlines it and names its
 * figure; a click pins the figure until the next click.
 */
final class ChartHover {
    private final String chartId;
    private final DashboardTexts texts;
    private final Rectangle mark = new Rectangle();
    private final Label figure = new Label();
    private final Pane layer = new Pane(mark, figure);
    private ChartTable table;
    private ChartHitMap hits = ChartHitMap.EMPTY;
    private boolean pinned;

    ChartHover(String chartId, DashboardTexts texts) {
        this.chartId = chartId;
        this.texts = texts;
        mark.getStyleClass().add("chart-mark");
        mark.setVisible(false);
        figure.setId("dashboard-figure-" + chartId);
        figure.getStyleClass().add("chart-figure");
        figure.setVisible(false);
        layer.setMouseTransparent(true);
        layer.setPrefSize(DashboardCharts.WIDTH, DashboardCharts.HEIGHT);
        layer.setMaxSize(DashboardCharts.WIDTH, DashboardCharts.HEIGHT);
    }

    Pane layer() {
        return layer;
    }

    /** A newly drawn chart: its table and where its elements are; any pinned figure goes. */
    void show(ChartTable newTable, ChartHitMap newHits) {
        table = newTable;
        hits = newHits;
        pinned = false;
        hide();
    }

    void hover(double x, double y) {
        if (!pinned) {
            point(x, y);
        }
    }

    void exit() {
        if (!pinned) {
            hide();
        }
    }

    void click(double x, double y) {
        pinned = !pinned && point(x, y);
        if (!pinned) {
            point(x, y);
        }
    }

    private boolean point(double x, double y) {
        var hit = hits.at(x, y);
        if (hit.isEmpty()) {
            hide();
            return false;
        }
        ChartHitMap.Element e = hit.get();
        var a = e.area();
        double pad = e.isPoint() ? 5 : 1;
        mark.setX(a.getX() - pad);
        mark.setY(a.getY() - pad);
        mark.setWidth(Math.max(a.getWidth(), 0) + 2 * pad);
        mark.setHeight(Math.max(a.getHeight(), 0) + 2 * pad);
        mark.setVisible(true);
        figure.setText(texts.figureText(chartId, table, e));
        figure.setVisible(true);
        figure.applyCss();
        figure.autosize();
        // beside the element, inside the chart: right of it when there is room, else left
        double w = figure.getWidth();
        double fx = a.getMaxX() + 8 + w <= DashboardCharts.WIDTH ? a.getMaxX() + 8 : Math.max(0, a.getX() - 8 - w);
        double fy = Math.min(Math.max(0, y - figure.getHeight() / 2), DashboardCharts.HEIGHT - figure.getHeight());
        figure.relocate(fx, fy);
        return true;
    }

    private void hide() {
        mark.setVisible(false);
        figure.setVisible(false);
    }
}
