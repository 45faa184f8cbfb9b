package dev.riskdesk.ui.appeals;

import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.common.TextLimit;
import dev.riskdesk.scoring.model.Explanation;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.TextCounter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The panels of one appeal's page: why the account was suspended or cut (reasons, facts, data
 * as-of times, evidence), the customer's statement and files, the score breakdown, earlier
 * appeals, and the notes log with its input. Each is built afresh when the case is rendered.
 */
final class AppealCasePanels {
    private final AppealCaseViewModel model;
    private final I18n i18n;

    AppealCasePanels(AppealCaseViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
    }

    private VBox panel(String titleKey, Node... content) {
        Label title = new Label(i18n.get(titleKey));
        title.getStyleClass().add("card-title");
        VBox box = new VBox(6, title);
        box.getChildren().addAll(content);
        box.getStyleClass().add("panel");
        return box;
    }

    VBox why(Appeals.AppealCase c) {
        VBox reasons = new VBox(3);
        reasons.setId("appeal-reasons");
        for (String code : c.reasonCodes()) {
            Label l = new Label("• " + AppealTexts.reason(i18n, code));
            l.setWrapText(true);
            reasons.getChildren().add(l);
        }
        GridPane facts = new GridPane();
        facts.getStyleClass().add("breakdown-grid");
        int row = 0;
        if (c.suspensionKind() != null) {
            facts.addRow(row++, muted("appeals.case.kind"), new Label(i18n.getOr("appeals.kind." + c.suspensionKind(), c.suspensionKind().name())));
        } else {
            facts.addRow(row++, muted("appeals.case.limitChange"), new Label(i18n.formats().money(c.contestedOldLimit()) + " → "
                    + i18n.formats().money(c.contestedNewLimit())));
        }
        Label rule = new Label(c.row().ruleCode() == null ? "—" : AppealTexts.reason(i18n, c.row().ruleCode())
                + (c.row().ruleVersion() == null ? "" : " · v" + c.row().ruleVersion()));
        rule.setWrapText(true);
        if (c.row().ruleCode() != null) {
            rule.setTooltip(new Tooltip(c.row().ruleCode())); // the code, for a look-up in the rule set
        }
        facts.addRow(row++, muted("appeals.case.rule"), rule);
        facts.addRow(row++, muted("appeals.case.triggeredAt"), new Label(i18n.formats().dateTime(c.dataCheck().triggeredAt())));
        for (Map.Entry<String, String> feed : c.dataCheck().feedAsOf().entrySet()) {
            facts.addRow(row++, new Label(i18n.format("appeals.case.feedAsOf", i18n.getOr("appeals.feed." + feed.getKey(), feed.getKey()))),
                    new Label(i18n.formats().dateTime(java.time.LocalDateTime.parse(feed.getValue()))));
        }
        Label since = new Label(c.dataCheck().stale() ? i18n.get("appeals.case.changedStale")
                : c.dataCheck().repaymentsSinceTrigger() > 0 ? i18n.format("appeals.case.changedSince", c.dataCheck().repaymentsSinceTrigger())
                : i18n.get("appeals.case.unchanged"));
        since.setWrapText(true);
        since.setId("appeal-data-changed");
        facts.addRow(row, muted("appeals.case.dataSince"), since);
        TextArea evidence = new TextArea(dev.riskdesk.ui.common.EvidenceTexts.lines(i18n, c.evidence()));
        evidence.setId("appeal-evidence");
        evidence.setEditable(false);
        evidence.setWrapText(true);
        evidence.setPrefRowCount(7);
        return panel("appeals.case.why", reasons, facts, muted("appeals.case.evidence"), evidence);
    }

    VBox statement(Appeals.AppealCase c) {
        Label text = new Label(c.statement());
        text.setId("appeal-statement");
        text.setWrapText(true);
        Label contact = new Label(i18n.format("appeals.case.contact", AppealTexts.channel(i18n, c.channel()),
                AppealTexts.channel(i18n, c.contactPreference())));
        contact.getStyleClass().add("text-muted");
        VBox files = new VBox(2);
        for (Appeals.AttachmentInfo a : c.attachments()) {
            javafx.scene.control.Hyperlink save = new javafx.scene.control.Hyperlink(i18n.get("appeals.case.saveFile"));
            save.setId("appeal-save-file-" + a.id());
            save.setOnAction(e -> {
                javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
                chooser.setInitialFileName(a.fileName());
                java.io.File target = chooser.showSaveDialog(save.getScene().getWindow());
                if (target != null) {
                    model.saveAttachment(a.id(), target);
                }
            });
            files.getChildren().add(new HBox(6, new Label("📎 " + a.fileName() + " · " + (a.sizeBytes() + 1023) / 1024 + " KB · " + a.uploadedBy()), save));
        }
        if (c.attachments().isEmpty()) {
            files.getChildren().add(muted("appeals.case.noFiles"));
        }
        return panel("appeals.case.statement", text, contact, files);
    }

    VBox score() {
        Explanation e = model.scoreProperty().get();
        Button rescore = new Button(i18n.get("appeals.case.rescore"));
        rescore.setId("appeal-rescore");
        rescore.setGraphic(new FontIcon("mdi2r-refresh"));
        rescore.setOnAction(ev -> model.rescore());
        VBox box;
        if (e == null) {
            Label msg = new Label(model.scoreMessageProperty().get() == null ? "" : model.scoreMessageProperty().get().render(i18n));
            msg.setWrapText(true);
            msg.getStyleClass().add("text-muted");
            box = panel("appeals.case.score", msg, rescore);
        } else {
            Label total = new Label(i18n.format("appeals.case.scoreLine", e.score(), e.band()));
            total.setId("appeal-score");
            total.getStyleClass().add("header-value");
            GridPane lines = new GridPane();
            lines.getStyleClass().add("breakdown-grid");
            lines.addRow(0, muted("appeals.case.scoreCol.characteristic"), muted("appeals.case.scoreCol.points"), muted("appeals.case.scoreCol.best"));
            ResourceBundle names = ResourceBundle.getBundle(Explanation.BUNDLE, i18n.formats().locale());
            List<Explanation.Line> worst = e.lines().stream().sorted(Comparator.comparingInt(Explanation.Line::pointsLost).reversed()).limit(6).toList();
            int row = 1;
            lines.getColumnConstraints().setAll(new ColumnConstraints(), fixedColumn(), fixedColumn());
            for (Explanation.Line line : worst) {
                String name = names.containsKey("feature." + line.characteristic()) ? names.getString("feature." + line.characteristic()) : line.characteristic();
                Label n = new Label(name + " (" + line.bin() + ")");
                n.setWrapText(true);
                Label p = new Label(String.valueOf(line.points()));
                p.getStyleClass().add("number");
                Label b = new Label(String.valueOf(line.bestPoints()));
                b.getStyleClass().add("number");
                lines.addRow(row++, n, p, b);
            }
            HBox head = new HBox(12, total, new Region(), rescore);
            HBox.setHgrow(head.getChildren().get(1), Priority.ALWAYS);
            head.setAlignment(Pos.CENTER_LEFT);
            box = panel("appeals.case.score", head, lines);
        }
        box.setId("appeal-score-panel");
        return box;
    }

    private static ColumnConstraints fixedColumn() {
        ColumnConstraints c = new ColumnConstraints();
        c.setMinWidth(Region.USE_PREF_SIZE);
        c.setHalignment(javafx.geometry.HPos.RIGHT);
        return c;
    }

    VBox earlier(Appeals.AppealCase c) {
        VBox list = new VBox(2);
        list.setId("appeal-earlier");
        for (Appeals.InboxRow r : c.earlierAppeals()) {
            list.getChildren().add(new Label(r.appealNo() + " · " + i18n.formats().date(r.createdAt().toLocalDate()) + " · "
                    + AppealTexts.type(i18n, r.type()) + " · " + AppealTexts.status(i18n, r.status())
                    + (r.outcome() == null ? "" : " · " + AppealTexts.outcome(i18n, r.outcome()))));
        }
        if (c.earlierAppeals().isEmpty()) {
            list.getChildren().add(muted("appeals.case.noEarlier"));
        }
        return panel("appeals.case.earlier", list);
    }

    VBox notes(Appeals.AppealCase c) {
        ListView<Appeals.Note> log = new ListView<>();
        log.setId("appeal-notes");
        log.getItems().setAll(c.notes());
        log.setPrefHeight(190);
        log.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Appeals.Note n, boolean empty) {
                super.updateItem(n, empty);
                if (empty || n == null) {
                    setText(null);
                    return;
                }
                setText(i18n.formats().dateTime(n.createdAt()) + " · " + n.author() + " · " + i18n.getOr("appeals.noteKind." + n.kind(), n.kind().name())
                        + "\n" + AppealNoteTexts.body(i18n, n));
                setWrapText(true);
                // a long note is read whole in its tooltip, whatever room the list gives it
                Tooltip whole = new Tooltip(getText());
                whole.setWrapText(true);
                whole.setMaxWidth(560);
                setTooltip(whole);
                setPrefWidth(0);
            }
        });
        if (!c.notes().isEmpty()) {
            log.scrollTo(c.notes().size() - 1);
        }
        TextField text = new TextField();
        text.setId("appeal-note-input");
        text.setPromptText(i18n.get("appeals.case.notePrompt"));
        HBox.setHgrow(text, Priority.ALWAYS);
        Button add = new Button(i18n.get("appeals.case.addNote"));
        add.setId("appeal-add-note");
        TextCounter counter = new TextCounter(i18n, text, TextLimit.APPEAL_NOTE);
        add.disableProperty().bind(text.textProperty().isEmpty().or(counter.tooLongProperty()));
        Runnable submit = () -> model.addNote(text.getText(), text::clear); // a refused note stays in the field
        add.setOnAction(e -> submit.run());
        text.setOnAction(e -> {
            if (!text.getText().isBlank() && !counter.tooLongProperty().get()) {
                submit.run();
            }
        });
        Button attach = new Button(i18n.get("appeals.register.addFile"));
        attach.setId("appeal-attach");
        attach.setOnAction(e -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            java.io.File file = chooser.showOpenDialog(attach.getScene().getWindow());
            if (file != null) {
                model.addAttachment(file);
            }
        });
        VBox input = counter.under(text);
        HBox.setHgrow(input, Priority.ALWAYS);
        return panel("appeals.case.notes", log, new HBox(6, input, add, attach));
    }

    private Label muted(String key) {
        Label l = new Label(i18n.get(key));
        l.getStyleClass().add("text-muted");
        return l;
    }
}
