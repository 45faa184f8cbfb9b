package dev.riskdesk.app;

import dev.riskdesk.app.cli.RiskDeskCli;
import dev.riskdesk.common.PrivateFiles;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.db.H2Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of {@code java -jar riskdesk.jar [command]}: no command opens the console, a
 * command runs the CLI. Deliberately not a JavaFX Application (a thin jar's main class must not be).
 */
public final class Launcher {
    private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

    private Launcher() {
    }

    public static void main(String[] args) {
        H2Network.bindToLoopback(); // before anything loads H2
        configureLogFolder();
        useJavaArpack();
        if (args.length == 0 || isConsoleOnly(args)) {
            ConsoleApp.start(args);
            return;
        }
        System.exit(RiskDeskCli.run(args));
    }

    /**
     * Weka's netlib looks for a native ARPACK (there is none in the jar or the system libraries) and
     * prints two java.util.logging warnings on stderr before falling back to the pure-Java one; naming
     * the pure-Java implementation up front skips the search. Unless the user set the property.
     */
    static void useJavaArpack() {
        if (System.getProperty(ARPACK) == null) {
            System.setProperty(ARPACK, "com.github.fommil.netlib.F2jARPACK");
        }
    }

    private static final String ARPACK = "com.github.fommil.netlib.ARPACK";

    /** {@code riskdesk --db X} or {@code riskdesk --db=X} with nothing else still opens the console on X. */
    static boolean isConsoleOnly(String[] args) {
        return args.length == 2 && "--db".equals(args[0])
                || args.length == 1 && args[0].startsWith("--db=") && args[0].length() > "--db=".length();
    }

    /**
     * The log file lives in the user data folder, never in the current directory. When that folder
     * cannot be written, logging is off and one sentence says so, instead of logback's setup
     * errors and stack traces before every command.
     */
    public static void configureLogFolder() {
        if (System.getProperty("riskdesk.logDir") == null) {
            System.setProperty("riskdesk.logDir", DatabaseLocation.defaultFolder(System.getenv()).resolve("logs").toString());
        }
        Path folder = Path.of(System.getProperty("riskdesk.logDir"));
        if (System.getProperty(LOGBACK_CONFIGURATION) == null && !canWriteLogsIn(folder)) {
            System.setProperty(LOGBACK_CONFIGURATION, "logback-nofile.xml");
            System.err.println("riskdesk: note: the log folder " + folder + " cannot be written; nothing is logged.");
        }
    }

    /** The folder exists or can be made (readable by its owner only), and it (and a log file already in it) can be written. */
    static boolean canWriteLogsIn(Path folder) {
        try {
            PrivateFiles.createFolder(folder);
        } catch (IOException | SecurityException | java.nio.file.InvalidPathException e) {
            return false;
        }
        Path log = folder.resolve("riskdesk.log");
        try {
            PrivateFiles.restrict(log); // a log an older RiskDesk wrote with the umask's permissions
        } catch (IOException | SecurityException e) {
            // not ours to narrow; logback still writes to it if it can
        }
        return Files.isDirectory(folder) && Files.isWritable(folder) && (!Files.exists(log) || Files.isWritable(log));
    }
}
