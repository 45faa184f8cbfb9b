package dev.riskdesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Messages;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.ui.common.I18n;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.DialogPane;
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
import org.testfx.util.WaitForAsyncUtils;

/** A console that cannot open its database says why in one sentence, in the operator's language, with no stack trace. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class StartupErrorUiTest {
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        // the dialog needs no window of its own
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private UserFacingException openingAFileThatIsNotADatabase() throws Exception {
        Path file = dir.resolve("notes.mv.db");
        Files.writeString(file, "shopping list", StandardCharsets.UTF_8);
        return assertThrows(UserFacingException.class, () -> Database.open(DatabaseLocation.ofPath(dir.resolve("notes"))));
    }

    private String shownSentence(FxRobot robot, Throwable error, I18n i18n) throws Exception {
        robot.interact(() -> RiskDeskApplication.startupErrorDialog(error, i18n).show());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#startupError").tryQuery().filter(Node::isVisible).isPresent());
        DialogPane pane = robot.lookup("#startupError").queryAs(DialogPane.class);
        String text = pane.getContentText();
        robot.interact(() -> ((Stage) pane.getScene().getWindow()).close());
        return text;
    }

    @Test
    void aFileThatIsNotADatabaseIsOneSentenceInEnglishAndChinese(FxRobot robot) throws Exception {
        UserFacingException error = openingAFileThatIsNotADatabase();
        String english = shownSentence(robot, error, new I18n(Messages.ENGLISH));
        assertTrue(english.startsWith("The file ") && english.endsWith("is not a RiskDesk (H2) database; nothing was changed."), english);
        assertTrue(english.contains("notes.mv.db"), english);

        String chinese = shownSentence(robot, error, new I18n(Messages.CHINESE));
        assertTrue(chinese.contains("不是 RiskDesk(H2)数据库"), chinese);
        assertTrue(chinese.contains("notes.mv.db"), chinese);
        assertFalse(chinese.contains("is not"), chinese);
        // the file was left as it was
        assertEquals("shopping list", Files.readString(dir.resolve("notes.mv.db"), StandardCharsets.UTF_8));
    }

    @Test
    void anUnexpectedFailureNamesItsKindButShowsNoStackTrace(FxRobot robot) throws Exception {
        String text = shownSentence(robot, new IllegalStateException("boom at dev.riskdesk.X.y(X.java:1)"), new I18n(Messages.ENGLISH));
        assertTrue(text.contains("IllegalStateException"), text);
        assertFalse(text.contains("boom") || text.contains("X.java"), text);
    }

    @Test
    void theDialogIsAnErrorWithTheConsoleTitle(FxRobot robot) throws Exception {
        I18n i18n = new I18n(Messages.ENGLISH);
        Alert[] alert = new Alert[1];
        robot.interact(() -> alert[0] = RiskDeskApplication.startupErrorDialog(new UserFacingException("x"), i18n));
        assertEquals(Alert.AlertType.ERROR, alert[0].getAlertType());
        assertEquals(i18n.get("common.appTitle"), alert[0].getTitle());
        assertEquals(i18n.get("shell.startup.error.header"), alert[0].getHeaderText());
    }
}
