package dev.riskdesk.ui.score;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.scoring.ScoreBreakdown;
import dev.riskdesk.scoring.model.Explanation;
import dev.riskdesk.scoring.model.ScoreBand;
import dev.riskdesk.scoring.model.SubScores;
import dev.riskdesk.ui.common.ChartImages;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Tables;
import dev.riskdesk.ui.common.Theme;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The customer's score: the score and band, the four sub-scores side by side, every
 * characteristic's points (they add up to the score) against the population average, the top
 * reasons in plain words, what would move the score, and the score over time.
 */
public final class ScoreView {
    /** One line of the breakdown table: a characteristic, or the range adjustment, or the total. */
    public record Line(String number, String name, String bin, int points, String average, String best, boolean total) {
    }

    private static final int CHART_HEIGHT = 300;

    private final ScoreViewModel model;
    private final I18n i18n;
    private final TaskRunner tasks;
    private final ObservableValue<Theme> theme;
    private final ObservableList<Line> lines = FXCollections.observableArrayList();

    public ScoreView(ScoreViewModel model, I18n i18n, TaskRunner tasks, ObservableValue<Theme> theme) {
        this.model = model;
        this.i18n = i18n;
        this.tasks = tasks;
        this.theme = theme;
    }

    private Locale locale() {
        return i18n.locale();
    }

    public Node build() {
        VBox page = new VBox(12);
        page.setId("score-tab");
        page.getStyleClass().add("score-tab");
        Label status = new Label();
        status.setId("score-status");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(i18n.bind(() -> model.errorProperty().get() != null ? model.errorProperty().get().render(i18n)
                : model.loadingProperty().get() ? i18n.get("common.loading") : "", model.errorProperty(), model.loadingProperty()));
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        page.getChildren().add(status);
        Runnable render = () -> render(page, status, model.breakdownProperty().get());
        model.breakdownProperty().addListener((obs, old, b) -> render.run());
        i18n.messagesProperty().addListener((obs, old, now) -> render.run());
        theme.addListener((obs, old, now) -> render.run());
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox box = new VBox(scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        box.getStyleClass().add("tab-body");
        model.load();
        return box;
    }

    private void render(VBox page, Label status, ScoreBreakdown b) {
        page.getChildren().setAll(status);
        if (b == null) {
            return;
        }
        if (!b.scored()) {
            Label none = new Label(i18n.get("profile.score.notScored"));
            none.setId("score-not-scored");
            none.getStyleClass().add("text-muted");
            page.getChildren().addAll(none, chartHost("score-history-chart", () -> historyChart(b)));
            return;
        }
        Explanation e = b.explanation();
        page.getChildren().add(summary(b));
        HBox middle = new HBox(16, breakdownTable(b), chartHost("score-points-chart", () -> pointsChart(e)));
        HBox.setHgrow(middle.getChildren().get(1), Priority.ALWAYS);
        HBox bottom = new HBox(16, reasons(e), chartHost("score-history-chart", () -> historyChart(b)));
        HBox.setHgrow(bottom.getChildren().get(1), Priority.ALWAYS);
        page.getChildren().addAll(middle, bottom);
    }

    private Node summary(ScoreBreakdown b) {
        Explanation e = b.explanation();
        Label caption = caption("profile.score.h.score");
        Label value = new Label(i18n.format("profile.score.value", e.score(), e.band().name()));
        value.setId("score-value");
        value.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the score and band are never cut
        value.getStyleClass().addAll("score-value", "band-chip", "band-" + e.band().name().toLowerCase(Locale.ROOT));
        Label pd = new Label(i18n.format("profile.score.pd", i18n.formats().percent(b.score().result().pd()),
                // the features describe the observation month (its last day, which may still lie ahead), not a day
                i18n.formats().month(java.time.YearMonth.from(b.score().features().observationDate())), b.score().modelId())
                + (b.score().thinFile() ? " · " + i18n.get("profile.score.thinFile") : ""));
        pd.setId("score-pd");
        pd.getStyleClass().add("text-muted");
        pd.setWrapText(true); // PD, date and model wrap under the score instead of being cut
        pd.setMaxWidth(180);
        VBox scoreBox = new VBox(4, caption, value, pd);

        SubScores s = b.score().subScores();
        List<SubScores.Input> inputs = b.score().subScoreInputs();
        HBox subs = new HBox(10);
        for (SubScores.Kind kind : SubScores.Kind.values()) {
            subs.getChildren().add(sub(kind, s, inputs));
        }
        subs.setId("score-subscores");
        HBox row = new HBox(28, scoreBox, subs);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("profile-header");
        return row;
    }

    private Node sub(SubScores.Kind kind, SubScores s, List<SubScores.Input> inputs) {
        String name = kind.name().toLowerCase(Locale.ROOT);
        int value = s.value(kind);
        ScoreBand band = s.band(kind);
        Label caption = caption("profile.score.sub." + name);
        Label v = new Label(i18n.format("profile.score.subValue", value, band.name()));
        v.setId("score-sub-" + name);
        v.getStyleClass().addAll("band-chip", "band-" + band.name().toLowerCase(Locale.ROOT));
        ProgressBar bar = new ProgressBar(value / 100.0);
        bar.setPrefWidth(120);
        bar.getStyleClass().add("utilisation-bar");
        // what the sub-score is made of, in the scoring bundle's words: "Income band I3: +20.0 · …"
        Label made = new Label(SubScores.explain(kind, inputs, locale()));
        made.setId("score-sub-" + name + "-inputs");
        made.getStyleClass().add("text-muted");
        made.setWrapText(true);
        made.setMaxWidth(230);
        VBox box = new VBox(4, caption, v, bar, made);
        box.getStyleClass().add("score-sub");
        return box;
    }

    private Node breakdownTable(ScoreBreakdown b) {
        Explanation e = b.explanation();
        DecimalFormat avg = new DecimalFormat("0.0");
        List<Line> list = new ArrayList<>();
        int n = 0;
        if (e.basePoints() != 0) {
            list.add(new Line("", i18n.get("profile.score.base"), "", e.basePoints(), "", "", false));
        }
        for (Explanation.Line l : e.lines()) {
            list.add(new Line(String.valueOf(++n), Explanation.featureName(l.characteristic(), locale()), l.bin(), l.points(), avg.format(l.populationAverage()),
                    String.valueOf(l.bestPoints()), false));
        }
        if (e.clampAdjustment() != 0) {
            list.add(new Line("", i18n.get("profile.score.clamp"), "", e.clampAdjustment(), "", "", false));
        }
        list.add(new Line("", i18n.get("profile.score.total"), "", b.pointsTotal(), "", "", true));
        lines.setAll(list);
        TableView<Line> table = Tables.table("score-breakdown-table", lines);
        // the words need the width (a characteristic's name, a value range such as [0.1763, 0.5312));
        // the three numbers are at most four characters wide
        table.getColumns().add(Tables.numeric(i18n, "profile.score.col.number", 32, Line::number));
        table.getColumns().add(Tables.column(i18n, "profile.score.col.characteristic", 254, Line::name));
        table.getColumns().add(Tables.column(i18n, "profile.score.col.bin", 168, Line::bin));
        table.getColumns().add(Tables.numeric(i18n, "profile.score.col.points", 68, l -> String.valueOf(l.points())));
        table.getColumns().add(Tables.numeric(i18n, "profile.score.col.average", 56, Line::average));
        table.getColumns().add(Tables.numeric(i18n, "profile.score.col.best", 52, Line::best));
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(Line item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("total"), !empty && item != null && item.total());
            }
        });
        table.setPrefWidth(660);
        table.setMinWidth(660);
        table.setPrefHeight(CHART_HEIGHT + 30);
        Label total = new Label(i18n.format("profile.score.sum", b.pointsTotal(), e.score()));
        total.setId("score-points-total");
        total.getStyleClass().add("text-muted");
        VBox box = new VBox(6, table, total);
        return box;
    }

    private Node reasons(Explanation e) {
        VBox box = new VBox(6);
        box.setPrefWidth(600);
        box.setMinWidth(600);
        Label title = new Label(i18n.get("profile.score.reasons"));
        title.getStyleClass().add("section-title");
        box.getChildren().add(title);
        VBox list = new VBox(4);
        list.setId("score-reasons");
        int n = 1;
        for (String code : e.reasonCodes()) {
            Label reason = new Label(n++ + ". " + Explanation.reasonText(code, locale()));
            reason.setWrapText(true);
            list.getChildren().add(reason);
        }
        if (e.reasonCodes().isEmpty()) {
            list.getChildren().add(new Label(i18n.get("profile.score.noReasons")));
        }
        box.getChildren().add(list);
        Label hintTitle = new Label(i18n.get("profile.score.hint"));
        hintTitle.getStyleClass().add("section-title");
        String text = e.hintText(locale());
        Label hint = new Label(text == null ? i18n.get(e.band() == ScoreBand.A ? "profile.score.hint.top" : "profile.score.hint.none") : text);
        hint.setId("score-hint");
        hint.setWrapText(true);
        hint.getStyleClass().add("score-hint");
        box.getChildren().addAll(hintTitle, hint);
        return box;
    }

    private Chart<?, ?> pointsChart(Explanation e) {
        ScoreCharts.Texts texts = new ScoreCharts.Texts(i18n.get("profile.score.chart.points.title"), i18n.get("profile.score.chart.points.x"),
                i18n.get("profile.score.chart.points.y"), i18n.get("profile.score.chart.points.above"), i18n.get("profile.score.chart.points.below"), "");
        return ScoreCharts.pointsAgainstAverage(e, texts, theme.getValue() == Theme.DARK, locale());
    }

    private Chart<?, ?> historyChart(ScoreBreakdown b) {
        ScoreCharts.Texts texts = new ScoreCharts.Texts(i18n.get("profile.score.chart.history.title"), i18n.get("profile.score.chart.history.x"),
                i18n.get("profile.score.chart.history.y"), i18n.get("profile.score.chart.history.band"), i18n.get("profile.score.chart.history.score"),
                i18n.get("profile.score.chart.history.empty"));
        return ScoreCharts.history(b.history(), texts, theme.getValue() == Theme.DARK, locale());
    }

    /** A chart drawn off the FX thread at the host's width once it is laid out. */
    private Node chartHost(String id, Supplier<Chart<?, ?>> chart) {
        StackPane host = new StackPane();
        host.setId(id);
        host.getStyleClass().add("chart-host");
        host.setMinHeight(CHART_HEIGHT);
        host.setPrefHeight(CHART_HEIGHT);
        host.setMinWidth(300);
        Chart<?, ?> built = chart.get();
        double scale = Screen.getPrimary().getOutputScaleX();
        int[] drawnWidth = {0};
        host.widthProperty().addListener((obs, old, w) -> {
            int width = (int) Math.floor(w.doubleValue());
            if (width < 200 || Math.abs(width - drawnWidth[0]) < 8) {
                return;
            }
            drawnWidth[0] = width;
            tasks.submit(progress -> ChartImages.render(built, width, CHART_HEIGHT, scale), image -> {
                ImageView view = new ImageView(ChartImages.toFxImage(image));
                view.setFitWidth(width);
                view.setFitHeight(CHART_HEIGHT);
                view.setPreserveRatio(true);
                host.getChildren().setAll(view);
            }, failure -> host.getChildren().setAll(new Label(i18n.get("profile.chart.failed"))));
        });
        return host;
    }

    private Label caption(String key) {
        Label label = new Label(i18n.get(key));
        label.getStyleClass().add("header-caption");
        return label;
    }
}
