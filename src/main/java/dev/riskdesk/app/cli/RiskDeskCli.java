package dev.riskdesk.app.cli;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.common.Version;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import java.io.IOException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code riskdesk [--db PATH_OR_JDBC_URL] COMMAND}. Usage errors exit 2 with the usage; failures
 * print one line and exit 1, the detail goes to the log file.
 */
@Command(name = "riskdesk",
        mixinStandardHelpOptions = true,
        versionProvider = RiskDeskCli.VersionProvider.class,
        description = "RiskDesk risk-operations console and batch tools. With no command it opens the console.",
        subcommands = {InfoCommand.class, GenerateCommand.class, ModelCommand.class, ScoreCommand.class,
                PolicyCommand.class, NoticesCommand.class, AppealsCommand.class,
                DashboardCommand.class, DemoCommand.class, ExportCommand.class, ImportCommand.class,
                CommandLine.HelpCommand.class})
public final class RiskDeskCli {
    private static final Logger LOG = LoggerFactory.getLogger(RiskDeskCli.class);
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "PATH_OR_JDBC_URL",
            description = "Database file or JDBC URL (default: $RISKDESK_DB, else the user data folder).")
    String db;

    /** Opens the database the options and environment point at, with every service on it (the composition root). */
    AppServices openServices() {
        return AppServices.open(location(), new SameThreadTaskRunner());
    }

    /** What a command does with the services of the opened database, printing to the command's output. */
    @FunctionalInterface
    interface Work {
        void run(AppServices services, PrintWriter out) throws IOException;
    }

    /**
     * Opens the services on the database the command line points at, runs {@code work}, flushes the
     * command's output and closes the database. Returns the exit code of success.
     */
    static int withServices(CommandSpec spec, Work work) throws IOException {
        try (AppServices services = ((RiskDeskCli) spec.root().userObject()).openServices()) {
            PrintWriter out = spec.commandLine().getOut();
            work.run(services, out);
            out.flush();
        }
        return 0;
    }

    /** A numeric option out of its range is a usage error (exit 2 with the usage), found before any database is opened. */
    static void requireBetween(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new CommandLine.ParameterException(spec.commandLine(), max >= Integer.MAX_VALUE
                    ? String.format("%s must be at least %,d (was %d)", option, min, value)
                    : String.format("%s must be between %,d and %,d (was %d)", option, min, max, value));
        }
    }

    DatabaseLocation location() {
        return DatabaseLocation.resolve(db, System.getenv());
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return execute(new CommandLine(new RiskDeskCli()), out, err, args);
    }

    /** Runs {@code args} on a command line built on a {@link RiskDeskCli} (the benchmark build adds its commands to it). */
    static int execute(CommandLine cli, PrintWriter out, PrintWriter err, String... args) {
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UserFacingException) {
                LOG.warn("Command failed: {}", e.getMessage(), e);
            } else {
                LOG.error("Command failed unexpectedly", e);
            }
            commandLine.getErr().println(failureLine(e));
            return EXIT_FAILURE;
        });
        return cli.execute(args);
    }

    /** One line, whatever the exception: H2 and jOOQ messages run over several lines (SQL text, codes). */
    static String failureLine(Exception e) {
        if (e instanceof UserFacingException) {
            String message = e.getMessage() == null ? "" : e.getMessage().strip();
            int newline = message.indexOf('\n');
            return "riskdesk: " + (newline < 0 ? message : message.substring(0, newline).strip());
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "riskdesk: " + root.getClass().getSimpleName() + ": " + Database.rootMessage(e) + " (details in the log file)";
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"RiskDesk " + Version.current()};
        }
    }
}
