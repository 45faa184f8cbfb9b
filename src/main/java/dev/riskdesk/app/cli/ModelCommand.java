package dev.riskdesk.app.cli;

import dev.riskdesk.common.Progress;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * {@code riskdesk model ...}: train, list, promote (a request another manager approves), monitor and evaluate credit models.
 * Training, promotion requests and decisions, and monitoring run as the operator named by {@code --user} (or RISKDESK_USER),
 * with that operator's permissions and audited under that name; listing and evaluating need no sign-in.
 */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Train, list, promote (maker-checker), roll back, monitor and evaluate credit models.",
        subcommands = {ModelTrainCommand.class, ModelListCommand.class, ModelGovernanceCommands.Promote.class, ModelGovernanceCommands.Requests.class,
                ModelGovernanceCommands.Approve.class, ModelGovernanceCommands.Decline.class, ModelGovernanceCommands.Withdraw.class,
                ModelGovernanceCommands.Rollback.class, ModelMonitorCommand.class, ModelEvaluateCommand.class})
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
