package dev.riskdesk.app.cli;

import dev.riskdesk.backup.BackupService.Summary;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.db.H2Backup;
import dev.riskdesk.security.audit.AuditChainState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup into a new database (--db NEWPATH; an existing database is refused), then print its rows per table. "
                + "The operator (--user) must be an administrator in the backup. An encrypted backup needs its backup password ("
                + BackupPasswords.ENV + ", or asked).")
final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The backup file (written by riskdesk backup).")
    Path from;

    @Override
    public Integer call() throws IOException {
        RiskDeskCli root = (RiskDeskCli) spec.root().userObject();
        DatabaseLocation target = root.location();
        FilePasswords.provide(root, target); // with --encrypt, the new database is created encrypted
        H2Backup.restore(from, target, H2Backup.encrypted(from) ? BackupPasswords.forRestore(root, from) : null);
        boolean kept = false;
        try {
            // read before anyone signs in, so the chain's head is the backup's; shown once the operator may restore
            Summary[] restored = new Summary[1];
            RiskDeskCli.withServices(spec, (services, out) -> restored[0] = services.backup().inspectRestored(from,
                    ModelCommand.progress(spec.commandLine().getErr())));
            RiskDeskCli.withSession(spec, (services, session, out) -> services.backup().recordRestore(session, from));
            kept = true;
            Summary summary = restored[0];
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Restored %s into %s: %,d rows of %d tables.%n", summary.file(), target.describe(), summary.rows(),
                    summary.rowCounts().size());
            BackupCommand.printCounts(summary, out);
            out.flush();
            AuditChainState chain = summary.chain();
            if (!chain.intact()) {
                spec.commandLine().getErr().println("riskdesk: The restored database is kept; " + AuditCommand.brokenSentence(chain));
                return RiskDeskCli.EXIT_FAILURE;
            }
            out.printf("%d audit events, chain intact; head: event %d, hash %s%n", chain.events(), chain.last().seq(), chain.last().hash());
            out.flush();
            return 0;
        } finally {
            if (!kept) {
                H2Backup.removeRestored(target);
            }
        }
    }
}
