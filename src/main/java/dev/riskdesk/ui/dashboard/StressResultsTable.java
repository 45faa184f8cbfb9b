package dev.riskdesk.ui.dashboard;

import dev.riskdesk.dashboard.StressResult;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Tables;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;

/** The stress results side by side: a row per figure, a column per scenario. */
final class StressResultsTable {
    private final I18n i18n;
    private final ObservableList<StressResult> results;
    private final TableView<String> table = new TableView<>();

    StressResultsTable(ObservableList<StressResult> results, ObservableBooleanValue running, I18n i18n) {
        this.i18n = i18n;
        this.results = results;
        table.setId("dashboard-stress-results");
        table.setPrefHeight(392); // the twelve figures without scrolling the table
        table.setMinHeight(Region.USE_PREF_SIZE);
        table.getStyleClass().add("dense");
        table.setPlaceholder(Tables.placeholder(i18n, "dashboard.stress.none", running));
        results.addListener((ListChangeListener<StressResult>) c -> fill());
        i18n.messagesProperty().addListener((obs, old, now) -> fill()); // scenario names and figures in the new language
    }

    TableView<String> node() {
        return table;
    }

    private void fill() {
        table.getColumns().clear();
        TableColumn<String, String> metric = new TableColumn<>(i18n.get("dashboard.stress.metric"));
        metric.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(i18n.get("dashboard.stress.metric." + r.getValue())));
        metric.setPrefWidth(214);
        metric.setSortable(false);
        table.getColumns().add(metric);
        for (StressResult r : results) {
            TableColumn<String, String> col = new TableColumn<>(i18n.getOr("dashboard.stress.builtIn." + r.scenario(), r.scenario()));
            col.getStyleClass().add("numeric");
            col.setSortable(false);
            col.setPrefWidth(132);
            col.setMinWidth(132);
            col.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(value(r, x.getValue())));
            table.getColumns().add(col);
        }
        table.setItems(FXCollections.observableArrayList(results.isEmpty() ? List.of() : StressMetrics.ALL));
    }

    private String value(StressResult r, String metric) {
        Object v = StressMetrics.of(r, metric);
        return v instanceof BigDecimal d ? yuan(d) : v instanceof Double d ? i18n.formats().percent(d) : i18n.formats().integer((Long) v);
    }

    /** Whole yuan: the side-by-side columns are narrow; the CSV keeps the cents. */
    private String yuan(BigDecimal amount) {
        long whole = amount.setScale(0, RoundingMode.HALF_UP).longValue();
        return (whole < 0 ? "\u2212¥" : "¥") + i18n.formats().integer(Math.abs(whole));
    }
}
