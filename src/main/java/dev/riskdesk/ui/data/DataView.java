package dev.riskdesk.ui.data;

import dev.riskdesk.exchange.history.DataHistoryService.Load;
import dev.riskdesk.exchange.history.DataHistoryService.LoadFile;
import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.FeedsTable;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Tables;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Data screen: the feeds (as-of, lag, tolerance, stale or not), the loads newest first and
 * the files of the load selected, with the import wizard one button away.
 */
public final class DataView {
    /** How many characters of a SHA-256 the files table shows; the whole value is in the tooltip and copyable. */
    static final int HASH_SHOWN = 12;

    private final DataViewModel model;
    private final I18n i18n;

    public DataView(DataViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
    }

    public Parent build() {
        VBox feeds = card("data.feeds", FeedsTable.build(i18n, "data-feeds", model.feeds()));
        SplitPane history = new SplitPane(card("data.loads", loadsTable()), filesCard());
        history.setOrientation(Orientation.VERTICAL);
        history.setDividerPositions(0.45);
        VBox.setVgrow(history, Priority.ALWAYS);
        VBox page = new VBox(12, toolbar(), feeds, history);
        page.getStyleClass().add("screen");
        page.setId("data");
        model.reload();
        return page;
    }

    private HBox toolbar() {
        Label hint = Controls.text(i18n, "data.hint");
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        HBox.setHgrow(hint, Priority.ALWAYS);
        hint.setMaxWidth(Double.MAX_VALUE);
        Label error = Controls.errorLabel(i18n, "data-error", model.errorProperty());
        error.setWrapText(true);
        Button refresh = Controls.refreshButton(i18n, "data-refresh", model::reload);
        Button importButton = Controls.button(i18n, "data-import", "data.import.open", "mdi2d-database-import-outline");
        importButton.getStyleClass().add("accent");
        importButton.setMinWidth(Region.USE_PREF_SIZE);
        importButton.setOnAction(e -> new ImportWizard(model.newImport(), i18n).show(importButton.getScene().getWindow()));
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, hint, error, refresh, importButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private VBox card(String titleKey, Node body) {
        Label title = Controls.text(i18n, titleKey);
        title.getStyleClass().add("card-title");
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox card = new VBox(8, title, body);
        card.getStyleClass().add("panel");
        return card;
    }

    private TableView<Load> loadsTable() {
        TableView<Load> table = Tables.table("data-loads", model.loads());
        TableColumn<Load, String> when = Tables.column(i18n, "data.loads.when", 165, l -> i18n.formats().dateTime(l.startedAt()));
        when.setMinWidth(165); // "2026年12月7日 20:53" whole
        table.getColumns().add(when);
        table.getColumns().add(Tables.column(i18n, "data.loads.who", 90, Load::operatorName));
        table.getColumns().add(Tables.column(i18n, "data.loads.source", 140, Load::sourceName));
        table.getColumns().add(Tables.column(i18n, "data.loads.outcome", 140, this::outcome));
        table.getColumns().add(Tables.count(i18n, "data.rows.new", 100, l -> l.rowsNew()));
        table.getColumns().add(Tables.count(i18n, "data.rows.changed", 100, l -> l.rowsChanged()));
        table.getColumns().add(Tables.count(i18n, "data.rows.unchanged", 112, l -> l.rowsUnchanged()));
        table.getColumns().add(Tables.count(i18n, "data.rows.rejected", 100, l -> l.rowsRejected()));
        table.setPlaceholder(Tables.placeholder(i18n, "data.loads.none", model.loadingProperty()));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedLoadProperty().set(now);
            }
        });
        model.selectedLoadProperty().addListener((obs, old, now) -> {
            if (now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
            }
        });
        i18n.messagesProperty().addListener((obs, old, now) -> table.refresh());
        return table;
    }

    private String outcome(Load load) {
        String outcome = i18n.get("data.outcome." + load.outcome().name());
        return load.firstLoad() ? i18n.format("data.outcome.firstLoad", outcome) : outcome;
    }

    private VBox filesCard() {
        Label rejects = new Label();
        rejects.setId("data-reject-file");
        rejects.getStyleClass().add("text-muted");
        rejects.textProperty().bind(i18n.bind(() -> {
            Load load = model.selectedLoadProperty().get();
            return load == null || load.rejectFile() == null ? "" : i18n.format("data.files.rejectFile", load.rejectFile());
        }, model.selectedLoadProperty()));
        rejects.visibleProperty().bind(Bindings.isNotEmpty(rejects.textProperty()));
        rejects.managedProperty().bind(rejects.visibleProperty());
        rejects.tooltipProperty().bind(Bindings.createObjectBinding(() -> rejects.getText().isEmpty() ? null
                : new javafx.scene.control.Tooltip(rejects.getText()), rejects.textProperty()));
        TableView<LoadFile> files = filesTable();
        VBox card = card("data.files", new VBox(6, rejects, files));
        VBox.setVgrow(files, Priority.ALWAYS);
        return card;
    }

    private TableView<LoadFile> filesTable() {
        TableView<LoadFile> table = Tables.table("data-files", model.files());
        table.getColumns().add(Tables.column(i18n, "data.files.name", 160, LoadFile::fileName));
        table.getColumns().add(Tables.column(i18n, "data.files.kind", 130,
                f -> i18n.getOr("data.kind." + f.kind().toUpperCase(java.util.Locale.ROOT), f.kind())));
        table.getColumns().add(Tables.column(i18n, "data.files.sha256", 150, f -> shortHash(f.sha256()),
                f -> i18n.format("data.files.sha256.full", f.sha256())));
        table.getColumns().add(Tables.column(i18n, "data.files.encoding", 90, LoadFile::encoding));
        table.getColumns().add(Tables.count(i18n, "data.rows.new", 100, f -> f.rowsNew()));
        table.getColumns().add(Tables.count(i18n, "data.rows.changed", 100, f -> f.rowsChanged()));
        table.getColumns().add(Tables.count(i18n, "data.rows.unchanged", 112, f -> f.rowsUnchanged()));
        table.getColumns().add(Tables.count(i18n, "data.rows.rejected", 100, f -> f.rowsRejected()));
        table.setPlaceholder(Tables.placeholder(i18n, "data.files.none", null));

        MenuItem copy = new MenuItem();
        copy.setId("data-files-copy-sha");
        copy.textProperty().bind(i18n.text("data.files.copySha"));
        copy.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        copy.setOnAction(e -> copyHash(table));
        table.setContextMenu(new ContextMenu(copy));
        table.setOnKeyPressed(e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.C) {
                copyHash(table);
            }
        });
        i18n.messagesProperty().addListener((obs, old, now) -> table.refresh());
        return table;
    }

    /** The first characters of a SHA-256 and an ellipsis: enough to tell files apart at a glance. */
    static String shortHash(String sha256) {
        return sha256 == null || sha256.length() <= HASH_SHOWN ? sha256 : sha256.substring(0, HASH_SHOWN) + "\u2026";
    }

    private static void copyHash(TableView<LoadFile> table) {
        LoadFile file = table.getSelectionModel().getSelectedItem();
        if (file != null) {
            ClipboardContent content = new ClipboardContent();
            content.putString(file.sha256());
            Clipboard.getSystemClipboard().setContent(content);
        }
    }
}
