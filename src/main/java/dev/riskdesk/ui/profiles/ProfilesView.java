package dev.riskdesk.ui.profiles;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.customers.CustomerQuery.SortKey;
import dev.riskdesk.customers.CustomerRow;
import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.ReasonTexts;
import dev.riskdesk.ui.common.Tables;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableSet;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The profile browser. Typing searches after a short pause; filters and column sorts search at
 * once; scrolling to the end loads the next page. Enter (or a double click) opens the selected
 * profile in place, with a way back to the same results.
 */
public final class ProfilesView {
    static final Duration DEBOUNCE = Duration.millis(250);
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    private final ProfilesViewModel model;
    private final I18n i18n;
    /** Builds the profile of an account; the Runnable takes the operator back to the results. */
    private final BiFunction<Long, Runnable, Node> profiles;
    private final StackPane root = new StackPane();
    private final TextField searchField = new TextField();
    private VBox browser;
    private TableView<CustomerRow> table;

    public ProfilesView(ProfilesViewModel model, I18n i18n, BiFunction<Long, Runnable, Node> profiles) {
        this.model = model;
        this.i18n = i18n;
        this.profiles = profiles;
    }

    public Parent build() {
        table = table();
        VBox.setVgrow(table, Priority.ALWAYS);
        browser = new VBox(10, searchBar(), filters(), table, footer());
        browser.getStyleClass().add("screen");
        browser.setId("profiles");
        root.getChildren().add(browser);
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(FIND, () -> focusSearch(scene));
            }
        });
        model.start();
        return root;
    }

    private void focusSearch(Scene scene) {
        if (root.getScene() == scene) {
            showBrowser();
            searchField.requestFocus();
            searchField.selectAll();
        }
    }

    private void showBrowser() {
        root.getChildren().setAll(browser);
    }

    /** Opens the profile of the selected row in place of the browser. */
    void openSelected() {
        CustomerRow row = table.getSelectionModel().getSelectedItem();
        if (row == null) {
            return;
        }
        Node profile = profiles.apply(row.accountId(), () -> {
            showBrowser();
            table.requestFocus();
        });
        root.getChildren().setAll(profile);
    }

    private HBox searchBar() {
        searchField.setId("profiles-search");
        searchField.promptTextProperty().bind(i18n.text("profiles.search.prompt"));
        searchField.setPrefColumnCount(38);
        searchField.textProperty().bindBidirectional(model.textProperty());
        PauseTransition pause = new PauseTransition(DEBOUNCE);
        pause.setOnFinished(e -> model.search());
        searchField.textProperty().addListener((obs, old, now) -> pause.playFromStart());
        searchField.setOnAction(e -> {
            pause.stop();
            model.search();
        });
        searchField.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN && !table.getItems().isEmpty()) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty()) {
                    table.getSelectionModel().selectFirst();
                }
                e.consume();
            }
        });
        FontIcon icon = new FontIcon("mdi2m-magnify");
        icon.getStyleClass().add("search-icon");

        Label kind = new Label();
        kind.setId("profiles-kind");
        kind.getStyleClass().add("text-muted");
        kind.textProperty().bind(i18n.bind(() -> i18n.get("profiles.kind." + model.textKindProperty().get().name()),
                model.textKindProperty()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label count = new Label();
        count.setId("profiles-count");
        count.getStyleClass().add("count-label");
        count.textProperty().bind(i18n.bind(this::countText, model.totalProperty(), model.totalCappedProperty(), model.rows(),
                model.loadingProperty(), model.countingProperty()));
        HBox bar = new HBox(10, icon, searchField, kind, spacer, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private String countText() {
        long total = model.totalProperty().get();
        if (total < 0) {
            // a broad search shows its rows first; the count follows a moment later
            return model.loadingProperty().get() ? i18n.get("common.loading")
                    : model.countingProperty().get() ? i18n.format("profiles.count.counting", i18n.formats().integer(model.rows().size()))
                    : "";
        }
        String totalText = model.totalCappedProperty().get()
                ? i18n.format("profiles.count.capped", i18n.formats().integer(total))
                : i18n.formats().integer(total);
        return i18n.format("profiles.count", i18n.formats().integer(model.rows().size()), totalText);
    }

    /** A status as the list's column and its filter both name it (the short form where there is one). */
    private String statusText(AccountStatus status) {
        return i18n.getOr("profiles.status." + status, i18n.get("common.status." + status));
    }

    private javafx.scene.layout.FlowPane filters() {
        MenuButton status = multi("profiles-filter-status", "profiles.filter.status", model.statuses(),
                List.of(AccountStatus.values()), this::statusText);
        MenuButton band = multi("profiles-filter-band", "profiles.filter.band", model.bands(),
                List.of("A", "B", "C", "D", "E"), v -> i18n.format("profiles.band", v));
        MenuButton tier = multi("profiles-filter-tier", "profiles.filter.tier", model.cityTiers(),
                List.of(1, 2, 3, 4, 5), v -> i18n.format("profiles.tier", v));
        MenuButton bucket = multi("profiles-filter-bucket", "profiles.filter.bucket", model.buckets(),
                List.of("CURRENT", "DPD1_30", "DPD31_60", "DPD61_90", "DPD90P"), v -> i18n.get("common.bucket." + v));

        ComboBox<String> rule = new ComboBox<>(model.ruleCodes());
        rule.setId("profiles-filter-rule");
        rule.valueProperty().bindBidirectional(model.ruleCodeProperty());
        rule.setPrefWidth(190);
        javafx.util.Callback<javafx.scene.control.ListView<String>, ListCell<String>> ruleCells = list -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty && list != null ? null : item == null || item.isEmpty() ? i18n.get("profiles.filter.ruleAny")
                        : i18n.format("profiles.filter.ruleIs", ReasonTexts.words(i18n, item)));
            }
        };
        rule.promptTextProperty().bind(i18n.text("profiles.filter.ruleAny"));
        rule.setCellFactory(ruleCells);
        rule.setButtonCell(ruleCells.call(null));

        ComboBox<ProfilesViewModel.ThinFile> thin = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                ProfilesViewModel.ThinFile.values()));
        thin.setId("profiles-filter-thin");
        thin.valueProperty().bindBidirectional(model.thinFileProperty());
        javafx.util.Callback<javafx.scene.control.ListView<ProfilesViewModel.ThinFile>, ListCell<ProfilesViewModel.ThinFile>> thinCells =
                list -> new ListCell<>() {
                    @Override
                    protected void updateItem(ProfilesViewModel.ThinFile item, boolean empty) {
                        super.updateItem(item, empty);
                        setText(empty && list != null ? null
                                : i18n.get("profiles.filter.thin." + (item == null ? ProfilesViewModel.ThinFile.ANY : item).name()));
                    }
                };
        thin.setCellFactory(thinCells);
        thin.setButtonCell(thinCells.call(null));
        i18n.messagesProperty().addListener((obs, old, now) -> {
            rule.setButtonCell(ruleCells.call(null));
            thin.setButtonCell(thinCells.call(null));
        });

        Button clear = new Button();
        clear.setId("profiles-clear");
        clear.textProperty().bind(i18n.text("profiles.filter.clear"));
        clear.getStyleClass().add("flat");
        clear.setOnAction(e -> {
            model.statuses().clear();
            model.bands().clear();
            model.cityTiers().clear();
            model.buckets().clear();
            model.ruleCodeProperty().set("");
            model.thinFileProperty().set(ProfilesViewModel.ThinFile.ANY);
        });

        for (javafx.scene.layout.Region r : List.of(status, band, bucket, tier, thin, clear)) {
            r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        rule.setMinWidth(150);
        // the filters take a second line in a narrow window rather than push the screen past its edge
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(8, 6, status, band, bucket, tier, rule, thin, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** A drop-down of check items bound to a set; the button shows how many are chosen. */
    private <T> MenuButton multi(String id, String key, ObservableSet<T> chosen, List<T> values, Function<T, String> text) {
        MenuButton button = new MenuButton();
        button.setId(id);
        button.textProperty().bind(i18n.bind(() -> chosen.isEmpty() ? i18n.get(key)
                : i18n.format("profiles.filter.chosen", i18n.get(key), chosen.size()), chosen));
        for (T value : values) {
            CheckMenuItem item = new CheckMenuItem();
            item.setId(id + "-" + value);
            item.textProperty().bind(i18n.bind(() -> text.apply(value)));
            item.setSelected(chosen.contains(value));
            item.selectedProperty().addListener((obs, old, now) -> {
                if (now) {
                    chosen.add(value);
                } else {
                    chosen.remove(value);
                }
            });
            chosen.addListener((javafx.collections.SetChangeListener<T>) c -> item.setSelected(chosen.contains(value)));
            button.getItems().add(item);
        }
        return button;
    }

    private TableView<CustomerRow> table() {
        TableView<CustomerRow> t = Tables.table("profiles-table", model.rows());
        t.getColumns().add(sortable(Tables.column(i18n, "profiles.col.account", 136, CustomerRow::accountNo), SortKey.ACCOUNT));
        t.getColumns().add(Tables.column(i18n, "profiles.col.name", 56, CustomerRow::maskedName));
        t.getColumns().add(Tables.column(i18n, "profiles.col.phone", 100, CustomerRow::maskedPhone));
        t.getColumns().add(Tables.column(i18n, "profiles.col.idNumber", 150, CustomerRow::maskedIdNumber));
        t.getColumns().add(Tables.column(i18n, "profiles.col.city", 93, r -> i18n.format("profiles.cityTier",
                r.city() == null ? i18n.get("privacy.erasedValue") : r.city(), r.cityTier())));
        t.getColumns().add(Tables.column(i18n, "profiles.col.status", 88, r -> statusText(r.status())));
        t.getColumns().add(sortable(Tables.numeric(i18n, "profiles.col.limit", 100, r -> i18n.formats().money(r.creditLimit())), SortKey.CREDIT_LIMIT));
        t.getColumns().add(sortable(Tables.numeric(i18n, "profiles.col.balance", 96, r -> i18n.formats().money(r.balance())), SortKey.BALANCE));
        t.getColumns().add(sortable(Tables.numeric(i18n, "profiles.col.dpd", 82, r -> i18n.formats().integer(r.daysPastDue())), SortKey.DAYS_PAST_DUE));
        t.getColumns().add(sortable(Tables.column(i18n, "profiles.col.score", 118, r -> (r.score() == null ? "—"
                : i18n.formats().integer(r.score()) + " · " + r.scoreBand()) + (r.thinFile() ? " · " + i18n.get("profiles.thinFile") : "")), SortKey.SCORE));
        // nothing is clipped at 1280 px in either language (the cells' padding is narrower, app.css):
        // each width holds its longest text (乌鲁木齐·2线, Suspended, ¥100,000.00, "586 · C · 薄档案",
        // the 逾期天数 header with its sort arrow); every column keeps its width, the last one takes what is left
        t.getColumns().forEach(c -> c.setMinWidth(c.getPrefWidth()));
        t.setSortPolicy(view -> {
            if (view.getSortOrder().isEmpty()) {
                model.sortBy(SortKey.ACCOUNT, false);
            } else {
                TableColumn<CustomerRow, ?> column = view.getSortOrder().get(0);
                model.sortBy((SortKey) column.getUserData(), column.getSortType() == TableColumn.SortType.DESCENDING);
            }
            return true; // the service sorted; the rows arrive in order
        });
        t.setPlaceholder(Tables.placeholder(i18n, "profiles.empty", model.loadingProperty()));
        t.setRowFactory(v -> {
            TableRow<CustomerRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openSelected();
                }
            });
            return row;
        });
        t.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
                e.consume();
            }
        });
        // infinite scroll: the next page when the operator reaches the end of the loaded rows
        t.skinProperty().addListener((obs, old, skin) -> {
            for (Node node : t.lookupAll(".scroll-bar")) {
                if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                    bar.valueProperty().addListener((o, was, now) -> {
                        if (now.doubleValue() >= bar.getMax() - 0.001 && model.hasMoreProperty().get()) {
                            model.loadMore();
                        }
                    });
                }
            }
        });
        return t;
    }

    private static <T> TableColumn<CustomerRow, T> sortable(TableColumn<CustomerRow, T> column, SortKey key) {
        column.setSortable(true);
        column.setUserData(key);
        return column;
    }

    private HBox footer() {
        Button more = new Button();
        more.setId("profiles-load-more");
        more.textProperty().bind(i18n.bind(() -> i18n.format("profiles.loadMore", model.pageSize())));
        more.disableProperty().bind(Bindings.or(model.hasMoreProperty().not(), model.loadingProperty()));
        more.setOnAction(e -> model.loadMore());

        Label keys = new Label();
        keys.getStyleClass().add("text-muted");
        keys.textProperty().bind(i18n.text("profiles.keys"));

        Label error = Controls.errorLabel(i18n, "profiles-error", model.errorProperty());
        error.setWrapText(true);
        keys.visibleProperty().bind(error.visibleProperty().not());
        keys.managedProperty().bind(keys.visibleProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Button reveal = new Button();
        reveal.setId("profiles-reveal");
        reveal.textProperty().bind(i18n.text("profiles.reveal"));
        reveal.setGraphic(new FontIcon("mdi2e-eye-outline"));
        reveal.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        reveal.setVisible(model.mayReveal());
        reveal.setManaged(model.mayReveal());
        reveal.setOnAction(e -> RevealDialog.show(reveal.getScene().getWindow(), i18n, model, table.getSelectionModel().getSelectedItem()));

        Button open = new Button();
        open.setId("profiles-open");
        open.textProperty().bind(i18n.text("profiles.open"));
        open.setGraphic(new FontIcon("mdi2a-account-details-outline"));
        open.getStyleClass().add("accent");
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(e -> openSelected());

        HBox bar = new HBox(10, more, keys, error, spacer, reveal, open);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }
}
