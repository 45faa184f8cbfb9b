package dev.riskdesk.ui.profile;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.customers.CustomerProfile;
import dev.riskdesk.ui.common.ChartImages;
import dev.riskdesk.ui.common.ReasonTexts;
import dev.riskdesk.ui.common.Tables;
import dev.riskdesk.ui.common.Theme;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.util.Duration;

/** Limits: the limit and balance over time with the decisions on it (drawn off the FX thread), then the open proposals and past decisions. */
final class LimitsTab extends ProfilePart {
    private final TaskRunner tasks;
    private final ObservableValue<Theme> theme;

    LimitsTab(ProfileBinder ui, ProfileTexts texts, TaskRunner tasks, ObservableValue<Theme> theme) {
        super(ui, texts);
        this.tasks = tasks;
        this.theme = theme;
    }

    Node build() {
        StackPane chartHost = new StackPane();
        chartHost.setId("limits-chart");
        chartHost.getStyleClass().add("chart-host");
        chartHost.setMinHeight(300);
        chartHost.setPrefHeight(320);
        PauseTransition redraw = new PauseTransition(Duration.millis(150));
        redraw.setOnFinished(e -> draw(chartHost));
        chartHost.widthProperty().addListener((obs, old, now) -> redraw.playFromStart());
        model.profileProperty().addListener((obs, old, now) -> redraw.playFromStart());
        i18n.messagesProperty().addListener((obs, old, now) -> redraw.playFromStart());
        theme.addListener((obs, old, now) -> redraw.playFromStart());

        ObservableList<CustomerProfile.Proposal> proposals = FXCollections.observableArrayList();
        ObservableList<CustomerProfile.Decision> decisions = FXCollections.observableArrayList();
        model.profileProperty().addListener((obs, old, p) -> {
            proposals.setAll(p == null ? List.of() : p.openProposals());
            List<CustomerProfile.Decision> newestFirst = new ArrayList<>(p == null ? List.of() : p.decisions());
            Collections.reverse(newestFirst);
            decisions.setAll(newestFirst);
        });
        // side by side, six columns each were cut to "Old …", "Pro…"; one table at a time keeps
        // every column readable, and the tab titles say how many rows each holds
        TabPane tables = new TabPane(countedTab("profile.proposals.title", "limits-tab-proposals", proposalsTable(proposals), proposals),
                countedTab("profile.decisions.title", "limits-tab-decisions", decisionsTable(decisions), decisions));
        tables.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tables.setTabMaxWidth(420); // the titles with their counts whole, in both languages
        tables.getStyleClass().add("floating");
        tables.setPrefHeight(200);
        VBox.setVgrow(tables, Priority.ALWAYS);
        VBox box = new VBox(6, chartHost, tables);
        box.getStyleClass().add("tab-body");
        return box;
    }

    private TableView<CustomerProfile.Proposal> proposalsTable(ObservableList<CustomerProfile.Proposal> proposals) {
        TableView<CustomerProfile.Proposal> pt = Tables.table("limits-proposals", proposals);
        pt.getColumns().add(Tables.column(i18n, "profile.col.created", 140, p -> f().dateTime(p.createdAt())));
        pt.getColumns().add(Tables.column(i18n, "profile.col.type", 100, p -> i18n.get("profile.proposalType." + p.type())));
        pt.getColumns().add(Tables.numeric(i18n, "profile.col.oldLimit", 100, p -> f().money(p.oldLimit())));
        pt.getColumns().add(Tables.numeric(i18n, "profile.col.proposed", 100, p -> f().money(p.proposedLimit())));
        pt.getColumns().add(Tables.column(i18n, "profile.col.status", 110, p -> i18n.get("profile.proposalStatus." + p.status())));
        pt.getColumns().add(Tables.column(i18n, "profile.col.reasons", 120, p -> ReasonTexts.wordsOf(i18n, p.reasonCodes()),
                p -> ReasonTexts.tooltip(i18n, ReasonTexts.codes(p.reasonCodes()))));
        pt.setPlaceholder(Tables.placeholder(i18n, "profile.proposals.empty", model.loadingProperty()));
        return pt;
    }

    private TableView<CustomerProfile.Decision> decisionsTable(ObservableList<CustomerProfile.Decision> decisions) {
        TableView<CustomerProfile.Decision> dt = Tables.table("limits-decisions", decisions);
        dt.getColumns().add(Tables.column(i18n, "profile.col.time", 140, d -> f().dateTime(d.decidedAt())));
        dt.getColumns().add(Tables.column(i18n, "profile.col.action", 90, d -> i18n.get("profile.decisionAction." + d.action())));
        dt.getColumns().add(Tables.numeric(i18n, "profile.col.oldLimit", 100, d -> f().money(d.oldLimit())));
        dt.getColumns().add(Tables.numeric(i18n, "profile.col.newLimit", 100, d -> f().money(d.newLimit())));
        dt.getColumns().add(Tables.column(i18n, "profile.col.by", 120, d -> d.maker() == null ? i18n.get("profile.byEngine")
                : d.checker() == null ? d.maker() : d.maker() + " / " + d.checker()));
        dt.getColumns().add(Tables.column(i18n, "profile.col.note", 160, d -> d.note() == null ? "" : d.note()));
        dt.setPlaceholder(Tables.placeholder(i18n, "profile.decisions.empty", model.loadingProperty()));
        return dt;
    }

    private Tab countedTab(String key, String id, TableView<?> table, ObservableList<?> rows) {
        Tab t = new Tab();
        t.setId(id);
        t.textProperty().bind(Bindings.createStringBinding(() -> i18n.get(key) + " (" + rows.size() + ")", rows, i18n.messagesProperty()));
        t.setContent(table);
        return t;
    }

    private void draw(StackPane host) {
        CustomerProfile p = ui.profile();
        int w = (int) Math.max(400, host.getWidth());
        int h = (int) Math.max(260, host.getPrefHeight());
        if (p == null) {
            return;
        }
        ProfileCharts.Texts chartTexts = new ProfileCharts.Texts(i18n.get("profile.chart.limits.title"), i18n.get("profile.chart.time"),
                i18n.get("profile.chart.yuan"), i18n.get("profile.chart.limit"), i18n.get("profile.chart.balance"),
                i18n.get("profile.chart.decisions"), i18n.get("profile.chart.empty"));
        boolean dark = theme.getValue() == Theme.DARK;
        Locale locale = i18n.locale();
        double scale = Screen.getPrimary().getOutputScaleX();
        LocalDateTime now = model.now();
        tasks.submit(progress -> ChartImages.render(ProfileCharts.limits(p, now, chartTexts, dark, locale), w, h, scale), image -> {
            ImageView view = new ImageView(ChartImages.toFxImage(image));
            view.setFitWidth(w);
            view.setFitHeight(h);
            view.setPreserveRatio(true);
            host.getChildren().setAll(view);
        }, failure -> host.getChildren().setAll(new Label(i18n.get("profile.chart.failed"))));
    }
}
