package dev.riskdesk.ui.lock;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestServices;
import dev.riskdesk.common.Messages;
import dev.riskdesk.ui.common.Dialogs;
import dev.riskdesk.ui.common.I18n;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
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

/**
 * The idle lock with a modal dialog open: the dialog's content is hidden and cannot be used, the password is asked in a
 * lock window above everything, and after the unlock the dialog is back with what was typed in it.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class IdleLockUiTest {
    @TempDir
    Path dir;
    TestServices t;
    IdleLockViewModel model;
    Stage main;

    @Start
    void start(Stage stage) {
        t = TestServices.fresh(dir);
        main = stage;
        // a long idle time: the test locks by hand, so nothing depends on timing
        model = new IdleLockViewModel(t.services.operators(), t.login("manager"), t.services.tasks(), Duration.ofMinutes(30), () -> { });
        Label screen = new Label("the screen");
        screen.setId("screen");
        stage.setScene(new Scene(new IdleLockOverlay(model, new I18n(Messages.ENGLISH)).wrap(new StackPane(screen)), 900, 600));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        t.close();
    }

    @Test
    void aModalDialogIsCoveredWhileLockedAndComesBackWithItsInput(FxRobot robot) throws Exception {
        robot.interact(() -> {
            Dialog<ButtonType> dialog = new Dialog<>();
            TextField note = new TextField();
            note.setId("dialogNote");
            dialog.getDialogPane().setContent(note);
            dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
            dialog.getDialogPane().setId("openDialog");
            Dialogs.prepare(dialog, main);
            dialog.show(); // modal: while it is open the main window takes no input
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#dialogNote").tryQuery().isPresent());
        robot.clickOn("#dialogNote").write("called");
        Node dialogPane = robot.lookup("#openDialog").query();
        Window dialogWindow = dialogPane.getScene().getWindow();

        robot.interact(model::lock);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#lockWindow").tryQuery().isPresent());
        assertTrue(dialogWindow.isShowing(), "the dialog is not cancelled");
        assertFalse(dialogPane.isVisible(), "nothing of the dialog can be read while locked");
        Node lock = robot.lookup("#lockWindow").query();
        assertNotSame(dialogWindow, lock.getScene().getWindow());
        assertNotSame(main, lock.getScene().getWindow());

        // the password goes into the lock window, above the modal dialog
        robot.clickOn(robot.from(lock).lookup("#lockPassword").queryAs(Node.class)).write("manager123").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.lockedProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#lockWindow").tryQuery().isEmpty(), "the lock window is gone");
        assertTrue(dialogWindow.isShowing());
        assertTrue(dialogPane.isVisible());
        assertEquals("called", robot.lookup("#dialogNote").queryAs(TextField.class).getText());
        assertEquals(1, t.db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("UNLOCK").and(AUDIT_EVENT.OPERATOR_NAME.eq("manager"))));

        robot.clickOn("#dialogNote").type(KeyCode.END).write(" ok");
        assertEquals("called ok", robot.lookup("#dialogNote").queryAs(TextField.class).getText(),
                "the dialog takes input again");
    }
}
