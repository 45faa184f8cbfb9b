package dev.riskdesk.ui.dashboard;

import dev.riskdesk.dashboard.ChartTable;
import dev.riskdesk.lifecycle.LifecycleQueries;
import dev.riskdesk.privacy.ErasureFigures;
import dev.riskdesk.ui.common.I18n;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The row of key figures above the charts: exposure, expected loss, arrears rates, PSI, open appeals, and the book's
 * dormant exposure, accounts per lifecycle stage and customers whose personal data was erased per month.
 */
final class KeyFigureTiles {
    private static final String[] IDS = {"exposure", "expectedLoss", "rate30", "rate90", "psi", "openAppeals", "dormantExposure", "lifecycleStages",
        "erasures"};
    private final DashboardViewModel model;
    private final I18n i18n;

    KeyFigureTiles(DashboardViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
    }

    GridPane build() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("tile-grid");
        // more than five figures take two rows: side by side in one row they were cut ("¥5.5…", "Expecte…")
        int perRow = IDS.length > 5 ? (IDS.length + 1) / 2 : IDS.length;
        for (int i = 0; i < perRow; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(100.0 / perRow);
            grid.getColumnConstraints().add(c);
        }
        for (int i = 0; i < IDS.length; i++) {
            grid.add(tile(IDS[i]), i % perRow, i / perRow);
        }
        return grid;
    }

    private VBox tile(String id) {
        Label title = new Label();
        title.textProperty().bind(i18n.text("dashboard.tile." + id));
        title.getStyleClass().add("tile-title");
        Label value = new Label("—");
        value.setId("dashboard-tile-" + id);
        value.getStyleClass().add("tile-value");
        Label caption = new Label();
        caption.getStyleClass().add("tile-caption");
        // five tiles a row since the erasures tile came: a long caption wraps instead of being cut ("freed by cancellation: …")
        caption.setWrapText(true);
        caption.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        if (id.equals("openAppeals") || id.equals("erasures")) { // figures on two lines; the hint says what they are
            Tooltip hint = new Tooltip();
            hint.textProperty().bind(i18n.text(id.equals("erasures") ? "dashboard.tile.erasures.hint" : "dashboard.tile.openAppeals.agesHint"));
            hint.setWrapText(true);
            hint.setMaxWidth(320);
            caption.setTooltip(hint);
        }
        value.textProperty().bind(i18n.bind(() -> value(id), model.loadedProperty()));
        caption.textProperty().bind(i18n.bind(() -> caption(id), model.loadedProperty()));
        VBox tile = new VBox(4, title, value, caption);
        tile.getStyleClass().add("tile");
        tile.setMaxWidth(Double.MAX_VALUE);
        return tile;
    }

    private String value(String id) {
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
            // lifecycle of dormant and never-used accounts
            case "dormantExposure" -> millions(l.lifecycle().openLimitInCases());
            case "lifecycleStages" -> fmt.integer(l.lifecycle().accounts().get(LifecycleQueries.Stage.GRACE)
                    + l.lifecycle().accounts().get(LifecycleQueries.Stage.AWAITING_APPROVAL));
            // privacy: customers erased this month
            case "erasures" -> fmt.integer(l.erasures().get(l.erasures().size() - 1).customers());
            default -> fmt.integer(f.openAppeals());
        };
    }

    /** Tiles are narrow: amounts in millions with two decimals (the data views show them to the cent). */
    private String millions(BigDecimal amount) {
        return i18n.format("dashboard.tile.millions", String.format(i18n.locale(), "%,.2f", amount.doubleValue() / 1_000_000));
    }

    private String caption(String id) {
        var l = model.loadedProperty().get();
        if (l != null && id.equals("dormantExposure")) {
            return i18n.format("dashboard.tile.dormantExposure.sub", millions(l.lifecycle().limitFreed()));
        }
        if (l != null && id.equals("lifecycleStages")) {
            var stages = l.lifecycle().accounts();
            var f = i18n.formats();
            return i18n.format("dashboard.tile.lifecycleStages.sub", f.integer(stages.get(LifecycleQueries.Stage.IN_USE)),
                    f.integer(stages.get(LifecycleQueries.Stage.GRACE)), f.integer(stages.get(LifecycleQueries.Stage.AWAITING_APPROVAL)),
                    f.integer(stages.get(LifecycleQueries.Stage.CANCELLED)));
        }
        if (l != null && id.equals("erasures")) {
            return erasuresText(l.erasures());
        }
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

    /** "this month, on request 1\nNov 2 · Oct 0 · Sep 5": this month's erasures on request, then the months before, newest first. */
    private String erasuresText(List<ErasureFigures.Month> months) {
        var f = i18n.formats();
        List<String> before = new ArrayList<>();
        for (int i = months.size() - 2; i >= 0; i--) {
            before.add(i18n.format("dashboard.tile.erasures.month", months.get(i).month().getMonth().getDisplayName(java.time.format.TextStyle.SHORT, i18n.locale()), f.integer(months.get(i).customers())));
        }
        return i18n.format("dashboard.tile.erasures.sub", f.integer(months.get(months.size() - 1).onRequest()), String.join(" \u00b7 ", before));
    }

    /** "median 6.2 h to decide / by age: 3 · 2 · 0 · 0": the inbox's figures on the tile. */
    private String openAppealsText(ChartTable figures) {
        if (figures == null || figures.rows().size() < 5) {
            return i18n.get("dashboard.tile.openAppeals.sub");
        }
        var f = i18n.formats();
        double median = ((Number) figures.rows().get(4).get(1)).doubleValue();
        return i18n.format("dashboard.tile.openAppeals.ages", f.integer(count(figures, 0)), f.integer(count(figures, 1)),
                f.integer(count(figures, 2)), f.integer(count(figures, 3)), Double.isNaN(median) ? "\u2014" : String.format(f.locale(), "%.1f", median));
    }

    private static long count(ChartTable figures, int row) {
        return ((Number) figures.rows().get(row).get(1)).longValue();
    }
}
