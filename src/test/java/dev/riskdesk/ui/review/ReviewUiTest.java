package dev.riskdesk.ui.review;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.LIMIT_DECISION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.app.TestConsole;
import dev.riskdesk.common.Messages;
import dev.riskdesk.common.Money;
import dev.riskdesk.db.Database;
import dev.riskdesk.limits.QueueBook;
import dev.riskdesk.limits.review.ProposalQueueService;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.I18n;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
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

/** The review queue on a small hand-made queue: override with validation, maker-checker, conflicts, roles. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ReviewUiTest {
    @TempDir
    Path dir;
    AppServices services;
    Database db;
    TestConsole console;

    @Start
    void start(Stage stage) {
        console = TestConsole.atLogin(stage, dir, book -> QueueBook.fill(book, LocalDateTime.now(AppServices.BUSINESS_ZONE)));
        db = console.db;
        services = console.services;
    }

    @AfterEach
    void close() throws Exception {
        console.close();
    }

    private static void waitUntil(FxRobot robot, String query) throws Exception {
        TestConsole.waitUntilVisible(robot, query, 10);
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TableView<?> openQueue(FxRobot robot, String demo, int expectedRows) throws Exception {
        TestConsole.signIn(robot, demo, "#nav-review", 10);
        robot.clickOn("#nav-review");
        waitUntil(robot, "#review-table");
        TableView<?> table = robot.lookup("#review-table").queryAs(TableView.class);
        waitFor(() -> table.getItems().size() == expectedRows);
        return table;
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static void select(FxRobot robot, TableView<?> table, int index) throws Exception {
        robot.interact(() -> table.getSelectionModel().clearAndSelect(index));
        robot.clickOn(table); // focus for the shortcuts
        waitUntil(robot, "#review-detail-title");
    }

    private void signOut(FxRobot robot) throws Exception {
        robot.clickOn("#signOut");
        waitUntil(robot, "#loginButton");
    }

    @Test
    void anOverrideIsValidatedAsTypedThenWaitsForASecondManagerWhoApprovesIt(FxRobot robot) throws Exception {
        TableView<?> table = openQueue(robot, "risk", 4);
        assertTrue(robot.lookup("#approvals-table").tryQuery().isEmpty(), "a risk operator has no approvals queue");
        assertEquals("Several credit applications with other lenders.; Score band: the policy target for this score band and income is far from the current limit.",
                table.getColumns().get(7).getCellData(2), "reason codes read as words in the queue");
        assertTrue(robot.lookup("#review-table .table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                .anyMatch(c -> c.getTooltip() != null && c.getTooltip().getText().startsWith("MULTI_LENDING: ")), "the codes stay in a tooltip");
        select(robot, table, 0);
        assertEquals("Decrease · QA0000000001", text(robot, "#review-detail-title"));
        assertTrue(robot.lookup(".rule-hit .label").queryAllAs(Label.class).stream().anyMatch(l -> l.getText().equals("Outstanding: ¥36,600.00")),
                "evidence amounts read as money");
        assertEquals("¥900", text(robot, "#review-detail-priority"));
        assertEquals("¥900", table.getColumns().get(5).getCellData(0), "the queue shows the priority as the side panel does");
        assertTrue(robot.lookup(".header-caption").queryAllAs(Label.class).stream().anyMatch(l -> l.getText().equals("PD at proposal")));
        long proposalId = ((ProposalQueueService.Row) table.getItems().get(0)).proposalId();

        robot.type(KeyCode.O);
        waitUntil(robot, "#decisionDialog");
        Button ok = robot.lookup("#decision-ok").queryButton();
        assertTrue(ok.isDisabled());
        assertEquals("Enter the new limit.", text(robot, "#decision-problem"));
        robot.clickOn("#decision-amount").write("12,000.005");
        assertEquals("The new limit must be an amount in yuan with at most two decimals.", text(robot, "#decision-problem"));
        TextField amount = robot.lookup("#decision-amount").queryAs(TextField.class);
        robot.interact(amount::clear);
        robot.write("16000");
        assertEquals("The new limit is above ¥15,000.00, the most this account may have.", text(robot, "#decision-problem"));
        robot.interact(amount::clear);
        robot.write("12000");
        assertEquals("Choose a reason code.", text(robot, "#decision-problem"));
        @SuppressWarnings("unchecked")
        ComboBox<String> reason = robot.lookup("#decision-reason").queryAs(ComboBox.class);
        robot.interact(() -> reason.setValue("INCOME_VERIFIED"));
        assertEquals("Write a note.", text(robot, "#decision-problem"));
        assertTrue(ok.isDisabled());
        robot.clickOn("#decision-note").write("Payslips checked; income is higher than declared.");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", text(robot, "#decision-problem"));
        assertFalse(ok.isDisabled());
        assertTrue(robot.lookup("#decision-approval-hint").queryAs(Label.class).isVisible(), "above authority: says a manager approves");
        robot.clickOn(ok);
        waitFor(() -> robot.lookup("#decisionDialog").tryQuery().isEmpty());
        waitFor(() -> text(robot, "#review-message").equals("Proposal " + proposalId + " overridden; it waits for a manager to approve."));
        waitFor(() -> table.getItems().size() == 3);
        assertEquals(Money.of("10000"), limitOf(1), "nothing applied before the approval");
        signOut(robot);

        openQueue(robot, "manager", 3);
        robot.interact(() -> robot.lookup("#review-tabs").queryAs(TabPane.class).getSelectionModel().select(1));
        waitUntil(robot, "#approvals-table");
        TableView<?> approvals = robot.lookup("#approvals-table").queryAs(TableView.class);
        waitFor(() -> approvals.getItems().size() == 1);
        robot.interact(() -> approvals.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#approval-own").queryAs(Label.class).isVisible());
        robot.clickOn("#approval-approve");
        waitUntil(robot, "#decisionDialog");
        robot.clickOn("#decision-note").write("Payslips seen.");
        robot.clickOn("#decision-ok");
        waitFor(() -> approvals.getItems().isEmpty());
        assertEquals("Decision on proposal " + proposalId + " approved and applied.", text(robot, "#review-message"));
        assertEquals(Money.of("12000"), limitOf(1));
    }

    @Test
    void aManagerSeesTheirOwnOverrideInTheApprovalsQueueButCannotApproveIt(FxRobot robot) throws Exception {
        TableView<?> table = openQueue(robot, "manager", 4);
        select(robot, table, 3); // the increase 10,000 → 13,000, cap 20,000
        robot.clickOn("#review-override");
        waitUntil(robot, "#decisionDialog");
        robot.clickOn("#decision-amount").write("15000");
        @SuppressWarnings("unchecked")
        ComboBox<String> reason = robot.lookup("#decision-reason").queryAs(ComboBox.class);
        robot.interact(() -> reason.setValue("RISK_JUDGEMENT"));
        robot.clickOn("#decision-note").write("Long relationship, no delinquency.");
        robot.clickOn("#decision-ok");
        waitFor(() -> robot.lookup("#decisionDialog").tryQuery().isEmpty());
        robot.interact(() -> robot.lookup("#review-tabs").queryAs(TabPane.class).getSelectionModel().select(1));
        TableView<?> approvals = robot.lookup("#approvals-table").queryAs(TableView.class);
        waitFor(() -> approvals.getItems().size() == 1);
        robot.interact(() -> approvals.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#approval-approve").queryButton().isDisabled(), "four eyes: never the maker");
        assertTrue(robot.lookup("#approval-decline").queryButton().isDisabled());
        assertTrue(robot.lookup("#approval-own").queryAs(Label.class).isVisible());
    }

    @Test
    void whenAnotherOperatorDecidedFirstTheQueueSaysWhoAndReloads(FxRobot robot) throws Exception {
        TableView<?> table = openQueue(robot, "risk", 4);
        select(robot, table, 0);
        ProposalQueueService.Row row = (ProposalQueueService.Row) table.getItems().get(0);
        Session manager = services.operators().authenticate("manager", "manager123".toCharArray());
        services.limits().decisions.confirm(manager, row.proposalId(), row.version(), "done by phone");
        robot.type(KeyCode.C);
        waitUntil(robot, "#decisionDialog");
        robot.clickOn("#decision-note").write("Called the customer.");
        robot.clickOn("#decision-ok");
        waitUntil(robot, "#review-error");
        assertTrue(text(robot, "#review-error").startsWith("Proposal " + row.proposalId() + " was changed by manager at "),
                text(robot, "#review-error"));
        waitFor(() -> table.getItems().size() == 3);
        assertEquals(Money.of("7000"), limitOf(1), "the first decision stands; nothing overwritten");
        assertTrue(text(robot, "#decision-failure").startsWith("Proposal " + row.proposalId() + " was changed by manager at "),
                "the refused dialog stays open and says why");
        assertEquals("Called the customer.", robot.lookup("#decision-note").queryAs(TextArea.class).getText(), "what was typed is kept");
        robot.clickOn("#decision-ok");
        waitFor(() -> text(robot, "#decision-failure").startsWith("Proposal " + row.proposalId() + " was changed"));
        assertEquals(Money.of("7000"), limitOf(1), "sent again, it is refused again: it was opened on the old version");
        robot.interact(() -> ((javafx.stage.Stage) robot.lookup("#decisionDialog").query().getScene().getWindow()).close());
    }

    /** Issue 23: a 1,590-character override note ended in "Something went wrong" and was lost. */
    @Test
    void anOverrideNoteShowsItsCountIsRefusedPastTheLimitAndIsStoredWholeWithinIt(FxRobot robot) throws Exception {
        TableView<?> table = openQueue(robot, "risk", 4);
        select(robot, table, 0);
        long proposalId = ((ProposalQueueService.Row) table.getItems().get(0)).proposalId();
        robot.type(KeyCode.O);
        waitUntil(robot, "#decisionDialog");
        robot.clickOn("#decision-amount").write("12000");
        @SuppressWarnings("unchecked")
        ComboBox<String> reason = robot.lookup("#decision-reason").queryAs(ComboBox.class);
        robot.interact(() -> reason.setValue("INCOME_VERIFIED"));
        TextArea note = robot.lookup("#decision-note").queryAs(TextArea.class);
        Label counter = robot.lookup("#decision-note-counter").queryAs(Label.class);
        Button ok = robot.lookup("#decision-ok").queryButton();
        assertEquals("0 / 2,000", counter.getText());

        String pasted = "收入证明已核对。".repeat(198) + "checks"; // 1,590 characters
        paste(robot, note, pasted);
        assertEquals("1,590 / 2,000", counter.getText());
        assertFalse(counter.getPseudoClassStates().contains(PseudoClass.getPseudoClass("danger")));
        assertFalse(ok.isDisabled());

        paste(robot, note, "x".repeat(510));
        assertEquals(2100, note.getText().length(), "a longer paste is kept whole, not cut");
        assertEquals("2,100 / 2,000 \u2014 too long by 100", counter.getText());
        assertTrue(counter.getPseudoClassStates().contains(PseudoClass.getPseudoClass("danger")), "the counter turns to the danger style");
        assertTrue(ok.isDisabled());
        assertEquals("The note has 2,100 characters; it can hold at most 2,000. Shorten it and try again.", text(robot, "#decision-problem"));

        robot.interact(() -> note.deleteText(1590, 2100));
        assertEquals("1,590 / 2,000", counter.getText());
        assertFalse(ok.isDisabled());
        robot.clickOn(ok);
        waitFor(() -> robot.lookup("#decisionDialog").tryQuery().isEmpty());
        waitFor(() -> text(robot, "#review-message").startsWith("Proposal " + proposalId + " overridden"));
        assertEquals(pasted, db.dsl().select(LIMIT_DECISION.NOTE).from(LIMIT_DECISION).where(LIMIT_DECISION.PROPOSAL_ID.eq(proposalId))
                .fetchOne(LIMIT_DECISION.NOTE), "the note is stored whole");
        assertEquals(pasted, db.dsl().select(AUDIT_EVENT.REASON).from(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.eq("DECISION_AWAITING_APPROVAL"))
                .and(AUDIT_EVENT.ENTITY_ID.eq(String.valueOf(proposalId))).fetchOne(AUDIT_EVENT.REASON), "and audited whole");
    }

    /** Pastes {@code text} at the end of {@code field} through the clipboard, as an operator would. */
    private static void paste(FxRobot robot, TextArea field, String text) {
        robot.interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
            field.requestFocus();
            field.end();
            field.paste();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aBulkConfirmationAppliesTheLowRiskProposalsAndSaysWhatItDid(FxRobot robot) throws Exception {
        TableView<?> table = openQueue(robot, "risk", 4);
        robot.interact(() -> table.getSelectionModel().selectAll());
        robot.clickOn("#review-bulk");
        waitUntil(robot, "#bulkDialog");
        assertTrue(text(robot, "#bulk-summary").startsWith("2 proposals will be confirmed"), text(robot, "#bulk-summary"));
        robot.clickOn("#bulk-ok");
        waitUntil(robot, "#bulk-result");
        assertEquals("Bulk confirmation: 2 confirmed, 0 not applied (changed by someone else or refused).\n"
                + "2 selected proposals are not low-risk and were left in the queue.", text(robot, "#bulk-result"));
        assertFalse(robot.lookup("#bulk-ok").queryButton().isVisible(), "done: only Close is left");
        assertEquals("Close", robot.lookup("#bulk-close").queryButton().getText());
        waitFor(() -> table.getItems().size() == 2);
        robot.clickOn("#bulk-close");
        waitFor(() -> robot.lookup("#bulkDialog").tryQuery().isEmpty());
        assertEquals(Money.of("7000"), limitOf(1));
        assertEquals(Money.of("18000"), limitOf(2));
        assertEquals(Money.of("10000"), limitOf(4), "the increase is not low-risk and waits in the queue");
    }

    @Test
    void anAgentHasNoReviewQueueAndNoScoreTab(FxRobot robot) throws Exception {
        TestConsole.signIn(robot, "agent", "#nav-profiles", 10);
        assertTrue(robot.lookup("#nav-review").tryQuery().isEmpty(), "the review queue is not offered to agents");
        robot.clickOn("#nav-profiles");
        waitUntil(robot, "#profiles-table");
        TableView<?> profiles = robot.lookup("#profiles-table").queryAs(TableView.class);
        waitFor(() -> !profiles.getItems().isEmpty());
        robot.interact(() -> profiles.getSelectionModel().select(0));
        robot.clickOn("#profiles-open");
        waitUntil(robot, "#profile-tabs");
        TabPane tabs = robot.lookup("#profile-tabs").queryAs(TabPane.class);
        assertTrue(tabs.getTabs().stream().noneMatch(t -> "profile-tab-score".equals(t.getId())), "agents do not see model scores");
    }

    private java.math.BigDecimal limitOf(int accountNumber) {
        return db.dsl().select(ACCOUNT.CREDIT_LIMIT).from(ACCOUNT)
                .where(ACCOUNT.ACCOUNT_NO.eq(String.format("QA%010d", accountNumber))).fetchOne(ACCOUNT.CREDIT_LIMIT);
    }
}
