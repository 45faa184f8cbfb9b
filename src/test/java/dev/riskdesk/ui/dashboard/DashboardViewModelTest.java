package dev.riskdesk.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.QueuedTaskRunner;
import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.dashboard.DashboardBook;
import dev.riskdesk.dashboard.DashboardData;
import dev.riskdesk.dashboard.DashboardFilter;
import dev.riskdesk.dashboard.DashboardServices;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.limits.LimitServices;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.TestOperators;
import dev.riskdesk.ui.common.UiText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view model without the toolkit: loads that overlap, and the business clock of the report. */
@Tag("db")
class DashboardViewModelTest {
    /** Holds submitted work until the test finishes it, in any order: loads that overlap, as on a busy machine. */
    @TempDir
    Path dir;
    Database db;
    DashboardServices services;
    final QueuedTaskRunner tasks = new QueuedTaskRunner();
    final Function<DashboardData, Map<String, DashboardImages.Rendered>> noCharts = d -> Map.of();
    final Clock businessClock = Clock.fixed(Instant.parse("2026-12-01T16:30:00Z"), ZoneId.of("Asia/Shanghai"));

    @BeforeEach
    void setUp() {
        db = TestDatabases.fresh(dir);
        AuditLog audit = new AuditLog(businessClock);
        services = new DashboardServices(db, new ModelRepository(db, businessClock), new LimitServices(db, audit, businessClock), audit,
                businessClock);
        DashboardBook.create(db);
        services.refresh.refresh(TestOperators.manager(db), Progress.NONE);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aFilterChosenWhileALoadRunsIsTheOneShown() {
        DashboardViewModel model = new DashboardViewModel(services, TestOperators.manager(db), tasks);
        model.load(noCharts);
        // the manager picks tier 2 before the first load has come back
        model.applyFilter(new DashboardFilter(null, null, 2, null, null), noCharts);
        assertEquals(2, tasks.waiting(), "the new filter is loaded at once, not dropped");
        tasks.runNext(); // the all-tiers load arrives late: not shown
        assertNull(model.loadedProperty().get());
        assertTrue(model.loadingProperty().get(), "still loading the filter the manager chose");
        assertEquals(2, model.filterProperty().get().cityTier());
        tasks.runNext();
        assertFalse(model.loadingProperty().get());
        assertEquals(2, model.loadedProperty().get().data().filter().cityTier());
        assertEquals(1, model.loadedProperty().get().data().figures().accounts(), "tier 2 holds one account");
    }

    @Test
    void aLateLoadArrivingAfterTheLatestIsDropped() {
        DashboardViewModel model = new DashboardViewModel(services, TestOperators.manager(db), tasks);
        model.load(noCharts);
        model.applyFilter(new DashboardFilter(null, null, 2, null, null), noCharts);
        // the second (tier 2) finishes first, then the stale all-tiers one
        Runnable stale = tasks.takeNext();
        tasks.runNext();
        stale.run();
        assertEquals(2, model.loadedProperty().get().data().filter().cityTier());
        assertEquals(2, model.filterProperty().get().cityTier(), "the filter bar keeps the manager's choice");
        // choosing the filter already shown does not load again
        model.applyFilter(model.filterProperty().get(), noCharts);
        assertTrue(tasks.waiting() == 0);
    }

    @Test
    void aChartsDataIsSavedAsCsvWithItsColumnNamesAndAChartWithoutDataIsNotSaved() throws Exception {
        DashboardViewModel model = new DashboardViewModel(services, TestOperators.manager(db), new SameThreadTaskRunner());
        ChartLook look = new ChartLook(k -> "<" + k + ">", false, Locale.ENGLISH);
        Path out = Files.createDirectory(dir.resolve("out"));
        List<String> asked = new ArrayList<>();
        SaveAs saveAs = (name, extension) -> {
            asked.add(name + "." + extension);
            return out.resolve(name + "." + extension).toFile();
        };
        model.exportCsv("utilisation", look, saveAs);
        assertTrue(asked.isEmpty(), "nothing loaded yet: no save dialog");

        model.load(noCharts);
        model.exportCsv("utilisation", look, saveAs);
        List<String> lines = Files.readAllLines(out.resolve("utilisation.csv"), StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("\uFEFF<dashboard.col."), lines.get(0));
        assertEquals(1 + 6, lines.size(), "a header and the six utilisation bands");
        assertEquals(UiText.of("dashboard.export.done", "utilisation.csv"), model.exportedProperty().get());

        model.exportPng("decisions", look, saveAs);
        assertEquals(List.of("utilisation.csv"), asked, "the three-account book has no decisions: nothing to save");
        model.exportPng("delinquency", look, saveAs);
        assertTrue(Files.size(out.resolve("delinquency.png")) > 0);
    }

    @Test
    void theReportIsDatedByTheBusinessClock() {
        DashboardViewModel model = new DashboardViewModel(services, TestOperators.manager(db), tasks);
        // 16:30 UTC is half past midnight the next day in Shanghai
        assertEquals(LocalDateTime.of(2026, 12, 2, 0, 30), model.now());
    }
}
