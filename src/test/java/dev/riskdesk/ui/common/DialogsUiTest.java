package dev.riskdesk.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The console's dialogs: centred on their owner, resizable, OK in place while typing, Ctrl+Enter submits, Esc cancels. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class DialogsUiTest {
    Stage owner;
    ButtonType ok = new ButtonType("OK", ButtonBar.ButtonData.OK_DONE);
    Label message;

    @Start
    void start(Stage stage) {
        owner = stage;
        message = new Label(); // controls are made once JavaFX runs, not with the test instance
        stage.setScene(new Scene(new StackPane(), 900, 600));
        stage.setX(200);
        stage.setY(100);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    /** Opens a dialog with a text area and a message line; its result arrives in the future when it closes. */
    private CompletableFuture<Optional<ButtonType>> open(FxRobot robot) throws Exception {
        CompletableFuture<Optional<ButtonType>> result = new CompletableFuture<>();
        robot.interact(() -> {
            Dialog<ButtonType> dialog = new Dialog<>();
            dialog.getDialogPane().setId("testDialog");
            dialog.getDialogPane().getButtonTypes().addAll(ok, new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE));
            message.setWrapText(true);
            TextArea text = new TextArea();
            text.setId("testText");
            dialog.getDialogPane().setContent(new VBox(8, text, message));
            Dialogs.prepare(dialog, owner);
            dialog.setOnHidden(e -> result.complete(Optional.ofNullable(dialog.getResult())));
            dialog.show();
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#testDialog").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    private static Window windowOf(FxRobot robot) {
        return robot.lookup("#testDialog").query().getScene().getWindow();
    }

    @Test
    void itOpensCentredOnItsOwnerResizableAndKeepsOkInPlaceWhileItsContentGrows(FxRobot robot) throws Exception {
        open(robot);
        Window window = windowOf(robot);
        assertEquals(owner.getX() + owner.getWidth() / 2, window.getX() + window.getWidth() / 2, 2.0, "centred across");
        assertEquals(owner.getY() + owner.getHeight() / 2, window.getY() + window.getHeight() / 2, 2.0, "centred down");
        assertTrue(((Stage) window).isResizable());
        Node okButton = robot.lookup("#testDialog").queryAs(javafx.scene.control.DialogPane.class).lookupButton(ok);
        Bounds before = okButton.localToScreen(okButton.getBoundsInLocal());
        robot.interact(() -> message.setText("A long refusal that wraps over several lines. ".repeat(12)));
        WaitForAsyncUtils.waitForFxEvents();
        Bounds after = okButton.localToScreen(okButton.getBoundsInLocal());
        assertEquals(before.getMinX(), after.getMinX(), 0.5, "OK stays under the pointer");
        assertEquals(before.getMinY(), after.getMinY(), 0.5, "OK stays under the pointer");
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void ctrlEnterSubmitsFromATextAreaAndEscCancels(FxRobot robot) throws Exception {
        CompletableFuture<Optional<ButtonType>> first = open(robot);
        robot.clickOn("#testText").write("two\nlines");
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
        assertEquals(Optional.of(ok), first.get(5, TimeUnit.SECONDS));

        CompletableFuture<Optional<ButtonType>> second = open(robot);
        robot.type(KeyCode.ESCAPE);
        assertEquals(ButtonBar.ButtonData.CANCEL_CLOSE, second.get(5, TimeUnit.SECONDS).orElseThrow().getButtonData());
    }
}
