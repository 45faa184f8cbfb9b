package dev.riskdesk.app.cli;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.common.Percentiles;
import dev.riskdesk.db.Database;
import dev.riskdesk.scoring.ScoringBenchmark;
import dev.riskdesk.scoring.model.ModelRepository;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Option(names = "--single", paramLabel = "N", defaultValue = "0",
            description = "Instead of the book pass, score and explain N random accounts one at a time (as the console does) and print percentiles.")
    int single;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (AppServices services = ((RiskDeskCli) spec.root().userObject()).openServices()) {
            Database db = services.database();
            ModelRepository models = services.models();
            ScoringBenchmark bench = new ScoringBenchmark(db, models, Runtime.getRuntime().availableProcessors());
            if (single > 0) {
                ScoringBenchmark.Single r = bench.single(services.scoring(), Math.min(200, single), single, 1);
                print(out, "single account, read from the database + features + score + explanation", r.withRead());
                print(out, "single account in process (history already read): features + score + explanation", r.inProcess());
            } else {
                ScoringBenchmark.Result r = bench.score(ModelCommand.progress(spec.commandLine().getErr()));
                out.printf("score: %,d accounts read, %,d scored (%,d thin-file) in %.1f s = %,.0f accounts/s on %d cores%n",
                        r.accounts(), r.vectors(), r.thinFile(), r.millis() / 1000.0, r.perSecond(), Runtime.getRuntime().availableProcessors());
            }
            out.flush();
        }
        return 0;
    }

    private static void print(PrintWriter out, String what, double[] millis) {
        double[] p = Percentiles.of(millis);
        out.printf("%s, %,d accounts: p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms%n", what, millis.length, p[0], p[1], p[2], p[3]);
    }
}
