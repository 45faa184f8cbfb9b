package dev.riskdesk.ui.backup;

import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.FxProgress;
import dev.riskdesk.ui.common.I18n;
import java.io.File;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Backup screen: write a backup of the open database to a new file; restore a backup into a new
 * database. One runs at a time, with progress and a Cancel button; the result or the error is shown below.
 */
public final class BackupView {
    private final BackupViewModel model;
    private final I18n i18n;
    private final ObjectProperty<FxProgress> progress = new SimpleObjectProperty<>();

    public BackupView(BackupViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
    }

    public Parent build() {
        Label hint = Controls.text(i18n, "backup.hint");
        hint.setWrapText(true);
        hint.getStyleClass().add("text-muted");

        TextField backupFile = field("backup-file", model.backupFileProperty());
        Button browseBackup = Controls.button(i18n, "backup-browse", "backup.browse", "mdi2f-folder-open-outline");
        browseBackup.setOnAction(e -> choose(model.backupFileProperty(), true, browseBackup));
        Button backUp = Controls.button(i18n, "backup-run", "backup.run", "mdi2c-content-save-outline");
        backUp.getStyleClass().add("accent");
        backUp.disableProperty().bind(model.canBackUp().not());
        backUp.setOnAction(e -> model.backUp(newProgress()));
        GridPane backupForm = form();
        Label backupLabel = Controls.text(i18n, "backup.file");
        backupForm.addRow(0, backupLabel, backupFile, browseBackup);
        CheckBox encrypt = new CheckBox();
        encrypt.setId("backup-encrypt");
        encrypt.textProperty().bind(i18n.text(model.databaseEncrypted() ? "backup.encryptForced" : "backup.encrypt"));
        encrypt.selectedProperty().bindBidirectional(model.encryptProperty());
        encrypt.setDisable(model.databaseEncrypted());
        backupForm.add(encrypt, 1, 1, 2, 1);
        Label passwordLabel = Controls.text(i18n, "backup.password");
        PasswordField password = password("backup-password", model.backupPasswordProperty(), "backup.passwordPrompt");
        PasswordField again = password("backup-password-again", model.backupPasswordAgainProperty(), "backup.passwordAgain");
        HBox passwords = new HBox(8, password, again);
        HBox.setHgrow(password, Priority.ALWAYS);
        HBox.setHgrow(again, Priority.ALWAYS);
        backupForm.addRow(2, passwordLabel, passwords);
        for (javafx.scene.Node n : List.of(passwordLabel, passwords)) {
            n.visibleProperty().bind(model.encryptProperty());
            n.managedProperty().bind(model.encryptProperty());
        }

        TextField restoreFrom = field("restore-from", model.restoreFromProperty());
        Button browseFrom = Controls.button(i18n, "restore-browse", "backup.browse", "mdi2f-folder-open-outline");
        browseFrom.setOnAction(e -> choose(model.restoreFromProperty(), false, browseFrom));
        TextField restoreInto = field("restore-into", model.restoreIntoProperty());
        Button restore = Controls.button(i18n, "restore-run", "backup.restore.run", "mdi2b-backup-restore");
        restore.disableProperty().bind(model.canRestore().not());
        restore.setOnAction(e -> model.restore(newProgress()));
        GridPane restoreForm = form();
        Label fromLabel = Controls.text(i18n, "backup.restore.from");
        Label intoLabel = Controls.text(i18n, "backup.restore.into");
        restoreForm.addRow(0, fromLabel, restoreFrom, browseFrom);
        restoreForm.addRow(1, intoLabel, restoreInto);
        Label restorePasswordLabel = Controls.text(i18n, "backup.password");
        restoreForm.addRow(2, restorePasswordLabel, password("restore-password", model.restorePasswordProperty(), "backup.restore.passwordPrompt"));
        alignLabels(List.of(backupForm, restoreForm), List.of(backupLabel, fromLabel, intoLabel, passwordLabel, restorePasswordLabel));
        Label restoreHint = Controls.text(i18n, "backup.restore.hint");
        restoreHint.setWrapText(true);
        restoreHint.getStyleClass().add("text-muted");

        ProgressBar bar = new ProgressBar();
        bar.setId("backup-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        progress.addListener((obs, old, now) -> {
            bar.progressProperty().unbind();
            if (now != null) {
                bar.progressProperty().bind(now.fractionProperty());
            }
        });
        Label running = Controls.text(i18n, "backup.running");
        Button cancel = Controls.button(i18n, "backup-cancel", "common.cancel", "mdi2c-close");
        cancel.setOnAction(e -> model.cancel());
        HBox busy = new HBox(8, running, bar, cancel);
        busy.setAlignment(Pos.CENTER_LEFT);
        busy.visibleProperty().bind(model.runningProperty());
        busy.managedProperty().bind(busy.visibleProperty());

        Label message = new Label();
        message.setId("backup-message");
        message.setWrapText(true);
        message.textProperty().bind(i18n.render(model.messageProperty()));
        message.visibleProperty().bind(Bindings.isNotNull(model.messageProperty()));
        message.managedProperty().bind(message.visibleProperty());
        Label error = Controls.errorLabel(i18n, "backup-error", model.errorProperty());
        error.setWrapText(true);

        VBox page = new VBox(12, hint, card("backup.title", backupForm, backUp), card("backup.restore.title", restoreForm, restoreHint, restore),
                busy, message, error);
        page.getStyleClass().add("screen");
        page.setId("backup");
        return page;
    }

    private FxProgress newProgress() {
        FxProgress shown = new FxProgress();
        progress.set(shown);
        return shown;
    }

    private static TextField field(String id, StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(value);
        field.setPrefColumnCount(40);
        GridPane.setHgrow(field, Priority.ALWAYS);
        return field;
    }

    private PasswordField password(String id, StringProperty value, String promptKey) {
        PasswordField field = new PasswordField();
        field.setId(id);
        field.textProperty().bindBidirectional(value);
        field.promptTextProperty().bind(i18n.text(promptKey));
        field.setPrefColumnCount(18);
        GridPane.setHgrow(field, Priority.ALWAYS);
        return field;
    }

    private static GridPane form() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.getColumnConstraints().add(new ColumnConstraints());
        return grid;
    }

    /**
     * The forms' label columns as wide as their widest label, so the fields of both cards start at one
     * edge; measured once the labels have their style, and again when the language changes them.
     */
    private static void alignLabels(List<GridPane> forms, List<Label> labels) {
        Runnable align = () -> Platform.runLater(() -> {
            double widest = labels.stream().mapToDouble(l -> l.prefWidth(-1)).max().orElse(0);
            forms.forEach(f -> f.getColumnConstraints().get(0).setMinWidth(widest));
        });
        // measured once laid out with their style (and again when the language changes them)
        labels.forEach(l -> l.widthProperty().addListener((obs, old, now) -> align.run()));
        labels.forEach(l -> l.textProperty().addListener((obs, old, now) -> align.run()));
    }

    private VBox card(String titleKey, javafx.scene.Node... body) {
        Label title = Controls.text(i18n, titleKey);
        title.getStyleClass().add("card-title");
        VBox card = new VBox(8, title);
        card.getChildren().addAll(body);
        card.getStyleClass().add("panel");
        return card;
    }

    private void choose(StringProperty target, boolean save, Button owner) {
        FileChooser chooser = new FileChooser();
        chooser.titleProperty().bind(i18n.text(save ? "backup.file" : "backup.restore.from"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("RiskDesk backup (*.sql.gz)", "*.sql.gz"));
        File chosen = save ? chooser.showSaveDialog(owner.getScene().getWindow()) : chooser.showOpenDialog(owner.getScene().getWindow());
        if (chosen != null) {
            target.set(chosen.getAbsolutePath());
        }
    }
}
