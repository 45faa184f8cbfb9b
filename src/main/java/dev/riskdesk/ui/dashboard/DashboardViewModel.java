package dev.riskdesk.ui.dashboard;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.dashboard.DashboardData;
import dev.riskdesk.dashboard.DashboardFilter;
import dev.riskdesk.dashboard.DashboardServices;
import dev.riskdesk.dashboard.StressResult;
import dev.riskdesk.dashboard.StressScenario;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The dashboard's state: filter, figures and chart images, stress scenarios and results; all database work off the FX thread. */
public final class DashboardViewModel {
    /** Figures and their charts drawn off the FX thread, each with its hit map (null = no data for that chart). */
    public record Loaded(DashboardData data, Map<String, DashboardImages.Rendered> charts) {
    }

    private final DashboardServices services;
    private final Session session;
    private final TaskRunner tasks;
    private final ObjectProperty<DashboardFilter> filter = new SimpleObjectProperty<>(this, "filter", DashboardFilter.all());
    private final ObjectProperty<Loaded> loaded = new SimpleObjectProperty<>(this, "loaded");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final BooleanProperty stressRunning = new SimpleBooleanProperty(this, "stressRunning");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");
    private final ObjectProperty<UiText> stressError = new SimpleObjectProperty<>(this, "stressError");
    private final ObservableList<StressScenario> scenarios = FXCollections.observableArrayList();
    private final ObservableList<StressResult> results = FXCollections.observableArrayList();
    private final ObservableList<StressResult> history = FXCollections.observableArrayList();
    private TaskRunner.Handle stressHandle;
    /** Counts loads: only the latest one's result is shown, so a filter changed while a load runs is never lost. */
    private long generation;

    public DashboardViewModel(DashboardServices services, Session session, TaskRunner tasks) {
        this.services = services;
        this.session = session;
        this.tasks = tasks;
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

    public BooleanProperty stressRunningProperty() {
        return stressRunning;
    }

    public ObjectProperty<UiText> errorProperty() {
        return error;
    }

    public ObjectProperty<UiText> stressErrorProperty() {
        return stressError;
    }

    public ObservableList<StressScenario> scenarios() {
        return scenarios;
    }

    public ObservableList<StressResult> results() {
        return results;
    }

    /** Earlier stress runs, newest first (each scenario of a run is one entry). */
    public ObservableList<StressResult> history() {
        return history;
    }

    public void loadHistory() {
        tasks.submit(p -> services.stress.history(session), history::setAll, failure -> stressError.set(ErrorTexts.of(failure)));
    }

    /** Shows earlier runs side by side again, as they were computed then. */
    public void reopen(List<StressResult> runs) {
        if (!runs.isEmpty()) {
            stressError.set(null);
            results.setAll(runs);
        }
    }

    public boolean canStressTest() {
        return session.has(Permission.STRESS_TEST) && session.has(Permission.POLICY_SIMULATE);
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
            return new Loaded(data, render.apply(data));
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
    public java.time.LocalDateTime now() {
        return java.time.LocalDateTime.now(services.clock);
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

    public void loadScenarios() {
        tasks.submit(p -> services.stress.scenarios(session), scenarios::setAll, failure -> stressError.set(ErrorTexts.of(failure)));
    }

    /** Runs the chosen scenarios one after the other; results appear side by side. */
    public void runStress(List<StressScenario> chosen, Progress progress) {
        if (chosen.isEmpty()) {
            stressError.set(UiText.of("dashboard.stress.chooseOne"));
            return;
        }
        stressRunning.set(true);
        stressError.set(null);
        DashboardFilter f = filter.get();
        stressHandle = tasks.submit(p -> {
            List<StressResult> out = new ArrayList<>();
            for (StressScenario s : chosen) {
                p.checkCancelled();
                out.add(services.stress.run(session, s, new DashboardFilter(null, null, f.cityTier(), f.incomeBand(), f.product()), p));
            }
            return out;
        }, out -> {
            stressRunning.set(false);
            results.setAll(out);
            loadHistory();
        }, failure -> {
            stressRunning.set(false);
            stressError.set(ErrorTexts.of(failure));
        }, progress);
    }

    public void cancelStress() {
        if (stressHandle != null) {
            stressHandle.cancel();
        }
    }

    public void saveScenario(String name, StressScenario.Parameters parameters) {
        stressError.set(null);
        tasks.submit(p -> services.stress.save(session, name, parameters), saved -> loadScenarios(),
                failure -> stressError.set(ErrorTexts.of(failure)));
    }
}
