package dev.riskdesk.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.dashboard.DashboardBook;
import dev.riskdesk.dashboard.DashboardFilter;
import dev.riskdesk.dashboard.DashboardServices;
import dev.riskdesk.dashboard.StressResult;
import dev.riskdesk.dashboard.StressScenario;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.limits.LimitServices;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.TestOperators;
import dev.riskdesk.ui.common.UiText;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stress tab's view model without the toolkit, on the three-account book: ticks, the editor's parsing, runs and exports. */
@Tag("db")
class StressTestViewModelTest {
    @TempDir
    Path dir;
    Database db;
    DashboardViewModel dashboard;
    StressTestViewModel model;
    final ChartLook look = new ChartLook(k -> k, false, Locale.ENGLISH);

    @BeforeEach
    void setUp() {
        db = TestDatabases.fresh(dir.resolve("db"));
        Clock clock = Clock.systemDefaultZone();
        AuditLog audit = new AuditLog(clock);
        DashboardServices services = new DashboardServices(db, new ModelRepository(db, clock), new LimitServices(db, audit, clock), audit,
                clock);
        DashboardBook.create(db);
        services.refresh.refresh(TestOperators.manager(db), Progress.NONE);
        dashboard = new DashboardViewModel(services, TestOperators.manager(db), new SameThreadTaskRunner());
        model = dashboard.stress();
        model.open();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private StressScenario scenario(String name) {
        return model.scenarios().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private SaveAs into(Path folder) {
        return (name, extension) -> folder.resolve(name + "." + extension).toFile();
    }

    @Test
    void theBuiltInScenariosStartTicked() {
        assertTrue(model.canRun());
        assertEquals(List.of("baseline", "mild", "severe"), model.scenarios().stream().map(StressScenario::name).toList());
        assertTrue(model.scenarios().stream().allMatch(s -> model.chosenProperty(s).get()));
        assertTrue(model.history().isEmpty(), "no runs yet");
    }

    @Test
    void aFieldThatIsNotANumberIsSaidSoAndNothingIsSaved() {
        model.nameProperty().set("Mine");
        model.lgdChangeProperty().set("0,05");
        model.save();
        assertEquals(UiText.of("dashboard.stress.notANumber"), model.errorProperty().get());
        assertEquals(3, model.scenarios().size());

        model.lgdChangeProperty().set("0.05");
        model.tierPdMultiplierProperty("3").set("x");
        model.save();
        assertEquals(UiText.of("dashboard.stress.notANumber"), model.errorProperty().get(), "the tier multipliers are checked too");
        assertEquals(3, model.scenarios().size());
    }

    @Test
    void aScenarioIsTheEditorsTemplateAndASavedOneKeepsTheOthersTicks() {
        model.chosenProperty(scenario("baseline")).set(false);
        model.edit(scenario("severe"));
        assertEquals("", model.nameProperty().get(), "a built-in scenario is saved under a new name");
        assertEquals("2.5", model.pdMultiplierProperty("I1").get());
        assertEquals("1", model.tierPdMultiplierProperty("3").get(), "built-in scenarios leave the tiers alone");
        assertEquals("0.15", model.utilisationRiseProperty().get());
        assertEquals("0.25", model.incomeShockProperty().get());

        model.nameProperty().set(" Regional ");
        model.tierPdMultiplierProperty("3").set(" 2.5 ");
        model.save();
        assertNull(model.errorProperty().get());
        StressScenario saved = scenario("Regional");
        assertEquals(0, new BigDecimal("2.5").compareTo(saved.parameters().tierPdMultiplier(3)));
        assertEquals(0, new BigDecimal("2.5").compareTo(saved.parameters().pdMultiplier("I1")));
        assertFalse(model.chosenProperty(saved).get(), "a user's scenario starts unticked");
        assertFalse(model.chosenProperty(scenario("baseline")).get(), "the reloaded list keeps the manager's ticks");
        assertTrue(model.chosenProperty(scenario("severe")).get());

        model.edit(saved);
        assertEquals("Regional", model.nameProperty().get(), "a user's scenario is edited under its own name");
        model.edit(null);
        assertEquals("Regional", model.nameProperty().get(), "no selection leaves the editor as it is");
    }

    @Test
    void aSavingRefusedByTheServiceIsShown() {
        model.nameProperty().set("   ");
        model.save();
        assertNotNull(model.errorProperty().get());
        assertEquals(3, model.scenarios().size());
    }

    @Test
    void theTickedScenariosRunOnTheDashboardsSegmentsAndCanBeReopened() {
        model.scenarios().forEach(s -> model.chosenProperty(s).set(false));
        model.run(Progress.NONE);
        assertEquals(UiText.of("dashboard.stress.chooseOne"), model.errorProperty().get());
        assertTrue(model.results().isEmpty());

        model.chosenProperty(scenario("mild")).set(true);
        model.chosenProperty(scenario("severe")).set(true);
        dashboard.filterProperty().set(new DashboardFilter(null, null, 2, null, null));
        model.run(Progress.NONE);
        assertNull(model.errorProperty().get());
        assertFalse(model.runningProperty().get());
        assertEquals(List.of("mild", "severe"), model.results().stream().map(StressResult::scenario).toList());
        assertEquals(1, model.results().get(0).accounts(), "tier 2 holds one account");
        assertEquals(2, model.history().size(), "the run is in the history");

        model.reopen(List.of(model.history().get(0)));
        assertEquals(1, model.results().size());
        model.reopen(List.of());
        assertEquals(1, model.results().size(), "reopening nothing keeps what is shown");
    }

    @Test
    void theChartIsDrawnForTheResultsShown() {
        model.drawChart(look);
        assertNull(model.chartProperty().get(), "nothing to draw without results");
        model.run(Progress.NONE);
        model.drawChart(look);
        StressTestViewModel.Drawn drawn = model.chartProperty().get();
        assertNotNull(drawn.chart().image());
        assertEquals(3, drawn.table().rows().size(), "a row per scenario");
    }

    @Test
    void theExportsAreWrittenAndTheScreenSaysWhere() throws Exception {
        assertTrue(model.noResults().get());
        model.run(Progress.NONE);
        assertFalse(model.noResults().get());
        assertTrue(model.noReport().get(), "the report needs the portfolio's figures too");

        model.exportCsv(look, into(dir));
        String csv = Files.readString(dir.resolve("stress-test.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFFdashboard.col.scenario"), csv);
        assertEquals(4, csv.strip().lines().count(), "a header and one line per scenario");
        assertEquals(UiText.of("dashboard.export.done", "stress-test.csv"), dashboard.exportedProperty().get());

        model.exportPng(look, into(dir));
        assertNotNull(ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("stress-test.png")))));

        dashboard.load(d -> Map.of());
        assertFalse(model.noReport().get());
        model.exportReport(into(dir));
        assertTrue(new String(Files.readAllBytes(dir.resolve("riskdesk-dashboard.pdf")), 0, 5, StandardCharsets.ISO_8859_1).startsWith("%PDF"));
        assertEquals(UiText.of("dashboard.export.done", "riskdesk-dashboard.pdf"), dashboard.exportedProperty().get());
    }

    @Test
    void aCancelledSaveDialogWritesNothingAndAFailedWriteIsShown() throws Exception {
        model.run(Progress.NONE);
        model.exportCsv(look, (name, extension) -> null);
        assertNull(dashboard.exportedProperty().get());
        assertNull(dashboard.errorProperty().get());

        File folder = Files.createDirectory(dir.resolve("taken.csv")).toFile();
        model.exportCsv(look, (name, extension) -> folder);
        assertNotNull(dashboard.errorProperty().get(), "a folder cannot be written as a file");
        assertNull(dashboard.exportedProperty().get());
    }
}
