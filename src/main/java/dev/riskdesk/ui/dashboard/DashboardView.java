package dev.riskdesk.ui.dashboard;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.dashboard.Buckets;
import dev.riskdesk.dashboard.ChartTable;
import dev.riskdesk.dashboard.DashboardData;
import dev.riskdesk.dashboard.DashboardExports;
import dev.riskdesk.dashboard.DashboardFilter;
import dev.riskdesk.dashboard.DashboardQueryService;
import dev.riskdesk.dashboard.StressResult;
import dev.riskdesk.dashboard.StressScenario;
import dev.riskdesk.dashboard.StressTestService;
import dev.riskdesk.ui.common.ChartImages;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.FxProgress;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Tables;
import dev.riskdesk.ui.common.Theme;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.image.ImageView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

/** The manager dashboard: filters, key figures, a grid of charts with their data, exports, and stress tests. */
public final class DashboardView {
    private static final double SCALE = 1.5;
    private final DashboardViewModel model;
    private final I18n i18n;
    private final TaskRunner tasks;
    private final ObservableValue<Theme> theme;
    private final Map<String, ImageView> images = new HashMap<>();
    private final Map<String, Label> placeholders = new HashMap<>();
    private final Map<String, TableView<List<Object>>> dataTables = new HashMap<>();
    private final Map<String, ChartFigure> figures = new HashMap<>();
    private final Map<StressScenario, SimpleBooleanProperty> chosen = new LinkedHashMap<>();
    private final Label status = new Label();

    public DashboardView(DashboardViewModel model, I18n i18n, TaskRunner tasks, ObservableValue<Theme> theme) {
        this.model = model;
        this.i18n = i18n;
        this.tasks = tasks;
        this.theme = theme;
    }

    public Parent build() {
        TabPane tabs = new TabPane();
        tabs.setId("dashboard");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab portfolio = new Tab();
        portfolio.textProperty().bind(i18n.text("dashboard.tab.portfolio"));
        portfolio.setContent(portfolio());
        tabs.getTabs().add(portfolio);
        if (model.canStressTest()) {
            Tab stress = new Tab();
            stress.setId("dashboard-stress-tab");
            stress.textProperty().bind(i18n.text("dashboard.tab.stress"));
            stress.setContent(stress());
            tabs.getTabs().add(stress);
            model.loadScenarios();
        }
        model.loadedProperty().addListener((o, old, now) -> show(now));
        theme.addListener((o, old, now) -> reload());
        i18n.messagesProperty().addListener((o, old, now) -> reload());
        reload();
        return tabs;
    }

    private void reload() {
        model.load(renderer());
    }

    /** Draws the charts for the current theme and language (captured here, on the FX thread). */
    private Function<DashboardData, Map<String, DashboardImages.Rendered>> renderer() {
        boolean dark = theme.getValue() == Theme.DARK;
        Function<String, String> text = this::text;
        Locale locale = i18n.locale();
        return data -> DashboardImages.render(data, text, dark, locale, SCALE, true);
    }

    /** A bundle text, or the code itself for values the bundle does not name (an operator, a rule code). */
    private String text(String key) {
        return i18n.getOr(key, key.substring(key.lastIndexOf('.') + 1));
    }


    // ------------------------------------------------------------------ portfolio tab

    private Node portfolio() {
        VBox page = new VBox(12, filterBar(), tiles(), charts());
        page.getStyleClass().add("screen");
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }

    private Node filterBar() {
        ComboBox<YearMonth> from = new ComboBox<>();
        from.setId("dashboard-from");
        ComboBox<YearMonth> to = new ComboBox<>();
        to.setId("dashboard-to");
        ComboBox<Integer> tier = choice("dashboard-tier", new ArrayList<>(Buckets.CITY_TIERS), t -> i18n.format("dashboard.filter.tierValue", t));
        ComboBox<String> income = choice("dashboard-income", new ArrayList<>(Buckets.INCOME_BANDS), b -> b);
        ComboBox<String> channel = choice("dashboard-channel", new ArrayList<>(Buckets.PRODUCTS), p -> i18n.get("dashboard.value." + p));
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
                new DashboardFilter(from.getValue(), to.getValue(), tier.getValue(), income.getValue(), channel.getValue()), renderer());
        from.setOnAction(e -> apply.run());
        to.setOnAction(e -> apply.run());
        tier.setOnAction(e -> apply.run());
        income.setOnAction(e -> apply.run());
        channel.setOnAction(e -> apply.run());

        status.setId("dashboard-status");
        status.getStyleClass().add("text-muted");
        Label error = new Label();
        error.getStyleClass().add("error-text");
        error.textProperty().bind(i18n.render(model.errorProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ProgressBar busy = new ProgressBar();
        busy.setPrefWidth(80);
        busy.visibleProperty().bind(model.loadingProperty());
        Button rebuild = button("dashboard-rebuild", "dashboard.rebuild", "mdi2d-database-refresh-outline");
        rebuild.setTooltip(new Tooltip());
        rebuild.getTooltip().textProperty().bind(i18n.text("dashboard.rebuild.tip"));
        rebuild.disableProperty().bind(model.loadingProperty());
        FxProgress progress = new FxProgress();
        busy.progressProperty().bind(progress.fractionProperty());
        rebuild.setOnAction(e -> model.refreshAggregates(progress, renderer()));
        Button pdf = button("dashboard-pdf", "dashboard.export.pdf", "mdi2f-file-pdf-box");
        pdf.disableProperty().bind(model.loadedProperty().isNull());
        pdf.setOnAction(e -> exportPdf(pdf));
        from.setPrefWidth(120);
        to.setPrefWidth(120);
        HBox bar = new HBox(8, label("dashboard.filter.months"), from, label("dashboard.filter.to"), to, gap(), label("dashboard.filter.tier"), tier,
                gap(), label("dashboard.filter.income"), income, gap(), label("dashboard.filter.channel"), channel);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox line = new HBox(12, status, error, spacer, busy, rebuild, pdf);
        line.setAlignment(Pos.CENTER_LEFT);
        return new VBox(8, bar, line);
    }

    private <T> ComboBox<T> choice(String id, List<T> values, Function<T, String> name) {
        List<T> items = new ArrayList<>();
        items.add(null);
        items.addAll(values);
        ComboBox<T> box = new ComboBox<>(FXCollections.observableArrayList(items));
        box.setId(id);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? i18n.get("dashboard.filter.all") : name.apply(value);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
        box.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(box.getConverter().toString(item));
            }
        });
        box.setValue(null);
        return box;
    }

    private static Region gap() {
        Region r = new Region();
        r.setMinWidth(8);
        return r;
    }

    private Label label(String key) {
        Label l = new Label();
        l.textProperty().bind(i18n.text(key));
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private Button button(String id, String key, String icon) {
        Button b = new Button();
        b.setId(id);
        b.textProperty().bind(i18n.text(key));
        b.setGraphic(new FontIcon(icon));
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /** A narrow button: a short label, the full text as its tooltip. */
    private Button shortButton(String id, String key, String tipKey, String icon) {
        Button b = button(id, key, icon);
        b.setTooltip(new Tooltip());
        b.getTooltip().textProperty().bind(i18n.text(tipKey));
        return b;
    }

    private GridPane tiles() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("tile-grid");
        String[] ids = {"exposure", "expectedLoss", "rate30", "rate90", "psi", "openAppeals"};
        for (int i = 0; i < ids.length; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(100.0 / ids.length);
            grid.getColumnConstraints().add(c);
            String id = ids[i];
            Label title = new Label();
            title.textProperty().bind(i18n.text("dashboard.tile." + id));
            title.getStyleClass().add("tile-title");
            Label value = new Label("—");
            value.setId("dashboard-tile-" + id);
            value.getStyleClass().add("tile-value");
            Label caption = new Label();
            caption.getStyleClass().add("tile-caption");
            if (id.equals("openAppeals")) { // the inbox's figures on two lines; the hint says what they are
                Tooltip hint = new Tooltip();
                hint.textProperty().bind(i18n.text("dashboard.tile.openAppeals.agesHint"));
                hint.setWrapText(true);
                hint.setMaxWidth(320);
                caption.setTooltip(hint);
            }
            value.textProperty().bind(i18n.bind(() -> tileValue(id), model.loadedProperty()));
            caption.textProperty().bind(i18n.bind(() -> tileCaption(id), model.loadedProperty()));
            VBox tile = new VBox(4, title, value, caption);
            tile.getStyleClass().add("tile");
            tile.setMaxWidth(Double.MAX_VALUE);
            grid.add(tile, i, 0);
        }
        return grid;
    }

    private String tileValue(String id) {
        var l = model.loadedProperty().get();
        if (l == null) {
            return "—";
        }
        var f = l.data().figures();
        var fmt = i18n.formats();
        return switch (id) {
            case "exposure" -> millions(f.exposure());
            case "expectedLoss" -> millions(f.expectedLoss());
            case "rate30" -> fmt.percent(f.rate30Plus());
            case "rate90" -> fmt.percent(f.rate90Plus());
            case "psi" -> Double.isNaN(l.data().psi()) ? "—" : String.format(Locale.ROOT, "%.3f", l.data().psi());
            default -> fmt.integer(f.openAppeals());
        };
    }

    /** Tiles are narrow: amounts in millions with two decimals (the data views show them to the cent). */
    private String millions(BigDecimal amount) {
        return i18n.format("dashboard.tile.millions", String.format(i18n.locale(), "%,.2f", amount.doubleValue() / 1_000_000));
    }

    private String tileCaption(String id) {
        var l = model.loadedProperty().get();
        if (l == null || l.data().snapshotMonth() == null) {
            return "";
        }
        var f = l.data().figures();
        return switch (id) {
            case "exposure" -> i18n.format("dashboard.tile.exposure.sub", i18n.formats().integer(f.accounts()));
            case "expectedLoss" -> i18n.format("dashboard.tile.expectedLoss.sub",
                    i18n.formats().percent(f.exposure().signum() == 0 ? 0 : f.expectedLoss().doubleValue() / f.exposure().doubleValue()));
            case "psi" -> i18n.get(Double.isNaN(l.data().psi()) ? "dashboard.tile.psi.none"
                    : l.data().psi() >= 0.25 ? "dashboard.tile.psi.alert" : l.data().psi() >= 0.10 ? "dashboard.tile.psi.warning" : "dashboard.tile.psi.ok");
            case "openAppeals" -> openAppealsText(l.data().chart("appealFigures"));
            default -> i18n.get("dashboard.tile." + id + ".sub");
        };
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
        for (String id : DashboardQueryService.CHARTS) {
            grid.add(chartCard(id), i % 2, i / 2);
            i++;
        }
        return grid;
    }

    private VBox chartCard(String id) {
        Label title = new Label();
        title.textProperty().bind(i18n.text("dashboard.chart." + id));
        title.getStyleClass().add("card-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToggleButton data = new ToggleButton();
        data.setId("dashboard-data-" + id);
        data.setGraphic(new FontIcon("mdi2t-table"));
        data.setTooltip(new Tooltip());
        data.getTooltip().textProperty().bind(i18n.text("dashboard.data.tip"));
        Button png = new Button(null, new FontIcon("mdi2i-image-outline"));
        png.setTooltip(new Tooltip());
        png.getTooltip().textProperty().bind(i18n.text("dashboard.export.png"));
        png.setOnAction(e -> exportPng(id, png));
        Button csv = new Button(null, new FontIcon("mdi2f-file-delimited-outline"));
        csv.setId("dashboard-csv-" + id);
        csv.setTooltip(new Tooltip());
        csv.getTooltip().textProperty().bind(i18n.text("dashboard.export.csv"));
        csv.setOnAction(e -> exportCsv(id, csv));
        for (var b : List.of(data, png, csv)) {
            b.getStyleClass().addAll("flat", "button-icon");
        }
        HBox header = new HBox(4, title, spacer, data, png, csv);
        header.setAlignment(Pos.CENTER_LEFT);

        StackPane plot = chartPlot(id);
        Label empty = new Label();
        empty.getStyleClass().add("text-muted");
        empty.setWrapText(true);
        empty.setId("dashboard-empty-" + id);
        placeholders.put(id, empty);
        StackPane body = new StackPane(plot, empty);
        body.setMinHeight(DashboardCharts.HEIGHT);
        body.setAlignment(Pos.CENTER);

        TableView<List<Object>> table = Tables.table("dashboard-table-" + id, FXCollections.observableArrayList());
        table.setPrefHeight(180);
        table.visibleProperty().bind(data.selectedProperty());
        table.managedProperty().bind(table.visibleProperty());
        dataTables.put(id, table);
        VBox card = new VBox(6, header, body, table);
        card.getStyleClass().add("panel");
        card.setId("dashboard-card-" + id);
        return card;
    }

    /**
     * A chart's image with its hover layer: hovering an element outlines it and shows its figure;
     * a click pins the figure until the next click.
     */
    private StackPane chartPlot(String id) {
        ImageView image = new ImageView();
        image.setId("dashboard-chart-" + id);
        image.setPreserveRatio(true);
        image.setFitWidth(DashboardCharts.WIDTH);
        image.setFitHeight(DashboardCharts.HEIGHT);
        image.setPickOnBounds(true);
        images.put(id, image);
        Rectangle mark = new Rectangle();
        mark.getStyleClass().add("chart-mark");
        mark.setVisible(false);
        Label figure = new Label();
        figure.setId("dashboard-figure-" + id);
        figure.getStyleClass().add("chart-figure");
        figure.setVisible(false);
        Pane overlay = new Pane(mark, figure);
        overlay.setMouseTransparent(true);
        overlay.setPrefSize(DashboardCharts.WIDTH, DashboardCharts.HEIGHT);
        overlay.setMaxSize(DashboardCharts.WIDTH, DashboardCharts.HEIGHT);
        StackPane plot = new StackPane(image, overlay);
        plot.setMaxSize(DashboardCharts.WIDTH, DashboardCharts.HEIGHT);
        ChartFigure hover = new ChartFigure(id, mark, figure);
        figures.put(id, hover);
        image.setOnMouseMoved(e -> hover.hover(e.getX(), e.getY()));
        image.setOnMouseExited(e -> hover.exit());
        image.setOnMouseClicked(e -> hover.click(e.getX(), e.getY()));
        return plot;
    }

    private void show(DashboardViewModel.Loaded loaded) {
        if (loaded == null) {
            return;
        }
        DashboardData data = loaded.data();
        status.setText(data.refreshedAt() == null ? i18n.get("dashboard.status.never")
                : i18n.format("dashboard.status", i18n.formats().dateTime(data.refreshedAt()),
                        data.snapshotMonth() == null ? "—" : data.snapshotMonth().toString()));
        for (String id : DashboardQueryService.CHARTS) {
            DashboardImages.Rendered chart = loaded.charts().get(id);
            BufferedImage img = chart == null ? null : chart.image();
            images.get(id).setImage(img == null ? null : ChartImages.toFxImage(img));
            figures.get(id).show(data.chart(id), chart == null ? ChartHitMap.EMPTY : chart.hits());
            Label empty = placeholders.get(id);
            empty.setText(img != null ? "" : i18n.getOr("dashboard.empty." + id, i18n.get("dashboard.empty")));
            empty.setVisible(img == null);
            fillTable(dataTables.get(id), data.chart(id));
        }
    }

    /** One chart's hover and click figure: outlines the element under the mouse and names its value. */
    private final class ChartFigure {
        private final String id;
        private final Rectangle mark;
        private final Label figure;
        private ChartTable table;
        private ChartHitMap hits = ChartHitMap.EMPTY;
        private boolean pinned;

        ChartFigure(String id, Rectangle mark, Label figure) {
            this.id = id;
            this.mark = mark;
            this.figure = figure;
        }

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
            figure.setText(figureText(id, table, e));
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

    /** "Score band: B" over "Exposure: ¥12,345,678.00": the element's category and its series' value, with its unit. */
    String figureText(String chartId, ChartTable t, ChartHitMap.Element e) {
        Object value = e.row() < 0 ? Double.valueOf(0) : t.rows().get(e.row()).get(t.column(e.column()));
        String shown = cell(e.column(), value);
        if (value instanceof Long) {
            String unit = i18n.getOr("dashboard.unit." + chartId, "");
            shown = unit.isEmpty() ? shown : i18n.format("dashboard.figure.count", shown, unit);
        }
        return i18n.format("dashboard.figure", axisName(chartId), e.category(), e.series(), shown);
    }

    private String axisName(String chartId) {
        return i18n.get(switch (chartId) {
            case "exposureByBand", "badRateByBand" -> "dashboard.axis.band";
            case "utilisation" -> "dashboard.axis.utilisation";
            case "delinquency" -> "dashboard.axis.month";
            case "rollRate" -> "dashboard.axis.fromBucket";
            case "vintage30", "vintage90" -> "dashboard.axis.monthsOnBook";
            case "scoreDistribution" -> "dashboard.axis.score";
            case "decisions", "overridePerformance" -> "dashboard.axis.action";
            case "overridesByOperator" -> "dashboard.axis.operator";
            case "overridesByReason" -> "dashboard.axis.reason";
            case "suspensionsByRule" -> "dashboard.axis.rule";
            case "appeals" -> "dashboard.axis.slaState";
            case "stress" -> "dashboard.col.scenario";
            default -> "dashboard.axis.incomeBand";
        });
    }

    private void fillTable(TableView<List<Object>> table, ChartTable t) {
        table.getColumns().clear();
        for (int c = 0; c < t.columns().size(); c++) {
            int col = c;
            String key = t.columns().get(c);
            TableColumn<List<Object>, String> column = new TableColumn<>(text("dashboard.col." + key));
            column.setSortable(false);
            column.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(cell(key, r.getValue().get(col))));
            if (c > 0) {
                column.getStyleClass().add("numeric");
            }
            table.getColumns().add(column);
        }
        table.setItems(FXCollections.observableArrayList(t.rows()));
        table.setPlaceholder(new Label(i18n.get("dashboard.empty")));
    }

    private String cell(String column, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return i18n.formats().money(d);
        }
        if (value instanceof Double d) {
            return column.toLowerCase(Locale.ROOT).contains("rate") || column.toLowerCase(Locale.ROOT).contains("share")
                    ? i18n.formats().percent(d) : String.format(i18n.locale(), "%.4f", d);
        }
        if (value instanceof Long l) {
            return i18n.formats().integer(l);
        }
        return text("dashboard.value." + value);
    }

    // ------------------------------------------------------------------ exports

    private File choose(Node owner, String name, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name + "." + extension);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase(Locale.ROOT), "*." + extension));
        return chooser.showSaveDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
    }

    private void write(File file, ThrowingWriter work) {
        if (file == null) {
            return;
        }
        tasks.submit(p -> {
            work.write(file);
            return file;
        }, f -> status.setText(i18n.format("dashboard.export.done", f.getName())),
                failure -> model.errorProperty().set(ErrorTexts.of(failure)));
    }

    @FunctionalInterface
    private interface ThrowingWriter {
        void write(File file) throws Exception;
    }

    private void exportPng(String id, Node owner) {
        var l = model.loadedProperty().get();
        if (l == null || l.data().chart(id).isEmpty()) {
            return;
        }
        boolean dark = theme.getValue() == Theme.DARK;
        Locale locale = i18n.locale();
        Function<String, String> text = this::text;
        write(choose(owner, id, "png"), f -> {
            try (OutputStream out = Files.newOutputStream(f.toPath())) {
                DashboardExports.png(DashboardCharts.build(l.data().chart(id), text, l.data().psi(), dark, locale, true).chart(), out);
            }
        });
    }

    private void exportCsv(String id, Node owner) {
        var l = model.loadedProperty().get();
        if (l == null) {
            return;
        }
        ChartTable t = l.data().chart(id);
        List<String> headers = t.columns().stream().map(c -> text("dashboard.col." + c)).toList();
        write(choose(owner, id, "csv"), f -> {
            try (Writer out = Files.newBufferedWriter(f.toPath(), StandardCharsets.UTF_8)) {
                out.write('\uFEFF'); // so spreadsheet programs read the Chinese headers as UTF-8
                DashboardExports.csv(t, headers, out);
            }
        });
    }

    private void exportPdf(Node owner) {
        var l = model.loadedProperty().get();
        if (l == null) {
            return;
        }
        LocalDateTime now = model.now();
        List<StressResult> results = List.copyOf(model.results());
        write(choose(owner, "riskdesk-dashboard", "pdf"), f -> {
            try (OutputStream out = Files.newOutputStream(f.toPath())) {
                DashboardExports.pdf(report(l.data(), now, results), out);
            }
        });
    }

    /** The PDF report, in English: the report's font is Helvetica, which has no Chinese glyphs. */
    static DashboardExports.Report report(DashboardData data, LocalDateTime now, List<StressResult> stress) {
        Function<String, String> text = DashboardImages.englishText();
        var f = data.figures();
        List<String[]> figures = List.of(
                new String[] {text.apply("dashboard.tile.exposure"), "CNY " + f.exposure().toPlainString()},
                new String[] {text.apply("dashboard.tile.expectedLoss"), "CNY " + f.expectedLoss().toPlainString()},
                new String[] {text.apply("dashboard.col.accounts"), String.format(Locale.ROOT, "%,d", f.accounts())},
                new String[] {text.apply("dashboard.tile.rate30"), String.format(Locale.ROOT, "%.2f %%", 100 * f.rate30Plus())},
                new String[] {text.apply("dashboard.tile.rate90"), String.format(Locale.ROOT, "%.2f %%", 100 * f.rate90Plus())},
                new String[] {text.apply("dashboard.tile.psi"), Double.isNaN(data.psi()) ? "-" : String.format(Locale.ROOT, "%.3f", data.psi())},
                new String[] {text.apply("dashboard.tile.openAppeals"), String.valueOf(f.openAppeals())});
        List<DashboardExports.ReportChart> charts = new ArrayList<>();
        Map<String, DashboardImages.Rendered> images = DashboardImages.render(data, text, false, Locale.ENGLISH, 2.0, true);
        for (String id : DashboardQueryService.CHARTS) {
            if (images.get(id) != null) {
                charts.add(new DashboardExports.ReportChart(text.apply("dashboard.chart." + id), images.get(id).image()));
            }
        }
        List<String> lines = List.of("Generated " + now.withNano(0), "Filters: " + data.filter().describe(),
                "Snapshot month: " + data.snapshotMonth() + "; aggregates refreshed " + data.refreshedAt(),
                "Charts without data for these filters are left out.");
        return new DashboardExports.Report(text.apply("dashboard.report.title"), lines, figures, charts, stressSection(stress, text));
    }

    private static final List<String> STRESS_METRICS = List.of("accounts", "baselineBadRate", "badRate", "baselineExpectedLoss", "expectedLoss",
            "exposure", "stressedExposure", "cutAccounts", "decreases", "freezes", "suspensions", "policyExposureChange");

    /** The report's stress page: the chart and the side-by-side figures, in plain Latin-1 (the report's font). */
    private static DashboardExports.StressSection stressSection(List<StressResult> results, Function<String, String> text) {
        if (results.isEmpty()) {
            return null;
        }
        ChartTable t = StressTestService.table(results);
        var chart = DashboardImages.render(DashboardCharts.build(t, text, Double.NaN, false, Locale.ENGLISH, false), 2.0);
        List<String> header = new ArrayList<>(List.of(text.apply("dashboard.stress.metric")));
        header.addAll(DashboardCharts.scenarioLabels(t, text));
        List<List<String>> rows = new ArrayList<>();
        for (String metric : STRESS_METRICS) {
            List<String> row = new ArrayList<>(List.of(text.apply("dashboard.stress.metric." + metric).strip()));
            for (StressResult r : results) {
                Object v = metricOf(r, metric);
                row.add(v instanceof BigDecimal d ? "CNY " + String.format(Locale.ROOT, "%,.2f", d)
                        : v instanceof Double d ? String.format(Locale.ROOT, "%.2f %%", 100 * d) : String.format(Locale.ROOT, "%,d", (Long) v));
            }
            rows.add(row);
        }
        List<String> lines = List.of(text.apply("dashboard.chart.stress") + "; runs of " + results.stream().map(StressResult::runAt)
                .map(at -> at.substring(0, Math.min(16, at.length())).replace('T', ' ')).distinct().sorted().toList(),
                "Nothing is applied: the limit cuts are the limit engine's read-only simulation.");
        return new DashboardExports.StressSection(text.apply("dashboard.tab.stress"), lines, chart.image(), header, rows);
    }

    /** One figure of a stress result: a Long count, a Double rate or a BigDecimal amount. */
    static Object metricOf(StressResult r, String metric) {
        return switch (metric) {
            case "accounts" -> r.accounts();
            case "baselineBadRate" -> r.baselineBadRate();
            case "badRate" -> r.badRate();
            case "baselineExpectedLoss" -> r.baselineExpectedLoss();
            case "expectedLoss" -> r.expectedLoss();
            case "exposure" -> r.exposure();
            case "stressedExposure" -> r.stressedExposure();
            case "cutAccounts" -> r.cutAccounts();
            case "decreases" -> r.decreases();
            case "freezes" -> r.freezes();
            case "suspensions" -> r.suspensions();
            default -> r.policyExposureChange();
        };
    }

    // ------------------------------------------------------------------ stress tests

    private Node stress() {
        ListView<StressScenario> list = new ListView<>(model.scenarios());
        list.setId("dashboard-scenarios");
        list.setPrefHeight(96);
        list.setMinHeight(Region.USE_PREF_SIZE);
        list.setCellFactory(CheckBoxListCell.forListView(s -> chosen.computeIfAbsent(s, k -> new SimpleBooleanProperty(k.builtIn())),
                new StringConverter<>() {
                    @Override
                    public String toString(StressScenario s) {
                        return s == null ? "" : s.builtIn() ? i18n.getOr("dashboard.stress.builtIn." + s.name(), s.name()) : s.name();
                    }

                    @Override
                    public StressScenario fromString(String string) {
                        return null;
                    }
                }));
        model.scenarios().addListener((javafx.collections.ListChangeListener<StressScenario>) c -> {
            Map<String, Boolean> before = new HashMap<>();
            chosen.forEach((s, p) -> before.put(s.name(), p.get()));
            chosen.clear();
            for (StressScenario s : model.scenarios()) {
                chosen.put(s, new SimpleBooleanProperty(before.getOrDefault(s.name(), s.builtIn())));
            }
            list.refresh();
        });

        // the editor: a selected scenario is its template; saving under a new name keeps a user-defined one
        TextField name = new TextField();
        name.setId("dashboard-stress-name");
        GridPane editor = new GridPane();
        editor.setHgap(8);
        editor.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHgrow(Priority.ALWAYS);
        ColumnConstraints fields = new ColumnConstraints(72);
        editor.getColumnConstraints().addAll(labels, fields);
        editor.addRow(0, label("dashboard.stress.name"), name);
        name.setPrefColumnCount(8);
        TextField util = new TextField("0");
        TextField lgd = new TextField("0");
        TextField income = new TextField("0");
        editor.addRow(1, label("dashboard.stress.utilisationRise"), util);
        editor.addRow(2, label("dashboard.stress.lgdChange"), lgd);
        editor.addRow(3, label("dashboard.stress.incomeShock"), income);
        // PD multipliers: one compact line per segment kind, five small fields each
        Map<String, TextField> pd = new LinkedHashMap<>();
        Map<String, TextField> tierPd = new LinkedHashMap<>();
        GridPane multipliers = new GridPane();
        multipliers.setHgap(4);
        multipliers.setVgap(4);
        multipliers.add(label("dashboard.stress.pdByIncome"), 0, 0, 5, 1);
        multipliers.add(label("dashboard.stress.pdByTier"), 0, 2, 5, 1);
        for (int i = 0; i < 5; i++) {
            String band = Buckets.INCOME_BANDS.get(i);
            pd.put(band, multiplierField("dashboard-stress-pd-" + band));
            multipliers.add(new VBox(2, new Label(band), pd.get(band)), i, 1);
            String tier = String.valueOf(Buckets.CITY_TIERS.get(i));
            tierPd.put(tier, multiplierField("dashboard-stress-tier-" + tier));
            multipliers.add(new VBox(2, new Label(i18n.format("dashboard.filter.tierValue", tier)), tierPd.get(tier)), i, 3);
        }
        list.getSelectionModel().selectedItemProperty().addListener((o, old, s) -> {
            if (s != null) {
                name.setText(s.builtIn() ? "" : s.name());
                pd.forEach((b, f) -> f.setText(s.parameters().pdMultiplier(b).toPlainString()));
                tierPd.forEach((t, f) -> f.setText(s.parameters().tierPdMultiplier(Integer.parseInt(t)).toPlainString()));
                util.setText(s.parameters().utilisationRise().toPlainString());
                lgd.setText(s.parameters().lgdChange().toPlainString());
                income.setText(s.parameters().incomeShock().toPlainString());
            }
        });
        Button save = button("dashboard-stress-save", "dashboard.stress.save", "mdi2c-content-save-outline");
        save.setOnAction(e -> {
            try {
                model.saveScenario(name.getText(), new StressScenario.Parameters(numbers(pd), new BigDecimal(util.getText().strip()),
                        new BigDecimal(lgd.getText().strip()), new BigDecimal(income.getText().strip()), numbers(tierPd)));
            } catch (NumberFormatException ex) {
                model.stressErrorProperty().set(dev.riskdesk.ui.common.UiText.of("dashboard.stress.notANumber"));
            }
        });
        Label hint = label("dashboard.stress.hint");
        hint.setWrapText(true);
        hint.setMinWidth(0);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.getStyleClass().add("text-muted");
        // earlier runs: pick one or more (Ctrl/Shift) and open them side by side again
        ListView<StressResult> past = new ListView<>(model.history());
        past.setId("dashboard-stress-history");
        past.setPrefHeight(110);
        past.setMinHeight(Region.USE_PREF_SIZE);
        past.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        past.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(StressResult r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.runAt().substring(0, Math.min(16, r.runAt().length())).replace('T', ' ') + "  "
                        + i18n.getOr("dashboard.stress.builtIn." + r.scenario(), r.scenario()));
            }
        });
        past.setPlaceholder(new Label(i18n.get("dashboard.stress.noHistory")));
        Button reopen = button("dashboard-stress-reopen", "dashboard.stress.reopen", "mdi2h-history");
        reopen.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(past.getSelectionModel().getSelectedItems()));
        reopen.setOnAction(e -> model.reopen(List.copyOf(past.getSelectionModel().getSelectedItems())));
        past.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                model.reopen(List.copyOf(past.getSelectionModel().getSelectedItems()));
            }
        });
        model.loadHistory();
        Label pastTitle = label("dashboard.stress.history");
        pastTitle.setWrapText(true);
        pastTitle.setMinWidth(0);
        pastTitle.setMinHeight(Region.USE_PREF_SIZE);
        VBox left = new VBox(8, label("dashboard.stress.scenarios"), list, editor, multipliers, save, hint, pastTitle, past, reopen);
        left.getStyleClass().add("panel");
        left.setPrefWidth(350);
        left.setMinWidth(350);

        FxProgress progress = new FxProgress();
        Button run = button("dashboard-stress-run", "dashboard.stress.run", "mdi2p-play-outline");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(model.stressRunningProperty());
        run.setOnAction(e -> model.runStress(chosen.entrySet().stream().filter(x -> x.getValue().get()).map(Map.Entry::getKey).toList(), progress));
        Button cancel = button("dashboard-stress-cancel", "common.cancel", "mdi2c-close");
        cancel.visibleProperty().bind(model.stressRunningProperty());
        cancel.setOnAction(e -> model.cancelStress());
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(progress.fractionProperty());
        bar.visibleProperty().bind(model.stressRunningProperty());
        bar.setPrefWidth(160);
        Label message = new Label();
        message.getStyleClass().add("text-muted");
        message.textProperty().bind(progress.messageProperty());
        message.visibleProperty().bind(model.stressRunningProperty());
        Button csv = shortButton("dashboard-stress-csv", "dashboard.export.csvShort", "dashboard.export.csv", "mdi2f-file-delimited-outline");
        csv.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.results()));
        csv.setOnAction(e -> {
            ChartTable t = StressTestService.table(List.copyOf(model.results()));
            List<String> headers = t.columns().stream().map(c -> text("dashboard.col." + c)).toList();
            write(choose(csv, "stress-test", "csv"), f -> {
                try (Writer out = Files.newBufferedWriter(f.toPath(), StandardCharsets.UTF_8)) {
                    out.write('\uFEFF');
                    DashboardExports.csv(t, headers, out);
                }
            });
        });
        Button png = shortButton("dashboard-stress-png", "dashboard.export.pngShort", "dashboard.export.png", "mdi2i-image-outline");
        png.disableProperty().bind(csv.disableProperty());
        png.setOnAction(e -> {
            ChartTable t = StressTestService.table(List.copyOf(model.results()));
            boolean dark = theme.getValue() == Theme.DARK;
            Locale locale = i18n.locale();
            Function<String, String> text = this::text;
            write(choose(png, "stress-test", "png"), f -> {
                try (OutputStream out = Files.newOutputStream(f.toPath())) {
                    DashboardExports.png(DashboardCharts.build(t, text, Double.NaN, dark, locale, true).chart(), out);
                }
            });
        });
        Button pdf = shortButton("dashboard-stress-pdf", "dashboard.export.pdfShort", "dashboard.export.pdf", "mdi2f-file-pdf-box");
        pdf.disableProperty().bind(csv.disableProperty().or(model.loadedProperty().isNull()));
        pdf.setOnAction(e -> exportPdf(pdf));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, run, cancel, bar, message, spacer, png, csv, pdf);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label error = new Label();
        error.getStyleClass().add("error-text");
        error.textProperty().bind(i18n.render(model.stressErrorProperty()));
        error.setWrapText(true);

        TableView<String> results = new TableView<>();
        results.setId("dashboard-stress-results");
        results.setPrefHeight(392); // the twelve figures without scrolling the table
        results.setMinHeight(Region.USE_PREF_SIZE);
        results.getStyleClass().add("dense");
        results.setPlaceholder(Tables.placeholder(i18n, "dashboard.stress.none", model.stressRunningProperty()));
        List<String> metrics = STRESS_METRICS;
        model.results().addListener((javafx.collections.ListChangeListener<StressResult>) c -> {
            results.getColumns().clear();
            TableColumn<String, String> metric = new TableColumn<>(i18n.get("dashboard.stress.metric"));
            metric.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(i18n.get("dashboard.stress.metric." + r.getValue())));
            metric.setPrefWidth(214);
            metric.setSortable(false);
            results.getColumns().add(metric);
            for (StressResult r : model.results()) {
                TableColumn<String, String> col = new TableColumn<>(i18n.getOr("dashboard.stress.builtIn." + r.scenario(), r.scenario()));
                col.getStyleClass().add("numeric");
                col.setSortable(false);
                col.setPrefWidth(132);
                col.setMinWidth(132);
                col.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(metricValue(r, x.getValue())));
                results.getColumns().add(col);
            }
            results.setItems(FXCollections.observableArrayList(model.results().isEmpty() ? List.of() : metrics));
        });
        VBox.setVgrow(results, Priority.ALWAYS);
        Label note = label("dashboard.stress.note");
        note.setWrapText(true);
        note.setMinWidth(0);
        note.getStyleClass().add("text-muted");
        StackPane chart = chartPlot("stress");
        chart.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.results()));
        chart.managedProperty().bind(chart.visibleProperty());
        model.results().addListener((javafx.collections.ListChangeListener<StressResult>) c -> drawStress());
        theme.addListener((o, old, now) -> drawStress());
        VBox right = new VBox(8, actions, error, chart, results, note);
        right.getStyleClass().add("panel");
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox page = new HBox(12, left, right);
        page.getStyleClass().add("screen");
        // the editor, past runs, chart and table are taller than a 800-pixel window: scroll rather than squeeze
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }

    private static TextField multiplierField(String id) {
        TextField f = new TextField("1");
        f.setId(id);
        f.setPrefColumnCount(3);
        return f;
    }

    private static Map<String, BigDecimal> numbers(Map<String, TextField> fields) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        fields.forEach((k, f) -> m.put(k, new BigDecimal(f.getText().strip())));
        return m;
    }

    /** Draws the stress chart off the FX thread whenever the results shown change. */
    private void drawStress() {
        ChartTable t = StressTestService.table(List.copyOf(model.results()));
        if (t.isEmpty()) {
            return;
        }
        boolean dark = theme.getValue() == Theme.DARK;
        Locale locale = i18n.locale();
        Function<String, String> text = this::text;
        tasks.submit(p -> DashboardImages.render(DashboardCharts.build(t, text, Double.NaN, dark, locale, false), SCALE), r -> {
            images.get("stress").setImage(ChartImages.toFxImage(r.image()));
            figures.get("stress").show(t, r.hits());
        }, failure -> model.stressErrorProperty().set(ErrorTexts.of(failure)));
    }

    private String metricValue(StressResult r, String metric) {
        Object v = metricOf(r, metric);
        return v instanceof BigDecimal d ? yuan(d) : v instanceof Double d ? i18n.formats().percent(d) : i18n.formats().integer((Long) v);
    }

    /** Whole yuan: the side-by-side columns are narrow; the CSV keeps the cents. */
    private String yuan(BigDecimal amount) {
        long whole = amount.setScale(0, java.math.RoundingMode.HALF_UP).longValue();
        return (whole < 0 ? "\u2212¥" : "¥") + i18n.formats().integer(Math.abs(whole));
    }

    /** "median 6.2 h to decide / by age: 3 · 2 · 0 · 0": the inbox's figures on the tile. */
    private String openAppealsText(ChartTable figures) {
        if (figures == null || figures.rows().size() < 5) {
            return i18n.get("dashboard.tile.openAppeals.sub");
        }
        var f = i18n.formats();
        double median = ((Number) figures.rows().get(4).get(1)).doubleValue();
        return i18n.format("dashboard.tile.openAppeals.ages", f.integer(((Number) figures.rows().get(0).get(1)).longValue()),
                f.integer(((Number) figures.rows().get(1).get(1)).longValue()), f.integer(((Number) figures.rows().get(2).get(1)).longValue()),
                f.integer(((Number) figures.rows().get(3).get(1)).longValue()),
                Double.isNaN(median) ? "\u2014" : String.format(f.locale(), "%.1f", median));
    }
}
