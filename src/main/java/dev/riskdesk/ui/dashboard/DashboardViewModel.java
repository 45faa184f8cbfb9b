package dev.riskdesk.ui.dashboard;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.dashboard.ChartTable;
import dev.riskdesk.dashboard.DashboardData;
import dev.riskdesk.dashboard.DashboardFilter;
import dev.riskdesk.dashboard.DashboardQueryService;
import dev.riskdesk.dashboard.DashboardServices;
import dev.riskdesk.lifecycle.LifecycleQueries;
import dev.riskdesk.privacy.ErasureFigures;
import dev.riskdesk.dashboard.StressResult;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import java.io.File;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The dashboard's state: filter, figures and chart images, and the exports; all database and file
 * work off the FX thread. The stress tests have their own {@link StressTestViewModel}.
 */
public final class DashboardViewModel {
    /**
     * Figures and their charts drawn off the FX thread, each with its hit map (null = no data for that chart), and the
     * book's lifecycle figures (dormant exposure, accounts per lifecycle stage) and erasures per month (the last
     * {@link #ERASURE_MONTHS}, oldest first), which no segment filter narrows.
     */
    public record Loaded(DashboardData data, Map<String, DashboardImages.Rendered> charts, LifecycleQueries.Figures lifecycle,
            List<ErasureFigures.Month> erasures) {
    }

    /** Months of erasures the dashboard shows: this one and the three before. */
    static final int ERASURE_MONTHS = 4;

    /** The charts in the order the grid shows them. */
    public static final List<String> CHARTS = DashboardQueryService.CHARTS;

    private final DashboardServices services;
    private final Session session;
    private final TaskRunner tasks;
    private final StressTestViewModel stress;
    private final ObjectProperty<DashboardFilter> filter = new SimpleObjectProperty<>(this, "filter", DashboardFilter.all());
    private final ObjectProperty<Loaded> loaded = new SimpleObjectProperty<>(this, "loaded");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");
    private final ObjectProperty<UiText> exported = new SimpleObjectProperty<>(this, "exported");
    /** Counts loads: only the latest one's result is shown, so a filter changed while a load runs is never lost. */
    private long generation;

    public DashboardViewModel(DashboardServices services, Session session, TaskRunner tasks) {
        this.services = services;
        this.session = session;
        this.tasks = tasks;
        this.stress = new StressTestViewModel(services.stress, session, tasks, this);
    }

    /** The stress-test tab's view model, which runs on this dashboard's filter. */
    public StressTestViewModel stress() {
        return stress;
    }

    public ObjectProperty<DashboardFilter> filterProperty() {
        return filter;
    }

    public ObjectProperty<Loaded> loadedProperty() {
        return loaded;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public ObjectProperty<UiText> errorProperty() {
        return error;
    }

    /** "Saved x.pdf" after each export written (set anew each time, so the same name twice is shown twice). */
    public ReadOnlyObjectProperty<UiText> exportedProperty() {
        return exported;
    }

    /**
     * Loads the figures for the current filter and draws the charts with {@code render}, both off
     * the FX thread. A load started later supersedes one still running: the earlier result is
     * dropped when it arrives, and {@link #loadingProperty} stays set until the latest is shown.
     */
    public void load(Function<DashboardData, Map<String, DashboardImages.Rendered>> render) {
        loading.set(true);
        long mine = ++generation;
        DashboardFilter f = filter.get();
        tasks.submit(progress -> {
            DashboardData data = services.query.load(session, f);
            return new Loaded(data, render.apply(data), services.lifecycle.figures(session), services.erasures.monthly(session, ERASURE_MONTHS));
        }, result -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            error.set(null);
            // the filter with its month range resolved (open ends become the first and last month), as the filter bar shows it
            filter.set(result.data().filter());
            loaded.set(result);
        }, failure -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            error.set(ErrorTexts.of(failure));
        });
    }

    /** A filter chosen in the filter bar: loads it, also while an earlier load still runs. */
    public void applyFilter(DashboardFilter chosen, Function<DashboardData, Map<String, DashboardImages.Rendered>> render) {
        if (!chosen.equals(filter.get())) {
            filter.set(chosen);
            load(render);
        }
    }

    /** The business clock's now, for the report's date. */
    public LocalDateTime now() {
        return LocalDateTime.now(services.clock);
    }

    /** Rebuilds the aggregates (as the batch jobs do), then reloads. */
    public void refreshAggregates(Progress progress, Function<DashboardData, Map<String, DashboardImages.Rendered>> render) {
        loading.set(true);
        tasks.submit(p -> {
            services.refresh.refresh(session, p);
            return null;
        }, done -> load(render), failure -> {
            loading.set(false);
            error.set(ErrorTexts.of(failure));
        }, progress);
    }

    /** One chart as PNG, drawn in {@code look}; nothing to save for a chart without data. */
    public void exportPng(String chartId, ChartLook look, SaveAs saveAs) {
        Loaded l = loaded.get();
        if (l == null || l.data().chart(chartId).isEmpty()) {
            return;
        }
        write(saveAs.choose(chartId, "png"), file -> ExportFiles.png(file,
                DashboardCharts.build(l.data().chart(chartId), look.text(), l.data().psi(), look.dark(), look.locale(), true).chart()));
    }

    /** One chart's data as CSV with the column names in {@code look}'s language. */
    public void exportCsv(String chartId, ChartLook look, SaveAs saveAs) {
        Loaded l = loaded.get();
        if (l == null) {
            return;
        }
        ChartTable t = l.data().chart(chartId);
        write(saveAs.choose(chartId, "csv"), file -> ExportFiles.csv(file, t, headers(t, look)));
    }

    /** The PDF report of the figures shown, with the stress results on the screen. */
    public void exportPdf(SaveAs saveAs) {
        Loaded l = loaded.get();
        if (l == null) {
            return;
        }
        LocalDateTime at = now();
        List<StressResult> results = List.copyOf(stress.results());
        write(saveAs.choose("riskdesk-dashboard", "pdf"), file -> ExportFiles.pdf(file, new DashboardReport().build(l.data(), at, results)));
    }

    static List<String> headers(ChartTable t, ChartLook look) {
        return t.columns().stream().map(c -> look.text().apply("dashboard.col." + c)).toList();
    }

    /** Writes one export off the FX thread; the screen says where it went, or why it failed. */
    void write(File file, ExportFiles.Writing writing) {
        if (file == null) {
            return;
        }
        tasks.submit(p -> {
            writing.write(file.toPath());
            return file;
        }, f -> {
            exported.set(null);
            exported.set(UiText.of("dashboard.export.done", f.getName()));
        }, failure -> error.set(ErrorTexts.of(failure)));
    }
}
