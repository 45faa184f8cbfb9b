package dev.riskdesk.ui.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestConsole;
import dev.riskdesk.scoring.governance.ModelGovernanceService;
import dev.riskdesk.scoring.governance.PromotionRequest;
import dev.riskdesk.scoring.governance.PromotionStatus;
import dev.riskdesk.scoring.model.ModelKind;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.scoring.model.ModelStatus;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.security.PasswordHasher;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.TestOperators;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

/**
 * The Models screen as a manager meets a promotion another manager asked for: the registry and the request are listed,
 * Approve opens the comparison, and approving it makes the model champion on screen and in the database.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ModelsUiTest {
    @TempDir
    Path dir;
    TestConsole console;
    long scorecard;
    long boosted;

    @Start
    void start(Stage stage) {
        console = TestConsole.atLogin(stage, dir, db -> {
            Clock clock = Clock.systemUTC();
            AuditLog audit = new AuditLog(clock);
            new OperatorService(db, new PasswordHasher(4), audit, clock).createDemoOperatorsIfEmpty();
            ModelRepository models = new ModelRepository(db, clock);
            var maker = TestOperators.second(db, Role.MANAGER);
            scorecard = db.transactionResult(tx -> models.insert(tx, maker, model(ModelKind.SCORECARD)));
            boosted = db.transactionResult(tx -> models.insert(tx, maker, model(ModelKind.GRADIENT_BOOSTED)));
            ModelGovernanceService governance = new ModelGovernanceService(db, models, audit, clock);
            governance.requestPromotion(maker, scorecard, "First scorecard of the book");
            governance.requestPromotion(maker, boosted, "Out-of-time AUC higher on the last three months");
        });
    }

    private static ModelRepository.NewModel model(ModelKind kind) {
        return new ModelRepository.NewModel(kind + " model", kind, List.of("UTIL_NOW"), null, null, null, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 1),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 1));
    }

    @AfterEach
    void close() throws Exception {
        console.close();
    }

    @Test
    void aSecondManagerApprovesAnotherManagersRequestFromTheComparisonDialog(FxRobot robot) throws Exception {
        TestConsole.signIn(robot, "manager", "#nav-models", 10);
        robot.clickOn("#nav-models");
        TestConsole.waitUntilVisible(robot, "#models-requests", 10);
        @SuppressWarnings("unchecked")
        TableView<PromotionRequest> requests = robot.lookup("#models-requests").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> requests.getItems().size() == 2);
        assertEquals(2, robot.lookup("#models-table").queryAs(TableView.class).getItems().size());
        Label fileSeat = robot.lookup("#models-champion-file").queryAs(Label.class);
        assertEquals("#" + scorecard + " Scorecard", fileSeat.getText());
        assertTrue(robot.lookup("#models-approve").queryButton().isDisabled(), "nothing selected, nothing to approve");

        robot.interact(() -> requests.getSelectionModel().clearAndSelect(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#models-approve").queryButton().isDisabled(), "another manager's waiting request");
        robot.clickOn("#models-approve");
        TestConsole.waitUntilVisible(robot, "#models-approve-dialog", 10);
        assertEquals("Out-of-time AUC higher on the last three months", robot.lookup("#models-approve-reason").queryAs(Label.class).getText());
        robot.clickOn("#models-approve-ok");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fileSeat.getText().equals("#" + boosted + " Boosted trees"));
        assertTrue(robot.lookup("#models-approve-dialog").tryQuery().isEmpty(), "the dialog closes once the change is made");
        assertEquals(ModelStatus.CHAMPION, console.services.models().load(boosted).status());
        assertEquals(ModelStatus.RETIRED, console.services.models().load(scorecard).status());
        assertEquals(PromotionStatus.APPROVED, requests.getItems().get(0).status());
        assertEquals("Request #" + requests.getItems().get(0).id() + " approved: model #" + boosted + " is the champion.",
                robot.lookup("#models-message").queryAs(Label.class).getText());
    }
}
