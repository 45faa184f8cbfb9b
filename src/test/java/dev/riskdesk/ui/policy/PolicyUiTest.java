package dev.riskdesk.ui.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestConsole;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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

/** The Policy screen as a manager meets it: the active version, a new draft edited in the form within its limits, saved and compared. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class PolicyUiTest {
    @TempDir
    Path dir;
    TestConsole console;

    @Start
    void start(Stage stage) {
        console = TestConsole.atLogin(stage, dir.resolve("db"), db -> { });
    }

    @AfterEach
    void close() throws Exception {
        console.close();
    }

    @Test
    void aManagerDraftsEditsAFieldWithinItsLimitsSavesAndSeesTheChange(FxRobot robot) throws Exception {
        TestConsole.signIn(robot, "manager", "#nav-policy", 10);
        robot.clickOn("#nav-policy");
        TestConsole.waitUntilVisible(robot, "#policy-versions", 10);
        TableView<?> versions = robot.lookup("#policy-versions").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> versions.getItems().size() == 1);
        TestConsole.waitUntilVisible(robot, "#policy-field-incomeMultiple-value", 10);
        assertEquals("× 1.5", robot.lookup("#policy-field-incomeMultiple-value").queryAs(Label.class).getText());
        assertEquals("¥200,000", robot.lookup("#policy-field-scoreBands-A-ceiling-value").queryAs(Label.class).getText());
        assertEquals("Age, Gender, Marital status", robot.lookup("#policy-field-protectedAttributes-value").queryAs(Label.class).getText());

        robot.clickOn("#policy-draft");
        TestConsole.waitUntilVisible(robot, "#policy-field-incomeMultiple", 10);
        TextField multiple = robot.lookup("#policy-field-incomeMultiple").queryAs(TextField.class);
        robot.interact(() -> multiple.setText("25"));
        assertTrue(robot.lookup("#policy-save").queryButton().isDisabled(), "a value outside 0 to 20 is not saved");
        assertTrue(robot.lookup((javafx.scene.Node n) -> n instanceof Label l && l.getText() != null
                && l.getText().equals("Income multiple must be between 0 and 20, not 25.")).tryQuery().isPresent());
        robot.interact(() -> multiple.setText("2"));
        assertFalse(robot.lookup("#policy-save").queryButton().isDisabled());
        CheckBox occupation = robot.lookup("#policy-field-protectedAttributes-OCCUPATION").queryAs(CheckBox.class);
        assertEquals("Occupation", occupation.getText(), "a protected attribute is ticked by its name, not typed as a code");
        assertFalse(occupation.isSelected());
        assertTrue(robot.lookup("#policy-field-protectedAttributes-AGE").queryAs(CheckBox.class).isSelected());
        robot.interact(() -> occupation.setSelected(true));
        robot.clickOn("#policy-save");
        TestConsole.waitUntilVisible(robot, "#policy-message", 10);
        assertEquals("Draft 2 saved.", robot.lookup("#policy-message").queryAs(Label.class).getText());

        robot.clickOn("#policy-tab-diff");
        TableView<?> changes = robot.lookup("#policy-diff-parameters").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> changes.getItems().size() == 2);
        assertFalse(robot.lookup("#policy-submit").queryButton().isDisabled());
        assertTrue(robot.lookup("#policy-approve").queryButton().isDisabled(), "the maker never approves their own draft");
    }
}
