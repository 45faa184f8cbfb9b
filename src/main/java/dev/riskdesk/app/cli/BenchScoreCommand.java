package dev.riskdesk.app.cli;

import dev.riskdesk.db.Database;
import dev.riskdesk.scoring.ScoringBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code riskdesk bench score}: times features plus champion scoring of every account without
 * writing (the write path is timed by {@code riskdesk score --all}).
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Time features and champion scoring for every account at the latest month (reads only).")
final class BenchScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Database db = ((RiskDeskCli) spec.root().userObject()).openDatabase()) {
            ScoringBenchmark.Result r = new ScoringBenchmark(db, ModelCommand.models(db), Runtime.getRuntime().availableProcessors())
                    .score(ModelCommand.progress(spec.commandLine().getErr()));
            spec.commandLine().getOut().printf("score: %,d accounts read, %,d scored (%,d thin-file) in %.1f s = %,.0f accounts/s on %d cores%n",
                    r.accounts(), r.vectors(), r.thinFile(), r.millis() / 1000.0, r.perSecond(), Runtime.getRuntime().availableProcessors());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
