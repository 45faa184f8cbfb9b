package dev.riskdesk.app.cli;

import dev.riskdesk.scoring.model.Metrics;
import dev.riskdesk.scoring.model.TrainingService;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a scorecard, a random-forest challenger and a thin-file scorecard (stored as DRAFT) with an out-of-time test.")
final class ModelTrainCommand implements Callable<Integer> {
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

    @Override
    public Integer call() throws IOException {
        RiskDeskCli.requireBetween(spec, "--observation-months", observationMonths, 0, Integer.MAX_VALUE);
        RiskDeskCli.requireBetween(spec, "--test-months", testMonths, 0, Integer.MAX_VALUE);
        RiskDeskCli.requireBetween(spec, "--max-rows", maxRows, 1, Integer.MAX_VALUE);
        return RiskDeskCli.withSession(spec, (services, session, out) -> {
            TrainingService.Report r = services.training().train(session, new TrainingService.Options(observationMonths, testMonths, maxRows, seed),
                    ModelCommand.progress(spec.commandLine().getErr()));
            out.printf("Observation dates: train %s, out-of-time test %s%n", r.trainDates(), r.testDates());
            out.printf("Rows: train %,d, test %,d; scorecard characteristics (%d): %s%n", r.trainRows(), r.testRows(),
                    r.features().size(), String.join(", ", r.features()));
            out.printf("%-28s %8s %8s %8s %8s %8s%n", "model / sample", "rows", "AUC", "KS", "Gini", "Brier");
            row(out, "scorecard #" + r.scorecardId() + " train", r.scorecardTrain());
            row(out, "scorecard #" + r.scorecardId() + " test (OOT)", r.scorecardTest());
            row(out, "forest #" + r.forestId() + " train", r.forestTrain());
            row(out, "forest #" + r.forestId() + " test (OOT)", r.forestTest());
            row(out, "thin-file #" + r.thinFileId() + " train", r.thinFileTrain());
            row(out, "thin-file #" + r.thinFileId() + " test", r.thinFileTest());
            out.println("Scorecard out-of-time bad rate by band:");
            r.scorecardTest().bands().forEach((band, s) -> out.printf("  %s %,9d accounts  bad rate %6.2f%%%n", band, s.count(), 100 * s.badRate()));
            out.println("Scorecard out-of-time calibration by decile (mean PD vs observed bad rate):");
            for (Metrics.Decile d : r.scorecardTest().calibration()) {
                out.printf("  %2d %,9d  %6.2f%%  %6.2f%%%n", d.decile(), d.count(), 100 * d.meanPd(), 100 * d.badRate());
            }
            out.printf("Trained in %.1f s. Promote with: riskdesk model promote %d (and %d for thin files)%n",
                    r.millis() / 1000.0, r.scorecardId(), r.thinFileId());
        });
    }

    private static void row(PrintWriter out, String name, Metrics m) {
        out.printf("%-28s %,8d %8.4f %8.4f %8.4f %8.5f%n", name, m.count(), m.auc(), m.ks(), m.gini(), m.brier());
    }
}
