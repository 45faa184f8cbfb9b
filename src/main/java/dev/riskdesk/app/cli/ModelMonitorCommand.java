package dev.riskdesk.app.cli;

import dev.riskdesk.scoring.model.MonitoringService;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = "PSI of the champion's score and every feature (warning 0.10, alert 0.25) and bad rate by band.")
final class ModelMonitorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        return RiskDeskCli.withSession(spec, (services, session, out) -> {
            MonitoringService.Report r = services.monitoring().monitor(session, ModelCommand.progress(spec.commandLine().getErr()));
            out.printf("Champion scorecard %d; current population %,d accounts with a file at %s%n", r.modelId(), r.population(), r.observationDate());
            out.printf("Score PSI %.4f %s%n", r.score().psi(), r.score().level());
            out.println("Feature PSI (training sample vs current):");
            for (MonitoringService.Drift d : r.features()) {
                out.printf("  %-22s %8.4f %s%n", d.name(), d.psi(), d.level());
            }
            out.printf("Bands: share in training vs now; out-of-time test bad rate; cohort scored at %s (%,d accounts) and its 12-month bad rate%n",
                    r.cohortDate(), r.cohortSize());
            for (MonitoringService.BandRow b : r.bands()) {
                out.printf("  %s  train %6.2f%%  now %6.2f%%  test bad %6.2f%%  cohort %,8d bad %6.2f%%%n", b.band(), 100 * b.trainShare(),
                        100 * b.currentShare(), 100 * b.testBadRate(), b.cohortAccounts(), 100 * b.cohortBadRate());
            }
        });
    }
}
