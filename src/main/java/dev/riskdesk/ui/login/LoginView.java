package dev.riskdesk.ui.login;

import dev.riskdesk.common.Version;
import dev.riskdesk.security.DemoOperator;
import dev.riskdesk.ui.common.Appearance;
import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.I18n;
import javafx.application.Platform;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The sign-in window's content. Only binds to {@link LoginViewModel}. */
public final class LoginView {
    private final LoginViewModel model;
    private final Appearance appearance;
    private final I18n i18n;
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final Button signIn = new Button();

    public LoginView(LoginViewModel model, Appearance appearance) {
        this.model = model;
        this.appearance = appearance;
        this.i18n = appearance.i18n();
    }

    public Parent build() {
        FontIcon logo = new FontIcon("mdi2s-shield-check-outline");
        logo.getStyleClass().add("login-logo");
        Label product = new Label("RiskDesk");
        product.getStyleClass().add("title-1");
        Label tagline = Controls.text(i18n, "login.tagline");
        tagline.getStyleClass().add("text-muted");
        HBox brand = new HBox(10, logo, product);
        brand.setAlignment(Pos.CENTER);
        VBox header = new VBox(2, brand, tagline);
        header.setAlignment(Pos.CENTER);

        Label userLabel = Controls.text(i18n, "login.user");
        userLabel.setLabelFor(user);
        user.setId("loginUser");
        user.textProperty().bindBidirectional(model.usernameProperty());
        user.promptTextProperty().bind(i18n.text("login.user.prompt"));

        Label passwordLabel = Controls.text(i18n, "login.password");
        passwordLabel.setLabelFor(password);
        password.setId("loginPassword");
        password.textProperty().bindBidirectional(model.passwordProperty());

        Label error = new Label();
        error.setId("loginError");
        error.getStyleClass().add("login-error");
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.textProperty().bind(i18n.render(model.errorProperty()));
        error.visibleProperty().bind(model.errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());

        signIn.setId("loginButton");
        signIn.textProperty().bind(i18n.text("login.submit"));
        signIn.getStyleClass().add("accent");
        signIn.setDefaultButton(true);
        signIn.setMaxWidth(Double.MAX_VALUE);
        signIn.disableProperty().bind(model.busyProperty());
        signIn.setOnAction(e -> model.signIn());

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("login-spinner");
        spinner.visibleProperty().bind(model.busyProperty());
        spinner.setMouseTransparent(true);
        StackPane submitRow = new StackPane(signIn, spinner);
        StackPane.setAlignment(spinner, Pos.CENTER_RIGHT);

        // the window shows while the database opens; a sign-in asked for meanwhile waits for it
        Label opening = Controls.text(i18n, "shell.startup.opening");
        opening.setId("loginOpening");
        opening.getStyleClass().addAll("text-small", "text-muted");
        opening.visibleProperty().bind(model.connectedProperty().not());
        opening.managedProperty().bind(opening.visibleProperty());

        VBox form = new VBox(6, userLabel, user, gap(), passwordLabel, password, gap(), error, submitRow, opening);
        form.getStyleClass().add("login-card");

        VBox column = new VBox(20, header, form);
        column.setAlignment(Pos.TOP_CENTER);
        column.setMaxWidth(400);
        Runnable showDemo = () -> {
            if (!model.demoOperators().isEmpty() && column.lookup("#demoOperators") == null) {
                column.getChildren().add(demoOperators());
            }
        };
        showDemo.run();
        model.demoOperators().addListener((javafx.collections.ListChangeListener<DemoOperator>) change -> showDemo.run());

        Label version = new Label();
        version.textProperty().bind(i18n.bind(() -> i18n.format("login.version", Version.current())));
        version.getStyleClass().addAll("text-small", "text-muted");
        BorderPane footer = new BorderPane();
        footer.setLeft(version);
        BorderPane.setAlignment(version, Pos.CENTER_LEFT);

        HBox top = new HBox(appearance.languageSwitch());
        top.setAlignment(Pos.CENTER_RIGHT);

        StackPane center = new StackPane(column);
        StackPane.setAlignment(column, Pos.TOP_CENTER);
        BorderPane root = new BorderPane(center, top, null, footer, null);
        root.getStyleClass().add("login-root");
        root.setId("loginWindow");

        Platform.runLater(() -> (model.usernameProperty().get().isEmpty() ? user : password).requestFocus());
        return root;
    }

    /** The demo operators and passwords; clicking a name fills both fields. */
    private VBox demoOperators() {
        Label title = Controls.text(i18n, "login.demo.title");
        title.getStyleClass().add("text-bold");
        Label hint = Controls.text(i18n, "login.demo.hint");
        hint.getStyleClass().addAll("text-small", "text-muted");
        hint.setWrapText(true);

        GridPane grid = new GridPane();
        grid.getStyleClass().add("demo-grid");
        ColumnConstraints nameColumn = new ColumnConstraints();
        nameColumn.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints roleColumn = new ColumnConstraints();
        roleColumn.setHgrow(Priority.ALWAYS);
        ColumnConstraints passwordColumn = new ColumnConstraints();
        passwordColumn.setMinWidth(Region.USE_PREF_SIZE);
        passwordColumn.setHalignment(HPos.RIGHT);
        grid.getColumnConstraints().addAll(nameColumn, roleColumn, passwordColumn);
        int row = 0;
        for (DemoOperator demo : model.demoOperators()) {
            Button chip = new Button(demo.username());
            chip.setId("demo-" + demo.username());
            chip.getStyleClass().addAll("button-outlined", "small", "demo-chip");
            chip.setMaxWidth(Double.MAX_VALUE);
            chip.setFocusTraversable(false);
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(i18n.text("login.demo.fill"));
            chip.setTooltip(tip);
            chip.setOnAction(e -> {
                model.fill(demo);
                signIn.requestFocus();
            });
            Label role = new Label();
            role.textProperty().bind(i18n.bind(() -> demo.displayName() + " · " + i18n.get("common.role." + demo.role().name())));
            Label secret = new Label(demo.password());
            secret.getStyleClass().add("demo-password");
            secret.setMinWidth(Region.USE_PREF_SIZE);
            grid.addRow(row++, chip, role, secret);
        }
        VBox box = new VBox(6, title, hint, grid);
        box.getStyleClass().add("demo-box");
        box.setId("demoOperators");
        return box;
    }

    private static Region gap() {
        Region gap = new Region();
        gap.setMinHeight(4);
        return gap;
    }
}
