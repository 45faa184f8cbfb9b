package dev.riskdesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Messages;
import dev.riskdesk.customers.ProfileBook;
import dev.riskdesk.ui.common.I18n;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The operator screens on a small hand-made book: search, open a profile, reveal rules by role. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ScreensUiTest {
    @TempDir
    Path dir;
    AppServices services;
    TestConsole console;

    @Start
    void start(Stage stage) {
        console = TestConsole.atLogin(stage, dir, book -> ProfileBook.create(book, 150));
        services = console.services;
    }

    @AfterEach
    void close() throws Exception {
        console.close();
    }

    private static void waitUntil(FxRobot robot, String query) throws Exception {
        TestConsole.waitUntilVisible(robot, query, 10);
    }

    private void signIn(FxRobot robot, String demo) throws Exception {
        TestConsole.signIn(robot, demo, "#nav-profiles", 10);
        robot.clickOn("#nav-profiles");
        waitUntil(robot, "#profiles-table");
    }

    @Test
    void aRiskOperatorSearchesAndOpensAProfileWithTheKeyboard(FxRobot robot) throws Exception {
        signIn(robot, "risk");
        TableView<?> table = robot.lookup("#profiles-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 100);
        assertEquals("100 shown of 150", robot.lookup("#profiles-count").queryAs(Label.class).getText());

        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        robot.write("A0000000001");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        robot.type(KeyCode.DOWN);
        robot.type(KeyCode.ENTER);
        waitUntil(robot, "#profile-header");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#profile-status").queryAs(Label.class).getText().equals("Risk-suspended"));
        assertEquals("¥8,000.00", robot.lookup("#profile-limit").queryAs(Label.class).getText());
        assertEquals("90.0%", robot.lookup("#profile-utilisation").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#profile-open-appeal").tryQuery().isPresent());
        assertFalse(robot.lookup("#timeline-table").queryAs(TableView.class).getItems().isEmpty());

        robot.clickOn("#profile-back");
        waitUntil(robot, "#profiles-table");
        assertEquals(1, table.getItems().size(), "back to the same results");
    }

    @Test
    void anAgentRevealsContactDataButIsNeverOfferedTheIdNumber(FxRobot robot) throws Exception {
        signIn(robot, "agent");
        TableView<?> table = robot.lookup("#profiles-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#profiles-reveal");
        waitUntil(robot, "#revealDialog");
        assertTrue(robot.lookup("#reveal-NAME").tryQuery().isPresent());
        assertFalse(robot.lookup("#reveal-ID_NUMBER").tryQuery().isPresent(), "agents never reveal ID numbers");
        assertTrue(robot.lookup("#reveal-ok").queryButton().isDisabled(), "a field and a reason first");
        robot.clickOn("#reveal-NAME");
        robot.clickOn("#reveal-reason").write("customer called about the appeal");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#reveal-ok").queryButton().isDisabled());
        robot.clickOn("#reveal-ok");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#revealDialog").tryQuery().isEmpty());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> ((dev.riskdesk.customers.CustomerRow) table.getItems().get(0)).maskedName().equals("王测1"));
    }
}
