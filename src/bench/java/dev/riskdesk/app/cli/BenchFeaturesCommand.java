package dev.riskdesk.app.cli;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.scoring.ScoringBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code riskdesk bench features}: times one feature pass over the book at the latest month on
 * the database given by --db (read only).
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Time the feature computation for every account at the latest month (reads only).")
final class BenchFeaturesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (AppServices services = ((RiskDeskCli) spec.root().userObject()).openServices()) {
            ScoringBenchmark.Result r = new ScoringBenchmark(services.database(), services.models(), Runtime.getRuntime().availableProcessors())
                    .features(ModelCommand.progress(spec.commandLine().getErr()));
            spec.commandLine().getOut().printf("features: %,d accounts read, %,d feature vectors (%,d thin-file) in %.1f s = %,.0f accounts/s on %d cores%n",
                    r.accounts(), r.vectors(), r.thinFile(), r.millis() / 1000.0, r.perSecond(), Runtime.getRuntime().availableProcessors());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
