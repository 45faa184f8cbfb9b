package dev.riskdesk.ui.data;

import static dev.riskdesk.db.schema.Tables.DATA_FEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestConsole;
import dev.riskdesk.exchange.load.LoadProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Data screen as a manager meets it: the feeds, then the wizard checking a book with one bad line. An agent has no Data screen. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class DataUiTest {
    @TempDir
    Path dir;
    TestConsole console;

    @Start
    void start(Stage stage) {
        console = TestConsole.atLogin(stage, dir.resolve("db"), db -> {
            LocalDateTime now = LocalDateTime.now(java.time.Clock.system(dev.riskdesk.app.AppServices.BUSINESS_ZONE));
            db.dsl().insertInto(DATA_FEED, DATA_FEED.CODE, DATA_FEED.AS_OF, DATA_FEED.TOLERANCE_HOURS, DATA_FEED.UPDATED_AT)
                    .values("REPAYMENTS", now.minusHours(3), 24, now)
                    .values("BILLS", now.minusDays(10), 48, now).execute();
        });
    }

    @AfterEach
    void close() throws Exception {
        console.close();
    }

    @Test
    void aManagerSeesTheFeedsAndChecksABookWithABadLine(FxRobot robot) throws Exception {
        Path book = Files.createDirectories(dir.resolve("book"));
        try (Stream<Path> files = Files.list(ImportWizardModelTest.SAMPLES)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, book.resolve(f.getFileName()));
            }
        }
        long badLine = ImportWizardModelTest.breakOneRepayment(book);

        TestConsole.signIn(robot, "manager", "#nav-data", 10);
        robot.clickOn("#nav-data");
        TestConsole.waitUntilVisible(robot, "#data-feeds", 10);
        TableView<?> feeds = robot.lookup("#data-feeds").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> feeds.getItems().size() == 2);
        assertTrue(shows(robot, "Stale: beyond tolerance"), "bills lag ten days behind two");
        assertTrue(shows(robot, "10 d"));
        assertTrue(shows(robot, "3 h"));

        robot.clickOn("#data-import");
        TestConsole.waitUntilVisible(robot, "#import-wizard", 10);
        Window wizard = robot.lookup("#import-wizard").query().getScene().getWindow();
        Window main = robot.lookup("#mainWindow").query().getScene().getWindow();
        assertTrue(((Stage) wizard).isResizable());
        assertEquals(main.getX() + main.getWidth() / 2, wizard.getX() + wizard.getWidth() / 2, 2, "centred on the main window");

        assertTrue(robot.lookup("#import-check").queryButton().isDisabled(), "nothing chosen, nothing to check");
        robot.clickOn("#import-path").write(book.toString());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#import-check").queryButton().isDisabled(), "a typed path can be checked without Enter");
        robot.clickOn("#import-check");
        TableView<?> problems = robot.lookup("#import-problems").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !problems.getItems().isEmpty());
        LoadProblem problem = problems.getItems().stream().map(LoadProblem.class::cast)
                .filter(p -> p.file().equals("repayments.csv")).findFirst().orElseThrow();
        assertEquals(badLine, problem.line());
        assertEquals(1, problems.getItems().size(), () -> problems.getItems().toString());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shows(robot, "twelve")); // the bad value is on screen
        assertTrue(robot.lookup("#import-run").queryButton().isDisabled(), "problems: no import without accepting a partial load");
        assertTrue(robot.lookup("#import-partial-hint").query().isVisible());
        assertFalse(robot.lookup("#import-export").queryButton().isDisabled());

        robot.clickOn("#import-accept-partial");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#import-run").queryButton().isDisabled());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#import-wizard").tryQuery().isEmpty());
    }

    /** True when a visible label, button or cell shows exactly {@code text}. */
    private static boolean shows(FxRobot robot, String text) {
        return robot.lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.Labeled l && text.equals(l.getText()) && n.isVisible())
                .tryQuery().isPresent();
    }

    @Test
    void anAgentHasNoDataScreen(FxRobot robot) throws Exception {
        TestConsole.signIn(robot, "agent", "#nav-overview", 10);
        assertFalse(robot.lookup("#nav-data").tryQuery().isPresent());
    }
}
