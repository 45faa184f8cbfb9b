package dev.riskdesk.app;

import dev.riskdesk.app.cli.RiskDeskCli;
import dev.riskdesk.db.DatabaseLocation;

/**
 * Entry point of {@code java -jar riskdesk.jar [command]}: no command opens the console, a
 * command runs the CLI. Deliberately not a JavaFX Application (a thin jar's main class must not be).
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        configureLogFolder();
        if (args.length == 0 || isConsoleOnly(args)) {
            ConsoleApp.start(args);
            return;
        }
        System.exit(RiskDeskCli.run(args));
    }

    /** {@code riskdesk --db X} or {@code riskdesk --db=X} with nothing else still opens the console on X. */
    static boolean isConsoleOnly(String[] args) {
        return args.length == 2 && "--db".equals(args[0])
                || args.length == 1 && args[0].startsWith("--db=") && args[0].length() > "--db=".length();
    }

    /** The log file lives in the user data folder, never in the current directory. */
    public static void configureLogFolder() {
        if (System.getProperty("riskdesk.logDir") == null) {
            System.setProperty("riskdesk.logDir", DatabaseLocation.defaultFolder(System.getenv()).resolve("logs").toString());
        }
    }
}
