package dev.riskdesk.ui.policy;

import dev.riskdesk.limits.VersionStatus;
import dev.riskdesk.limits.versions.PolicyDiff;
import dev.riskdesk.limits.versions.PolicyKind;
import dev.riskdesk.limits.versions.VersionRow;
import dev.riskdesk.scoring.model.ScoreBand;
import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.FxProgress;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Tables;
import dev.riskdesk.ui.common.TextCounter;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Policy screen: the versions of the limit policy or the rule set on top; below, the selected version as a form
 * (sections of labelled fields with their units, the score bands as a table) and its differences to the active version
 * (parameters, and decisions by score band once simulated); beside them the version's facts and the maker-checker steps
 * the operator may take. Risk operators read; managers act.
 */
public final class PolicyView {
    private final PolicyViewModel model;
    private final I18n i18n;
    private final PolicyFieldTexts texts;
    private final BooleanBinding editable;

    public PolicyView(PolicyViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
        this.texts = new PolicyFieldTexts(i18n);
        this.editable = model.editable();
    }

    public Parent build() {
        TableView<VersionRow> versions = versions();
        versions.setPrefHeight(150);
        versions.setMinHeight(120);
        TabPane tabs = new TabPane(tab("policy-tab-fields", "policy.tab.fields", form()), tab("policy-tab-diff", "policy.tab.diff", differences()));
        tabs.setId("policy-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox main = new VBox(10, versions, tabs);
        HBox.setHgrow(main, Priority.ALWAYS);
        HBox body = new HBox(12, main, side());
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox page = new VBox(10, topBar(), body, footer());
        page.getStyleClass().add("screen");
        page.setId("policy");
        model.reload();
        return page;
    }

    private Tab tab(String id, String key, Node content) {
        Tab tab = new Tab();
        tab.setId(id);
        tab.textProperty().bind(i18n.text(key));
        tab.setContent(content);
        return tab;
    }

    private HBox topBar() {
        ToggleGroup group = new ToggleGroup();
        ToggleButton policy = kindButton(group, "policy-kind-policy", "policy.kind.LIMIT_POLICY", PolicyKind.LIMIT_POLICY);
        ToggleButton rules = kindButton(group, "policy-kind-rules", "policy.kind.RULE_SET", PolicyKind.RULE_SET);
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                group.selectToggle(old);
            } else {
                model.kindProperty().set((PolicyKind) now.getUserData());
            }
        });
        HBox bar = new HBox(8, policy, rules, Controls.spacer(), Controls.refreshButton(i18n, "policy-refresh", model::reload));
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private ToggleButton kindButton(ToggleGroup group, String id, String key, PolicyKind kind) {
        ToggleButton b = new ToggleButton();
        b.setId(id);
        b.textProperty().bind(i18n.text(key));
        b.setUserData(kind);
        b.setToggleGroup(group);
        b.setSelected(model.kindProperty().get() == kind);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    private TableView<VersionRow> versions() {
        TableView<VersionRow> table = Tables.table("policy-versions", model.rows());
        // widths that hold both languages with a vertical scroll bar (more versions than rows): who made and approved a
        // version by user name, the day and time on hover and in the side panel
        var number = Tables.<VersionRow>numeric(i18n, "policy.col.version", 82, v -> i18n.formats().integer(v.versionNo()));
        number.setMinWidth(82);
        table.getColumns().add(number);
        table.getColumns().add(Tables.column(i18n, "policy.col.status", 88, v -> i18n.get("policy.status." + v.status().name())));
        table.getColumns().add(Tables.column(i18n, "policy.col.madeBy", 170, v -> name(v.maker(), v.createdAt(), "policy.who.setUp"),
                v -> who(v.maker(), v.createdAt(), "policy.who.setUp")));
        table.getColumns().add(Tables.column(i18n, "policy.col.approvedBy", 170, v -> name(v.approver(), v.approvedAt(), null),
                v -> v.approvedAt() == null ? null : who(v.approver(), v.approvedAt(), null)));
        table.getColumns().add(Tables.column(i18n, "policy.col.inForce", 195, this::inForce));
        table.setPlaceholder(Tables.placeholder(i18n, "policy.empty", model.loadingProperty()));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != null && now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
            }
        });
        return table;
    }

    /** "王伟 (manager2), 7 Dec 2026, 21:40"; "–" when that step has not happened. */
    private String who(VersionRow.Actor actor, LocalDateTime at, String nobodyKey) {
        if (at == null) {
            return "–";
        }
        String name = actor != null ? actor.toString() : nobodyKey != null ? i18n.get(nobodyKey) : "–";
        return i18n.format("policy.who", name, i18n.formats().dateTime(at));
    }

    /** Who took a step, by user name: the table's columns (the side panel and the cell's tooltip give the day and time). */
    private String name(VersionRow.Actor actor, LocalDateTime at, String nobodyKey) {
        if (at == null) {
            return "–";
        }
        return actor != null ? actor.username() : nobodyKey != null ? i18n.get(nobodyKey) : "–";
    }

    private String inForce(VersionRow v) {
        if (v.activatedAt() == null) {
            return "–";
        }
        String from = i18n.formats().date(v.activatedAt().toLocalDate());
        return v.retiredAt() == null ? i18n.format("policy.inForce.since", from) : i18n.format("policy.inForce.between", from,
                i18n.formats().date(v.retiredAt().toLocalDate()));
    }

    // ---- the form ----

    private ScrollPane form() {
        VBox sections = new VBox(14);
        sections.setId("policy-form");
        sections.getStyleClass().add("tab-body");
        Label empty = Controls.text(i18n, "policy.form.none");
        empty.getStyleClass().add("text-muted");
        ListChangeListener<PolicyViewModel.Field> rebuild = change -> fill(sections, empty);
        model.fields().addListener(rebuild);
        i18n.messagesProperty().addListener((obs, old, now) -> fill(sections, empty));
        fill(sections, empty);
        ScrollPane scroll = new ScrollPane(sections);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private void fill(VBox sections, Label empty) {
        sections.getChildren().clear();
        if (model.fields().isEmpty()) {
            sections.getChildren().add(empty);
            return;
        }
        Label mode = new Label();
        mode.setId("policy-form-mode");
        mode.setWrapText(true);
        mode.textProperty().bind(i18n.bind(() -> i18n.get(editable.get() ? "policy.form.editing" : "policy.form.readOnly"), editable));
        mode.getStyleClass().add("text-muted");
        sections.getChildren().add(mode);
        Map<String, List<PolicyViewModel.Field>> groups = new LinkedHashMap<>();
        groups.put("scoreBands", new ArrayList<>()); // what each band gets first: the heart of the policy
        groups.put("general", new ArrayList<>());
        for (PolicyViewModel.Field f : model.fields()) {
            groups.computeIfAbsent(PolicyFieldTexts.group(f.path()), g -> new ArrayList<>()).add(f);
        }
        groups.values().removeIf(List::isEmpty);
        groups.forEach((group, fields) -> {
            Label title = new Label(texts.groupTitle(group));
            title.getStyleClass().add("section-title");
            sections.getChildren().add(title);
            sections.getChildren().add(group.equals("scoreBands") ? bandTable(fields) : fieldGrid(fields));
        });
    }

    /** Label | value (or input) | unit and accepted limits | the field's error. */
    private GridPane fieldGrid(List<PolicyViewModel.Field> fields) {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        ColumnConstraints names = new ColumnConstraints(180, 260, 300);
        ColumnConstraints values = new ColumnConstraints(140, 150, 220);
        ColumnConstraints hints = new ColumnConstraints();
        hints.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(names, values, hints);
        int row = 0;
        for (PolicyViewModel.Field f : fields) {
            Label name = new Label(texts.label(f.path()));
            name.setWrapText(true);
            Label hint = hint(f);
            grid.addRow(row++, name, cell(f), hint);
        }
        return grid;
    }

    /** The score bands as a table: a row per band, a column per field, each cell a value or an input. */
    private GridPane bandTable(List<PolicyViewModel.Field> fields) {
        GridPane grid = new GridPane();
        grid.setId("policy-bands");
        grid.setHgap(12);
        grid.setVgap(6);
        List<String> columns = new ArrayList<>();
        for (PolicyViewModel.Field f : fields) {
            String name = f.path().substring(f.path().lastIndexOf('.') + 1);
            if (!columns.contains(name)) {
                columns.add(name);
            }
        }
        Label bandHead = new Label(i18n.get("policy.band"));
        bandHead.setMinWidth(Region.USE_PREF_SIZE);
        bandHead.getStyleClass().add("text-muted");
        grid.add(bandHead, 0, 0);
        for (int c = 0; c < columns.size(); c++) {
            String column = columns.get(c);
            PolicyViewModel.Field first = fields.stream().filter(f -> f.path().endsWith("." + column)).findFirst().orElseThrow();
            Label head = new Label(texts.label(first.path()));
            head.setWrapText(true);
            head.getStyleClass().add("text-muted");
            Label accepts = new Label(texts.accepts(first.path(), first.range()));
            accepts.getStyleClass().add("text-muted");
            accepts.setWrapText(true);
            accepts.visibleProperty().bind(editable);
            accepts.managedProperty().bind(editable);
            grid.add(new VBox(2, head, accepts), c + 1, 0);
        }
        int row = 1;
        for (ScoreBand band : ScoreBand.values()) {
            grid.add(new Label(i18n.format("policy.bandName", band.name())), 0, row);
            for (int c = 0; c < columns.size(); c++) {
                String path = "scoreBands." + band.name() + "." + columns.get(c);
                PolicyViewModel.Field f = fields.stream().filter(x -> x.path().equals(path)).findFirst().orElse(null);
                grid.add(f == null ? new Label("–") : cell(f), c + 1, row);
            }
            row++;
        }
        Label errors = new Label();
        errors.getStyleClass().add("error-text");
        errors.setWrapText(true);
        errors.textProperty().bind(i18n.bind(() -> fields.stream().filter(f -> model.fieldErrors().containsKey(f.path()))
                .map(f -> texts.error(model.fieldErrors().get(f.path()))).reduce((a, b) -> a + "\n" + b).orElse(""), model.fieldErrors()));
        grid.add(errors, 0, row, columns.size() + 1, 1);
        return grid;
    }

    /**
     * The value in its unit while the form reads; an input while the operator's draft is edited: a check box for a
     * yes-or-no field, a list of words to pick one from for a code, a check box per code for a list of codes, else a
     * text field with the stored value.
     */
    private Node cell(PolicyViewModel.Field f) {
        String id = "policy-field-" + f.path().replace('.', '-');
        Label shown = new Label(texts.value(f.path(), f.originalText()));
        shown.setId(id + "-value");
        shown.getStyleClass().add("number");
        shown.setWrapText(true);
        Node input = input(f, id);
        shown.visibleProperty().bind(editable.not());
        shown.managedProperty().bind(shown.visibleProperty());
        input.visibleProperty().bind(editable);
        input.managedProperty().bind(editable);
        return new HBox(shown, input);
    }

    private Node input(PolicyViewModel.Field f, String id) {
        javafx.beans.property.StringProperty typed = model.value(f.path());
        if (f.isSwitch()) {
            CheckBox box = new CheckBox();
            box.setId(id);
            box.textProperty().bind(i18n.bind(() -> i18n.get("policy.value." + box.isSelected()), box.selectedProperty()));
            box.setSelected(Boolean.parseBoolean(typed.get()));
            box.selectedProperty().addListener((obs, old, now) -> typed.set(String.valueOf(now)));
            typed.addListener((obs, old, now) -> box.setSelected(Boolean.parseBoolean(now)));
            return box;
        }
        if (f.choices().isPresent() && !f.choices().get().many()) {
            ComboBox<String> pick = new ComboBox<>(FXCollections.observableArrayList(f.choices().get().codes()));
            pick.setId(id);
            pick.setConverter(new javafx.util.StringConverter<>() {
                @Override
                public String toString(String code) {
                    return code == null ? "" : texts.choice(f.path(), code);
                }

                @Override
                public String fromString(String text) {
                    return text;
                }
            });
            pick.setValue(typed.get());
            pick.valueProperty().addListener((obs, old, now) -> typed.set(now));
            typed.addListener((obs, old, now) -> pick.setValue(now));
            return pick;
        }
        if (f.choices().isPresent()) {
            javafx.scene.layout.FlowPane boxes = new javafx.scene.layout.FlowPane(12, 4);
            boxes.setId(id);
            List<CheckBox> all = new ArrayList<>();
            boolean[] syncing = {false};
            Runnable fromTyped = () -> {
                List<String> on = List.of(typed.get().split(",\\s*"));
                syncing[0] = true;
                all.forEach(b -> b.setSelected(on.contains((String) b.getUserData())));
                syncing[0] = false;
            };
            for (String code : f.choices().get().codes()) {
                CheckBox box = new CheckBox(texts.choice(f.path(), code));
                box.setId(id + "-" + code);
                box.setUserData(code);
                box.setMinWidth(Region.USE_PREF_SIZE);
                all.add(box);
            }
            fromTyped.run();
            for (CheckBox box : all) {
                box.selectedProperty().addListener((obs, old, now) -> {
                    if (!syncing[0]) {
                        typed.set(String.join(", ", all.stream().filter(CheckBox::isSelected).map(b -> (String) b.getUserData()).toList()));
                    }
                });
            }
            typed.addListener((obs, old, now) -> fromTyped.run());
            boxes.getChildren().addAll(all);
            return boxes;
        }
        TextField text = new TextField();
        text.setId(id);
        text.textProperty().bindBidirectional(typed);
        text.setPrefColumnCount(10);
        model.fieldErrors().addListener((javafx.collections.MapChangeListener<String, dev.riskdesk.limits.versions.PolicyFields.FieldError>) c -> {
            if (c.getKey().equals(f.path())) {
                text.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), model.fieldErrors().containsKey(f.path()));
            }
        });
        return text;
    }

    /** In reading: nothing; in editing: what the field accepts, or why what is typed is refused. */
    private Label hint(PolicyViewModel.Field f) {
        Label hint = new Label();
        hint.setWrapText(true);
        String accepts = texts.accepts(f.path(), f.range());
        hint.textProperty().bind(i18n.bind(() -> {
            if (!editable.get()) {
                return "";
            }
            var e = model.fieldErrors().get(f.path());
            return e != null ? texts.error(e) : accepts;
        }, editable, model.fieldErrors()));
        model.fieldErrors().addListener((javafx.collections.MapChangeListener<String, dev.riskdesk.limits.versions.PolicyFields.FieldError>) c -> hint.getStyleClass().setAll(
                "label", model.fieldErrors().containsKey(f.path()) ? "error-text" : "text-muted"));
        hint.getStyleClass().add("text-muted");
        return hint;
    }

    // ---- the differences ----

    private ScrollPane differences() {
        Label against = new Label();
        against.setId("policy-diff-title");
        against.setWrapText(true);
        against.getStyleClass().add("card-title");
        against.textProperty().bind(i18n.bind(() -> {
            PolicyDiff d = model.diffProperty().get();
            return d == null ? i18n.get("policy.diff.none")
                    : i18n.format("policy.diff.title", d.version().versionNo(), d.against().versionNo(), d.parameters().size());
        }, model.diffProperty()));

        ObservableList<PolicyDiff.Change> changes = FXCollections.observableArrayList();
        ObservableList<PolicyDiff.BandChange> bands = FXCollections.observableArrayList();
        model.diffProperty().addListener((obs, old, d) -> {
            changes.setAll(d == null ? List.of() : d.parameters());
            bands.setAll(d == null ? List.of() : d.bands());
        });
        TableView<PolicyDiff.Change> parameters = Tables.table("policy-diff-parameters", changes);
        parameters.getColumns().add(Tables.column(i18n, "policy.diff.col.field", 330, c -> texts.fullLabel(c.path()), PolicyDiff.Change::path));
        parameters.getColumns().add(Tables.numeric(i18n, "policy.diff.col.before", 150, c -> texts.value(c.path(), c.before())));
        parameters.getColumns().add(Tables.numeric(i18n, "policy.diff.col.after", 150, c -> texts.value(c.path(), c.after())));
        parameters.setPlaceholder(Tables.placeholder(i18n, "policy.diff.noChanges", null));
        parameters.setPrefHeight(140);
        parameters.setMinHeight(100);

        FxProgress progress = new FxProgress();
        Button simulate = Controls.button(i18n, "policy-simulate", "policy.action.simulate", "mdi2p-play-outline");
        simulate.disableProperty().bind(model.canCompare().not());
        simulate.setOnAction(e -> model.simulate(progress));
        simulate.setMinWidth(Region.USE_PREF_SIZE);
        Button cancel = Controls.button(i18n, "policy-simulate-cancel", "common.cancel", "mdi2c-close");
        cancel.visibleProperty().bind(model.simulatingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> model.cancelSimulation());
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(progress.fractionProperty());
        bar.visibleProperty().bind(model.simulatingProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        bar.setPrefWidth(140);
        bar.setMinWidth(100);
        Label running = new Label();
        running.getStyleClass().add("text-muted");
        running.textProperty().bind(progress.messageProperty());
        running.visibleProperty().bind(model.simulatingProperty());
        running.managedProperty().bind(running.visibleProperty());
        Label simulated = new Label();
        simulated.setId("policy-diff-simulated");
        simulated.setWrapText(true);
        simulated.getStyleClass().add("text-muted");
        simulated.textProperty().bind(i18n.bind(() -> {
            PolicyDiff d = model.diffProperty().get();
            if (d == null || d.decisions() == null) {
                return i18n.get("policy.diff.notSimulated");
            }
            return i18n.format("policy.diff.simulated", i18n.formats().dateTime(d.decisions().at()), i18n.formats().integer(d.decisions().accounts()),
                    i18n.formats().integer(d.decisions().accountsDiffering()));
        }, model.diffProperty()));
        simulated.visibleProperty().bind(model.simulatingProperty().not());
        simulated.managedProperty().bind(simulated.visibleProperty());
        HBox.setHgrow(simulated, Priority.ALWAYS);
        simulated.setMaxWidth(Double.MAX_VALUE);
        HBox actions = new HBox(8, simulate, cancel, bar, running, simulated);
        actions.setAlignment(Pos.CENTER_LEFT);

        TableView<PolicyDiff.BandChange> byBand = Tables.table("policy-diff-bands", bands);
        byBand.getColumns().add(Tables.column(i18n, "policy.diff.col.band", 90, b -> b.band().equals("-") ? i18n.get("policy.band.unscored")
                : i18n.format("policy.bandName", b.band())));
        byBand.getColumns().add(Tables.count(i18n, "policy.diff.col.accounts", 90, PolicyDiff.BandChange::accounts));
        byBand.getColumns().add(Tables.numeric(i18n, "policy.diff.col.increasedBefore", 135, b -> texts.share(b.increasedBefore())));
        byBand.getColumns().add(Tables.numeric(i18n, "policy.diff.col.increasedAfter", 135, b -> texts.share(b.increasedAfter())));
        byBand.getColumns().add(Tables.numeric(i18n, "policy.diff.col.cutBefore", 105, b -> texts.share(b.cutBefore())));
        byBand.getColumns().add(Tables.numeric(i18n, "policy.diff.col.cutAfter", 105, b -> texts.share(b.cutAfter())));
        byBand.setPlaceholder(Tables.placeholder(i18n, "policy.diff.bandsNone", null));
        byBand.setPrefHeight(200);
        byBand.setMinHeight(150);
        Label byBandTitle = Controls.text(i18n, "policy.diff.byBand");
        byBandTitle.getStyleClass().add("section-title");

        VBox box = new VBox(8, against, parameters, actions, byBandTitle, byBand);
        box.getStyleClass().add("tab-body");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    // ---- the selected version and its steps ----

    private VBox side() {
        Label title = new Label();
        title.setId("policy-selected");
        title.getStyleClass().add("card-title");
        title.setWrapText(true);
        title.textProperty().bind(i18n.bind(() -> {
            VersionRow v = model.selectedProperty().get();
            return v == null ? i18n.get("policy.selected.none")
                    : i18n.format("policy.selected", i18n.get("policy.kind." + v.kind().name()), v.versionNo(), i18n.get("policy.status." + v.status().name()));
        }, model.selectedProperty()));
        Label facts = new Label();
        facts.setId("policy-facts");
        facts.setWrapText(true);
        facts.getStyleClass().add("text-muted");
        facts.textProperty().bind(i18n.bind(() -> facts(model.selectedProperty().get()), model.selectedProperty()));

        TextArea note = new TextArea();
        note.setId("policy-note");
        note.setWrapText(true);
        note.setPrefRowCount(3);
        note.promptTextProperty().bind(i18n.text("policy.note.prompt"));
        note.textProperty().bindBidirectional(model.noteProperty());
        TextCounter counter = new TextCounter(i18n, note, model.noteLimit());
        Label noteLabel = Controls.text(i18n, model.mayApprove() ? "policy.note.labelManager" : "policy.note.label");
        noteLabel.setWrapText(true);
        noteLabel.setMinHeight(Region.USE_PREF_SIZE);
        noteLabel.setLabelFor(note);

        VBox buttons = new VBox(8,
                step("policy-draft", "policy.action.draft", "mdi2f-file-document-edit-outline", model.canDraft(), model::newDraft, model.mayEdit(), null),
                step("policy-save", "policy.action.save", "mdi2c-content-save-outline", model.canSave(), model::save, model.mayEdit(),
                        model.selectedIs(true, VersionStatus.DRAFT)),
                step("policy-discard", "policy.action.discard", "mdi2u-undo", Bindings.createBooleanBinding(() -> model.dirtyProperty().get(),
                        model.dirtyProperty()), model::discard, model.mayEdit(), model.selectedIs(true, VersionStatus.DRAFT)),
                step("policy-submit", "policy.action.submit", "mdi2s-send-outline", model.canSubmit(), model::submit, model.mayEdit(),
                        model.selectedIs(true, VersionStatus.DRAFT)),
                step("policy-withdraw", "policy.action.withdraw", "mdi2u-undo-variant", model.canWithdraw(), model::withdraw, model.mayEdit(),
                        model.selectedIs(true, VersionStatus.DRAFT, VersionStatus.SUBMITTED)),
                step("policy-approve", "policy.action.approve", "mdi2c-check-decagram-outline", model.canApprove(), model::approve, model.mayApprove(),
                        model.selectedIs(null, VersionStatus.SUBMITTED)),
                step("policy-sendBack", "policy.action.sendBack", "mdi2k-keyboard-return", model.canSendBack(), model::sendBack, model.mayApprove(),
                        model.selectedIs(false, VersionStatus.SUBMITTED)),
                step("policy-activate", "policy.action.activate", "mdi2p-power", model.canActivate(), model::activate, model.mayApprove(),
                        model.selectedIs(null, VersionStatus.APPROVED)),
                step("policy-rollback", "policy.action.rollback", "mdi2b-backup-restore", model.canRollback(), model::rollback, model.mayEdit(),
                        model.selectedIs(null, VersionStatus.RETIRED)));
        Label readOnly = Controls.text(i18n, "policy.readOnly");
        readOnly.setWrapText(true);
        readOnly.getStyleClass().add("text-muted");
        readOnly.setVisible(!model.mayEdit() && !model.mayApprove());
        readOnly.setManaged(readOnly.isVisible());
        VBox noteBox = new VBox(4, noteLabel, counter.under(note));
        noteBox.setVisible(model.mayEdit() || model.mayApprove());
        noteBox.setManaged(noteBox.isVisible());

        VBox side = new VBox(10, title, facts, readOnly, noteBox, buttons);
        side.getStyleClass().add("panel");
        side.setId("policy-side");
        side.setPrefWidth(300);
        side.setMinWidth(280);
        side.setMaxWidth(320);
        return side;
    }

    /** A step's button: shown to a role that may take it, for a version it applies to ({@code applies} null: any); enabled when it may be taken now. */
    private Button step(String id, String key, String icon, BooleanBinding enabled, Runnable action, boolean allowed, BooleanBinding applies) {
        Button b = Controls.button(i18n, id, key, icon);
        b.disableProperty().bind(enabled.not());
        b.setOnAction(e -> action.run());
        b.setMaxWidth(Double.MAX_VALUE);
        if (!allowed) {
            b.setVisible(false);
        } else if (applies != null) {
            b.visibleProperty().bind(applies);
        }
        b.managedProperty().bind(b.visibleProperty());
        return b;
    }

    /** Who made, submitted, approved and activated the version, and from which version it was made. */
    private String facts(VersionRow v) {
        if (v == null) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        lines.add(i18n.format("policy.fact.made", who(v.maker(), v.createdAt(), "policy.who.setUp")));
        if (v.basedOn() != null) {
            lines.add(i18n.format("policy.fact.basedOn", v.basedOn()));
        }
        if (v.submittedAt() != null) {
            lines.add(i18n.format("policy.fact.submitted", who(v.submitter(), v.submittedAt(), null)));
        }
        if (v.approvedAt() != null) {
            lines.add(i18n.format("policy.fact.approved", who(v.approver(), v.approvedAt(), null)));
        }
        if (v.activatedAt() != null) {
            lines.add(i18n.format("policy.fact.activated", who(v.activator(), v.activatedAt(), null)));
        }
        if (v.retiredAt() != null) {
            lines.add(i18n.format("policy.fact.retired", i18n.formats().dateTime(v.retiredAt())));
        }
        if (v.note() != null) {
            lines.add(i18n.format("policy.fact.note", v.note()));
        }
        if (v.status() == VersionStatus.DRAFT) {
            lines.add(i18n.get(model.mayEdit() ? "policy.fact.draftHint" : "policy.fact.draftHintReader"));
        }
        return String.join("\n", lines);
    }

    private VBox footer() {
        Label message = new Label();
        message.setId("policy-message");
        message.getStyleClass().add("review-message");
        message.setWrapText(true);
        message.textProperty().bind(i18n.render(model.messageProperty()));
        message.visibleProperty().bind(Bindings.isNotNull(model.messageProperty()));
        message.managedProperty().bind(message.visibleProperty());
        Label error = Controls.errorLabel(i18n, "policy-error", model.errorProperty());
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        message.setMinHeight(Region.USE_PREF_SIZE);
        Label hint = Controls.text(i18n, model.mayApprove() ? "policy.hint.manager" : "policy.hint.reader");
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        hint.setMaxWidth(Double.MAX_VALUE);
        // what the last step did, or why it was refused, on a line of its own above the hint: a refusal is read whole
        return new VBox(4, message, error, hint);
    }
}
