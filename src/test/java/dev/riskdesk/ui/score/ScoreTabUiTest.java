package dev.riskdesk.ui.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.app.TestConsole;
import dev.riskdesk.common.Messages;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.scoring.SyntheticBooks;
import dev.riskdesk.scoring.batch.ScoreRunService;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.scoring.model.TrainingService;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.security.PasswordHasher;
import dev.riskdesk.security.TestOperators;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.score.ScoreView;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The profile's Score tab on a small trained book: the breakdown adds up to the score. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ScoreTabUiTest {
    @TempDir
    static Path dir;
    AppServices services;
    TestConsole console;

    /** The trained, scored book is made once and outside the TestFX start (which has a time limit). */
    @BeforeAll
    static void trainAndScore() {
        Clock clock = Clock.system(AppServices.BUSINESS_ZONE);
        try (Database db = TestDatabases.fresh(dir)) {
            SyntheticBooks.fill(db, 800, 20, 11);
            AuditLog audit = new AuditLog(clock);
            // the demo operators first: the console's login signs in as the demo risk operator, and they are made only on a
            // database without operators (TestOperators adds its own below)
            new OperatorService(db, new PasswordHasher(4), audit, clock).createDemoOperatorsIfEmpty();
            ModelRepository models = new ModelRepository(db, clock);
            TrainingService.Report report = new TrainingService(db, models, audit)
                    .train(TestOperators.manager(db), TrainingService.Options.defaults(), Progress.NONE);
            new dev.riskdesk.scoring.governance.ModelGovernanceService(db, models, audit, clock).requestPromotion(TestOperators.manager(db), report.scorecardId(),
                    "test champion");
            new ScoreRunService(db, models, audit, clock).scoreAll(TestOperators.batch(db), 2000, Progress.NONE);
        }
    }

    @Start
    void start(Stage stage) {
        console = TestConsole.atLogin(stage, dir, book -> { });
        services = console.services;
    }

    @AfterEach
    void close() throws Exception {
        console.close();
    }

    private static void waitUntil(FxRobot robot, String query) throws Exception {
        TestConsole.waitUntilVisible(robot, query, 20);
    }

    @Test
    void theScoreTabShowsEveryCharacteristicsPointsAndTheyAddUpToTheScore(FxRobot robot) throws Exception {
        TestConsole.signIn(robot, "risk", "#nav-profiles", 20);
        robot.clickOn("#nav-profiles");
        waitUntil(robot, "#profiles-table");
        TableView<?> profiles = robot.lookup("#profiles-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !profiles.getItems().isEmpty());
        robot.interact(() -> profiles.getSelectionModel().select(0));
        robot.clickOn("#profiles-open");
        waitUntil(robot, "#profile-tabs");
        TabPane tabs = robot.lookup("#profile-tabs").queryAs(TabPane.class);
        Tab score = tabs.getTabs().stream().filter(t -> "profile-tab-score".equals(t.getId())).findFirst().orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(score));
        waitUntil(robot, "#score-breakdown-table");

        @SuppressWarnings("unchecked")
        TableView<ScoreView.Line> table = robot.lookup("#score-breakdown-table").queryAs(TableView.class);
        List<ScoreView.Line> lines = table.getItems();
        String value = robot.lookup("#score-value").queryAs(Label.class).getText(); // "612 · band C"
        int shown = Integer.parseInt(value.substring(0, value.indexOf(' ')));
        int sum = lines.stream().filter(l -> !l.total()).mapToInt(ScoreView.Line::points).sum();
        assertTrue(lines.size() > 5, "one line per characteristic");
        assertEquals(shown, sum, "the points shown add up to the score");
        assertEquals(shown, lines.get(lines.size() - 1).points(), "the total line is the score");
        assertEquals("The points add up to " + shown + ", the score is " + shown + ".", robot.lookup("#score-points-total").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#score-sub-credit").tryQuery().isPresent() && robot.lookup("#score-sub-security").tryQuery().isPresent());
        // each sub-score is explained by its inputs
        assertTrue(robot.lookup("#score-sub-capacity-inputs").queryAs(Label.class).getText().contains("Income band"));
        assertTrue(robot.lookup("#score-sub-security-inputs").queryAs(Label.class).getText().startsWith("100 · "));
        assertFalse(robot.lookup("#score-reasons").queryAs(VBox.class).getChildren().isEmpty());
        assertFalse(robot.lookup("#score-hint").queryAs(Label.class).getText().isBlank());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#score-points-chart").queryAs(Pane.class).getChildren().stream().anyMatch(n -> n instanceof ImageView)
                        && robot.lookup("#score-history-chart").queryAs(Pane.class).getChildren().stream().anyMatch(n -> n instanceof ImageView));
    }
}
