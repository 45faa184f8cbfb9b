package dev.riskdesk.ui.overview;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.portfolio.PortfolioSummaryService.BucketFigures;
import dev.riskdesk.portfolio.PortfolioSummaryService.FeedStatus;
import dev.riskdesk.portfolio.PortfolioSummaryService.Summary;
import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.FeedsTable;
import dev.riskdesk.ui.common.I18n;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Key figures of the book and the data feeds' freshness. */
public final class OverviewView {
    private final OverviewViewModel model;
    private final I18n i18n;

    public OverviewView(OverviewViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
    }

    public Parent build() {
        VBox page = new VBox(12, toolbar(), tiles(), breakdowns(), feeds());
        page.getStyleClass().add("screen");
        page.setId("overview");
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        model.load();
        return scroll;
    }

    private Summary summary() {
        return model.summaryProperty().get();
    }

    /** A text that follows the language and the figures; "—" until they are loaded. */
    private StringBinding figure(Function<Summary, String> text) {
        return i18n.bind(() -> summary() == null ? "—" : text.apply(summary()), model.summaryProperty());
    }

    private HBox toolbar() {
        Label computed = new Label();
        computed.setId("overview-computed");
        computed.getStyleClass().add("text-muted");
        computed.textProperty().bind(i18n.bind(() -> {
            if (model.loadingProperty().get()) {
                return i18n.get("common.loading");
            }
            return summary() == null ? "" : i18n.format("overview.computedAt", i18n.formats().dateTime(summary().computedAt()));
        }, model.summaryProperty(), model.loadingProperty()));

        Label error = Controls.errorLabel(i18n, "overview-error", model.errorProperty());
        Button refresh = Controls.refreshButton(i18n, "overview-refresh", model::load);
        refresh.disableProperty().bind(model.loadingProperty());
        HBox bar = new HBox(12, computed, error, Controls.spacer(), refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private GridPane tiles() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("tile-grid");
        for (int i = 0; i < 3; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(100.0 / 3);
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
        }
        grid.add(tile("customers", "overview.customers", figure(s -> i18n.formats().integer(s.customers())),
                figure(s -> i18n.format("overview.customers.sub", i18n.formats().integer(s.accounts())))), 0, 0);
        grid.add(tile("openAccounts", "overview.openAccounts", figure(s -> i18n.formats().integer(s.openAccounts())),
                figure(s -> i18n.format("overview.openAccounts.sub",
                        i18n.formats().integer(s.accountsByStatus().getOrDefault(AccountStatus.CANCELLED, 0L))))), 1, 0);
        grid.add(tile("dormant", "overview.dormant", figure(s -> i18n.formats().integer(s.dormantAccounts())),
                figure(s -> i18n.format("overview.dormant.sub",
                        i18n.formats().percent(OverviewViewModel.share(s.dormantAccounts(), s.accounts()))))), 2, 0);
        grid.add(tile("totalLimit", "overview.totalLimit", figure(s -> i18n.formats().money(s.totalLimit())),
                i18n.text("overview.totalLimit.sub")), 0, 1);
        grid.add(tile("balance", "overview.balance", figure(s -> i18n.formats().money(s.outstandingBalance())),
                i18n.text("overview.balance.sub")), 1, 1);
        grid.add(tile("utilisation", "overview.utilisation", figure(s -> i18n.formats().percent(s.utilisation())),
                i18n.text("overview.utilisation.sub")), 2, 1);
        return grid;
    }

    private VBox tile(String id, String titleKey, StringBinding value, StringBinding sub) {
        Label title = new Label();
        title.textProperty().bind(i18n.text(titleKey));
        title.getStyleClass().add("tile-title");
        Label figure = new Label();
        figure.setId("overview-" + id);
        figure.textProperty().bind(value);
        figure.getStyleClass().add("tile-value");
        Label caption = new Label();
        caption.textProperty().bind(sub);
        caption.getStyleClass().add("tile-caption");
        VBox tile = new VBox(4, title, figure, caption);
        tile.getStyleClass().add("tile");
        tile.setMaxWidth(Double.MAX_VALUE);
        return tile;
    }

    private VBox breakdowns() {
        VBox status = card("overview.byStatus", statusGrid());
        VBox buckets = card("overview.byBucket", bucketGrid());
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox.setHgrow(buckets, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        buckets.setMaxWidth(Double.MAX_VALUE);
        status.setPrefWidth(1);
        buckets.setPrefWidth(1);
        // side by side where both fit whole, one above the other in a narrower window (never cut, never wider than the screen)
        HBox side = new HBox(12);
        VBox stacked = new VBox(12);
        VBox host = new VBox();
        Runnable arrange = () -> {
            boolean fits = host.getWidth() >= status.minWidth(-1) + buckets.minWidth(-1) + side.getSpacing();
            Pane target = fits ? side : stacked;
            if (target.getChildren().isEmpty()) {
                side.getChildren().clear();
                stacked.getChildren().clear();
                target.getChildren().setAll(status, buckets);
                host.getChildren().setAll(target);
            }
        };
        side.getChildren().setAll(status, buckets);
        host.getChildren().setAll(side);
        host.setMinWidth(0);
        side.setMinWidth(0);
        host.widthProperty().addListener((obs, old, now) -> arrange.run());
        return host;
    }

    private GridPane statusGrid() {
        GridPane grid = breakdownGrid(false);
        int row = 0;
        for (AccountStatus status : OverviewViewModel.accountStatuses()) {
            Label name = new Label();
            name.textProperty().bind(i18n.text("common.status." + status));
            Label count = numberLabel("overview-status-" + status, figure(s -> i18n.formats().integer(s.accountsByStatus().get(status))));
            ProgressBar bar = shareBar(s -> OverviewViewModel.share(s.accountsByStatus().get(status), s.accounts()));
            Label share = numberLabel(null, figure(s -> i18n.formats().percent(OverviewViewModel.share(s.accountsByStatus().get(status), s.accounts()))));
            grid.addRow(row++, name, count, bar, share);
        }
        return grid;
    }

    private GridPane bucketGrid() {
        GridPane grid = breakdownGrid(true);
        int row = 0;
        for (String bucket : OverviewViewModel.delinquencyBuckets()) {
            Label name = new Label();
            name.textProperty().bind(i18n.text("common.bucket." + bucket));
            Function<Summary, BucketFigures> of = s -> s.byBucket().get(bucket);
            Label count = numberLabel("overview-bucket-" + bucket, figure(s -> i18n.formats().integer(of.apply(s).accounts())));
            Label balance = numberLabel(null, figure(s -> i18n.formats().money(of.apply(s).balance())));
            ProgressBar bar = shareBar(s -> OverviewViewModel.share(of.apply(s).accounts(), s.openAccounts()));
            if (!"CURRENT".equals(bucket)) {
                bar.getStyleClass().add("bar-danger");
            }
            Label share = numberLabel(null, figure(s -> i18n.formats().percent(OverviewViewModel.share(of.apply(s).accounts(), s.openAccounts()))));
            grid.addRow(row++, name, count, balance, bar, share);
        }
        return grid;
    }

    private static GridPane breakdownGrid(boolean withBalance) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("breakdown-grid");
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints count = new ColumnConstraints();
        count.setHalignment(HPos.RIGHT);
        count.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().addAll(name, count);
        if (withBalance) {
            ColumnConstraints balance = new ColumnConstraints();
            balance.setHalignment(HPos.RIGHT);
            balance.setMinWidth(Region.USE_PREF_SIZE);
            grid.getColumnConstraints().add(balance);
        }
        ColumnConstraints bar = new ColumnConstraints();
        bar.setHgrow(Priority.ALWAYS);
        bar.setMinWidth(40);
        bar.setFillWidth(true);
        ColumnConstraints share = new ColumnConstraints();
        share.setHalignment(HPos.RIGHT);
        share.setMinWidth(52);
        grid.getColumnConstraints().addAll(bar, share);
        return grid;
    }

    private Label numberLabel(String id, StringBinding text) {
        Label label = new Label();
        if (id != null) {
            label.setId(id);
        }
        label.textProperty().bind(text);
        label.getStyleClass().add("number");
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private ProgressBar shareBar(Function<Summary, Double> share) {
        ProgressBar bar = new ProgressBar(0);
        bar.getStyleClass().add("share-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(Bindings.createDoubleBinding(
                () -> summary() == null ? 0.0 : share.apply(summary()), model.summaryProperty()));
        return bar;
    }

    private VBox card(String titleKey, Node body) {
        Label title = new Label();
        title.textProperty().bind(i18n.text(titleKey));
        title.getStyleClass().add("card-title");
        VBox card = new VBox(10, title, body);
        card.getStyleClass().add("panel");
        return card;
    }

    private VBox feeds() {
        ObservableList<FeedStatus> feeds = FXCollections.observableArrayList();
        TableView<FeedStatus> table = FeedsTable.build(i18n, "overview-feeds", feeds);
        model.summaryProperty().addListener((obs, old, now) -> feeds.setAll(now == null ? java.util.List.of() : now.feeds()));

        Label summaryLine = new Label();
        summaryLine.setId("overview-feeds-summary");
        summaryLine.textProperty().bind(figure(s -> s.feeds().isEmpty() ? ""
                : s.laggingFeeds() == 0 ? i18n.get("overview.feeds.allOk")
                : i18n.format("overview.feeds.someLagging", s.laggingFeeds())));
        summaryLine.getStyleClass().add("text-muted");
        VBox card = card("overview.feeds", new VBox(8, summaryLine, table));
        card.setId("overview-feeds-card");
        return card;
    }
}
