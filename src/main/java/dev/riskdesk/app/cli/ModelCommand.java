package dev.riskdesk.app.cli;

import dev.riskdesk.common.Progress;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

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
