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
        description = "Write a consistent copy of the whole database to a new file, readable by you only, while consoles keep working;"
                + " --encrypt-backup encrypts it (always, for an encrypted database). Needs an administrator (--user).")
final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The backup file to write; it must not exist.")
    Path out;

    @Option(names = "--encrypt-backup", description = "Encrypt the backup (AES) under a backup password of at least 12 characters, from "
            + BackupPasswords.ENV + " or asked twice.")
    boolean encrypt;

    @Override
    public Integer call() throws IOException {
        return RiskDeskCli.withSession(spec, (services, session, printer) -> {
            char[] password = encrypt ? BackupPasswords.forNewBackup((RiskDeskCli) spec.root().userObject(), out) : null;
            Summary summary = services.backup().backup(session, out, password, ModelCommand.progress(spec.commandLine().getErr()));
            printer.printf("Backed up %,d rows of %d tables to %s%s.%n", summary.rows(), summary.rowCounts().size(), summary.file(),
                    encrypt ? ", encrypted" : "");
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
