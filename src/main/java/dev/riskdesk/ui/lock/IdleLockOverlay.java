package dev.riskdesk.ui.lock;

import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.I18n;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.event.EventHandler;
import javafx.geometry.Pos;
import javafx.scene.CacheHint;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.effect.GaussianBlur;
import javafx.scene.input.InputEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Puts the idle lock over the main window: any key, mouse or scroll input, in the main window or in a dialog it
 * opened, restarts the idle timer; when it runs out, the screen behind is blurred and disabled (kept as it was) and a
 * card asks the password.
 *
 * <p>Dialogs open at that moment are covered too: their content is hidden (a blank window, nothing readable) and a
 * modal lock window with the same card goes over everything, because a modal dialog would otherwise keep the main
 * window's card from taking input and stay usable itself. After the unlock the dialogs come back as they were, with
 * everything typed in them; nothing is cancelled.
 */
public final class IdleLockOverlay {
    private final IdleLockViewModel model;
    private final I18n i18n;
    /** The dialogs covered by the lock, and the lock window over them (null when none was open). */
    private final List<Window> covered = new ArrayList<>();
    private Stage lockWindow;

    public IdleLockOverlay(IdleLockViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
    }

    /** The main window's content under the lock. */
    public Parent wrap(Parent main) {
        VBox card = card();
        StackPane overlay = new StackPane(card);
        overlay.getStyleClass().add("lock-overlay");
        overlay.setId("lockOverlay");
        overlay.visibleProperty().bind(model.lockedProperty());
        StackPane root = new StackPane(main, overlay);

        PauseTransition idle = new PauseTransition(Duration.millis(model.idleTime().toMillis()));
        // a console signed out (its window shows another scene) never locks again: its timer and window listener end
        java.util.function.BooleanSupplier attached = () -> root.getScene() != null && root.getScene().getWindow() != null;
        idle.setOnFinished(e -> {
            if (attached.getAsBoolean()) {
                model.lock();
            }
        });
        double[] pointer = {Double.NaN, Double.NaN};
        EventHandler<InputEvent> activity = e -> {
            if (e instanceof MouseEvent mouse && (mouse.getEventType() == MouseEvent.MOUSE_MOVED || mouse.getEventType() == MouseEvent.MOUSE_ENTERED
                    || mouse.getEventType() == MouseEvent.MOUSE_EXITED || mouse.getEventType() == MouseEvent.MOUSE_ENTERED_TARGET
                    || mouse.getEventType() == MouseEvent.MOUSE_EXITED_TARGET)) {
                // JavaFX repeats the last mouse move whenever the scene changes under a still pointer (a
                // spinner, a refreshed table): only a pointer that really moved is activity
                if (mouse.getScreenX() == pointer[0] && mouse.getScreenY() == pointer[1]) {
                    return;
                }
                pointer[0] = mouse.getScreenX();
                pointer[1] = mouse.getScreenY();
            }
            if (!model.lockedProperty().get() && attached.getAsBoolean()) {
                idle.playFromStart();
            }
        };
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removeEventFilter(InputEvent.ANY, activity);
            }
            if (scene != null) {
                scene.addEventFilter(InputEvent.ANY, activity);
                idle.playFromStart();
            } else {
                idle.stop();
            }
        });
        // typing in a dialog is activity too: every window the console opens reports its input to the same timer
        Window.getWindows().addListener(new ListChangeListener<Window>() {
            @Override
            public void onChanged(Change<? extends Window> change) {
                if (!attached.getAsBoolean()) {
                    idle.stop();
                    Window.getWindows().removeListener(this);
                    return;
                }
                windowsAdded(change, activity);
            }
        });
        model.lockedProperty().addListener((obs, was, locked) -> {
            main.setDisable(locked);
            main.setEffect(locked ? new GaussianBlur(24) : null);
            // the blurred screen as one bitmap: without it every keystroke in the password field blurs the whole
            // screen again, which takes seconds a character where JavaFX renders in software
            main.setCacheHint(CacheHint.QUALITY);
            main.setCache(locked);
            if (locked) {
                idle.stop();
                coverDialogs(root);
                focusPassword(lockWindow != null ? lockWindow.getScene().getRoot() : card);
            } else {
                uncoverDialogs();
                idle.playFromStart();
            }
        });
        return root;
    }

    private void windowsAdded(ListChangeListener.Change<? extends Window> change, EventHandler<InputEvent> activity) {
        while (change.next()) {
            for (Window window : change.getAddedSubList()) {
                if (window.getScene() != null && window != lockWindow) {
                    window.getScene().addEventFilter(InputEvent.ANY, activity);
                }
            }
        }
    }

    /** Hides the content of every other window of the console and puts a modal lock window with the card over all of them. */
    private void coverDialogs(Parent root) {
        Window mainWindow = root.getScene() == null ? null : root.getScene().getWindow();
        for (Window window : List.copyOf(Window.getWindows())) {
            if (window != mainWindow && window.isShowing() && window.getScene() != null && window.getScene().getRoot() != null) {
                window.getScene().getRoot().setVisible(false);
                covered.add(window);
            }
        }
        if (covered.isEmpty() || mainWindow == null) {
            return;
        }
        StackPane pane = new StackPane(card());
        pane.getStyleClass().add("lock-overlay");
        pane.setId("lockWindow");
        lockWindow = new Stage(StageStyle.UNDECORATED);
        lockWindow.initOwner(mainWindow);
        lockWindow.initModality(Modality.APPLICATION_MODAL);
        Scene scene = new Scene(pane);
        scene.getStylesheets().setAll(root.getScene().getStylesheets());
        lockWindow.setScene(scene);
        lockWindow.setOnCloseRequest(javafx.event.Event::consume); // only the password (or signing out) ends the lock
        lockWindow.show();
        lockWindow.setX(mainWindow.getX() + (mainWindow.getWidth() - lockWindow.getWidth()) / 2);
        lockWindow.setY(mainWindow.getY() + (mainWindow.getHeight() - lockWindow.getHeight()) / 2);
    }

    private void closeDialogs() {
        List.copyOf(covered).forEach(Window::hide);
        uncoverDialogs();
    }

    private void uncoverDialogs() {
        if (lockWindow != null) {
            lockWindow.hide();
            lockWindow = null;
        }
        for (Window window : covered) {
            if (window.getScene() != null && window.getScene().getRoot() != null) {
                window.getScene().getRoot().setVisible(true);
            }
        }
        covered.clear();
    }

    private VBox card() {
        FontIcon icon = new FontIcon("mdi2l-lock-outline");
        icon.getStyleClass().add("login-logo");
        Label title = Controls.text(i18n, "shell.lock.title");
        title.getStyleClass().add("title-3");
        Label body = new Label();
        body.textProperty().bind(i18n.bind(() -> i18n.format("shell.lock.body", model.idleTime().toMinutes() == 0 ? 1 : model.idleTime().toMinutes(),
                model.session().displayName() + " (" + model.session().username() + ")")));
        body.setWrapText(true);
        PasswordField password = new PasswordField();
        password.setId("lockPassword");
        password.textProperty().bindBidirectional(model.passwordProperty());
        Label passwordLabel = Controls.text(i18n, "shell.lock.password");
        passwordLabel.setLabelFor(password);
        Label error = Controls.errorLabel(i18n, "lockError", model.errorProperty());
        error.setWrapText(true);
        Button unlock = Controls.button(i18n, "lockUnlock", "shell.lock.unlock", "mdi2l-lock-open-outline");
        unlock.getStyleClass().add("accent");
        unlock.setDefaultButton(true);
        unlock.disableProperty().bind(model.busyProperty());
        unlock.setOnAction(e -> model.unlock());
        password.setOnAction(e -> model.unlock());
        Button signOut = Controls.button(i18n, "lockSignOut", "shell.lock.signOut", "mdi2l-logout");
        signOut.getStyleClass().add("button-outlined");
        signOut.setOnAction(e -> {
            closeDialogs(); // signing out cancels the dialogs the lock covered: nothing of them survives the session
            model.signOut();
        });
        HBox buttons = new HBox(8, signOut, Controls.spacer(), unlock);
        HBox header = new HBox(10, icon, title);
        header.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(10, header, body, passwordLabel, password, error, buttons);
        card.getStyleClass().addAll("login-card", "lock-card");
        card.setMaxSize(420, javafx.scene.layout.Region.USE_PREF_SIZE);
        return card;
    }

    private static void focusPassword(Node card) {
        Scene scene = card.getScene();
        Node field = scene == null ? null : card.lookup("#lockPassword");
        if (field != null) {
            javafx.application.Platform.runLater(field::requestFocus);
        }
    }
}
