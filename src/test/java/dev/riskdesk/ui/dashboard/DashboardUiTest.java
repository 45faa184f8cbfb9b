package dev.riskdesk.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Messages;
import dev.riskdesk.common.Progress;
import dev.riskdesk.dashboard.DashboardBook;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.security.TestOperators;
import dev.riskdesk.ui.common.FxTaskRunner;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Theme;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.robot.Motion;
import org.testfx.util.WaitForAsyncUtils;

/** Opens the dashboard on the three-account book and narrows it with a filter. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class DashboardUiTest {
    @TempDir
    Path dir;
    Database db;
    FxTaskRunner tasks;
    DashboardViewModel model;

    @Start
    void start(Stage stage) {
        Clock clock = Clock.systemDefaultZone();
        db = TestDatabases.fresh(dir);
        DashboardBook.create(db);
        var audit = new dev.riskdesk.security.AuditLog(clock);
        var services = new dev.riskdesk.dashboard.DashboardServices(db, new dev.riskdesk.scoring.model.ModelRepository(db, clock),
                new dev.riskdesk.limits.LimitServices(db, audit, clock), audit, clock);
        services.refresh.refresh(TestOperators.manager(db), Progress.NONE);
        tasks = new FxTaskRunner();
        Theme.LIGHT.apply();
        model = new DashboardViewModel(services, TestOperators.manager(db), tasks);
        DashboardView view = new DashboardView(model, new I18n(Messages.ENGLISH),
                new SimpleObjectProperty<>(Theme.LIGHT));
        stage.setScene(Theme.style(new Scene(view.build(), 1280, 800)));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        tasks.shutdown();
        db.close();
    }

    @Test
    void aManagerNarrowsTheDashboardToOneCityTier(FxRobot robot) throws Exception {
        Label exposureCaption = robot.lookup("#dashboard-tile-exposure").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !"—".equals(exposureCaption.getText()));
        Label rate30 = robot.lookup("#dashboard-tile-rate30").queryAs(Label.class);
        assertEquals("33.3%", rate30.getText());
        assertEquals("0", robot.lookup("#dashboard-tile-erasures").queryAs(Label.class).getText(), "no customer's personal data erased this month");
        assertNotNull(robot.lookup("#dashboard-chart-delinquency").queryAs(ImageView.class).getImage(), "charts are drawn");
        assertEquals("No limit decisions in these months.", robot.lookup("#dashboard-empty-decisions").queryAs(Label.class).getText());

        @SuppressWarnings("unchecked")
        ComboBox<Integer> tier = robot.lookup("#dashboard-tier").queryAs(ComboBox.class);
        robot.interact(() -> tier.setValue(2));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "0.0%".equals(rate30.getText()));
        assertEquals("0.0%", robot.lookup("#dashboard-tile-rate90").queryAs(Label.class).getText());

        robot.clickOn("#dashboard-data-utilisation");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(6, robot.lookup("#dashboard-table-utilisation").queryAs(javafx.scene.control.TableView.class).getItems().size());
    }

    @Test
    void hoveringABarShowsItsOwnFigureAndAClickPinsIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.loadedProperty().get() != null);
        ChartHitMap hits = model.loadedProperty().get().charts().get("exposureByBand").hits();
        ChartHitMap.Element limit = hits.elements().stream().filter(e -> e.column().equals("limit")).findFirst().orElseThrow();
        ChartHitMap.Element exposure = hits.elements().stream().filter(e -> e.column().equals("exposure")).findFirst().orElseThrow();
        ImageView chart = robot.lookup("#dashboard-chart-exposureByBand").queryAs(ImageView.class);
        Label figure = robot.lookup("#dashboard-figure-exposureByBand").queryAs(Label.class);
        assertFalse(figure.isVisible());

        robot.moveTo(chart, Pos.TOP_LEFT, new Point2D(limit.area().getCenterX(), limit.area().getCenterY()), Motion.DIRECT);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(figure.isVisible(), "hovering the limit bar shows its figure");
        // the three-account book: one band (unscored), total limit 4,000
        assertEquals("Score band: Unscored\nTotal limit: " + new I18n(Messages.ENGLISH).formats().money(new BigDecimal("4000.00")), figure.getText());

        robot.moveTo(chart, Pos.TOP_LEFT, new Point2D(exposure.area().getCenterX(), exposure.area().getCenterY()), Motion.DIRECT);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(figure.getText().startsWith("Score band: Unscored\nExposure: "), figure.getText());

        robot.clickOn(MouseButton.PRIMARY);
        robot.moveTo(chart, Pos.TOP_LEFT, new Point2D(2, 2), Motion.DIRECT); // the chart's corner: no element
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(figure.isVisible(), "a clicked figure stays while the mouse moves on");
        assertTrue(figure.getText().contains("Exposure"), figure.getText());
        robot.clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(figure.isVisible(), "a second click away from the bars lets it go");
    }

    @Test
    void aScenarioFillsTheEditorAndTheTickedOnesRunSideBySide(FxRobot robot) throws Exception {
        robot.clickOn("#dashboard-stress-tab");
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<dev.riskdesk.dashboard.StressScenario> scenarios = robot.lookup("#dashboard-scenarios")
                .queryAs(javafx.scene.control.ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> scenarios.getItems().size() == 3);
        robot.interact(() -> scenarios.getSelectionModel().select(2)); // severe
        assertEquals("2.5", robot.lookup("#dashboard-stress-pd-I1").queryAs(javafx.scene.control.TextField.class).getText());
        assertEquals("", robot.lookup("#dashboard-stress-name").queryAs(javafx.scene.control.TextField.class).getText());

        robot.clickOn("#dashboard-stress-run");
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<String> results = robot.lookup("#dashboard-stress-results").queryAs(javafx.scene.control.TableView.class);
        // the table is filled on the FX thread, columns first: wait for its rows too, not only its columns
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> results.getColumns().size() == 4 && !results.getItems().isEmpty());
        assertEquals(12, results.getItems().size(), "twelve figures for the three built-in scenarios");
        assertEquals("Severe downturn", results.getColumns().get(3).getText());
        ImageView chart = robot.lookup("#dashboard-chart-stress").queryAs(ImageView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> chart.getImage() != null);
        assertFalse(robot.lookup("#dashboard-stress-csv").queryAs(javafx.scene.control.Button.class).isDisabled(), "results can be exported");
    }
}
