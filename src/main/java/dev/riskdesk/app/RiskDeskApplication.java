package dev.riskdesk.app;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.db.H2FileEncryption;
import dev.riskdesk.security.DemoOperator;
import dev.riskdesk.ui.common.Appearance;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.FxProgress;
import dev.riskdesk.ui.common.FxTaskRunner;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.ProgressWindow;
import dev.riskdesk.ui.common.Theme;
import dev.riskdesk.ui.common.UiPreferences;
import java.util.List;
import java.util.Map;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console: shows the login window at once (after the file password of an encrypted database), opens
 * the database off the FX thread meanwhile and creates the demo data on a new database; a sign-in asked for
 * before the database is open waits for it. A failure to start is one sentence in a dialog, then exit.
 */
public final class RiskDeskApplication extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(RiskDeskApplication.class);

    private TaskRunner tasks;
    private AppServices services;
    private Appearance appearance;
    private Stage stage;
    private ConsoleFlow flow;

    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        // Windows come and go during start-up and sign-out; the console ends when its main stage is closed.
        Platform.setImplicitExit(false);
        primaryStage.setOnCloseRequest(e -> Platform.exit());
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> LOG.error("Uncaught exception on {}", thread.getName(), e));
        appearance = Appearance.load(UiPreferences.forUser());
        appearance.applyTheme();
        tasks = new FxTaskRunner();
        DatabaseLocation location = DatabaseLocation.resolve(dbOption(getParameters().getRaw()), System.getenv());
        LOG.info("Console starting on {}", location.describe());
        flow = new ConsoleFlow(primaryStage, appearance, tasks);
        open(location, false);
    }

    /**
     * Shows the login window and opens the database off the FX thread; an encrypted file first gets its file password
     * from a dialog (asked again, with a note, when the one given is not right; Cancel ends the console).
     */
    private void open(DatabaseLocation location, boolean askedBefore) {
        if (H2FileEncryption.needsPassword(location)) {
            java.util.Optional<char[]> password = FilePasswordDialog.ask(appearance.i18n(), location.describe(), askedBefore);
            if (password.isEmpty()) {
                Platform.exit();
                return;
            }
            try {
                H2FileEncryption.usePassword(location, password.get());
            } catch (UserFacingException e) {
                open(location, true);
                return;
            } finally {
                java.util.Arrays.fill(password.get(), '\0');
            }
        }
        if (!stage.isShowing()) {
            flow.showLogin();
            LOG.info("Login window shown; opening the database");
        }
        tasks.submit(progress -> AppServices.open(location, tasks),
                opened -> {
                    services = opened;
                    firstStartOrLogin();
                },
                error -> {
                    if (error instanceof UserFacingException e && "db.filePasswordWrong".equals(e.messageKey())) {
                        H2FileEncryption.forget(location);
                        open(location, true);
                    } else {
                        fail(error);
                    }
                });
    }

    private void firstStartOrLogin() {
        FxProgress progress = new FxProgress();
        ProgressWindow[] window = new ProgressWindow[1];
        tasks.submit(p -> {
            boolean needed = services.needsFirstStart();
            if (needed) {
                Platform.runLater(() -> {
                    window[0] = new ProgressWindow(new Stage(), appearance.i18n(), "common.appTitle", "shell.startup.firstStart", progress,
                            () -> LOG.info("First start cancelled by the operator"));
                    window[0].show();
                });
                progress.update(null, 0, 0);
                services.createDemoData(translated(progress));
            }
            return services.demoOperatorsToShow();
        }, (List<DemoOperator> demo) -> {
            if (window[0] != null) {
                window[0].close();
            }
            flow.connect(services, demo);
            LOG.info("Database open; sign-in ready");
        }, error -> {
            if (window[0] != null) {
                window[0].close();
            }
            if (error instanceof Progress.CancelledException || progress.isCancelled()) {
                Platform.exit();
            } else {
                fail(error);
            }
        }, progress);
    }

    /** The first start reports bundle keys ({@code demo.step.*}); the window shows them in the operator's language. */
    private Progress translated(FxProgress progress) {
        return new Progress() {
            @Override
            public void update(String message, long done, long total) {
                progress.update(message == null ? null : appearance.i18n().get(message), done, total);
            }

            @Override
            public boolean isCancelled() {
                return progress.isCancelled();
            }
        };
    }

    /** One sentence, no stack trace (that is in the log file), then exit. */
    private void fail(Throwable error) {
        if (!(error instanceof UserFacingException)) {
            LOG.error("Console failed to start", error);
        } else {
            LOG.warn("Console cannot start: {}", error.getMessage(), error);
        }
        startupErrorDialog(error, appearance.i18n()).showAndWait();
        Platform.exit();
    }

    /** The dialog a failed start shows: the failure as one sentence in the operator's language. */
    static Alert startupErrorDialog(Throwable error, I18n i18n) {
        String sentence = error instanceof UserFacingException
                ? ErrorTexts.of(error).render(i18n)
                : i18n.format("shell.startup.error.unexpected", error.getClass().getSimpleName());
        Alert alert = new Alert(Alert.AlertType.ERROR, sentence, ButtonType.CLOSE);
        alert.setTitle(i18n.get("common.appTitle"));
        alert.setHeaderText(i18n.get("shell.startup.error.header"));
        alert.getDialogPane().setId("startupError");
        alert.getDialogPane().setMinWidth(520);
        Theme.style(alert.getDialogPane().getScene());
        return alert;
    }

    @Override
    public void stop() {
        if (services != null) {
            services.close();
        } else if (tasks != null) {
            tasks.shutdown();
        }
        LOG.info("Console stopped");
    }

    /** {@code --db PATH} (Launcher passes the console's arguments through). */
    static String dbOption(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ("--db".equals(arg) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (arg.startsWith("--db=")) {
                return arg.substring("--db=".length());
            }
        }
        return null;
    }

    /** For tests: the environment the location is resolved from. */
    static DatabaseLocation location(List<String> args, Map<String, String> env) {
        return DatabaseLocation.resolve(dbOption(args), env);
    }
}
