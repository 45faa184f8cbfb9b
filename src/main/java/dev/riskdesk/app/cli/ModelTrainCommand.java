package dev.riskdesk.app.cli;

import dev.riskdesk.scoring.model.BoostedModel;
import dev.riskdesk.scoring.model.Metrics;
import dev.riskdesk.scoring.model.TrainingService;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a scorecard, a random-forest challenger, a gradient-boosted model and a thin-file scorecard (stored as DRAFT)"
                + " with an out-of-time test.")
final class ModelTrainCommand implements Callable<Integer> {
    static final int MAX_TREES = 2000;

    @Spec
    CommandSpec spec;

    @Option(names = "--observation-months", paramLabel = "N", defaultValue = "0",
            description = "Use the latest N eligible observation month ends (default: all with 6 months of history and a full 12-month outcome).")
    int observationMonths;

    @Option(names = "--test-months", paramLabel = "N", defaultValue = "0",
            description = "How many of the latest observation months form the out-of-time test (default: a third).")
    int testMonths;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "300000", description = "Sample accounts to about this many rows.")
    int maxRows;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the forest and its sample.")
    long seed;

    @Option(names = "--trees", paramLabel = "N", defaultValue = "" + BoostedModel.ROUNDS,
            description = "Trees of the gradient-boosted model (default: ${DEFAULT-VALUE}).")
    int trees;

    @Option(names = "--exclude-protected",
            description = "Leave the active limit policy's protected attributes (age, gender, marital status...) out of every model,"
                    + " and print what that costs in out-of-time AUC.")
    boolean excludeProtected;

    @Option(names = "--exclude", paramLabel = "NAMES", split = ",",
            description = "Leave these attributes out of every model (comma-separated, e.g. AGE,OCCUPATION), with the cost in AUC.")
    List<String> exclude = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        RiskDeskCli.requireBetween(spec, "--observation-months", observationMonths, 0, Integer.MAX_VALUE);
        RiskDeskCli.requireBetween(spec, "--test-months", testMonths, 0, Integer.MAX_VALUE);
        RiskDeskCli.requireBetween(spec, "--max-rows", maxRows, 1, Integer.MAX_VALUE);
        RiskDeskCli.requireBetween(spec, "--trees", trees, 1, MAX_TREES);
        return RiskDeskCli.withSession(spec, (services, session, out) -> {
            List<String> names = new ArrayList<>(exclude);
            if (excludeProtected) {
                names.addAll(services.limits().policies.activeOrDefaults().policy().protectedAttributes());
            }
            TrainingService.Options options = new TrainingService.Options(observationMonths, testMonths, maxRows, seed).excluding(names).withBoostedRounds(trees);
            TrainingService.Report r = services.training().train(session, options, ModelCommand.progress(spec.commandLine().getErr()));
            out.printf("Observation dates: train %s, out-of-time test %s%n", r.trainDates(), r.testDates());
            out.printf("Rows: train %,d, test %,d; scorecard characteristics (%d): %s%n", r.trainRows(), r.testRows(),
                    r.features().size(), String.join(", ", r.features()));
            out.printf("%-28s %8s %8s %8s %8s %8s%n", "model / sample", "rows", "AUC", "KS", "Gini", "Brier");
            row(out, "scorecard #" + r.scorecardId() + " train", r.scorecardTrain());
            row(out, "scorecard #" + r.scorecardId() + " test (OOT)", r.scorecardTest());
            row(out, "forest #" + r.forestId() + " train", r.forestTrain());
            row(out, "forest #" + r.forestId() + " test (OOT)", r.forestTest());
            row(out, "boosted #" + r.boostedId() + " train", r.boostedTrain());
            row(out, "boosted #" + r.boostedId() + " test (OOT)", r.boostedTest());
            row(out, "thin-file #" + r.thinFileId() + " train", r.thinFileTrain());
            row(out, "thin-file #" + r.thinFileId() + " test", r.thinFileTest());
            out.println("Scorecard out-of-time bad rate by band:");
            r.scorecardTest().bands().forEach((band, s) -> out.printf("  %s %,9d accounts  bad rate %6.2f%%%n", band, s.count(), 100 * s.badRate()));
            out.println("Scorecard out-of-time calibration by decile (mean PD vs observed bad rate):");
            for (Metrics.Decile d : r.scorecardTest().calibration()) {
                out.printf("  %2d %,9d  %6.2f%%  %6.2f%%%n", d.decile(), d.count(), 100 * d.meanPd(), 100 * d.badRate());
            }
            if (!r.excluded().isEmpty()) {
                exclusion(out, r);
            }
            out.printf("Trained in %.1f s. Promote with: riskdesk model promote %d (and %d for thin files);"
                    + " the gradient-boosted model instead of the scorecard: riskdesk model promote %d%n",
                    r.millis() / 1000.0, r.scorecardId(), r.thinFileId(), r.boostedId());
        });
    }

    /** What was left out, what of it no model uses anyway, and the out-of-time AUC with and without it. */
    private static void exclusion(PrintWriter out, TrainingService.Report r) {
        List<String> inputs = TrainingService.candidateInputs();
        List<String> notInputs = r.excluded().stream().filter(n -> !inputs.contains(n)).toList();
        out.printf("Left out of every model: %s%s%n", String.join(", ", r.excluded()),
                notInputs.isEmpty() ? "" : " (" + String.join(", ", notInputs) + ": not a model input, nothing to leave out)");
        out.printf("What that costs, out-of-time AUC with -> without: scorecard %.4f -> %.4f (%+.4f), thin-file %.4f -> %.4f (%+.4f)%n",
                r.scorecardTestWithExcluded().auc(), r.scorecardTest().auc(), -r.scorecardAucCost(),
                r.thinFileTestWithExcluded().auc(), r.thinFileTest().auc(), r.thinFileTest().auc() - r.thinFileTestWithExcluded().auc());
    }

    private static void row(PrintWriter out, String name, Metrics m) {
        out.printf("%-28s %,8d %8.4f %8.4f %8.4f %8.5f%n", name, m.count(), m.auc(), m.ks(), m.gini(), m.brier());
    }
}
