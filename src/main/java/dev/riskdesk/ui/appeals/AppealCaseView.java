package dev.riskdesk.ui.appeals;

import dev.riskdesk.appeals.AppealStatus;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.scoring.model.Explanation;
import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.I18n;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One appeal: why the account was suspended or cut in plain words, the evidence and the data
 * as-of times with a banner when a late repayment shows the trigger relied on stale data, the
 * customer's statement and files, the score breakdown, earlier appeals, the notes log, and the
 * actions the operator's role allows in the current status.
 */
public final class AppealCaseView {
    private final AppealCaseViewModel model;
    private final I18n i18n;
    private final Runnable back;
    private final VBox body = new VBox(10);
    private final HBox actions = new HBox(8);

    public AppealCaseView(AppealCaseViewModel model, I18n i18n, Runnable back) {
        this.model = model;
        this.i18n = i18n;
        this.back = back;
    }

    public Parent build() {
        Button backButton = new Button();
        backButton.setId("appeal-back");
        backButton.setMinWidth(Region.USE_PREF_SIZE);
        backButton.textProperty().bind(i18n.text("appeals.case.back"));
        backButton.setGraphic(new FontIcon("mdi2a-arrow-left"));
        backButton.setOnAction(e -> back.run());
        Label title = new Label();
        title.setMinWidth(Region.USE_PREF_SIZE);
        title.setId("appeal-title");
        title.getStyleClass().add("card-title");
        title.textProperty().bind(i18n.bind(() -> {
            Appeals.AppealCase c = model.appealProperty().get();
            return c == null ? i18n.get("common.loading") : i18n.format("appeals.case.title", c.row().appealNo(), AppealTexts.type(i18n, c.row().type()),
                    c.row().accountNo());
        }, model.appealProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        actions.setAlignment(Pos.CENTER_RIGHT);
        HBox titleRow = new HBox(12, backButton, title);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(8, titleRow, actions);

        Label error = Controls.errorLabel(i18n, "appeal-error", model.errorProperty());
        error.setWrapText(true);
        Label info = new Label();
        info.setId("appeal-info");
        info.getStyleClass().add("appeal-info");
        info.textProperty().bind(i18n.render(model.infoProperty()));
        info.visibleProperty().bind(model.infoProperty().isNotNull());
        info.managedProperty().bind(info.visibleProperty());

        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox page = new VBox(10, top, error, info, scroll);
        page.getStyleClass().add("screen");
        page.setId("appeal-case");
        model.appealProperty().addListener((o, a, c) -> render(c));
        model.scoreProperty().addListener((o, a, b) -> render(model.appealProperty().get()));
        model.scoreMessageProperty().addListener((o, a, b) -> render(model.appealProperty().get()));
        i18n.messagesProperty().addListener((o, a, b) -> render(model.appealProperty().get()));
        model.reload();
        return page;
    }

    private void render(Appeals.AppealCase c) {
        if (c == null) {
            return;
        }
        renderActions(c);
        body.getChildren().clear();
        body.getChildren().add(header(c));
        if (c.dataCheck().stale()) {
            body.getChildren().add(staleBanner(c));
        }
        if (c.pendingDecisionId() != null) {
            body.getChildren().add(banner("appeal-pending-banner", "appeal-banner-info", "mdi2a-account-check-outline",
                    i18n.format("appeals.case.pending", AppealTexts.outcome(i18n, c.row().outcome()), c.pendingDecisionId())));
        }
        if (c.row().outcome() != null && c.pendingDecisionId() == null) {
            body.getChildren().add(outcome(c));
        }
        VBox left = new VBox(10, why(c), statement(c));
        VBox right = new VBox(10, score(), earlier(c), notes(c));
        GridPane columns = new GridPane();
        columns.setHgap(10);
        ColumnConstraints l = new ColumnConstraints();
        l.setPercentWidth(56);
        ColumnConstraints r = new ColumnConstraints();
        r.setPercentWidth(44);
        columns.getColumnConstraints().setAll(l, r);
        columns.add(left, 0, 0);
        columns.add(right, 1, 0);
        body.getChildren().add(columns);
    }

    private void renderActions(Appeals.AppealCase c) {
        actions.getChildren().clear();
        if (model.canClaim()) {
            actions.getChildren().add(action("appeal-claim", "appeals.action.claim", "mdi2h-hand-back-right-outline", model::claim));
        }
        for (AppealStatus to : model.moves()) {
            boolean reopen = !c.row().status().open();
            String key = reopen ? "appeals.move.reopen" : "appeals.move." + to;
            actions.getChildren().add(action("appeal-move-" + to.name().toLowerCase(Locale.ROOT), key, icon(to, reopen), () ->
                    AppealDialogs.note(i18n, key, reopen, actions.getScene().getWindow()).ifPresent(n -> model.move(to, n))));
        }
        if (model.canDecide()) {
            Button decide = action("appeal-decide", "appeals.action.decide", "mdi2g-gavel", () ->
                    AppealDialogs.decide(i18n, new AppealDecisionForm(c), actions.getScene().getWindow()).ifPresent(model::decide));
            decide.getStyleClass().add("accent");
            actions.getChildren().add(decide);
        }
        if (model.canApprove()) {
            Button approve = action("appeal-approve", "appeals.action.approve", "mdi2c-check-decagram-outline", () ->
                    AppealDialogs.note(i18n, "appeals.action.approve", false, actions.getScene().getWindow()).ifPresent(n -> model.approve(n, null)));
            approve.getStyleClass().add("accent");
            actions.getChildren().add(approve);
        }
    }

    private static String icon(AppealStatus to, boolean reopen) {
        if (reopen) {
            return "mdi2r-restore";
        }
        return switch (to) {
            case AWAITING_CUSTOMER -> "mdi2p-phone-outgoing-outline";
            case ESCALATED -> "mdi2a-arrow-up-bold-outline";
            case CLOSED -> "mdi2c-check-all";
            default -> "mdi2p-play-outline";
        };
    }

    private Button action(String id, String key, String icon, Runnable run) {
        Button b = new Button(i18n.get(key));
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setId(id);
        b.setGraphic(new FontIcon(icon));
        b.setOnAction(e -> run.run());
        return b;
    }

    private GridPane header(Appeals.AppealCase c) {
        GridPane g = new GridPane();
        g.getStyleClass().add("profile-header");
        Appeals.InboxRow r = c.row();
        Label status = new Label(AppealTexts.status(i18n, r.status()));
        status.setId("appeal-status");
        status.getStyleClass().addAll("status-chip", r.status().open() ? "status-chip-frozen" : "status-chip-active");
        Label sla = value(r.remaining() == null ? "—" : AppealTexts.remaining(i18n, r));
        sla.setId("appeal-sla");
        if (r.breached()) {
            sla.getStyleClass().add("error-text");
        }
        addHeader(g, 0, 0, "appeals.case.status", status);
        addHeader(g, 1, 0, "appeals.case.sla", sla);
        addHeader(g, 2, 0, "appeals.case.assignee", value(r.assignee() == null ? "—" : r.assignee()));
        addHeader(g, 0, 2, "appeals.case.customer", value(r.customerName() + " · " + r.accountNo()));
        addHeader(g, 1, 2, "appeals.case.account", value(i18n.getOr("common.status." + c.accountStatus(), c.accountStatus()) + " · "
                + i18n.formats().money(c.currentLimit())));
        addHeader(g, 2, 2, "appeals.case.received", value(i18n.formats().dateTime(r.createdAt()) + " · " + AppealTexts.channel(i18n, c.channel())));
        return g;
    }

    private void addHeader(GridPane g, int col, int row, String key, Node value) {
        Label caption = new Label(i18n.get(key));
        caption.getStyleClass().add("header-caption");
        g.add(caption, col, row);
        g.add(value, col, row + 1);
    }

    private Label value(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("header-value");
        return l;
    }

    private Node staleBanner(Appeals.AppealCase c) {
        Appeals.LateRepayment first = c.dataCheck().lateRepayments().get(0);
        String asOf = c.dataCheck().feedAsOf().getOrDefault("REPAYMENTS", "");
        String text = i18n.format("appeals.case.stale", i18n.formats().dateTime(c.dataCheck().triggeredAt()),
                asOf.isEmpty() ? i18n.formats().dateTime(c.dataCheck().triggeredAt()) : i18n.formats().dateTime(java.time.LocalDateTime.parse(asOf)),
                i18n.formats().money(first.amount()), i18n.formats().dateTime(first.paidAt()), i18n.formats().dateTime(first.receivedAt()));
        return banner("appeal-stale-banner", "appeal-banner-warning", "mdi2a-alert-outline", text);
    }

    private Node banner(String id, String style, String icon, String text) {
        FontIcon i = new FontIcon(icon);
        i.getStyleClass().add("banner-icon");
        Label l = new Label(text);
        l.setWrapText(true);
        HBox.setHgrow(l, Priority.ALWAYS);
        HBox box = new HBox(10, i, l);
        box.setId(id);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().addAll("appeal-banner", style);
        return box;
    }

    private Node outcome(Appeals.AppealCase c) {
        String limit = c.outcomeLimit() == null ? "" : " · " + i18n.formats().money(c.outcomeLimit());
        String reason = c.outcomeReason() == null ? "" : c.outcomeReason();
        int colon = reason.indexOf(':');
        String words = colon > 0 ? AppealTexts.reason(i18n, reason.substring(0, colon)) + " — " + reason.substring(colon + 1).trim() : reason;
        return banner("appeal-outcome-banner", "appeal-banner-info", "mdi2g-gavel", i18n.format("appeals.case.outcome",
                AppealTexts.outcome(i18n, c.row().outcome()) + limit, c.decidedBy(), i18n.formats().dateTime(c.decidedAt()), words));
    }

    private VBox panel(String titleKey, Node... content) {
        Label title = new Label(i18n.get(titleKey));
        title.getStyleClass().add("card-title");
        VBox box = new VBox(6, title);
        box.getChildren().addAll(content);
        box.getStyleClass().add("panel");
        return box;
    }

    private VBox why(Appeals.AppealCase c) {
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
            facts.addRow(row++, muted("appeals.case.kind"), new Label(i18n.getOr("appeals.kind." + c.suspensionKind(), c.suspensionKind())));
        } else {
            facts.addRow(row++, muted("appeals.case.limitChange"), new Label(i18n.formats().money(c.contestedOldLimit()) + " → "
                    + i18n.formats().money(c.contestedNewLimit())));
        }
        facts.addRow(row++, muted("appeals.case.rule"), new Label(c.row().ruleCode() == null ? "—" : c.row().ruleCode()
                + (c.row().ruleVersion() == null ? "" : " · v" + c.row().ruleVersion())));
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

    private VBox statement(Appeals.AppealCase c) {
        Label text = new Label(c.statement());
        text.setId("appeal-statement");
        text.setWrapText(true);
        Label contact = new Label(i18n.format("appeals.case.contact", AppealTexts.channel(i18n, c.channel()),
                AppealTexts.channel(i18n, c.contactPreference())));
        contact.getStyleClass().add("text-muted");
        VBox files = new VBox(2);
        for (Appeals.AttachmentInfo a : c.attachments()) {
            files.getChildren().add(new Label("📎 " + a.fileName() + " · " + (a.sizeBytes() + 1023) / 1024 + " KB · " + a.uploadedBy()));
        }
        if (c.attachments().isEmpty()) {
            files.getChildren().add(muted("appeals.case.noFiles"));
        }
        return panel("appeals.case.statement", text, contact, files);
    }

    private VBox score() {
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

    private VBox earlier(Appeals.AppealCase c) {
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

    private VBox notes(Appeals.AppealCase c) {
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
                setText(i18n.formats().dateTime(n.createdAt()) + " · " + n.author() + " · " + i18n.getOr("appeals.noteKind." + n.kind(), n.kind())
                        + "\n" + n.body());
                setWrapText(true);
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
        add.disableProperty().bind(text.textProperty().isEmpty());
        Runnable submit = () -> {
            model.addNote(text.getText());
            text.clear();
        };
        add.setOnAction(e -> submit.run());
        text.setOnAction(e -> {
            if (!text.getText().isBlank()) {
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
        return panel("appeals.case.notes", log, new HBox(6, text, add, attach));
    }

    private Label muted(String key) {
        Label l = new Label(i18n.get(key));
        l.getStyleClass().add("text-muted");
        return l;
    }
}
