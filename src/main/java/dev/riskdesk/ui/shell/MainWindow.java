package dev.riskdesk.ui.shell;

import dev.riskdesk.common.Version;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.Dialogs;
import dev.riskdesk.ui.common.Appearance;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Theme;
import java.util.HashMap;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/** The main window's content: sidebar, header with the console's switches, screen, status bar. */
public final class MainWindow {
    private final ShellViewModel model;
    private final Appearance appearance;
    private final I18n i18n;
    private final Map<String, Node> built = new HashMap<>();
    private final StackPane content = new StackPane();

    public MainWindow(ShellViewModel model, Appearance appearance) {
        this.model = model;
        this.appearance = appearance;
        this.i18n = appearance.i18n();
    }

    public Parent build() {
        BorderPane root = new BorderPane();
        root.setId("mainWindow");
        root.getStyleClass().add("main-root");
        root.setLeft(sidebar());
        content.getStyleClass().add("screen-host");
        root.setCenter(new BorderPane(content, header(), null, null, null));
        root.setBottom(statusBar());
        model.selectedProperty().addListener((obs, old, now) -> show(now));
        show(model.selectedProperty().get());
        model.refreshStatus();
        return root;
    }

    private void show(ScreenEntry entry) {
        if (entry == null) {
            content.getChildren().clear();
            return;
        }
        Node node = built.computeIfAbsent(entry.id(), id -> entry.factory().get());
        content.getChildren().setAll(node);
    }

    private VBox sidebar() {
        Label brand = new Label("RiskDesk");
        brand.getStyleClass().add("sidebar-brand");
        FontIcon logo = new FontIcon("mdi2s-shield-check-outline");
        logo.getStyleClass().add("sidebar-logo");
        HBox brandRow = new HBox(8, logo, brand);
        brandRow.setAlignment(Pos.CENTER_LEFT);
        brandRow.getStyleClass().add("sidebar-brand-row");

        VBox nav = new VBox(2);
        nav.getStyleClass().add("sidebar-nav");
        ToggleGroup group = new ToggleGroup();
        for (ScreenEntry entry : model.screens()) {
            ToggleButton item = new ToggleButton();
            item.setId("nav-" + entry.id());
            item.textProperty().bind(i18n.text(entry.titleKey()));
            item.setGraphic(new FontIcon(entry.icon()));
            item.getStyleClass().add("nav-item");
            item.setMaxWidth(Double.MAX_VALUE);
            item.setAlignment(Pos.CENTER_LEFT);
            item.setToggleGroup(group);
            item.setUserData(entry);
            item.setSelected(entry == model.selectedProperty().get());
            nav.getChildren().add(item);
        }
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                group.selectToggle(old); // the open screen stays highlighted when clicked again
            } else {
                model.selectedProperty().set((ScreenEntry) now.getUserData());
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == now).findFirst().ifPresent(group::selectToggle));

        VBox sidebar = new VBox(brandRow, nav);
        sidebar.getStyleClass().add("sidebar");
        sidebar.setId("sidebar");
        return sidebar;
    }

    private HBox header() {
        Label title = new Label();
        title.setId("screenTitle");
        title.getStyleClass().add("title-3");
        title.textProperty().bind(i18n.bind(() -> model.selectedProperty().get() == null ? ""
                : i18n.get(model.selectedProperty().get().titleKey()), model.selectedProperty()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Button theme = iconButton("themeToggle", "shell.theme.toggle");
        FontIcon themeIcon = new FontIcon(themeIcon(appearance.themeProperty().get()));
        appearance.themeProperty().addListener((obs, old, now) -> themeIcon.setIconLiteral(themeIcon(now)));
        theme.setGraphic(themeIcon);
        theme.setOnAction(e -> appearance.setTheme(appearance.themeProperty().get().other()));

        Button about = iconButton("aboutButton", "shell.about");
        about.setGraphic(new FontIcon("mdi2i-information-outline"));
        about.setOnAction(e -> showAbout(about.getScene().getWindow()));

        Button signOut = new Button();
        signOut.setId("signOut");
        signOut.textProperty().bind(i18n.text("shell.signOut"));
        signOut.setGraphic(new FontIcon("mdi2l-logout"));
        signOut.getStyleClass().add("button-outlined");
        signOut.setOnAction(e -> model.signOut());

        HBox header = new HBox(8, title, spacer, appearance.languageSwitch(), theme, about, new Separator(javafx.geometry.Orientation.VERTICAL), signOut);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("shell-header");
        return header;
    }

    /** The icon shows what the button switches to. */
    private static String themeIcon(Theme theme) {
        return theme == Theme.DARK ? "mdi2w-white-balance-sunny" : "mdi2w-weather-night";
    }

    private Button iconButton(String id, String tooltipKey) {
        Button button = new Button();
        button.setId(id);
        button.getStyleClass().addAll("button-icon", "flat");
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(i18n.text(tooltipKey));
        button.setTooltip(tip);
        button.accessibleTextProperty().bind(i18n.text(tooltipKey));
        return button;
    }

    private HBox statusBar() {
        Session session = model.session();
        Label operator = statusLabel("status-operator", "mdi2a-account-circle-outline");
        operator.textProperty().bind(i18n.bind(() -> i18n.format("shell.status.operator",
                session.displayName(), session.username(), i18n.get("common.role." + session.role().name()))));

        Label database = statusLabel("status-database", "mdi2d-database-outline");
        database.setText(model.databaseDescription());
        database.setTooltip(new Tooltip(model.databaseDescription()));
        database.setMinWidth(80);
        HBox.setHgrow(database, Priority.SOMETIMES);

        Label asOf = statusLabel("status-asof", "mdi2c-clock-outline");
        asOf.textProperty().bind(i18n.bind(() -> model.dataAsOfProperty().get() == null
                ? i18n.get("shell.status.noData")
                : i18n.format("shell.status.asOf", i18n.formats().dateTime(model.dataAsOfProperty().get())),
                model.dataAsOfProperty()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(18, operator, database, spacer, asOf);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        bar.setId("statusBar");
        return bar;
    }

    private static Label statusLabel(String id, String icon) {
        Label label = new Label();
        label.setId(id);
        label.setGraphic(new FontIcon(icon));
        label.getStyleClass().add("status-item");
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private void showAbout(Window owner) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.OK);
        Dialogs.prepare(alert, owner);
        alert.setTitle(i18n.get("shell.about.title"));
        alert.setHeaderText(i18n.format("shell.about.header", Version.current()));
        alert.setContentText(i18n.get("shell.about.body"));
        alert.getDialogPane().setId("aboutDialog");
        Theme.style(alert.getDialogPane().getScene());
        alert.showAndWait();
    }
}
