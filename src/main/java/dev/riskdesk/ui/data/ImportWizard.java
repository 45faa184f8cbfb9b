package dev.riskdesk.ui.data;

import dev.riskdesk.exchange.BookKind;
import dev.riskdesk.exchange.load.LoadProblem;
import dev.riskdesk.exchange.load.LoadReport;
import dev.riskdesk.ui.common.Combos;
import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.FxProgress;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Tables;
import dev.riskdesk.ui.common.Theme;
import dev.riskdesk.ui.data.ImportWizardModel.Encoding;
import dev.riskdesk.ui.data.ImportWizardModel.FileLine;
import dev.riskdesk.ui.data.ImportWizardModel.Step;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The import wizard's window: the source and options on top, the check's files and problems in the
 * middle, progress with Cancel and the buttons at the bottom. Modal, resizable, centred on the
 * main window; Esc closes it (cancelling what runs), Ctrl+Enter takes the next step.
 */
public final class ImportWizard {
    static final double WIDTH = 1000;
    static final double HEIGHT = 680;

    private final ImportWizardModel model;
    private final I18n i18n;
    private final FxProgress progress = new FxProgress();
    private final Stage stage = new Stage();

    public ImportWizard(ImportWizardModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
    }

    public void show(Window owner) {
        BorderPane root = new BorderPane();
        root.setId("import-wizard");
        root.getStyleClass().add("import-wizard");
        root.setTop(source());
        root.setCenter(results());
        root.setBottom(bottom());
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.titleProperty().bind(i18n.text("data.import.title"));
        Scene scene = Theme.style(new Scene(root, Math.min(WIDTH, owner.getWidth() - 40), Math.min(HEIGHT, owner.getHeight() - 40)));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), this::close);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), this::next);
        stage.setScene(scene);
        stage.setMinWidth(720);
        stage.setMinHeight(480);
        stage.setResizable(true);
        stage.setOnCloseRequest(e -> model.cancel());
        stage.setOnShown(e -> {
            stage.setX(owner.getX() + (owner.getWidth() - stage.getWidth()) / 2);
            stage.setY(owner.getY() + (owner.getHeight() - stage.getHeight()) / 2);
        });
        stage.show();
    }

    private void close() {
        model.cancel();
        stage.close();
    }

    /** Ctrl+Enter: check when a check is possible and not done, else import. */
    private void next() {
        if (model.canImportProperty().get()) {
            model.importBook(progress);
        } else if (model.canCheckProperty().get() && model.stepProperty().get() == Step.CHOOSE) {
            model.check(progress);
        }
    }

    private VBox source() {
        ToggleGroup what = new ToggleGroup();
        RadioButton folder = radio("import-folder", "data.import.folder", what);
        RadioButton file = radio("import-file", "data.import.file", what);
        folder.setSelected(!model.singleFileProperty().get());
        file.setSelected(model.singleFileProperty().get());
        what.selectedToggleProperty().addListener((obs, old, now) -> model.singleFileProperty().set(now == file));

        ComboBox<BookKind> kind = combo("import-kind", FXCollections.observableArrayList(BookKind.values()),
                k -> i18n.get("data.kind." + k.name()));
        kind.valueProperty().bindBidirectional(model.kindProperty());
        kind.disableProperty().bind(model.singleFileProperty().not().or(model.busyProperty()));
        kind.setPromptText(i18n.get("data.import.kindPrompt"));

        TextField path = pathField();
        HBox.setHgrow(path, Priority.ALWAYS);
        Button choose = Controls.button(i18n, "import-choose", "data.import.choose", "mdi2f-folder-open-outline");
        choose.disableProperty().bind(model.busyProperty());
        choose.setOnAction(e -> choose());

        ComboBox<Encoding> encoding = combo("import-encoding", FXCollections.observableArrayList(Encoding.values()),
                e -> i18n.get("data.import.encoding." + e.name()));
        encoding.valueProperty().bindBidirectional(model.encodingProperty());
        encoding.disableProperty().bind(model.busyProperty());

        CheckBox partial = new CheckBox();
        partial.setId("import-accept-partial");
        partial.textProperty().bind(i18n.text("data.import.acceptPartial"));
        partial.setWrapText(true);
        partial.selectedProperty().bindBidirectional(model.acceptPartialProperty());
        partial.disableProperty().bind(model.busyProperty());

        Button check = Controls.button(i18n, "import-check", "data.import.check", "mdi2c-check-all");
        // a typed path counts at once: clicking Check moves the focus out of the field, which takes the path first
        check.disableProperty().bind(model.canCheckProperty().not()
                .and(Bindings.createBooleanBinding(() -> path.getText() == null || path.getText().isBlank(), path.textProperty())
                        .or(model.busyProperty())));
        check.setOnAction(e -> {
            if (model.canCheckProperty().get()) {
                model.check(progress);
            }
        });

        GridPane form = new GridPane();
        form.getStyleClass().add("dialog-form");
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, Controls.text(i18n, "data.import.source"), new HBox(16, folder, new HBox(8, file, kind)));
        form.addRow(1, new Label(), new HBox(8, path, choose));
        form.addRow(2, Controls.text(i18n, "data.import.encoding"), new HBox(16, encoding, partial));
        form.getChildren().stream().filter(n -> n instanceof Label).forEach(n -> ((Label) n).setMinWidth(Region.USE_PREF_SIZE));
        form.getColumnConstraints().addAll(new javafx.scene.layout.ColumnConstraints(),
                columnThatGrows());

        Label hint = Controls.text(i18n, "data.import.hint");
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);

        HBox checkRow = new HBox(8, check, steps());
        checkRow.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(10, hint, form, checkRow);
        top.getStyleClass().add("wizard-section");
        top.setStyle("-fx-padding: 14 16 8 16;");
        return top;
    }

    /** The chosen folder or file; a path can also be typed or pasted (Enter or leaving the field takes it). */
    private TextField pathField() {
        TextField path = new TextField();
        path.setId("import-path");
        path.promptTextProperty().bind(i18n.text("data.import.pathPrompt"));
        path.disableProperty().bind(model.busyProperty());
        Runnable show = () -> path.setText(model.sourceProperty().get() == null ? "" : model.sourceProperty().get().toString());
        show.run();
        model.sourceProperty().addListener((obs, old, now) -> show.run());
        Runnable take = () -> {
            String typed = path.getText() == null ? "" : path.getText().strip();
            Path now = model.sourceProperty().get();
            if (!typed.isEmpty() && (now == null || !now.toString().equals(typed))) {
                try {
                    model.sourceProperty().set(Path.of(typed));
                } catch (java.nio.file.InvalidPathException e) {
                    show.run();
                }
            }
        };
        path.setOnAction(e -> take.run());
        path.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                take.run();
            }
        });
        path.tooltipProperty().bind(Bindings.createObjectBinding(() -> path.getText().isEmpty() ? null : new Tooltip(path.getText()),
                path.textProperty()));
        return path;
    }

    private static javafx.scene.layout.ColumnConstraints columnThatGrows() {
        javafx.scene.layout.ColumnConstraints c = new javafx.scene.layout.ColumnConstraints();
        c.setHgrow(Priority.ALWAYS);
        c.setFillWidth(true);
        return c;
    }

    /** Where the wizard is, in words: "Step 2 of 3: check the files". */
    private Label steps() {
        Label steps = new Label();
        steps.setId("import-step");
        steps.getStyleClass().add("text-muted");
        steps.textProperty().bind(i18n.bind(() -> i18n.get("data.import.step." + model.stepProperty().get().name()),
                model.stepProperty()));
        return steps;
    }

    private RadioButton radio(String id, String key, ToggleGroup group) {
        RadioButton b = new RadioButton();
        b.setId(id);
        b.textProperty().bind(i18n.text(key));
        b.setToggleGroup(group);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.disableProperty().bind(model.busyProperty());
        return b;
    }

    private <T> ComboBox<T> combo(String id, javafx.collections.ObservableList<T> items, Function<T, String> text) {
        ComboBox<T> box = new ComboBox<>(items);
        box.setId(id);
        Combos.textsFollowingLanguage(box, item -> item == null ? null : text.apply(item), i18n);
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }

    private void choose() {
        File chosen;
        Path now = model.sourceProperty().get();
        File start = now == null ? null : (model.singleFileProperty().get() ? now.getParent() : now).toFile();
        if (model.singleFileProperty().get()) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(i18n.get("data.import.chooseFile"));
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(i18n.get("data.import.csvFiles"), "*.csv", "*.txt"),
                    new FileChooser.ExtensionFilter(i18n.get("data.import.allFiles"), "*.*"));
            if (start != null) {
                chooser.setInitialDirectory(start);
            }
            chosen = chooser.showOpenDialog(stage);
        } else {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(i18n.get("data.import.chooseFolder"));
            if (start != null) {
                chooser.setInitialDirectory(start);
            }
            chosen = chooser.showDialog(stage);
        }
        if (chosen != null) {
            model.sourceProperty().set(chosen.toPath());
        }
    }

    /** The check's problems and files as two tabs; the problems come first when there are any. */
    private TabPane results() {
        TableView<FileLine> files = Tables.table("import-files", model.files());
        files.getColumns().add(Tables.column(i18n, "data.files.kind", 150, f -> i18n.get("data.kind." + f.kind().name())));
        files.getColumns().add(Tables.column(i18n, "data.files.name", 160, FileLine::fileName));
        files.getColumns().add(Tables.count(i18n, "data.rows.new", 100, f -> f.counts().added()));
        files.getColumns().add(Tables.count(i18n, "data.rows.changed", 100, f -> f.counts().changed()));
        files.getColumns().add(Tables.count(i18n, "data.rows.unchanged", 112, f -> f.counts().unchanged()));
        files.getColumns().add(Tables.count(i18n, "data.rows.rejected", 100, f -> f.counts().rejected()));
        files.getColumns().add(Tables.count(i18n, "data.import.problems", 100, f -> f.problems()));
        files.setPlaceholder(Tables.placeholder(i18n, "data.import.noFilesYet", model.busyProperty()));

        Tab problemsTab = new Tab();
        problemsTab.setId("import-tab-problems");
        problemsTab.textProperty().bind(i18n.bind(() -> checked() ? i18n.format("data.import.problemsTitle", model.problems().size())
                : i18n.get("data.import.problems"), model.problems(), model.checkedProperty(), model.importedProperty()));
        problemsTab.setContent(problemsPane());
        Tab filesTab = new Tab();
        filesTab.setId("import-tab-files");
        filesTab.textProperty().bind(i18n.text("data.import.filesTitle"));
        filesTab.setContent(files);
        TabPane tabs = new TabPane(problemsTab, filesTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setStyle("-fx-padding: 0 16 0 16;");
        // after a check or an import: the problems if there are any, else what each file does
        model.stepProperty().addListener((obs, old, now) -> {
            if (now == Step.CHECKED || now == Step.IMPORTED) {
                tabs.getSelectionModel().select(model.problems().isEmpty() ? filesTab : problemsTab);
            }
        });
        i18n.messagesProperty().addListener((obs, old, now) -> files.refresh());
        return tabs;
    }

    private boolean checked() {
        return model.checkedProperty().get() != null || model.importedProperty().get() != null;
    }

    /** Every problem (file, line, column, value, and the message wrapped whole), with "Export problems…" above. */
    private VBox problemsPane() {
        TableView<LoadProblem> problems = Tables.table("import-problems", model.problems());
        problems.getStyleClass().remove("dense"); // rows as tall as their wrapped message
        problems.getColumns().add(Tables.column(i18n, "data.problems.file", 130, LoadProblem::file));
        problems.getColumns().add(Tables.numeric(i18n, "data.problems.line", 70,
                p -> p.line() == 0 ? i18n.get("data.problems.wholeFile") : i18n.formats().integer(p.line())));
        problems.getColumns().add(Tables.column(i18n, "data.problems.column", 120, p -> p.column() == null ? "" : p.column()));
        problems.getColumns().add(Tables.column(i18n, "data.problems.value", 140, p -> p.value() == null ? "" : p.value()));
        TableColumn<LoadProblem, String> message = Tables.column(i18n, "data.problems.message", 420,
                p -> ImportWizardModel.text(p).render(i18n));
        message.setCellFactory(c -> wrapping(message));
        problems.getColumns().add(message);
        Label none = new Label();
        none.getStyleClass().add("text-muted");
        none.setWrapText(true);
        none.textProperty().bind(i18n.bind(() -> i18n.get(checked() ? "data.import.noProblems" : "data.import.notCheckedYet"),
                model.checkedProperty(), model.importedProperty()));
        problems.setPlaceholder(none);

        Label about = Controls.text(i18n, "data.import.problemsAbout");
        about.getStyleClass().add("text-muted");
        about.setWrapText(true);
        HBox.setHgrow(about, Priority.ALWAYS);
        about.setMaxWidth(Double.MAX_VALUE);
        Button export = Controls.button(i18n, "import-export", "data.import.export", "mdi2f-file-export-outline");
        export.disableProperty().bind(model.canExportProperty().not());
        export.setOnAction(e -> exportProblems());
        export.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, about, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox pane = new VBox(6, bar, problems);
        pane.setStyle("-fx-padding: 8 0 0 0;");
        VBox.setVgrow(problems, Priority.ALWAYS);
        i18n.messagesProperty().addListener((obs, old, now) -> problems.refresh());
        return pane;
    }

    /** A cell whose text wraps to the column's width, so a long message is read whole (the row grows). */
    private static TableCell<LoadProblem, String> wrapping(TableColumn<LoadProblem, String> column) {
        Text text = new Text();
        text.wrappingWidthProperty().bind(column.widthProperty().subtract(16));
        TableCell<LoadProblem, String> cell = new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty ? null : item);
                setGraphic(empty ? null : text);
            }
        };
        text.fillProperty().bind(cell.textFillProperty()); // the theme's colour, and the selection's
        text.fontProperty().bind(cell.fontProperty());
        cell.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        return cell;
    }

    private void exportProblems() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(i18n.get("data.import.exportTitle"));
        chooser.setInitialFileName(i18n.get("data.import.exportFileName"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(i18n.get("data.import.csvFiles"), "*.csv"));
        File target = chooser.showSaveDialog(stage);
        if (target != null) {
            model.exportProblems(target.toPath());
        }
    }

    private VBox bottom() {
        ProgressBar bar = new ProgressBar();
        bar.setId("import-progress");
        bar.progressProperty().bind(progress.fractionProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label doing = new Label();
        doing.setId("import-doing");
        doing.textProperty().bind(i18n.bind(() -> {
            double f = progress.fractionProperty().get();
            String file = progress.messageProperty().get();
            boolean importing = model.stepProperty().get() == Step.IMPORTING;
            String what = file == null || file.isEmpty()
                    ? i18n.get(importing ? "data.import.importing" : "data.import.checking")
                    : i18n.format(importing ? "data.import.importingFile" : "data.import.checkingFile", file);
            return f < 0 ? what : what + " " + i18n.formats().percent(f);
        }, progress.fractionProperty(), progress.messageProperty(), model.stepProperty()));
        doing.setMinWidth(Region.USE_PREF_SIZE);
        Button cancel = Controls.button(i18n, "import-cancel", "common.cancel", "mdi2c-close");
        cancel.setOnAction(e -> model.cancel());
        HBox running = new HBox(10, doing, bar, cancel);
        running.setAlignment(Pos.CENTER_LEFT);
        running.visibleProperty().bind(model.busyProperty());
        running.managedProperty().bind(running.visibleProperty());

        Label message = new Label();
        message.setId("import-message");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.textProperty().bind(i18n.render(model.messageProperty()));
        message.visibleProperty().bind(Bindings.isNotNull(model.messageProperty()));
        message.managedProperty().bind(message.visibleProperty());
        Label error = Controls.errorLabel(i18n, "import-error", model.errorProperty());
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        Label summary = summary();

        Label importHint = new Label();
        importHint.setId("import-partial-hint");
        importHint.getStyleClass().add("text-muted");
        importHint.setWrapText(true);
        importHint.textProperty().bind(i18n.text("data.import.needsPartial"));
        importHint.visibleProperty().bind(model.stepProperty().isEqualTo(Step.CHECKED)
                .and(Bindings.isNotEmpty(model.problems())).and(model.acceptPartialProperty().not()));
        importHint.managedProperty().bind(importHint.visibleProperty());
        HBox.setHgrow(importHint, Priority.ALWAYS);
        importHint.setMaxWidth(Double.MAX_VALUE);

        Button importButton = Controls.button(i18n, "import-run", "data.import.run", "mdi2d-database-import-outline");
        importButton.getStyleClass().add("accent");
        importButton.disableProperty().bind(model.canImportProperty().not());
        importButton.setOnAction(e -> model.importBook(progress));
        importButton.setMinWidth(Region.USE_PREF_SIZE);
        Button close = Controls.button(i18n, "import-close", "data.import.close", "mdi2c-close-circle-outline");
        close.setOnAction(e -> close());
        close.setMinWidth(Region.USE_PREF_SIZE);
        HBox buttons = new HBox(8, importHint, Controls.spacer(), importButton, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox bottom = new VBox(8, running, message, error, summary, buttons);
        bottom.setStyle("-fx-padding: 10 16 14 16;");
        return bottom;
    }

    /** After an import: how many accounts the next policy run re-evaluates, and where the rejected rows went. */
    private Label summary() {
        Label summary = new Label();
        summary.setId("import-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        summary.textProperty().bind(i18n.bind(() -> {
            LoadReport done = model.importedProperty().get();
            if (done == null) {
                return "";
            }
            String accounts = i18n.format("data.import.accountsTouched", done.accountsTouched());
            return done.rejectFile() == null ? accounts : accounts + " " + i18n.format("data.files.rejectFile", done.rejectFile());
        }, model.importedProperty()));
        summary.visibleProperty().bind(Bindings.isNotEmpty(summary.textProperty()));
        summary.managedProperty().bind(summary.visibleProperty());
        return summary;
    }
}
