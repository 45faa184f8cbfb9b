package dev.riskdesk.ui.appeals;

import dev.riskdesk.appeals.AppealStatus;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.common.TextLimit;
import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.I18n;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
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
    private final AppealCasePanels panels;

    public AppealCaseView(AppealCaseViewModel model, I18n i18n, Runnable back) {
        this.model = model;
        this.i18n = i18n;
        this.back = back;
        this.panels = new AppealCasePanels(model, i18n);
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
        VBox left = new VBox(10, panels.why(c), panels.statement(c));
        VBox right = new VBox(10, panels.score(), panels.earlier(c), panels.notes(c));
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
                    AppealDialogs.note(i18n, key, reopen, TextLimit.APPEAL_MOVE_NOTE, actions.getScene().getWindow(), (n, answered) -> model.move(to, n, answered))));
        }
        if (model.canDecide()) {
            Button decide = action("appeal-decide", "appeals.action.decide", "mdi2g-gavel", () ->
                    AppealDialogs.decide(i18n, new AppealDecisionForm(c), actions.getScene().getWindow(), model::decide));
            decide.getStyleClass().add("accent");
            actions.getChildren().add(decide);
        }
        if (model.canApprove()) {
            Button approve = action("appeal-approve", "appeals.action.approve", "mdi2c-check-decagram-outline", () ->
                    AppealDialogs.note(i18n, "appeals.action.approve", false, TextLimit.APPEAL_DECISION_NOTE, actions.getScene().getWindow(),
                            (n, answered) -> model.approve(n, null, answered)));
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
        addHeader(g, 1, 2, "appeals.case.account", value(i18n.getOr("common.status." + c.accountStatus(), c.accountStatus().name()) + " · "
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
}
