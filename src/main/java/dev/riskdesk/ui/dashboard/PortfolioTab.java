package dev.riskdesk.ui.dashboard;

import dev.riskdesk.dashboard.Buckets;
import dev.riskdesk.dashboard.DashboardData;
import dev.riskdesk.dashboard.DashboardFilter;
import dev.riskdesk.ui.common.FxProgress;
import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.I18n;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The portfolio tab: filter bar with rebuild and report, key figures, and a card per chart. */
final class PortfolioTab {
    private final DashboardViewModel model;
    private final I18n i18n;
    private final Supplier<ChartLook> look;
    private final DashboardControls controls;
    private final Map<String, ChartCard> cards = new LinkedHashMap<>();
    private final Label status = new Label();

    PortfolioTab(DashboardViewModel model, I18n i18n, Supplier<ChartLook> look) {
        this.model = model;
        this.i18n = i18n;
        this.look = look;
        this.controls = new DashboardControls(i18n);
    }

    Node build() {
        VBox page = new VBox(12, new VBox(8, filters(), actions()), new KeyFigureTiles(model, i18n).build(), charts());
        page.getStyleClass().add("screen");
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }

    private Node filters() {
        ComboBox<YearMonth> from = new ComboBox<>();
        from.setId("dashboard-from");
        ComboBox<YearMonth> to = new ComboBox<>();
        to.setId("dashboard-to");
        ComboBox<Integer> tier = controls.choice("dashboard-tier", new ArrayList<>(Buckets.CITY_TIERS),
                t -> i18n.format("dashboard.filter.tierValue", t));
        ComboBox<String> income = controls.choice("dashboard-income", new ArrayList<>(Buckets.INCOME_BANDS), b -> b);
        ComboBox<String> channel = controls.choice("dashboard-channel", new ArrayList<>(Buckets.PRODUCTS), p -> i18n.get("dashboard.value." + p));
        model.loadedProperty().addListener((o, old, now) -> {
            if (now != null && from.getItems().size() != now.data().months().size()) {
                from.getItems().setAll(now.data().months());
                to.getItems().setAll(now.data().months());
            }
            if (now != null) {
                from.setValue(now.data().filter().from());
                to.setValue(now.data().filter().to());
            }
        });
        Runnable apply = () -> model.applyFilter(
                new DashboardFilter(from.getValue(), to.getValue(), tier.getValue(), income.getValue(), channel.getValue()), look.get().renderer());
        for (ComboBox<?> box : java.util.List.of(from, to, tier, income, channel)) {
            box.setOnAction(e -> apply.run());
        }
        from.setPrefWidth(120);
        to.setPrefWidth(120);
        HBox bar = new HBox(8, controls.label("dashboard.filter.months"), from, controls.label("dashboard.filter.to"), to,
                DashboardControls.gap(), controls.label("dashboard.filter.tier"), tier, DashboardControls.gap(),
                controls.label("dashboard.filter.income"), income, DashboardControls.gap(), controls.label("dashboard.filter.channel"), channel);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** Status, error, rebuild and report: the line under the filters. */
    private Node actions() {
        status.setId("dashboard-status");
        status.getStyleClass().add("text-muted");
        model.exportedProperty().addListener((o, old, now) -> {
            if (now != null) {
                status.setText(now.render(i18n));
            }
        });
        Label error = new Label();
        error.getStyleClass().add("error-text");
        error.textProperty().bind(i18n.render(model.errorProperty()));
        Region spacer = Controls.spacer();
        ProgressBar busy = new ProgressBar();
        busy.setPrefWidth(80);
        busy.visibleProperty().bind(model.loadingProperty());
        Button rebuild = controls.button("dashboard-rebuild", "dashboard.rebuild", "mdi2d-database-refresh-outline");
        controls.tip(rebuild, "dashboard.rebuild.tip");
        rebuild.disableProperty().bind(model.loadingProperty());
        FxProgress progress = new FxProgress();
        busy.progressProperty().bind(progress.fractionProperty());
        rebuild.setOnAction(e -> model.refreshAggregates(progress, look.get().renderer()));
        Button pdf = controls.button("dashboard-pdf", "dashboard.export.pdf", "mdi2f-file-pdf-box");
        pdf.disableProperty().bind(model.loadedProperty().isNull());
        pdf.setOnAction(e -> model.exportPdf(DashboardControls.saveAs(pdf)));
        HBox line = new HBox(12, status, error, spacer, busy, rebuild, pdf);
        line.setAlignment(Pos.CENTER_LEFT);
        return line;
    }

    private GridPane charts() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(12);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            grid.getColumnConstraints().add(c);
        }
        int i = 0;
        for (String id : DashboardViewModel.CHARTS) {
            ChartCard card = new ChartCard(id, model, i18n, look);
            cards.put(id, card);
            grid.add(card.node(), i % 2, i / 2);
            i++;
        }
        return grid;
    }

    /** Shows a load: when the aggregates were built, and every chart with its data. */
    void show(DashboardViewModel.Loaded loaded) {
        if (loaded == null) {
            return;
        }
        DashboardData data = loaded.data();
        status.setText(data.refreshedAt() == null ? i18n.get("dashboard.status.never")
                : i18n.format("dashboard.status", i18n.formats().dateTime(data.refreshedAt()),
                        data.snapshotMonth() == null ? "—" : data.snapshotMonth().toString()));
        for (String id : DashboardViewModel.CHARTS) {
            cards.get(id).show(data.chart(id), loaded.charts().get(id));
        }
    }
}
