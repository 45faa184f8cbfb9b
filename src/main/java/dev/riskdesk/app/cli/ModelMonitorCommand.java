package dev.riskdesk.app.cli;

import dev.riskdesk.scoring.model.MonitoringService;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = "PSI of the champion's score and every feature (warning 0.10, alert 0.25) in the last complete month,"
                + " drift that time explains (age, months on book) shown as EXPECTED, and bad rate by band.")
final class ModelMonitorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        return RiskDeskCli.withSession(spec, (services, session, out) -> {
            MonitoringService.Report r = services.monitoring().monitor(session, ModelCommand.progress(spec.commandLine().getErr()));
            out.printf("Champion scorecard %d; monitoring month ending %s (the last complete month before the book's as-of %s);"
                    + " population %,d accounts with a file%n", r.modelId(), r.observationDate(), r.asOf().toLocalDate(), r.population());
            out.printf("Score PSI %.4f %s%n", r.score().psi(), r.score().level());
            out.printf("Feature PSI (training sample vs the monitoring month; %d months since the middle of the training window):%n",
                    r.monthsSinceTraining());
            for (MonitoringService.Drift d : r.features()) {
                out.printf("  %-22s %8.4f %s%s%n", d.name(), d.psi(), d.level(), Double.isNaN(d.timeAdjusted()) ? ""
                        : String.format(java.util.Locale.ROOT, " (grows with time; %.4f with the %d months taken back)", d.timeAdjusted(),
                                r.monthsSinceTraining()));
            }
            out.printf("%d feature(s) drift beyond what time explains%n", r.unexpected().size());
            out.printf("Bands: share in training vs now; out-of-time test bad rate; cohort scored at %s (%,d accounts) and its 12-month bad rate%n",
                    r.cohortDate(), r.cohortSize());
            for (MonitoringService.BandRow b : r.bands()) {
                out.printf("  %s  train %6.2f%%  now %6.2f%%  test bad %6.2f%%  cohort %,8d bad %6.2f%%%n", b.band(), 100 * b.trainShare(),
                        100 * b.currentShare(), 100 * b.testBadRate(), b.cohortAccounts(), 100 * b.cohortBadRate());
            }
        });
    }
}
