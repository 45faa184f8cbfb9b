package dev.riskdesk.ui.appeals;

import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Tables;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** For risk operators: appeal outcomes as labels, the overturn rate per rule version, and the appeals behind a line. */
public final class RuleQualityView {
    private final RuleQualityViewModel model;
    private final I18n i18n;

    public RuleQualityView(RuleQualityViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
    }

    public Parent build() {
        Label intro = new Label();
        intro.textProperty().bind(i18n.text("appeals.quality.intro"));
        intro.setWrapText(true);
        intro.setMinHeight(Region.USE_PREF_SIZE); // wraps to as many lines as it needs, never cut
        intro.getStyleClass().add("text-muted");
        Label error = new Label();
        error.getStyleClass().add("error-text");
        error.textProperty().bind(i18n.render(model.errorProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = Controls.refreshButton(i18n, null, model::reload);
        HBox top = new HBox(8, intro, error, spacer, refresh);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(intro, Priority.ALWAYS);
        intro.setMaxWidth(Double.MAX_VALUE);
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        top.getChildren().remove(spacer);

        TableView<Appeals.RuleQuality> rules = Tables.table("rule-quality-table", model.rules());
        rules.getColumns().add(Tables.column(i18n, "appeals.quality.col.rule", 180, q -> AppealTexts.reason(i18n, q.ruleCode()),
                q -> q.ruleCode() + ": " + AppealTexts.reason(i18n, q.ruleCode())));
        rules.getColumns().add(Tables.column(i18n, "appeals.quality.col.version", 84, q -> q.ruleVersion() == null ? "—" : "v" + q.ruleVersion()));
        rules.getColumns().add(Tables.numeric(i18n, "appeals.quality.col.triggers", 92, q -> i18n.formats().integer(q.triggers())));
        rules.getColumns().add(Tables.count(i18n, "appeals.quality.col.appeals", 84, Appeals.RuleQuality::appeals));
        rules.getColumns().add(Tables.numeric(i18n, "appeals.quality.col.appealRate", 112, q -> q.triggers() == 0 ? "—"
                : i18n.formats().percent((double) q.appeals() / q.triggers())));
        rules.getColumns().add(Tables.count(i18n, "appeals.quality.col.decided", 84, Appeals.RuleQuality::decided));
        rules.getColumns().add(Tables.numeric(i18n, "appeals.quality.col.overturned", 122, q -> i18n.formats().integer(q.overturned())));
        rules.getColumns().add(Tables.numeric(i18n, "appeals.quality.col.stale", 104, q -> i18n.formats().integer(q.staleData())));
        rules.getColumns().add(Tables.numeric(i18n, "appeals.quality.col.rate", 130, q -> q.overturnRate() == null ? "—"
                : i18n.formats().percent(q.overturnRate())));
        rules.setPlaceholder(Tables.placeholder(i18n, "appeals.quality.empty", model.loadingProperty()));
        rules.setPrefHeight(220);
        rules.getSelectionModel().selectedItemProperty().addListener((o, a, q) -> model.select(q));

        Label behind = new Label();
        behind.textProperty().bind(i18n.text("appeals.quality.behind"));
        behind.getStyleClass().add("card-title");
        TableView<Appeals.InboxRow> appeals = Tables.table("rule-quality-appeals", model.appeals());
        appeals.getColumns().add(Tables.column(i18n, "appeals.col.no", 90, Appeals.InboxRow::appealNo));
        appeals.getColumns().add(Tables.column(i18n, "appeals.col.account", 130, Appeals.InboxRow::accountNo));
        appeals.getColumns().add(Tables.column(i18n, "appeals.col.type", 110, r -> AppealTexts.type(i18n, r.type())));
        appeals.getColumns().add(Tables.column(i18n, "appeals.col.status", 110, r -> AppealTexts.status(i18n, r.status())));
        appeals.getColumns().add(Tables.column(i18n, "appeals.col.outcome", 120, r -> r.awaitingApproval()
                ? i18n.get("appeals.awaitingApprovalShort") : AppealTexts.outcome(i18n, r.outcome())));
        appeals.getColumns().add(Tables.column(i18n, "appeals.col.received", 140, r -> i18n.formats().dateTime(r.createdAt())));
        appeals.getColumns().add(Tables.column(i18n, "appeals.col.assignee", 90, r -> r.assignee() == null ? "—" : r.assignee()));
        appeals.setPlaceholder(Tables.placeholder(i18n, "appeals.quality.pick", null));
        VBox.setVgrow(appeals, Priority.ALWAYS);
        VBox page = new VBox(10, top, rules, behind, appeals);
        page.getStyleClass().add("screen");
        page.setId("rule-quality");
        model.reload();
        return page;
    }
}
