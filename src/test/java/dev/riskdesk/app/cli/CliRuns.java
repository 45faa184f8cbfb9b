package dev.riskdesk.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the command line on a database and captures what it says. */
final class CliRuns {
    private CliRuns() {
    }

    /** {@code riskdesk --db DB ARGS...}; returns {exit code, standard output, standard error}. */
    static String[] run(Path db, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--db";
        all[1] = db.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = RiskDeskCli.run(new PrintWriter(out), new PrintWriter(err), all);
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }
}
