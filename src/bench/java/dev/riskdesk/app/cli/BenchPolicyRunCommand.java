package dev.riskdesk.app.cli;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.limits.GeneratorTruthCheck;
import dev.riskdesk.limits.run.PolicyRunService;
import dev.riskdesk.security.Session;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench policy-run}: the real {@code policy run} on the book in --db (same service and
 * defaults, no dashboard refresh), then what it did to the generator's injected cases: the
 * speed figure comes with the check that takeovers are suspended and repayment delays are not.
 */
@Command(name = "policy-run", mixinStandardHelpOptions = true,
        description = "Run the limit policy over the book in --db and check the result against the generator's truth table.")
final class BenchPolicyRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--chunk", defaultValue = "5000", description = "Accounts per transaction (default ${DEFAULT-VALUE}).")
    int chunk;
    @Option(names = "--check-only", description = "Do not run; only check the book as it is.")
    boolean checkOnly;

    @Override
    public Integer call() {
        try (AppServices services = ((RiskDeskCli) spec.root().userObject()).openServices()) {
            Database database = services.database();
            PrintWriter out = spec.commandLine().getOut();
            if (!checkOnly) {
                PolicyRunService.RunReport r = services.limits().runs.run(Session.system(),
                        new PolicyRunService.RunOptions(false, chunk, null, false), Progress.NONE);
                PolicyCommand.Run.print(out, r, false);
            }
            long started = System.nanoTime();
            GeneratorTruthCheck.Result t = GeneratorTruthCheck.check(database.dsl());
            out.printf("Generator truth (checked in %.1f s): account takeovers %,d, suspended %,d (%,d suspensions)%n",
                    (System.nanoTime() - started) / 1e9, t.takeovers(), t.takeoversSuspended(), t.takeoverSuspensions());
            out.printf("  repayment delays that are also takeovers (counted as takeovers): %,d%n", t.delaysAlsoTakeovers());
            out.printf("  other repayment delays %,d: suspended %,d, cut automatically for being overdue %,d, cut automatically for any reason %,d%n",
                    t.delays(), t.delaysSuspended(), t.delaysCutForOverdue(), t.delaysCut());
            out.printf("  of them still in flight %,d: cut automatically %,d%n", t.inFlight(), t.inFlightCut());
            out.printf("  %s%n", t.holds() ? "holds: takeovers suspended once each; no repayment delay suspended or cut for being overdue; none in flight cut"
                    : "DOES NOT HOLD");
            out.flush();
            return t.holds() ? 0 : 1;
        }
    }
}
