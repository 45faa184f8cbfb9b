package dev.riskdesk.app.cli;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;

import dev.riskdesk.accounts.ChangedAccounts;
import dev.riskdesk.app.AppServices;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.limits.GeneratorTruthCheck;
import dev.riskdesk.limits.run.ChangedRunService;
import dev.riskdesk.limits.run.PolicyRunService;
import dev.riskdesk.security.BenchOperators;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench policy-run}: the real {@code policy run} on the book in --db (same service and
 * defaults, no dashboard refresh), then what it did to the generator's injected cases: the
 * speed figure comes with the check that takeovers are suspended and repayment delays are not.
 * With {@code --changed} it first marks a random share of the accounts changed (as a daily delta
 * would) and times {@code policy run --changed} instead.
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
    @Option(names = "--changed", description = "Mark --share percent of the accounts changed, then run policy run --changed.")
    boolean changed;
    @Option(names = "--share", defaultValue = "5", description = "Percent of the accounts marked changed with --changed (default ${DEFAULT-VALUE}).")
    double share;
    @Option(names = "--seed", defaultValue = "7", description = "Random seed of the marked accounts (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        try (AppServices services = ((RiskDeskCli) spec.root().userObject()).openServices()) {
            Database database = services.database();
            PrintWriter out = spec.commandLine().getOut();
            if (!checkOnly && changed) {
                mark(database, services.clock(), out);
                PolicyRunService.RunReport r = services.limits().changedRuns.run(BenchOperators.signIn(database, "batch"),
                        new ChangedRunService.Options(false, chunk, null), Progress.NONE);
                PolicyCommand.Run.print(out, r, false, " (changed accounts)");
            } else if (!checkOnly) {
                PolicyRunService.RunReport r = services.limits().runs.run(BenchOperators.signIn(database, "batch"),
                        new PolicyRunService.RunOptions(false, chunk, null, false), Progress.NONE);
                PolicyCommand.Run.print(out, r, false);
            }
            long started = System.nanoTime();
            GeneratorTruthCheck.Result t = GeneratorTruthCheck.check(database.dsl());
            out.printf("Generator truth (checked in %.1f s): account takeovers %,d, suspended %,d (%,d suspensions)%n",
                    (System.nanoTime() - started) / 1e9, t.takeovers(), t.takeoversSuspended(), t.takeoverSuspensions());
            out.printf("  repayment delays that are also takeovers (counted as takeovers): %,d%n", t.delaysAlsoTakeovers());
            out.printf("  repayment delays that later truly missed a bill (a cut is right): %,d%n", t.delaysNowDelinquent());
            out.printf("  other repayment delays %,d: suspended %,d, cut automatically for being overdue %,d, cut automatically for any reason %,d%n",
                    t.delays(), t.delaysSuspended(), t.delaysCutForOverdue(), t.delaysCut());
            out.printf("  of them still in flight %,d: cut automatically %,d%n", t.inFlight(), t.inFlightCut());
            out.printf("  %s%n", t.holds() ? "holds: takeovers suspended once each; no repayment delay suspended or cut for being overdue; none in flight cut"
                    : "DOES NOT HOLD");
            out.flush();
            return t.holds() ? 0 : 1;
        }
    }

    /** Marks each account changed with probability {@code share} percent, in one transaction, as a load would. */
    private void mark(Database database, Clock clock, PrintWriter out) {
        long started = System.nanoTime();
        Random random = new Random(seed);
        List<Long> ids = new ArrayList<>();
        for (long id : database.dsl().select(ACCOUNT.ID).from(ACCOUNT).orderBy(ACCOUNT.ID).fetch(ACCOUNT.ID)) {
            if (random.nextDouble() * 100 < share) {
                ids.add(id);
            }
        }
        database.transaction(tx -> ChangedAccounts.touch(tx, ids, LocalDateTime.now(clock)));
        out.printf("Marked %,d accounts changed (%.1f %%) in %.1f s%n", ids.size(), share, (System.nanoTime() - started) / 1e9);
    }
}
