package dev.riskdesk.ui.common;

import dev.riskdesk.portfolio.PortfolioSummaryService.FeedStatus;
import java.time.Duration;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The data feeds as the overview and the Data screen show them: feed, as-of, lag and tolerance in
 * words, and a marked state; a feed lagging beyond its tolerance has its row marked too. As tall
 * as its rows, so it never scrolls.
 */
public final class FeedsTable {
    private static final PseudoClass LAGGING = PseudoClass.getPseudoClass("lagging");
    private static final double ROW = 28;

    private FeedsTable() {
    }

    public static TableView<FeedStatus> build(I18n i18n, String id, ObservableList<FeedStatus> feeds) {
        TableView<FeedStatus> table = new TableView<>(feeds);
        table.setId(id);
        table.getStyleClass().addAll("feeds-table", "dense");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(ROW);
        table.setFocusTraversable(false);

        table.getColumns().add(column(i18n, "common.feeds.feed", 170, f -> i18n.getOr("common.feed." + f.code(), f.code()), false));
        table.getColumns().add(column(i18n, "common.feeds.asOf", 180, f -> i18n.formats().dateTime(f.asOf()), false));
        table.getColumns().add(column(i18n, "common.feeds.lag", 90, f -> Durations.words(f.lag()).render(i18n), true));
        table.getColumns().add(column(i18n, "common.feeds.tolerance", 100,
                f -> Durations.words(Duration.ofHours(f.toleranceHours())).render(i18n), true));
        table.getColumns().add(state(i18n));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(FeedStatus feed, boolean empty) {
                super.updateItem(feed, empty);
                pseudoClassStateChanged(LAGGING, !empty && feed != null && !feed.withinTolerance());
            }
        });
        i18n.messagesProperty().addListener((obs, old, now) -> table.refresh());
        table.prefHeightProperty().bind(Bindings.createDoubleBinding(() -> 38 + ROW * Math.max(1, feeds.size()) + 2, feeds));
        table.setMinHeight(Region.USE_PREF_SIZE);
        table.setMaxHeight(Region.USE_PREF_SIZE);
        Label placeholder = new Label();
        placeholder.textProperty().bind(i18n.text("common.feeds.none"));
        table.setPlaceholder(placeholder);
        return table;
    }

    private static TableColumn<FeedStatus, FeedStatus> state(I18n i18n) {
        TableColumn<FeedStatus, FeedStatus> state = new TableColumn<>();
        state.textProperty().bind(i18n.text("common.feeds.state"));
        state.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        state.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(FeedStatus feed, boolean empty) {
                super.updateItem(feed, empty);
                if (empty || feed == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(i18n.get(feed.withinTolerance() ? "common.feeds.ok" : "common.feeds.lagging"));
                FontIcon icon = new FontIcon(feed.withinTolerance() ? "mdi2c-check-circle-outline" : "mdi2a-alert-circle-outline");
                icon.getStyleClass().add(feed.withinTolerance() ? "feed-ok-icon" : "feed-lagging-icon");
                setGraphic(icon);
            }
        });
        state.setSortable(false);
        state.setMinWidth(230); // "Stale: beyond tolerance" in bold, whole
        return state;
    }

    private static TableColumn<FeedStatus, String> column(I18n i18n, String key, double width, Function<FeedStatus, String> text,
            boolean numeric) {
        TableColumn<FeedStatus, String> column = new TableColumn<>();
        column.textProperty().bind(i18n.text(key));
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(c -> i18n.bind(() -> text.apply(c.getValue())));
        if (numeric) {
            column.getStyleClass().add("numeric");
        }
        return column;
    }
}
