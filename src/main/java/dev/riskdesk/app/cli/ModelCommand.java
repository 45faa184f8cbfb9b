package dev.riskdesk.app.cli;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.scoring.ModelRepository;
import dev.riskdesk.security.AuditLog;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code riskdesk model ...}: train, list, promote, monitor and evaluate credit models.
 * The CLI acts as {@code Session.system()} (every permission, audited as "system"): it is the
 * batch operator's tool run on the server; people promote models in the console with their own
 * manager session, where MODEL_PROMOTE is checked.
 */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Train, list, promote, monitor and evaluate credit models.",
        subcommands = {ModelTrainCommand.class, ModelListCommand.class, ModelPromoteCommand.class, ModelMonitorCommand.class,
                ModelEvaluateCommand.class})
final class ModelCommand {
    @ParentCommand
    RiskDeskCli root;

    Database openDatabase() {
        return root.openDatabase();
    }

    static ModelRepository models(Database db) {
        return new ModelRepository(db, new AuditLog(Clock.system(AppServices.BUSINESS_ZONE)), Clock.system(AppServices.BUSINESS_ZONE));
    }

    /** Progress on stderr at most once a second, so batch logs stay short. */
    static Progress progress(PrintWriter err) {
        return new Progress() {
            private long last;

            @Override
            public synchronized void update(String message, long done, long total) {
                long now = System.currentTimeMillis();
                if (now - last >= 1000) {
                    last = now;
                    err.printf(total > 0 ? "%s: %,d of %,d%n" : "%s: %,d%n", message, done, total);
                    err.flush();
                }
            }
        };
    }
}
