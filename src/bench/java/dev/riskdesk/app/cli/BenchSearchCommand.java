package dev.riskdesk.app.cli;

import dev.riskdesk.customers.SearchBenchmark;
import dev.riskdesk.app.AppServices;
import dev.riskdesk.db.Database;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Measure the profile browser's search-to-first-rows on the book in the database.")
final class BenchSearchCommand implements Callable<Integer> {
    /** The kind column, as wide as the longest kind's name. */
    private static final String KIND = "%-36s";
    @Spec
    CommandSpec spec;

    @Option(names = "--queries", defaultValue = "200", description = "Queries per kind of search (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for choosing the customers searched for.")
    long seed;

    @Option(names = "--kinds", split = ",", description = "Only the kinds of search whose name contains one of these words"
            + " (e.g. --kinds phone,surname); all kinds when not given.")
    Set<String> kinds = Set.of();

    @Override
    public Integer call() {
        try (AppServices services = ((RiskDeskCli) spec.root().userObject()).openServices()) {
            Database database = services.database();
            SearchBenchmark.Result result = new SearchBenchmark(database).run(queries, seed, kinds);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Search-to-first-rows (first page of %d rows, masked) on %,d accounts, %d queries per kind%n",
                    dev.riskdesk.customers.CustomerSearchService.PAGE_SIZE, result.accounts(), result.queriesPerKind());
            out.printf(KIND + " %9s %9s %9s %9s %14s%n", "kind", "p50 ms", "p95 ms", "p99 ms", "max ms", "count p95 ms");
            for (Map.Entry<String, double[]> e : result.percentilesByKind().entrySet()) {
                double[] count = result.countPercentilesByKind().get(e.getKey());
                print(out, e.getKey(), e.getValue(), count == null ? "with page" : String.format("%.1f", count[1]));
                if (result.gaveUp().contains(e.getKey())) {
                    out.printf(KIND + "   (NOT measured: one warm-up query took longer than 5 s; its time is shown)%n", "");
                }
            }
            print(out, result.gaveUp().isEmpty() ? "all" : "all measured kinds", result.overall(), "");
            out.printf("count p95: the count the screen shows after the first rows, for the searches whose first page"
                    + " did not count itself (\"with page\": every page did)%n");
            if (!result.gaveUp().isEmpty()) {
                out.printf("Not in the overall figures: %s%n", String.join(", ", result.gaveUp()));
            }
            out.flush();
        }
        return 0;
    }

    private static void print(PrintWriter out, String kind, double[] p, String count) {
        out.printf(KIND + " %9.1f %9.1f %9.1f %9.1f %14s%n", kind, p[0], p[1], p[2], p[3], count);
    }
}
