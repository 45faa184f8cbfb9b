package dev.riskdesk.app.cli;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.common.Progress;
import dev.riskdesk.lifecycle.LifecycleQueries;
import dev.riskdesk.lifecycle.LifecycleReason;
import dev.riskdesk.lifecycle.LifecycleRunService;
import dev.riskdesk.lifecycle.LifecycleStage;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code riskdesk lifecycle run|list|keep|approve|decline}: dormant and never-used accounts, their notices and cancellations. */
@Command(name = "lifecycle", mixinStandardHelpOptions = true,
        description = "Dormant and never-used credit lines: find them, notify the customers, keep the ones used or asked for, cancel the rest after the grace period.",
        subcommands = {LifecycleCommand.Run.class, LifecycleCommand.List.class, LifecycleCommand.Keep.class, LifecycleCommand.Approve.class,
                LifecycleCommand.Decline.class})
final class LifecycleCommand {
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Keep the cases whose account was used, cancel those past their planned date, open a case with a notice for every "
                    + "account found dormant or never used (resumes a killed run after its last committed chunk); then run the retention "
                    + "run (privacy retention) at the same date.")
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "The business date of the run; default the date of the newest data-feed as-of time.")
        LocalDate asOf;
        @Option(names = "--dry-run", description = "Decide and count, write nothing.")
        boolean dryRun;
        @Option(names = "--chunk", paramLabel = "N", defaultValue = "" + LifecycleRunService.CHUNK,
                description = "Accounts per transaction (default ${DEFAULT-VALUE}); a killed run resumes after its last whole chunk.")
        int chunk;

        @Override
        public Integer call() throws IOException {
            RiskDeskCli.requireBetween(spec, "--chunk", chunk, 1, PolicyCommand.MAX_CHUNK);
            return RiskDeskCli.withSession(spec, (services, session, out) ->
                    runWithRetention(services, session, new LifecycleRunService.Options(asOf, dryRun, chunk), out));
        }
    }

    /**
     * The lifecycle run, then the retention run (dev.riskdesk.privacy) at the same business date, so accounts cancelled
     * long enough ago have their customers' personal data erased in the same night; each only when the operator may run it.
     */
    static void runWithRetention(AppServices services, Session session, LifecycleRunService.Options options, PrintWriter out) {
        boolean dryRun = options.dryRun();
        LifecycleRunService.Report r = services.lifecycle().runs.run(session, options, Progress.NONE);
        print(out, r, dryRun);
        if (!session.has(Permission.PRIVACY_RETENTION_RUN)) {
            out.printf("The retention run did not run: %s may not start it (PRIVACY_RETENTION_RUN); a manager or the batch operator can.%n",
                    session.username());
            return;
        }
        PrivacyCommand.Retention.print(out, services.retention().run(session, r.asOf(), dryRun, Progress.NONE), dryRun);
    }

    /** After a policy run: the lifecycle run (and the retention run) at the same business date, when the operator may start it. */
    static void runAfterPolicyRun(AppServices services, Session session, LocalDate asOf, PrintWriter out) {
        if (!session.has(Permission.LIFECYCLE_RUN)) {
            out.printf("The lifecycle run did not run: %s may not start it (LIFECYCLE_RUN); a manager or the batch operator can.%n", session.username());
            return;
        }
        runWithRetention(services, session, new LifecycleRunService.Options(asOf, false), out);
    }

    static void print(PrintWriter out, LifecycleRunService.Report r, boolean dryRun) {
        out.printf("%s%s as of %s (policy version %d: dormant after %d months, never used after %d months, %d days' grace, approval above %s):"
                        + " %,d accounts in %.1f s%n",
                dryRun ? "Dry run" : "Lifecycle run " + r.jobId(), r.resumed() ? " (resumed)" : "", r.asOf(), r.policyVersion(),
                r.rules().dormantMonths(), r.rules().neverUsedMonths(), r.rules().graceDays(), r.rules().approvalAboveLimit().toPlainString(),
                r.accounts(), r.elapsed().toMillis() / 1000.0);
        out.printf("Found: %,d (dormant %,d, never used %,d); kept by use: %,d; waiting for a manager: %,d; cancelled: %,d freeing %s%n",
                r.detected(), r.dormant(), r.neverUsed(), r.kept(), r.awaitingApproval(), r.cancelled(), r.limitFreed().toPlainString());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List cancellation cases, soonest planned date first.")
    static final class List implements Callable<Integer>, RiskDeskCli.ReadsOnly {
        @Spec
        CommandSpec spec;
        @Option(names = "--stage", split = ",", description = "Only these stages: ${COMPLETION-CANDIDATES}.")
        Set<LifecycleStage> stages;
        @Option(names = "--reason", description = "Only this reason: ${COMPLETION-CANDIDATES}.")
        LifecycleReason reason;
        @Option(names = "--account", description = "Only accounts whose number starts with this.")
        String account;
        @Option(names = "--needs-approval", description = "Only open cases waiting for a manager's approval.")
        boolean needsApproval;

        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                LifecycleQueries.Page page = services.lifecycle().queries.cases(session, new LifecycleQueries.Filter(
                        stages == null ? Set.of() : EnumSet.copyOf(stages), reason, account == null ? "" : account, needsApproval));
                out.printf("%8s %4s %-14s %-10s %-17s %-10s %-10s %12s %-10s%n", "case", "ver", "account", "reason", "stage", "detected", "planned", "open limit",
                        "approval");
                for (LifecycleQueries.CaseRow c : page.rows()) {
                    out.printf("%8d %4d %-14s %-10s %-17s %-10s %-10s %12s %-10s%n", c.id(), c.version(), c.accountNo(), c.reason(), c.stage(), c.detectedOn(),
                            c.plannedOn(), c.openLimit().toPlainString(),
                            c.approvalRequired() ? (c.approvedBy() == null ? "needed" : c.approvedBy()) : "-");
                }
                out.printf("%,d of %,d cases%n", page.rows().size(), page.total());
            });
        }
    }

    /** The case and its version as the operator saw it, shared by the decisions. */
    abstract static class CaseDecision implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--case", required = true, description = "The case id (lifecycle list).")
        long caseId;
        @Option(names = "--version", required = true, description = "The case's version as listed (a case changed since is refused).")
        int version;
    }

    @Command(name = "keep", mixinStandardHelpOptions = true, description = "Keep the account of an open case on the customer's request.")
    static final class Keep extends CaseDecision {
        @Option(names = "--reason", required = true, description = "Why (what the customer asked, how they reached us).")
        String reason;

        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                services.lifecycle().cases.keepOnRequest(session, caseId, version, reason);
                out.printf("Case %d closed: the account is kept.%n", caseId);
            });
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve the cancellation of an open limit that needs a manager.")
    static final class Approve extends CaseDecision {
        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                services.lifecycle().cases.approve(session, caseId, version);
                out.printf("Case %d approved: the lifecycle run cancels the account once its grace period is over.%n", caseId);
            });
        }
    }

    @Command(name = "decline", mixinStandardHelpOptions = true, description = "Decline the cancellation: the account is kept.")
    static final class Decline extends CaseDecision {
        @Option(names = "--reason", required = true, description = "Why the account is kept.")
        String reason;

        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                services.lifecycle().cases.decline(session, caseId, version, reason);
                out.printf("Case %d closed: the cancellation is declined and the account kept.%n", caseId);
            });
        }
    }
}
