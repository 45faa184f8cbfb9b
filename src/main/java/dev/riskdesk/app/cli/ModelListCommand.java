package dev.riskdesk.app.cli;

import dev.riskdesk.scoring.model.StoredModel;
import dev.riskdesk.scoring.model.TrainingService;
import java.util.List;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List models with status, out-of-time AUC and the attributes they were trained without.")
final class ModelListCommand implements Callable<Integer>, RiskDeskCli.ReadsOnly {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        return RiskDeskCli.withServices(spec, (services, out) -> {
            out.printf("%5s %-16s %-9s %-23s %-23s %8s  %-16s %s%n", "ID", "KIND", "STATUS", "TRAIN", "TEST", "TEST AUC", "EXCLUDED", "NAME");
            for (StoredModel m : services.models().list()) {
                double auc = m.metrics() == null ? Double.NaN : m.metrics().path("test").path("auc").asDouble(Double.NaN);
                List<String> excluded = TrainingService.excludedAttributes(m);
                out.printf("%5d %-16s %-9s %-23s %-23s %8.4f  %-16s %s%n", m.id(), m.kind(), m.status(),
                        m.trainFrom() + ".." + m.trainTo(), m.testFrom() + ".." + m.testTo(), auc,
                        excluded.isEmpty() ? "-" : String.join(",", excluded), m.name());
            }
        });
    }
}
