package dev.riskdesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
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

/** Login window to main window on a real H2 file database with the demo operators. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ConsoleUiTest {
    @TempDir
    Path dir;
    TestConsole console;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        console = TestConsole.atLogin(stage, dir, book -> { });
    }

    @AfterEach
    void close() throws Exception {
        console.close();
    }

    private void signIn(FxRobot robot, String user, String password) {
        robot.clickOn("#loginUser").write(user);
        robot.clickOn("#loginPassword").write(password);
        robot.type(KeyCode.ENTER);
    }

    private static void waitUntil(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery().filter(Node::isVisible).isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aManagerSignsInAndSeesOverviewAndAuditLog(FxRobot robot) throws Exception {
        signIn(robot, "manager", "manager123");
        waitUntil(robot, "#nav-overview");
        assertTrue(robot.lookup("#nav-audit").tryQuery().isPresent());
        assertEquals("Overview", robot.lookup("#screenTitle").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#status-operator").queryAs(Label.class).getText().contains("Manager"));
        waitUntil(robot, "#overview-customers");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "0".equals(robot.lookup("#overview-customers").queryAs(Label.class).getText()));

        robot.clickOn("#nav-audit");
        waitUntil(robot, "#audit-table");
        assertEquals("Audit log", robot.lookup("#screenTitle").queryAs(Label.class).getText());
        // the chain is checked off the FX thread when the screen opens
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#audit-chain-state").queryAs(Label.class).getText().endsWith("events, chain intact"));

        robot.clickOn("#languageZh");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("审计日志", robot.lookup("#screenTitle").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#audit-chain-state").queryAs(Label.class).getText().endsWith("条事件，审计链完整"),
                robot.lookup("#audit-chain-state").queryAs(Label.class).getText());
        assertEquals("退出登录", robot.lookup("#signOut").queryAs(Labeled.class).getText());

        robot.clickOn("#signOut");
        waitUntil(robot, "#loginButton");
        assertFalse(robot.lookup("#mainWindow").tryQuery().isPresent());
    }

    @Test
    void anAgentHasNoAuditLog(FxRobot robot) throws Exception {
        TestConsole.signIn(robot, "agent", "#nav-overview", 10);
        assertFalse(robot.lookup("#nav-audit").tryQuery().isPresent());
    }

    @Test
    void aWrongPasswordShowsASentenceAndStaysOnLogin(FxRobot robot) throws Exception {
        signIn(robot, "manager", "not-the-password");
        waitUntil(robot, "#loginError");
        assertEquals("Unknown operator name or wrong password.", robot.lookup("#loginError").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#loginButton").tryQuery().isPresent());
        assertFalse(robot.lookup("#mainWindow").tryQuery().isPresent());
    }

    @Test
    void theLoginWindowShowsBeforeTheDatabaseIsOpenAndASignInMeanwhileGoesAheadOnceItIs(FxRobot robot) throws Exception {
        ConsoleFlow[] flow = new ConsoleFlow[1];
        robot.interact(() -> flow[0] = console.showLoginWhileOpening(stage));
        waitUntil(robot, "#loginOpening");
        assertEquals("Opening the database\u2026", robot.lookup("#loginOpening").queryAs(Label.class).getText());
        assertFalse(robot.lookup("#demoOperators").tryQuery().isPresent(), "whether it is a demo database is not known yet");

        signIn(robot, "manager", "manager123");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#mainWindow").tryQuery().isPresent());

        robot.interact(() -> flow[0].connect(console.services, dev.riskdesk.security.OperatorService.DEMO_OPERATORS));
        waitUntil(robot, "#nav-overview");
        assertTrue(robot.lookup("#status-operator").queryAs(Label.class).getText().contains("Manager"));
    }
}
