package dev.riskdesk.app.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Make a scorecard, gradient-boosted or thin-file model the champion (the champion it replaces is retired; audited as the --user operator).")
final class ModelPromoteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The model to promote.")
    long id;

    @Option(names = "--reason", defaultValue = "promoted from the command line", description = "Reason recorded in the audit log.")
    String reason;

    @Override
    public Integer call() throws IOException {
        return RiskDeskCli.withSession(spec, (services, session, out) -> {
            services.models().promote(session, id, reason);
            out.printf("Model %d is now the champion.%n", id);
        });
    }
}
