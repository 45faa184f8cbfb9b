package dev.riskdesk.ui.common;

import java.util.function.Function;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/** Dense read-only tables whose headers and cells follow the language. */
public final class Tables {
    private Tables() {
    }

    public static <T> TableView<T> table(String id, javafx.collections.ObservableList<T> items) {
        TableView<T> table = new TableView<>(items);
        table.setId(id);
        table.getStyleClass().add("dense");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }

    /** A text column; long texts show in full on hover. */
    public static <T> TableColumn<T, String> column(I18n i18n, String key, double width, Function<T, String> text) {
        return column(i18n, key, width, text, null);
    }

    /**
     * A text column whose cells have a tooltip of their own (e.g. the codes behind words); with a
     * null {@code tooltip}, long texts show in full on hover.
     */
    public static <T> TableColumn<T, String> column(I18n i18n, String key, double width, Function<T, String> text,
            Function<T, String> tooltip) {
        TableColumn<T, String> column = new TableColumn<>();
        column.textProperty().bind(i18n.text(key));
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 60));
        column.setSortable(false);
        column.setCellValueFactory(c -> i18n.bind(() -> c.getValue() == null ? "" : text.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                int index = getIndex();
                T row = empty || getTableView() == null || index < 0 || index >= getTableView().getItems().size() ? null
                        : getTableView().getItems().get(index);
                String tip = tooltip == null || row == null ? item : tooltip.apply(row);
                setTooltip(empty || tip == null || tip.isEmpty() || (tooltip == null && tip.length() < 24) ? null : new Tooltip(tip));
            }
        });
        return column;
    }

    /** A right-aligned number or amount column. */
    public static <T> TableColumn<T, String> numeric(I18n i18n, String key, double width, Function<T, String> text) {
        TableColumn<T, String> column = column(i18n, key, width, text);
        column.getStyleClass().add("numeric");
        return column;
    }

    /** A right-aligned count that never shrinks below {@code width}, so its header ("Unchanged") stays whole. */
    public static <T> TableColumn<T, String> count(I18n i18n, String key, double width, java.util.function.ToLongFunction<T> count) {
        TableColumn<T, String> column = numeric(i18n, key, width, row -> i18n.formats().integer(count.applyAsLong(row)));
        column.setMinWidth(width);
        return column;
    }

    /** The words shown when a table has no rows (while loading: "Loading…"). */
    public static Label placeholder(I18n i18n, String emptyKey, javafx.beans.value.ObservableBooleanValue loading) {
        Label label = new Label();
        label.getStyleClass().add("text-muted");
        label.setWrapText(true);
        label.textProperty().bind(i18n.bind(() -> i18n.get(loading != null && loading.get() ? "common.loading" : emptyKey), loading == null
                ? new javafx.beans.Observable[0] : new javafx.beans.Observable[] {loading}));
        return label;
    }
}
