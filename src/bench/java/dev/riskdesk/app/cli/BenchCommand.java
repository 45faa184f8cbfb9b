package dev.riskdesk.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code java -jar target/riskdesk-bench.jar bench SUBCOMMAND}: measured runs; each bench is its own subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: generate on a fresh temporary database, features/score/search/dashboard on the book in --db, policy on synthetic accounts, policy-run and export on the book in --db, start: the real console under X on --db.",
        subcommands = {BenchGenerateCommand.class, BenchFeaturesCommand.class, BenchScoreCommand.class,
                PolicyBenchCommand.class, BenchPolicyRunCommand.class, BenchSearchCommand.class, BenchDashboardCommand.class,
                BenchExportCommand.class, BenchImportCommand.class, BenchStartCommand.class})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing bench: choose one of " + spec.subcommands().keySet());
    }
}
