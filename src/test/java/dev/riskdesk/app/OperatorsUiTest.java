package dev.riskdesk.app;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.security.OperatorAdminService.OperatorSummary;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.SignInPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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

/** The Operators screen, the change of a temporary password and the idle lock, on a real H2 file database. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class OperatorsUiTest {
    @TempDir
    Path dir;
    TestConsole console;
    Session admin;

    @Start
    void start(Stage stage) {
        console = TestConsole.atLogin(stage, dir, book -> { });
        admin = console.services.operators().authenticate("admin", "admin123".toCharArray());
    }

    @AfterEach
    void close() throws Exception {
        console.close();
    }

    private int audited(String action, String operator) {
        return console.db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq(action).and(AUDIT_EVENT.OPERATOR_NAME.eq(operator)));
    }

    @Test
    void theConsoleLocksAfterIdleTimeAndUnlocksWithThePasswordKeepingTheScreen(FxRobot robot) throws Exception {
        console.services.operatorAdmin().changeSignInPolicy(admin, new SignInPolicy(5, Duration.ofMinutes(15), Duration.ofSeconds(2)));
        TestConsole.signIn(robot, "manager", "#overview-customers", 10);
        Node screen = robot.lookup("#overview-customers").query();

        TestConsole.waitUntilVisible(robot, "#lockOverlay", 30); // two idle seconds, on a busy machine perhaps more
        assertTrue(robot.lookup("#mainWindow").query().isDisabled(), "the screen behind the lock takes no input");
        robot.clickOn("#lockPassword").write("not-the-password").type(KeyCode.ENTER);
        TestConsole.waitUntilVisible(robot, "#lockError", 10);
        assertEquals("Unknown operator name or wrong password.", robot.lookup("#lockError").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#lockOverlay").query().isVisible());
        assertEquals(1, console.db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("LOGIN_FAILED").and(AUDIT_EVENT.DETAILS.eq("wrong password"))),
                "a wrong password at the lock counts like a wrong sign-in");

        robot.clickOn("#lockPassword").write("manager123").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#lockOverlay").query().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Overview", robot.lookup("#screenTitle").queryAs(Label.class).getText());
        assertSame(screen, robot.lookup("#overview-customers").query(), "the screen is kept as it was, not built anew");
        assertFalse(robot.lookup("#mainWindow").query().isDisabled());
        assertTrue(audited("IDLE_LOCK", "manager") >= 1, "locking is audited (two idle seconds later it locks again)");
        assertEquals(1, audited("UNLOCK", "manager"));
    }

    /** Then adds one: a refused save keeps the dialog open with everything typed and says why in it. */
    @Test
    void anAdministratorDisablesAnOperatorAndAddsOneOnTheOperatorsScreen(FxRobot robot) throws Exception {
        TestConsole.signIn(robot, "admin", "#nav-operators", 10);
        robot.clickOn("#nav-operators");
        TestConsole.waitUntilVisible(robot, "#operators-table", 10);
        TableView<OperatorSummary> table = robot.lookup("#operators-table").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() >= 4);
        int agent = table.getItems().stream().map(OperatorSummary::username).toList().indexOf("agent");
        robot.interact(() -> table.getSelectionModel().select(agent));
        robot.clickOn("#operators-disable");
        TestConsole.waitUntilVisible(robot, "#operators-confirm-disable", 10);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().stream().anyMatch(o -> o.username().equals("agent") && !o.active()));
        assertEquals(1, audited("OPERATOR_DISABLED", "admin"));
        assertFalse(robot.lookup("#operators-error").query().isVisible());

        int created = audited("OPERATOR_CREATED", "admin"); // the demo operators
        robot.clickOn("#operators-add");
        TestConsole.waitUntilVisible(robot, "#operators-add-dialog", 10);
        robot.clickOn("#operators-add-name").write("zhou.min");
        robot.interact(() -> robot.lookup("#operators-add-display").queryAs(TextField.class).setText("周敏"));
        robot.clickOn("#operators-add-password").write("zhou.min-2026");
        robot.clickOn("#operators-add-confirm").write("zhou.min-2026");
        robot.clickOn(save(robot, "#operators-add-dialog"));
        console.settle(10);
        assertTrue(robot.lookup("#operators-add-dialog").tryQuery().isPresent(), "refused: the dialog stays open");
        Label refusal = robot.lookup("#operators-add-dialog-error").queryAs(Label.class);
        assertTrue(refusal.isVisible());
        assertEquals("A password must not contain the operator name.", refusal.getText());
        assertEquals("zhou.min", robot.lookup("#operators-add-name").queryAs(TextField.class).getText());
        assertEquals("周敏", robot.lookup("#operators-add-display").queryAs(TextField.class).getText());
        assertEquals("zhou.min-2026", robot.lookup("#operators-add-password").queryAs(TextField.class).getText());
        assertEquals(created, audited("OPERATOR_CREATED", "admin"));

        robot.interact(() -> {
            robot.lookup("#operators-add-password").queryAs(TextField.class).setText("Copper-Kettle-71");
            robot.lookup("#operators-add-confirm").queryAs(TextField.class).setText("Copper-Kettle-71");
        });
        robot.clickOn(save(robot, "#operators-add-dialog"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#operators-add-dialog").tryQuery().isEmpty());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().stream().anyMatch(o -> o.username().equals("zhou.min")));
        assertEquals(created + 1, audited("OPERATOR_CREATED", "admin"));

        // the sign-in policy, below the table: typed within its limits, saved through the service, audited
        assertEquals("1 to 100", robot.lookup("#operators-policy").lookup((Node n) -> n instanceof Label l && "1 to 100".equals(l.getText()))
                .queryAs(Label.class).getText());
        Spinner<?> maxFailures = robot.lookup("#operators-policy-max-failures").queryAs(Spinner.class);
        robot.interact(() -> {
            maxFailures.requestFocus();
            maxFailures.getEditor().setText("3");
        });
        robot.clickOn("#operators-policy-save");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> audited("SIGN_IN_POLICY_CHANGED", "admin") == 1);
        assertEquals(3, console.services.operatorAdmin().signInPolicy(admin).maxFailedLogins());
    }

    /** The Save button of the dialog whose pane is {@code dialog}. */
    private static Node save(FxRobot robot, String dialog) {
        DialogPane pane = robot.lookup(dialog).queryAs(DialogPane.class);
        return pane.getButtonTypes().stream().filter(t -> t.getButtonData() == ButtonBar.ButtonData.OK_DONE)
                .map(pane::lookupButton).findFirst().orElseThrow();
    }

    @Test
    void anOperatorWhosePasswordWasResetChoosesANewOneBeforeTheMainWindow(FxRobot robot) throws Exception {
        console.services.operatorAdmin().resetPassword(admin, "risk", null, "Temporary-4711".toCharArray());
        robot.clickOn("#loginUser").write("risk");
        robot.clickOn("#loginPassword").write("Temporary-4711").type(KeyCode.ENTER);
        TestConsole.waitUntilVisible(robot, "#changePassword", 10);
        assertFalse(robot.lookup("#mainWindow").tryQuery().isPresent());
        robot.clickOn("#changeOld").write("Temporary-4711");
        robot.clickOn("#changeNew").write("short");
        robot.clickOn("#changeConfirm").write("short");
        robot.clickOn("#changeSubmit");
        TestConsole.waitUntilVisible(robot, "#changeError", 10);
        assertEquals("A password needs at least 10 characters.", robot.lookup("#changeError").queryAs(Label.class).getText());

        robot.doubleClickOn("#changeNew").eraseText(5).write("Blue-Lantern-88");
        robot.doubleClickOn("#changeConfirm").eraseText(5).write("Blue-Lantern-88");
        robot.clickOn("#changeSubmit");
        TestConsole.waitUntilVisible(robot, "#mainWindow", 10);
        assertEquals(1, audited("PASSWORD_CHANGED", "risk"));
        Node lock = robot.lookup("#lockOverlay").query();
        assertFalse(lock.isVisible());
    }
}
