package dev.riskdesk.app;

import dev.riskdesk.common.Messages;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.ui.common.Appearance;
import dev.riskdesk.security.PasswordHasher;
import dev.riskdesk.ui.common.FxTaskRunner;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Theme;
import dev.riskdesk.ui.common.UiPreferences;
import dev.riskdesk.ui.testsupport.CountingTaskRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console as an operator meets it, for the TestFX tests: the real services on a test
 * database with the demo operators, a throw-away preferences node, English, the light theme and
 * the login window. {@link #close()} undoes all of it.
 */
public final class TestConsole {
    public final Database db;
    public final AppServices services;
    public final Preferences preferences;
    /** The console's background work, counted so a test can wait for a screen to load ({@link #settle}). */
    public final CountingTaskRunner tasks = new CountingTaskRunner(new FxTaskRunner());

    public TestConsole(Database db, Clock clock) {
        this.db = db;
        services = new AppServices(db, clock, new PasswordHasher(4), tasks);
        services.operators().createDemoOperatorsIfEmpty();
        preferences = Preferences.userRoot().node("dev/riskdesk/test/" + UUID.randomUUID());
    }

    /** A fresh test database, filled by {@code fill}, with the console's login window on it. */
    public static TestConsole atLogin(Stage stage, Path dir, Consumer<Database> fill) {
        TestConsole console = new TestConsole(TestDatabases.fresh(dir), Clock.system(AppServices.BUSINESS_ZONE));
        fill.accept(console.db);
        console.showLogin(stage);
        return console;
    }

    /** Signs in with the login window's button for a demo operator (agent, risk, manager, admin) and waits for {@code firstNode}. */
    public static void signIn(FxRobot robot, String demo, String firstNode, int seconds) throws TimeoutException {
        robot.clickOn("#demo-" + demo);
        robot.clickOn("#loginButton");
        waitUntilVisible(robot, firstNode, seconds);
    }

    public void showLogin(Stage stage) {
        new ConsoleFlow(stage, services, appearance(), OperatorService.DEMO_OPERATORS).showLogin();
    }

    /** The login window as the console shows it at start, before its database is open: {@link ConsoleFlow#connect} follows. */
    public ConsoleFlow showLoginWhileOpening(Stage stage) {
        ConsoleFlow flow = new ConsoleFlow(stage, appearance(), tasks);
        flow.showLogin();
        return flow;
    }

    private Appearance appearance() {
        Theme.LIGHT.apply();
        return new Appearance(new I18n(Messages.ENGLISH), new UiPreferences(preferences));
    }

    public void close() throws Exception {
        FxToolkit.cleanupStages();
        services.close();
        preferences.removeNode();
    }

    /**
     * Waits until the console has no background work under way and the FX thread has nothing
     * pending, twice in a row (a result may start more work, a pause may fire a search).
     */
    public void settle(int seconds) throws TimeoutException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int quiet = 0;
        while (quiet < 2) {
            if (System.nanoTime() > end) {
                throw new TimeoutException(tasks.running() + " background tasks still running after " + seconds + " s");
            }
            WaitForAsyncUtils.waitForFxEvents();
            quiet = tasks.running() == 0 ? quiet + 1 : 0;
            WaitForAsyncUtils.sleep(quiet == 0 ? 50 : 120, TimeUnit.MILLISECONDS);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until a node matching {@code query} is visible, then for pending FX events. */
    public static void waitUntilVisible(FxRobot robot, String query, int seconds) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery().filter(Node::isVisible).isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
