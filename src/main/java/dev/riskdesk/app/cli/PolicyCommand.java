package dev.riskdesk.app.cli;

import dev.riskdesk.common.PrivateFiles;
import dev.riskdesk.common.Progress;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.limits.rules.RuleSet;
import dev.riskdesk.limits.rules.RuleSetService;
import dev.riskdesk.limits.run.ChangedRunService;
import dev.riskdesk.limits.run.DecisionsByBand;
import dev.riskdesk.limits.run.PolicyRunService;
import dev.riskdesk.limits.fairness.FairnessTable;
import dev.riskdesk.limits.run.PolicySimulationService;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.io.Writer;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code riskdesk policy run|simulate}: the limit engine's batch and what-if; the version commands are in {@link PolicyVersionCommands}. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Run or simulate the limit policy and monitoring rules; change the limit policy (and, under 'rules', the rule set) under maker-checker control.",
        subcommands = {PolicyCommand.Run.class, PolicyCommand.Simulate.class,
                // policy-control: versions under maker-checker control
                PolicyVersionCommands.Versions.class, PolicyVersionCommands.Show.class, PolicyVersionCommands.Draft.class, PolicyVersionCommands.Diff.class,
                PolicyVersionCommands.Submit.class, PolicyVersionCommands.Approve.class, PolicyVersionCommands.SendBack.class, PolicyVersionCommands.Withdraw.class,
                PolicyVersionCommands.Activate.class, PolicyVersionCommands.Rollback.class, PolicyVersionCommands.Rules.class})
final class PolicyCommand {
    /** Accounts per chunk at most (score and policy jobs): a chunk is held in memory and written in one transaction. */
    static final int MAX_CHUNK = 1_000_000;

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Evaluate every account (resumes a crashed run after its last committed chunk), or with --changed only the accounts changed since the last run.")
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--dry-run", description = "Evaluate and count, write nothing.")
        boolean dryRun;
        @Option(names = "--chunk", defaultValue = "5000", description = "Accounts per transaction (default ${DEFAULT-VALUE}).")
        int chunk;
        @Option(names = "--at", description = "Evaluation time (yyyy-MM-ddTHH:mm[:ss]); default the newest data-feed as-of time.")
        LocalDateTime at;
        @Option(names = "--awaiting-data", description = "Re-evaluate only accounts whose proposals wait for data.")
        boolean awaitingData;
        @Option(names = "--changed", description = "Evaluate only the accounts whose data changed since the last run (loads, decisions, appeals, feeds that moved).")
        boolean changed;
        @Option(names = "--no-dashboard", description = "Do not refresh the dashboard aggregates after the run.")
        boolean noDashboard;
        @Option(names = "--no-lifecycle", description = "Do not run the lifecycle run (dormant and never-used accounts) after the run.")
        boolean noLifecycle;

        @Override
        public Integer call() throws IOException {
            RiskDeskCli.requireBetween(spec, "--chunk", chunk, 1, MAX_CHUNK);
            if (changed && awaitingData) {
                throw new ParameterException(spec.commandLine(), "--changed and --awaiting-data cannot be combined");
            }
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                PolicyRunService.RunReport r = changed
                        ? services.limits().changedRuns.run(session, new ChangedRunService.Options(dryRun, chunk, at), Progress.NONE)
                        : services.limits().runs.run(session, new PolicyRunService.RunOptions(dryRun, chunk, at, awaitingData), Progress.NONE);
                if (changed && r.accounts() == 0) {
                    out.println("Nothing to evaluate: no account changed since the last policy run.");
                    return;
                }
                print(out, r, dryRun, changed ? " (changed accounts)" : "");
                if (!dryRun && !noLifecycle) {
                    LifecycleCommand.runAfterPolicyRun(services, session, r.at().toLocalDate(), out);
                }
                if (!dryRun && !noDashboard) {
                    DashboardCommand.refreshAfterBatch(services, session, out);
                }
            });
        }

        /** The run's report as the CLI prints it (also {@code bench policy-run}). */
        static void print(PrintWriter out, PolicyRunService.RunReport r, boolean dryRun) {
            print(out, r, dryRun, "");
        }

        /** {@code scope}: what follows the run's name, such as " (changed accounts)". */
        static void print(PrintWriter out, PolicyRunService.RunReport r, boolean dryRun, String scope) {
            out.printf("%s%s%s at %s: %,d accounts in %.1f s%n", dryRun ? "Dry run" : "Policy run " + r.jobId(), scope, r.resumed() ? " (resumed)" : "",
                    r.at(), r.accounts(), r.elapsed().toMillis() / 1000.0);
            out.printf("Rule hits: %,d (stale, not acted on: %,d); applied automatically: %,d; temporary limits ended: %,d%n", r.hits(),
                    r.staleHits(), r.autoApplied(), r.temporaryLimitsEnded());
            r.proposals().forEach((k, v) -> out.printf("  %-32s %,10d%n", k, v));
            StringBuilder phases = new StringBuilder("Time by phase:");
            r.phases().forEach((k, v) -> phases.append(String.format(" %s %.1f s;", k, v.toMillis() / 1000.0)));
            out.println(phases.substring(0, phases.length() - 1));
        }
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = "Evaluate a candidate policy (and rules) over the whole book without applying anything.")
    static final class Simulate implements Callable<Integer>, RiskDeskCli.ReadsOnly {
        @Spec
        CommandSpec spec;
        @Option(names = "--policy", description = "Candidate policy JSON (format of data/limit-policy.json); default the current one.")
        Path policy;
        @Option(names = "--rules", description = "Candidate rules JSON (format of data/rules.json); default the current ones.")
        Path rules;
        @Option(names = "--control", defaultValue = "10", description = "Held-out control group percent (default ${DEFAULT-VALUE}).")
        int control;
        @Option(names = "--challenger", defaultValue = "45", description = "Challenger group percent (default ${DEFAULT-VALUE}).")
        int challenger;
        @Option(names = "--csv", description = "Write the per-account difference against the current policy to this CSV file.")
        Path csv;
        @Option(names = "--at", description = "Evaluation time; default the newest data-feed as-of time.")
        LocalDateTime at;
        @Option(names = "--chunk", defaultValue = "5000", description = "Accounts per chunk (default ${DEFAULT-VALUE}).")
        int chunk;

        @Override
        public Integer call() throws IOException {
            RiskDeskCli.requireBetween(spec, "--control", control, 0, 100);
            RiskDeskCli.requireBetween(spec, "--challenger", challenger, 0, 100 - control);
            RiskDeskCli.requireBetween(spec, "--chunk", chunk, 1, MAX_CHUNK);
            LimitPolicy candidatePolicy = policy == null ? null : LimitPolicyService.parse(policy);
            RuleSet candidateRules = rules == null ? null : RuleSetService.parse(rules);
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                try (Writer diff = csv == null ? null : PrivateFiles.newWriter(csv)) {
                    PolicySimulationService.Report report = services.limits().simulations.simulate(session, new PolicySimulationService.Options(
                            candidatePolicy, candidateRules, control, challenger, at, chunk, diff), Progress.NONE);
                    print(out, report);
                    // decisions by score band: what a manager checks before a policy goes live
                    if (candidatePolicy == null && candidateRules == null) {
                        printByBand(out, "Decisions by score band (current policy and rules):", report.currentByBand());
                    } else {
                        printByBand(out, "Decisions by score band, current policy and rules:", report.currentByBand());
                        printByBand(out, "Decisions by score band, candidate:", report.candidateByBand());
                    }
                    // fairness: decision rates and later bad rates by age group and gender
                    printFairness(out, report.fairness());
                }
            });
        }

        /**
         * One line per score band: its accounts, the count and share of each decision, and how many of its decreases, freezes
         * and suspensions a monitoring rule acts in.
         */
        static void printByBand(PrintWriter out, String title, DecisionsByBand byBand) {
            out.println(title);
            StringBuilder header = new StringBuilder(String.format("  %-5s %9s", "band", "accounts"));
            for (String action : DecisionsByBand.ACTIONS) {
                header.append(String.format("  %17s", "NONE".equals(action) ? "no change" : action.toLowerCase(java.util.Locale.ROOT)));
            }
            out.println(header.append(String.format("  %14s", "cut by rules")));
            for (DecisionsByBand.Row row : byBand.rows()) {
                StringBuilder line = new StringBuilder(String.format("  %-5s %,9d", row.band(), row.accounts()));
                for (String action : DecisionsByBand.ACTIONS) {
                    line.append(String.format("  %,8d %6.1f %%", row.count(action), row.share(action).movePointRight(2)));
                }
                out.println(line.append(String.format("  %,14d", row.adverseByRules())));
            }
        }

        /** The candidate's decision rates and the cohort's later bad rate per age group and gender. */
        static void printFairness(PrintWriter out, FairnessTable t) {
            if (t == null) {
                return;
            }
            out.printf("Fairness: decision rates by age group and gender; bad rate = share of the group's accounts in good standing at %s"
                    + " that reached 90+ days past due within 12 months%n", t.cohortMonthEnd());
            out.printf("  %-7s %9s %9s %9s %9s %9s %9s %9s%n", "group", "accounts", "increase", "decrease", "freeze", "suspend", "cohort", "bad rate");
            for (List<FairnessTable.Row> rows : List.of(t.byAge(), t.byGender())) {
                for (FairnessTable.Row r : rows) {
                    out.printf(java.util.Locale.ROOT, "  %-7s %,9d %8.1f%% %8.1f%% %8.1f%% %8.1f%% %,9d %8s%n", r.group(), r.accounts(),
                            pct(r.increaseRate()), pct(r.decreaseRate()), pct(r.freezeRate()), pct(r.suspendRate()), r.cohortAccounts(),
                            Double.isNaN(r.badRate()) ? "-" : String.format(java.util.Locale.ROOT, "%.1f%%", 100 * r.badRate()));
                }
            }
        }

        private static double pct(double share) {
            return Double.isNaN(share) ? 0 : 100 * share;
        }

        private static void print(PrintWriter out, PolicySimulationService.Report r) {
            out.printf("Simulated %,d accounts at %s (every proposal assumed carried out)%n", r.accounts(), r.at());
            out.printf("%-10s %-60s %14s %14s%n", "", "actions", "exposure chg", "EL chg");
            out.printf("%-10s %-60s %,14.2f %,14.2f%n", "current", r.current().actions(), r.current().exposureChange(), r.current().expectedLossChange());
            out.printf("%-10s %-60s %,14.2f %,14.2f%n", "candidate", r.candidate().actions(), r.candidate().exposureChange(),
                    r.candidate().expectedLossChange());
            out.printf("Accounts whose outcome differs: %,d%n", r.accountsDiffering());
            out.printf("Accounts the candidate changes, by segment (city tier/income band): %s%n", r.candidateAffectedBySegment());
            out.println("Champion/challenger split:");
            for (PolicySimulationService.GroupTotals g : r.championChallenger()) {
                out.printf("  %-10s %,9d accounts %,9d changed  exposure %,14.2f  EL %,12.2f%n", g.group(), g.accounts(), g.changed(),
                        g.exposureChange(), g.expectedLossChange());
            }
        }
    }
}
