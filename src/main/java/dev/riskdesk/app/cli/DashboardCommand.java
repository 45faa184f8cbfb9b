package dev.riskdesk.app.cli;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.common.Progress;
import dev.riskdesk.dashboard.DashboardRefreshService;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code riskdesk dashboard refresh}: rebuilds the dashboard's pre-aggregated tables. */
@Command(name = "dashboard", mixinStandardHelpOptions = true, description = "The manager dashboard's aggregates.",
        subcommands = DashboardCommand.Refresh.class)
final class DashboardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of " + spec.subcommands().keySet());
    }

    /**
     * The batch jobs ({@code score --all}, {@code policy run}) end with this, so the dashboard shows their results: the
     * dashboard depends on scoring and limits, never the reverse, so the two are composed here.
     */
    static void refreshAfterBatch(AppServices services, Session session, PrintWriter out) {
        if (!session.has(Permission.DASHBOARD_REFRESH)) {
            out.printf("The dashboard aggregates were not refreshed: %s may not refresh them (DASHBOARD_REFRESH); a manager or the batch operator can.%n",
                    session.username());
            return;
        }
        DashboardRefreshService.Report r = services.dashboard().refresh.refresh(session, Progress.NONE);
        out.printf("Dashboard aggregates refreshed in %.1f s (--no-dashboard skips this)%n", r.millis() / 1000.0);
    }

    @Command(name = "refresh", mixinStandardHelpOptions = true,
            description = "Rebuild the dashboard tables (DASH_*) from ACCOUNT_MONTH, scores and the active policy.")
    static final class Refresh implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                DashboardRefreshService.Report r = services.dashboard().refresh.refresh(session, Progress.NONE);
                out.printf("Dashboard refreshed from %,d account-months in %,d ms: %,d segment rows, %,d roll-rate rows, %,d vintage rows, %,d score bins%n",
                        r.accountMonths(), r.millis(), r.segmentRows(), r.rollRows(), r.vintageRows(), r.scoreBins());
            });
        }
    }
}
