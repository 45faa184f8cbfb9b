package dev.riskdesk.app.cli;

import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.security.PasswordHasher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Runs the command line on a database and captures what it says. */
final class CliRuns {
    private CliRuns() {
    }

    /** {@code riskdesk --db DB ARGS...}; returns {exit code, standard output, standard error}. */
    static String[] run(Path db, String... args) {
        return run(Map.of(), db, args);
    }

    /** {@code RISKDESK_USER=USER RISKDESK_PASSWORD=PASSWORD riskdesk --db DB ARGS...}, as a script runs a data-changing command. */
    static String[] runAs(String user, String password, Path db, String... args) {
        return run(Map.of("RISKDESK_USER", user, "RISKDESK_PASSWORD", password), db, args);
    }

    /**
     * Makes sure the database has the demo operators (agent, risk, manager, admin and the batch service
     * operator), creating them on a database without operators, so a test can run commands as them.
     */
    static void demoOperators(Path db) {
        try (Database database = Database.open(DatabaseLocation.ofPath(db))) {
            Clock clock = Clock.systemUTC();
            new OperatorService(database, new PasswordHasher(4), new AuditLog(clock), clock).createDemoOperatorsIfEmpty();
        }
    }

    /** {@code ARGS...} as the demo batch service operator (role BATCH), as a scheduled job runs it. */
    static String[] asBatch(Path db, String... args) {
        demoOperators(db);
        return runAs(OperatorService.DEMO_BATCH.username(), OperatorService.DEMO_BATCH.password(), db, args);
    }

    /** {@code ARGS...} as the demo manager. */
    static String[] asManager(Path db, String... args) {
        demoOperators(db);
        return runAs("manager", "manager123", db, args);
    }

    /** {@code ARGS...} as the demo risk operator. */
    static String[] asRisk(Path db, String... args) {
        demoOperators(db);
        return runAs("risk", "risk123", db, args);
    }

    /** The environment of a script signed in as the demo batch operator. */
    static Map<String, String> batchEnvironment() {
        return Map.of("RISKDESK_USER", OperatorService.DEMO_BATCH.username(), "RISKDESK_PASSWORD", OperatorService.DEMO_BATCH.password());
    }

    /** {@code riskdesk --db DB ARGS...} with {@code environment} in place of the process's. */
    static String[] run(Map<String, String> environment, Path db, String... args) {
        return run(environment, db.toString(), args);
    }

    /** {@code riskdesk --db DB ARGS...} with {@code environment} in place of the process's; {@code db} a path or a JDBC URL. */
    static String[] run(Map<String, String> environment, String db, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--db";
        all[1] = db;
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = RiskDeskCli.run(new PrintWriter(out), new PrintWriter(err), environment, all);
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }
}
