package dev.riskdesk.ui.dashboard;

import dev.riskdesk.dashboard.StressResult;
import dev.riskdesk.dashboard.StressScenario;
import dev.riskdesk.ui.common.FxProgress;
import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.I18n;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The stress-test tab: scenarios, their editor and earlier runs on the left; run, exports, chart and figures on the right. */
final class StressTestView {
    private final StressTestViewModel model;
    private final I18n i18n;
    private final Supplier<ChartLook> look;
    private final DashboardControls controls;

    StressTestView(StressTestViewModel model, I18n i18n, Supplier<ChartLook> look) {
        this.model = model;
        this.i18n = i18n;
        this.look = look;
        this.controls = new DashboardControls(i18n);
    }

    Node build() {
        HBox page = new HBox(12, scenarioPanel(), resultsPanel());
        page.getStyleClass().add("screen");
        // the editor, past runs, chart and table are taller than a 800-pixel window: scroll rather than squeeze
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }

    private VBox scenarioPanel() {
        StressScenarioEditor editor = new StressScenarioEditor(model, i18n);
        Button save = controls.button("dashboard-stress-save", "dashboard.stress.save", "mdi2c-content-save-outline");
        save.setOnAction(e -> model.save());
        save.disableProperty().bind(editor.nameTooLong());
        Label hint = controls.wrapping("dashboard.stress.hint");
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.getStyleClass().add("text-muted");
        ListView<StressResult> past = history();
        Button reopen = controls.button("dashboard-stress-reopen", "dashboard.stress.reopen", "mdi2h-history");
        reopen.disableProperty().bind(Bindings.isEmpty(past.getSelectionModel().getSelectedItems()));
        reopen.setOnAction(e -> model.reopen(List.copyOf(past.getSelectionModel().getSelectedItems())));
        Label pastTitle = controls.wrapping("dashboard.stress.history");
        pastTitle.setMinHeight(Region.USE_PREF_SIZE);
        VBox left = new VBox(8, controls.label("dashboard.stress.scenarios"), scenarios(), editor.shocks(), editor.multipliers(), save, hint,
                pastTitle, past, reopen);
        left.getStyleClass().add("panel");
        left.setPrefWidth(350);
        left.setMinWidth(350);
        return left;
    }

    /** The scenarios with a tick each: the ticked ones run; the selected one fills the editor. */
    private ListView<StressScenario> scenarios() {
        ListView<StressScenario> list = new ListView<>(model.scenarios());
        list.setId("dashboard-scenarios");
        list.setPrefHeight(96);
        list.setMinHeight(Region.USE_PREF_SIZE);
        list.setCellFactory(CheckBoxListCell.forListView(model::chosenProperty, new StringConverter<>() {
            @Override
            public String toString(StressScenario s) {
                return s == null ? "" : s.builtIn() ? i18n.getOr("dashboard.stress.builtIn." + s.name(), s.name()) : s.name();
            }

            @Override
            public StressScenario fromString(String string) {
                return null;
            }
        }));
        model.scenarios().addListener((ListChangeListener<StressScenario>) c -> list.refresh());
        i18n.messagesProperty().addListener((obs, old, now) -> list.refresh());
        list.getSelectionModel().selectedItemProperty().addListener((o, old, s) -> model.edit(s));
        return list;
    }

    /** Earlier runs: pick one or more (Ctrl/Shift) and open them side by side again. */
    private ListView<StressResult> history() {
        ListView<StressResult> past = new ListView<>(model.history());
        past.setId("dashboard-stress-history");
        past.setPrefHeight(110);
        past.setMinHeight(Region.USE_PREF_SIZE);
        past.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        past.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(StressResult r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : runAt(r.runAt()) + "  " + i18n.getOr("dashboard.stress.builtIn." + r.scenario(), r.scenario()));
            }
        });
        Label none = new Label();
        none.textProperty().bind(i18n.text("dashboard.stress.noHistory"));
        past.setPlaceholder(none);
        i18n.messagesProperty().addListener((obs, old, now) -> past.refresh()); // names and times in the new language
        past.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                model.reopen(List.copyOf(past.getSelectionModel().getSelectedItems()));
            }
        });
        return past;
    }

    /** A run's time (stored as ISO text) in the operator's format; as stored when it does not parse. */
    private String runAt(String iso) {
        try {
            return i18n.formats().dateTime(java.time.LocalDateTime.parse(iso));
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }

    private VBox resultsPanel() {
        Label error = new Label();
        error.getStyleClass().add("error-text");
        error.textProperty().bind(i18n.render(model.errorProperty()));
        error.setWrapText(true);
        StressResultsTable results = new StressResultsTable(model.results(), model.runningProperty(), i18n);
        VBox.setVgrow(results.node(), Priority.ALWAYS);
        Label note = controls.wrapping("dashboard.stress.note");
        note.getStyleClass().add("text-muted");
        VBox right = new VBox(8, actions(), error, chart(), results.node(), note);
        right.getStyleClass().add("panel");
        HBox.setHgrow(right, Priority.ALWAYS);
        return right;
    }

    /** Run and cancel with the run's progress, then the exports. */
    private HBox actions() {
        FxProgress progress = new FxProgress();
        Button run = controls.button("dashboard-stress-run", "dashboard.stress.run", "mdi2p-play-outline");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(model.runningProperty());
        run.setOnAction(e -> model.run(progress));
        Button cancel = controls.button("dashboard-stress-cancel", "common.cancel", "mdi2c-close");
        cancel.visibleProperty().bind(model.runningProperty());
        cancel.setOnAction(e -> model.cancel());
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(progress.fractionProperty());
        bar.visibleProperty().bind(model.runningProperty());
        bar.setPrefWidth(160);
        Label message = new Label();
        message.getStyleClass().add("text-muted");
        message.textProperty().bind(progress.messageProperty());
        message.visibleProperty().bind(model.runningProperty());
        Button csv = controls.shortButton("dashboard-stress-csv", "dashboard.export.csvShort", "dashboard.export.csv", "mdi2f-file-delimited-outline");
        csv.disableProperty().bind(model.noResults());
        csv.setOnAction(e -> model.exportCsv(look.get(), DashboardControls.saveAs(csv)));
        Button png = controls.shortButton("dashboard-stress-png", "dashboard.export.pngShort", "dashboard.export.png", "mdi2i-image-outline");
        png.disableProperty().bind(csv.disableProperty());
        png.setOnAction(e -> model.exportPng(look.get(), DashboardControls.saveAs(png)));
        Button pdf = controls.shortButton("dashboard-stress-pdf", "dashboard.export.pdfShort", "dashboard.export.pdf", "mdi2f-file-pdf-box");
        pdf.disableProperty().bind(model.noReport());
        pdf.setOnAction(e -> model.exportReport(DashboardControls.saveAs(pdf)));
        Region spacer = Controls.spacer();
        HBox actions = new HBox(8, run, cancel, bar, message, spacer, png, csv, pdf);
        actions.setAlignment(Pos.CENTER_LEFT);
        return actions;
    }

    /** The results' chart, drawn again when they or the theme change. */
    private StackPane chart() {
        ChartPlot plot = new ChartPlot("stress", new DashboardTexts(i18n));
        StackPane chart = plot.node();
        chart.visibleProperty().bind(Bindings.isNotEmpty(model.results()));
        chart.managedProperty().bind(chart.visibleProperty());
        model.chartProperty().addListener((o, old, drawn) -> plot.show(drawn.table(), drawn.chart()));
        model.results().addListener((ListChangeListener<StressResult>) c -> model.drawChart(look.get()));
        return chart;
    }

    /** Draws the chart again in the current look (a theme switch). */
    void redraw() {
        model.drawChart(look.get());
    }
}
