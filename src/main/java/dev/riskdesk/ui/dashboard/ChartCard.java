package dev.riskdesk.ui.dashboard;

import dev.riskdesk.dashboard.ChartTable;
import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Tables;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** One chart of the portfolio tab: title, data toggle and exports, the chart with its hover layer, its data table. */
final class ChartCard {
    private final String id;
    private final DashboardViewModel model;
    private final I18n i18n;
    private final DashboardTexts texts;
    private final Supplier<ChartLook> look;
    private final ChartPlot plot;
    private final Label empty = new Label();
    private final TableView<List<Object>> table;
    private final VBox node;

    ChartCard(String id, DashboardViewModel model, I18n i18n, Supplier<ChartLook> look) {
        this.id = id;
        this.model = model;
        this.i18n = i18n;
        this.texts = new DashboardTexts(i18n);
        this.look = look;
        plot = new ChartPlot(id, texts);
        table = Tables.table("dashboard-table-" + id, FXCollections.observableArrayList());
        node = build();
    }

    VBox node() {
        return node;
    }

    private VBox build() {
        DashboardControls controls = new DashboardControls(i18n);
        Label title = new Label();
        title.textProperty().bind(i18n.text("dashboard.chart." + id));
        title.getStyleClass().add("card-title");
        title.setWrapText(true); // a long title takes a second line beside the card's buttons rather than being cut
        title.setMinHeight(Region.USE_PREF_SIZE);
        Region spacer = Controls.spacer();
        ToggleButton data = new ToggleButton();
        data.setId("dashboard-data-" + id);
        data.setGraphic(new FontIcon("mdi2t-table"));
        controls.tip(data, "dashboard.data.tip");
        Button png = new Button(null, new FontIcon("mdi2i-image-outline"));
        controls.tip(png, "dashboard.export.png");
        png.setOnAction(e -> model.exportPng(id, look.get(), DashboardControls.saveAs(png)));
        Button csv = new Button(null, new FontIcon("mdi2f-file-delimited-outline"));
        csv.setId("dashboard-csv-" + id);
        controls.tip(csv, "dashboard.export.csv");
        csv.setOnAction(e -> model.exportCsv(id, look.get(), DashboardControls.saveAs(csv)));
        for (ButtonBase b : List.of(data, png, csv)) {
            b.getStyleClass().addAll("flat", "button-icon");
        }
        HBox header = new HBox(4, title, spacer, data, png, csv);
        header.setAlignment(Pos.CENTER_LEFT);

        empty.getStyleClass().add("text-muted");
        empty.setWrapText(true);
        empty.setId("dashboard-empty-" + id);
        StackPane body = new StackPane(plot.node(), empty);
        body.setMinHeight(DashboardCharts.HEIGHT);
        body.setAlignment(Pos.CENTER);

        table.setPrefHeight(180);
        table.visibleProperty().bind(data.selectedProperty());
        table.managedProperty().bind(table.visibleProperty());
        VBox card = new VBox(6, header, body, table);
        card.getStyleClass().add("panel");
        card.setId("dashboard-card-" + id);
        return card;
    }

    /** The chart drawn for the loaded figures (null: no data for it) and its data table. */
    void show(ChartTable t, DashboardImages.Rendered chart) {
        boolean drawn = plot.show(t, chart);
        empty.setText(drawn ? "" : i18n.getOr("dashboard.empty." + id, i18n.get("dashboard.empty")));
        empty.setVisible(!drawn);
        fillTable(t);
    }

    /** The width of a text in the console's table font (14 px, the theme's base size). */
    private static double textWidth(String text, FontWeight weight) {
        Text measure = new Text(text);
        measure.setFont(Font.font(Font.getDefault().getFamily(), weight, 14));
        return measure.getLayoutBounds().getWidth();
    }

    private void fillTable(ChartTable t) {
        table.getColumns().clear();
        for (int c = 0; c < t.columns().size(); c++) {
            int col = c;
            String key = t.columns().get(c);
            TableColumn<List<Object>, String> column = new TableColumn<>(texts.text("dashboard.col." + key));
            column.setSortable(false);
            column.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(texts.cell(key, r.getValue().get(col))));
            if (c > 0) {
                column.getStyleClass().add("numeric");
            }
            // each column as wide as its header and its widest cell: squeezed into the card, a dozen columns showed "¥8,41…"
            double width = textWidth(column.getText(), FontWeight.BOLD);
            for (List<Object> row : t.rows()) {
                width = Math.max(width, textWidth(texts.cell(key, row.get(col)), FontWeight.NORMAL));
            }
            column.setPrefWidth(Math.ceil(width) + 28);
            column.setMinWidth(column.getPrefWidth());
            table.getColumns().add(column);
        }
        // a table wider than the card scrolls sideways inside the card
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setItems(FXCollections.observableArrayList(t.rows()));
        table.setPlaceholder(new Label(i18n.get("dashboard.empty")));
    }
}
