package dev.riskdesk.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
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
