package dev.riskdesk.ui.dashboard;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.dashboard.Buckets;
import dev.riskdesk.dashboard.ChartTable;
import dev.riskdesk.dashboard.DashboardFilter;
import dev.riskdesk.dashboard.StressResult;
import dev.riskdesk.dashboard.StressScenario;
import dev.riskdesk.dashboard.StressTestService;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The stress-test tab's state: the scenarios and which are chosen, the scenario editor's fields
 * (parsed here, not in the view), the results side by side with their chart, earlier runs and the
 * stress exports. Runs use the dashboard's segment filters; all work off the FX thread.
 */
public final class StressTestViewModel {
    /** The stress chart drawn off the FX thread, with the table it was drawn from. */
    public record Drawn(ChartTable table, DashboardImages.Rendered chart) {
    }

    private final StressTestService service;
    private final Session session;
    private final TaskRunner tasks;
    private final DashboardViewModel dashboard;
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");
    private final ObservableList<StressScenario> scenarios = FXCollections.observableArrayList();
    private final Map<StressScenario, BooleanProperty> chosen = new LinkedHashMap<>();
    private final ObservableList<StressResult> results = FXCollections.observableArrayList();
    private final ObservableList<StressResult> history = FXCollections.observableArrayList();
    private final ObjectProperty<Drawn> chart = new SimpleObjectProperty<>(this, "chart");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty utilisationRise = new SimpleStringProperty(this, "utilisationRise", "0");
    private final StringProperty lgdChange = new SimpleStringProperty(this, "lgdChange", "0");
    private final StringProperty incomeShock = new SimpleStringProperty(this, "incomeShock", "0");
    private final Map<String, StringProperty> pdByIncome = new LinkedHashMap<>();
    private final Map<String, StringProperty> pdByTier = new LinkedHashMap<>();
    private TaskRunner.Handle handle;

    StressTestViewModel(StressTestService service, Session session, TaskRunner tasks, DashboardViewModel dashboard) {
        this.service = service;
        this.session = session;
        this.tasks = tasks;
        this.dashboard = dashboard;
        for (String band : Buckets.INCOME_BANDS) {
            pdByIncome.put(band, new SimpleStringProperty("1"));
        }
        for (Integer tier : Buckets.CITY_TIERS) {
            pdByTier.put(String.valueOf(tier), new SimpleStringProperty("1"));
        }
        // a reloaded list keeps each scenario's tick by name; new ones start ticked if built in
        scenarios.addListener((ListChangeListener<StressScenario>) c -> {
            Map<String, Boolean> before = new HashMap<>();
            chosen.forEach((s, p) -> before.put(s.name(), p.get()));
            chosen.clear();
            for (StressScenario s : scenarios) {
                chosen.put(s, new SimpleBooleanProperty(before.getOrDefault(s.name(), s.builtIn())));
            }
        });
    }

    public boolean canRun() {
        return session.has(Permission.STRESS_TEST) && session.has(Permission.POLICY_SIMULATE);
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public ObjectProperty<UiText> errorProperty() {
        return error;
    }

    public ObservableList<StressScenario> scenarios() {
        return scenarios;
    }

    /** Whether {@code scenario} is ticked to run (built-in ones are, at first). */
    public BooleanProperty chosenProperty(StressScenario scenario) {
        return chosen.computeIfAbsent(scenario, k -> new SimpleBooleanProperty(k.builtIn()));
    }

    /** The results shown side by side: the latest run, or earlier runs opened again. */
    public ObservableList<StressResult> results() {
        return results;
    }

    /** Earlier stress runs, newest first (each scenario of a run is one entry). */
    public ObservableList<StressResult> history() {
        return history;
    }

    public ReadOnlyObjectProperty<Drawn> chartProperty() {
        return chart;
    }

    /** True while there are no results to export. */
    public BooleanBinding noResults() {
        return Bindings.isEmpty(results);
    }

    /** True while the report cannot be saved: it needs results here and figures on the portfolio tab. */
    public BooleanBinding noReport() {
        return noResults().or(dashboard.loadedProperty().isNull());
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty utilisationRiseProperty() {
        return utilisationRise;
    }

    public StringProperty lgdChangeProperty() {
        return lgdChange;
    }

    public StringProperty incomeShockProperty() {
        return incomeShock;
    }

    /** The PD multiplier's text for an income band (I1..I5). */
    public StringProperty pdMultiplierProperty(String incomeBand) {
        return pdByIncome.get(incomeBand);
    }

    /** The PD multiplier's text for a city tier ("1".."5"). */
    public StringProperty tierPdMultiplierProperty(String cityTier) {
        return pdByTier.get(cityTier);
    }

    /** Reads the scenarios and the earlier runs. */
    public void open() {
        loadHistory();
        loadScenarios();
    }

    public void loadScenarios() {
        tasks.submit(p -> service.scenarios(session), scenarios::setAll, failure -> error.set(ErrorTexts.of(failure)));
    }

    public void loadHistory() {
        tasks.submit(p -> service.history(session), history::setAll, failure -> error.set(ErrorTexts.of(failure)));
    }

    /** Fills the editor from a scenario, its template; a built-in one leaves the name empty so it is saved under a new one. */
    public void edit(StressScenario s) {
        if (s == null) {
            return;
        }
        name.set(s.builtIn() ? "" : s.name());
        pdByIncome.forEach((band, p) -> p.set(s.parameters().pdMultiplier(band).toPlainString()));
        pdByTier.forEach((tier, p) -> p.set(s.parameters().tierPdMultiplier(Integer.parseInt(tier)).toPlainString()));
        utilisationRise.set(s.parameters().utilisationRise().toPlainString());
        lgdChange.set(s.parameters().lgdChange().toPlainString());
        incomeShock.set(s.parameters().incomeShock().toPlainString());
    }

    /** Saves the editor's scenario; a field that is not a number is said so and nothing is saved. */
    public void save() {
        StressScenario.Parameters parameters;
        try {
            parameters = new StressScenario.Parameters(numbers(pdByIncome), number(utilisationRise), number(lgdChange), number(incomeShock),
                    numbers(pdByTier));
        } catch (NumberFormatException ex) {
            error.set(UiText.of("dashboard.stress.notANumber"));
            return;
        }
        error.set(null);
        String scenarioName = name.get();
        tasks.submit(p -> service.save(session, scenarioName, parameters), saved -> loadScenarios(), failure -> error.set(ErrorTexts.of(failure)));
    }

    private static BigDecimal number(StringProperty text) {
        return new BigDecimal(text.get() == null ? "" : text.get().strip());
    }

    private static Map<String, BigDecimal> numbers(Map<String, StringProperty> fields) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        fields.forEach((k, p) -> m.put(k, number(p)));
        return m;
    }

    /** Runs the ticked scenarios one after the other on the dashboard's segment filters; results appear side by side. */
    public void run(Progress progress) {
        List<StressScenario> ticked = chosen.entrySet().stream().filter(e -> e.getValue().get()).map(Map.Entry::getKey).toList();
        if (ticked.isEmpty()) {
            error.set(UiText.of("dashboard.stress.chooseOne"));
            return;
        }
        running.set(true);
        error.set(null);
        DashboardFilter f = dashboard.filterProperty().get();
        DashboardFilter segments = new DashboardFilter(null, null, f.cityTier(), f.incomeBand(), f.product());
        handle = tasks.submit(p -> {
            List<StressResult> out = new ArrayList<>();
            for (StressScenario s : ticked) {
                p.checkCancelled();
                out.add(service.run(session, s, segments, p));
            }
            return out;
        }, out -> {
            running.set(false);
            results.setAll(out);
            loadHistory();
        }, failure -> {
            running.set(false);
            error.set(ErrorTexts.of(failure));
        }, progress);
    }

    public void cancel() {
        if (handle != null) {
            handle.cancel();
        }
    }

    /** Shows earlier runs side by side again, as they were computed then. */
    public void reopen(List<StressResult> runs) {
        if (!runs.isEmpty()) {
            error.set(null);
            results.setAll(runs);
        }
    }

    /** Draws the chart of the results shown, off the FX thread; nothing to draw without results. */
    public void drawChart(ChartLook look) {
        ChartTable t = StressTestService.table(List.copyOf(results));
        if (t.isEmpty()) {
            return;
        }
        tasks.submit(p -> DashboardImages.render(DashboardCharts.build(t, look.text(), Double.NaN, look.dark(), look.locale(), false),
                ChartLook.SCREEN_SCALE), r -> chart.set(new Drawn(t, r)), failure -> error.set(ErrorTexts.of(failure)));
    }

    /** The results side by side as CSV; written, like every export, as the dashboard's exports are. */
    public void exportCsv(ChartLook look, SaveAs saveAs) {
        ChartTable t = StressTestService.table(List.copyOf(results));
        dashboard.write(saveAs.choose("stress-test", "csv"), file -> ExportFiles.csv(file, t, DashboardViewModel.headers(t, look)));
    }

    public void exportPng(ChartLook look, SaveAs saveAs) {
        ChartTable t = StressTestService.table(List.copyOf(results));
        dashboard.write(saveAs.choose("stress-test", "png"), file -> ExportFiles.png(file,
                DashboardCharts.build(t, look.text(), Double.NaN, look.dark(), look.locale(), true).chart()));
    }

    /** The dashboard's PDF report, which ends with these results. */
    public void exportReport(SaveAs saveAs) {
        dashboard.exportPdf(saveAs);
    }
}
