package dev.riskdesk.ui.common;

import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogEvent;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * How every dialog of the console behaves: owned by the window it was opened from and centred on
 * it (on the owner's screen), sized to its content, resizable, styled with the console's theme;
 * Ctrl+Enter presses OK (from a text area too), Esc presses Cancel. Once on screen its size no
 * longer follows its content, so OK stays where it is while the operator types; the operator may
 * still resize it.
 */
public final class Dialogs {
    private Dialogs() {
    }

    /** Sets {@code dialog} up as described above; call before it is shown. */
    public static <T> Dialog<T> prepare(Dialog<T> dialog, Window owner) {
        if (owner != null && dialog.getOwner() == null) {
            dialog.initOwner(owner);
        }
        dialog.setResizable(true);
        DialogPane pane = dialog.getDialogPane();
        Theme.style(pane.getScene());
        pane.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                Button ok = button(pane, ButtonBar.ButtonData.OK_DONE);
                if (ok != null && !ok.isDisabled()) {
                    e.consume();
                    ok.fire();
                }
            } else if (e.getCode() == KeyCode.ESCAPE) {
                Button cancel = button(pane, ButtonBar.ButtonData.CANCEL_CLOSE);
                Button only = pane.getButtonTypes().size() == 1 ? (Button) pane.lookupButton(pane.getButtonTypes().get(0)) : null;
                Button close = cancel != null ? cancel : only;
                if (close != null) {
                    e.consume();
                    close.fire();
                }
            }
        });
        dialog.addEventHandler(DialogEvent.DIALOG_SHOWN, e -> {
            Window window = pane.getScene().getWindow();
            centre(window, dialog.getOwner());
            // from now on the operator decides the size: a message appearing or a field growing does
            // not move OK from under the pointer (once laid out, the pane's size is its content's)
            Platform.runLater(() -> {
                if (pane.getWidth() > 0 && pane.getHeight() > 0) {
                    pane.setPrefSize(pane.getWidth(), pane.getHeight());
                }
            });
        });
        return dialog;
    }

    /** Centres {@code window} on {@code owner}, kept inside the owner's screen; on the primary screen without an owner. */
    public static void centre(Window window, Window owner) {
        Rectangle2D screen = owner == null ? Screen.getPrimary().getVisualBounds()
                : Screen.getScreensForRectangle(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight()).stream().findFirst()
                        .orElse(Screen.getPrimary()).getVisualBounds();
        double cx = owner == null ? screen.getMinX() + screen.getWidth() / 2 : owner.getX() + owner.getWidth() / 2;
        double cy = owner == null ? screen.getMinY() + screen.getHeight() / 2 : owner.getY() + owner.getHeight() / 2;
        double w = window.getWidth() > 0 ? Math.min(window.getWidth(), screen.getWidth()) : 0;
        double h = window.getHeight() > 0 ? Math.min(window.getHeight(), screen.getHeight()) : 0;
        if (w > 0 && w < window.getWidth()) {
            window.setWidth(w);
        }
        if (h > 0 && h < window.getHeight()) {
            window.setHeight(h);
        }
        window.setX(Math.max(screen.getMinX(), Math.min(cx - w / 2, screen.getMaxX() - w)));
        window.setY(Math.max(screen.getMinY(), Math.min(cy - h / 2, screen.getMaxY() - h)));
    }

    private static Button button(DialogPane pane, ButtonBar.ButtonData data) {
        for (ButtonType type : pane.getButtonTypes()) {
            Node node = pane.lookupButton(type);
            if (type.getButtonData() == data && node instanceof Button button) {
                return button;
            }
        }
        return null;
    }
}
