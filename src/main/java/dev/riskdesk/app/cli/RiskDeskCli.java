package dev.riskdesk.app.cli;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.common.Version;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.security.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
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
        subcommands = {InfoCommand.class, AdminCommand.class, OperatorsCommand.class, GenerateCommand.class, ModelCommand.class, ScoreCommand.class,
                PolicyCommand.class, NoticesCommand.class, AppealsCommand.class, DbCommand.class,
                DashboardCommand.class, DemoCommand.class, ExportCommand.class, ImportCommand.class, AuditCommand.class, BackupCommand.class,
                RestoreCommand.class,
                PrivacyCommand.class, // privacy: retention and erasure of personal data
                LifecycleCommand.class, // dormant and never-used accounts
                CommandLine.HelpCommand.class})
public final class RiskDeskCli {
    private static final Logger LOG = LoggerFactory.getLogger(RiskDeskCli.class);
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "PATH_OR_JDBC_URL",
            description = "Database file or JDBC URL (default: $RISKDESK_DB, else the user data folder).")
    String db;

    @Option(names = "--user", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "The operator a data-changing command runs as, with that operator's permissions and audited under that name "
                    + "(default: $RISKDESK_USER). The password comes from $RISKDESK_PASSWORD or is asked.")
    String user;

    @Option(names = "--encrypt", scope = ScopeType.INHERIT,
            description = "Create a new database encrypted (AES) with a file password from $RISKDESK_FILE_PASSWORD or asked; "
                    + "an existing one is encrypted with 'riskdesk db encrypt'.")
    boolean encrypt;

    /** The environment the command line reads RISKDESK_DB, RISKDESK_USER and RISKDESK_PASSWORD from. */
    private final Map<String, String> environment;

    public RiskDeskCli() {
        this(System.getenv());
    }

    RiskDeskCli(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Opens the database the options and environment point at, with every service on it (the composition root). */
    AppServices openServices() {
        DatabaseLocation location = location();
        FilePasswords.provide(this, location);
        return AppServices.open(location, new SameThreadTaskRunner());
    }

    boolean encryptRequested() {
        return encrypt;
    }

    Map<String, String> environment() {
        return environment;
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
        if (!(spec.userObject() instanceof ReadsOnly)) {
            runOnce(spec, work, spec.commandLine().getOut());
            return 0;
        }
        // A command that only reads runs again when the process that served the shared file exited under it (its
        // connection broke); its output is kept until it succeeds, so nothing is printed twice.
        for (int attempt = 1; ; attempt++) {
            java.io.StringWriter buffer = new java.io.StringWriter();
            try {
                runOnce(spec, work, new PrintWriter(buffer));
                spec.commandLine().getOut().print(buffer);
                spec.commandLine().getOut().flush();
                return 0;
            } catch (RuntimeException e) {
                if (attempt >= READ_ATTEMPTS || !Database.sharedFileWentAway(e)) {
                    throw e;
                }
                LOG.info("The process serving the shared database exited during a read-only command; running it again", e);
            }
        }
    }

    /** How often a read-only command runs when the process serving the shared file keeps going away under it. */
    private static final int READ_ATTEMPTS = 3;

    private static void runOnce(CommandSpec spec, Work work, PrintWriter out) throws IOException {
        try (AppServices services = ((RiskDeskCli) spec.root().userObject()).openServices()) {
            work.run(services, out);
            out.flush();
        }
    }

    /** A command that changes nothing (a sign-in's audit event aside), so running it again after a broken connection is safe. */
    interface ReadsOnly {
    }

    /** What a data-changing command does as the signed-in operator. */
    @FunctionalInterface
    interface SessionWork {
        void run(AppServices services, Session session, PrintWriter out) throws IOException;
    }

    /**
     * Signs in the operator named by {@code --user} or RISKDESK_USER (password from RISKDESK_PASSWORD or
     * the terminal) and runs {@code work} as that operator: the services check that operator's permissions
     * and audit under that name. No name, or no password and no terminal to ask, is a usage error (exit 2);
     * a refused sign-in fails with one sentence (exit 1).
     */
    static int withSession(CommandSpec spec, SessionWork work) throws IOException {
        RiskDeskCli root = (RiskDeskCli) spec.root().userObject();
        String name = root.operatorName(spec);
        char[] password = root.password(spec, name);
        try {
            return withServices(spec, (services, out) -> work.run(services, services.operators().authenticate(name, password), out));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    String operatorName(CommandSpec spec) {
        String name = user != null && !user.isBlank() ? user : environment.get("RISKDESK_USER");
        if (name == null || name.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + spec.qualifiedName(" ").replaceFirst("^riskdesk ", "")
                    + "' changes data: name the operator with --user NAME or RISKDESK_USER.");
        }
        return name.strip();
    }

    /**
     * A new operator's password: RISKDESK_PASSWORD, or typed twice at the terminal. No password and no
     * terminal, or two different ones typed, is a usage error.
     */
    char[] newPassword(CommandSpec spec, String name) {
        return newPassword(spec, name, "RISKDESK_PASSWORD");
    }

    /** A new password from the environment variable {@code variable}, or typed twice at the terminal; never from the command line. */
    char[] newPassword(CommandSpec spec, String name, String variable) {
        String given = environment.get(variable);
        if (given != null && !given.isEmpty()) {
            return given.toCharArray();
        }
        java.io.Console console = System.console();
        char[] typed = console == null ? null : console.readPassword("New password of %s: ", name);
        char[] again = typed == null || typed.length == 0 ? null : console.readPassword("The same password again: ");
        try {
            if (again == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "No new password for " + name + ": set " + variable + " or run the command in a terminal to be asked.");
            }
            if (!Arrays.equals(typed, again)) {
                Arrays.fill(typed, '\0');
                throw new CommandLine.ParameterException(spec.commandLine(), "The two passwords typed differ; nothing was changed.");
            }
            return typed;
        } finally {
            if (again != null) {
                Arrays.fill(again, '\0');
            }
        }
    }

    char[] password(CommandSpec spec, String name) {
        String given = environment.get("RISKDESK_PASSWORD");
        if (given != null && !given.isEmpty()) {
            return given.toCharArray();
        }
        java.io.Console console = System.console();
        char[] typed = console == null ? null : console.readPassword("Password of %s: ", name);
        if (typed == null || typed.length == 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "No password for " + name + ": set RISKDESK_PASSWORD or run the command in a terminal to be asked.");
        }
        return typed;
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
        return DatabaseLocation.resolve(db, environment);
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return execute(new CommandLine(new RiskDeskCli()), out, err, args);
    }

    /** Runs {@code args} with {@code environment} in place of the process's (RISKDESK_DB, RISKDESK_USER, RISKDESK_PASSWORD). */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> environment, String... args) {
        return execute(new CommandLine(new RiskDeskCli(environment)), out, err, args);
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
