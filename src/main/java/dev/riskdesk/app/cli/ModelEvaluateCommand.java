package dev.riskdesk.app.cli;

import dev.riskdesk.scoring.model.CrossValidator;
import dev.riskdesk.scoring.model.CsvDatasetReader;
import dev.riskdesk.scoring.model.Metrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Cross-validates the scorecard, the forest and the gradient-boosted model on an external CSV. Opens no database, so nothing can be written. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Cross-validate the scorecard, the forest challenger and the gradient-boosted model on a labelled CSV and print AUC, KS and Gini.")
final class ModelEvaluateCommand implements Callable<Integer> {
    static final int MAX_FOLDS = 1000;

    @Spec
    CommandSpec spec;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "UTF-8 CSV with a header; comma or semicolon.")
    Path csv;

    @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "The outcome column.")
    String target;

    @Option(names = "--positive", paramLabel = "VALUE", description = "The target value meaning default (bad); needed unless obvious (1/true/yes/bad).")
    String positive;

    @Option(names = "--folds", defaultValue = "10", description = "Number of cross-validation folds (default 10).")
    int folds;

    @Option(names = "--drop", paramLabel = "COLUMN", arity = "1..*", description = "Columns to ignore (identifiers, leaks).")
    List<String> drop = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the fold assignment.")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RiskDeskCli.requireBetween(spec, "--folds", folds, 2, MAX_FOLDS);
        long start = System.currentTimeMillis();
        CsvDatasetReader.Result data = new CsvDatasetReader().read(csv, target, positive, drop);
        out.printf("%s: %,d rows, delimiter '%s', positive '%s' (%,d rows)%n", csv, data.dataset().size(), data.delimiter(), data.positive(),
                java.util.Arrays.stream(data.dataset().labels()).filter(v -> v == 1).count());
        out.printf("numeric: %s%ncategorical: %s%nignored: %s%n", data.numeric(), data.categorical(), data.ignored());
        CrossValidator.Result r = new CrossValidator().run(data.dataset(), folds, seed);
        out.printf("%d-fold cross-validation (pooled out-of-fold predictions):%n", r.folds());
        out.printf("%-22s %8s %8s %8s%n", "model", "AUC", "KS", "Gini");
        row(out, "scorecard (WoE + LR)", r.scorecard());
        row(out, "random forest", r.forest());
        row(out, "gradient boosted", r.boosted());
        out.printf("in %.1f s%n", (System.currentTimeMillis() - start) / 1000.0);
        out.flush();
        return 0;
    }

    private static void row(PrintWriter out, String name, Metrics m) {
        out.printf("%-22s %8.4f %8.4f %8.4f%n", name, m.auc(), m.ks(), m.gini());
    }
}
