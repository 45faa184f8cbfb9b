package dev.riskdesk.app.cli;

import dev.riskdesk.backup.BackupService.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Write a consistent copy of the whole database to a new file (gzip SQL script, readable by you only), "
                + "while consoles keep working. Needs an administrator (--user).")
final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The backup file to write; it must not exist.")
    Path out;

    @Override
    public Integer call() throws IOException {
        return RiskDeskCli.withSession(spec, (services, session, printer) -> {
            Summary summary = services.backup().backup(session, out, ModelCommand.progress(spec.commandLine().getErr()));
            printer.printf("Backed up %,d rows of %d tables to %s.%n", summary.rows(), summary.rowCounts().size(), summary.file());
        });
    }

    /** The rows of each table that holds any, one line each. */
    static void printCounts(Summary summary, PrintWriter out) {
        summary.rowCounts().forEach((table, rows) -> {
            if (rows > 0) {
                out.printf("  %-28s %,12d%n", table, rows);
            }
        });
    }
}
