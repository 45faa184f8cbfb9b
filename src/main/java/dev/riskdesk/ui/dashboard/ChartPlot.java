package dev.riskdesk.ui.dashboard;

import dev.riskdesk.dashboard.ChartTable;
import dev.riskdesk.ui.common.ChartImages;
import java.awt.image.BufferedImage;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;

/** A chart's image with its hover layer; every chart of the dashboard, the stress chart too, is one. */
final class ChartPlot {
    private final ImageView image = new ImageView();
    private final ChartHover hover;
    private final StackPane node;

    ChartPlot(String chartId, DashboardTexts texts) {
        hover = new ChartHover(chartId, texts);
        image.setId("dashboard-chart-" + chartId);
        image.setPreserveRatio(true);
        image.setFitWidth(DashboardCharts.WIDTH);
        image.setFitHeight(DashboardCharts.HEIGHT);
        image.setPickOnBounds(true);
        image.setOnMouseMoved(e -> hover.hover(e.getX(), e.getY()));
        image.setOnMouseExited(e -> hover.exit());
        image.setOnMouseClicked(e -> hover.click(e.getX(), e.getY()));
        node = new StackPane(image, hover.layer());
        node.setMaxSize(DashboardCharts.WIDTH, DashboardCharts.HEIGHT);
    }

    StackPane node() {
        return node;
    }

    /** Shows a drawn chart (null: none) and the table it was drawn from; returns whether there is an image. */
    boolean show(ChartTable table, DashboardImages.Rendered chart) {
        BufferedImage img = chart == null ? null : chart.image();
        image.setImage(img == null ? null : ChartImages.toFxImage(img));
        hover.show(table, chart == null ? ChartHitMap.EMPTY : chart.hits());
        return img != null;
    }
}
