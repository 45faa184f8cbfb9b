package dev.riskdesk.ui.appeals;

import static dev.riskdesk.db.schema.Tables.APPEAL;
import static dev.riskdesk.db.schema.Tables.CUSTOMER_NOTICE;
import static dev.riskdesk.db.schema.Tables.SUSPENSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.NoticeStatus;
import dev.riskdesk.accounts.SuspensionStatus;
import dev.riskdesk.app.AppServices;
import dev.riskdesk.app.TestConsole;
import dev.riskdesk.appeals.AppealStatus;
import dev.riskdesk.common.Messages;
import dev.riskdesk.customers.ProfileBook;
import dev.riskdesk.db.Database;
import dev.riskdesk.ui.common.I18n;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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

/** An agent takes an appeal from the inbox to a decision, and the customer's notice lands in the outbox. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class AppealsUiTest {
    @TempDir
    Path dir;
    AppServices services;
    Database db;
    TestConsole console;

    @Start
    void start(Stage stage) {
        console = TestConsole.atLogin(stage, dir, book -> {
            ProfileBook.create(book, 20);
            // the hand-made book inserts explicit ids; new rows must not collide with them
            for (String table : new String[] {"LIMIT_PROPOSAL", "LIMIT_DECISION", "SUSPENSION", "APPEAL", "RULE_HIT"}) {
                book.dsl().execute("ALTER TABLE " + table + " ALTER COLUMN ID RESTART WITH 1000");
            }
        });
        db = console.db;
        services = console.services;
    }

    @AfterEach
    void close() throws Exception {
        console.close();
    }

    private static void waitUntil(FxRobot robot, String query) throws Exception {
        waitFor(robot, () -> robot.lookup(query).tryQuery().filter(Node::isVisible).isPresent(), query);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits for {@code condition}; a timeout reports the case screen's error line. */
    private static void waitFor(FxRobot robot, java.util.concurrent.Callable<Boolean> condition, String what) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            String error = robot.lookup("#appeal-error").tryQuery().map(n -> ((Label) n).getText()).orElse("")
                    + robot.lookup("#appeals-error").tryQuery().map(n -> ((Label) n).getText()).orElse("");
            throw new AssertionError("timed out waiting for " + what + "; screen says: " + error, e);
        }
    }

    @Test
    void anAgentClaimsDecidesAndTheNoticeIsInTheOutbox(FxRobot robot) throws Exception {
        TestConsole.signIn(robot, "agent", "#nav-appeals", 15);
        assertFalse(robot.lookup("#nav-ruleQuality").tryQuery().isPresent(), "agents do not see the rule-quality table");
        robot.clickOn("#nav-appeals");
        waitUntil(robot, "#appeals-table");
        TableView<?> table = robot.lookup("#appeals-table").queryAs(TableView.class);
        waitFor(robot, () -> table.getItems().size() == 1, "one appeal");
        assertFalse(robot.lookup("#appeals-assign").tryQuery().filter(Node::isVisible).isPresent(), "only supervisors assign");

        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#appeals-claim");
        waitFor(robot,
                () -> "agent".equals(((dev.riskdesk.appeals.Appeals.InboxRow) table.getItems().get(0)).assignee()), "the claim");
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#appeals-open");
        waitUntil(robot, "#appeal-decide");
        assertEquals("In review", robot.lookup("#appeal-status").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#appeal-statement").queryAs(Label.class).getText().contains("我已经还款了"));

        robot.clickOn("#appeal-note-input").write("Called back; customer sent a bank receipt.");
        robot.clickOn("#appeal-add-note");
        waitFor(robot, () -> robot.lookup("#appeal-notes").tryQuery()
                .map(n -> ((javafx.scene.control.ListView<?>) n).getItems().size() >= 2).orElse(false), "the note");

        robot.clickOn("#appeal-decide");
        waitUntil(robot, "#appeal-decide-dialog");
        robot.clickOn("#appeal-decide-outcome");
        robot.clickOn("Lifted");
        robot.clickOn("#appeal-decide-reason");
        robot.clickOn("Customer explained the circumstances with evidence");
        robot.clickOn("#appeal-decide-note").write("Receipt shows the bill was paid.");
        robot.clickOn("OK");
        waitFor(robot, () -> robot.lookup("#appeal-status").tryQuery()
                .map(n -> ((Label) n).getText().equals("Decided")).orElse(false), "the decision");
        waitUntil(robot, "#appeal-outcome-banner");

        assertEquals(AppealStatus.DECIDED, db.dsl().select(APPEAL.STATUS).from(APPEAL).where(APPEAL.ID.eq(1L)).fetchOne(APPEAL.STATUS));
        assertEquals(SuspensionStatus.LIFTED, db.dsl().select(SUSPENSION.STATUS).from(SUSPENSION).where(SUSPENSION.ID.eq(1L)).fetchOne(SUSPENSION.STATUS));
        var notice = db.dsl().selectFrom(CUSTOMER_NOTICE).where(CUSTOMER_NOTICE.APPEAL_ID.eq(1L)).fetchOne();
        assertEquals(NoticeStatus.PENDING, notice.getStatus(), "waiting in the outbox for the export");
        assertEquals("SMS", notice.getChannel());
        assertTrue(notice.getBody().contains("AP0000001") && notice.getBody().contains("撤销原决定"), notice.getBody());

        robot.clickOn("#appeal-back");
        waitUntil(robot, "#appeals-table");
        waitFor(robot, () -> table.getItems().isEmpty(), "the empty inbox");
    }
}
