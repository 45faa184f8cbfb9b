package dev.riskdesk.ui.common;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * A window for long work at start-up: a heading, the worker's message, a bar with percent and
 * an optional Cancel button.
 */
public final class ProgressWindow {
    private final Stage stage;
    private final FxProgress progress;
    private final Button cancel;

    public ProgressWindow(Stage stage, I18n i18n, String titleKey, String headingKey, FxProgress progress, Runnable onCancel) {
        this.stage = stage;
        this.progress = progress;

        Label heading = new Label();
        heading.textProperty().bind(i18n.text(headingKey));
        heading.getStyleClass().add("title-4");
        heading.setWrapText(true);
        heading.setMinHeight(Region.USE_PREF_SIZE);

        Label message = new Label();
        message.setId("progressMessage");
        message.textProperty().bind(progress.messageProperty());
        message.getStyleClass().add("text-muted");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);

        ProgressBar bar = new ProgressBar();
        bar.setId("progressBar");
        bar.progressProperty().bind(progress.fractionProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);

        Label percent = new Label();
        percent.setId("progressPercent");
        percent.getStyleClass().add("progress-percent");
        percent.textProperty().bind(Bindings.createStringBinding(() -> {
            double f = progress.fractionProperty().get();
            return f < 0 ? "" : i18n.formats().percent(f);
        }, progress.fractionProperty(), i18n.messagesProperty()));

        HBox barRow = new HBox(10, bar, percent);
        barRow.setAlignment(Pos.CENTER_LEFT);

        cancel = new Button();
        cancel.setId("progressCancel");
        cancel.textProperty().bind(i18n.text("common.cancel"));
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> {
            cancel.setDisable(true);
            progress.cancel();
            if (onCancel != null) {
                onCancel.run();
            }
        });
        cancel.setVisible(onCancel != null);
        cancel.setManaged(onCancel != null);
        HBox buttons = new HBox(cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox root = new VBox(14, heading, message, barRow, buttons);
        root.getStyleClass().add("progress-window");
        root.setPrefWidth(480);

        stage.titleProperty().bind(i18n.text(titleKey));
        stage.setScene(Theme.style(new Scene(root)));
        stage.setResizable(false);
        // Closing the window means the same as Cancel; without Cancel, it quits the console.
        stage.setOnCloseRequest(e -> {
            e.consume();
            if (onCancel != null) {
                cancel.fire();
            } else {
                javafx.application.Platform.exit();
            }
        });
    }

    public FxProgress progress() {
        return progress;
    }

    public void show() {
        stage.show();
        stage.centerOnScreen();
    }

    public void close() {
        stage.close();
    }
}
