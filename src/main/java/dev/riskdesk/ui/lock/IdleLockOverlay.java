package dev.riskdesk.ui.lock;

import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.I18n;
import javafx.animation.PauseTransition;
import javafx.event.EventHandler;
import javafx.geometry.Pos;
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
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Puts the idle lock over the main window: any key, mouse or scroll input restarts the idle timer; when
 * it runs out, the screen behind is blurred and disabled (kept as it was) and a card asks the password.
 */
public final class IdleLockOverlay {
    private final IdleLockViewModel model;
    private final I18n i18n;

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
        idle.setOnFinished(e -> model.lock());
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
            if (!model.lockedProperty().get()) {
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
        model.lockedProperty().addListener((obs, was, locked) -> {
            main.setDisable(locked);
            main.setEffect(locked ? new GaussianBlur(24) : null);
            if (locked) {
                idle.stop();
                focusPassword(card);
            } else {
                idle.playFromStart();
            }
        });
        return root;
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
        signOut.setOnAction(e -> model.signOut());
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
        Node field = scene == null ? null : scene.lookup("#lockPassword");
        if (field != null) {
            javafx.application.Platform.runLater(field::requestFocus);
        }
    }
}
