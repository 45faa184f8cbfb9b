package dev.riskdesk.app.cli;

import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseInfo;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the database path, schema version, data as-of time and the rows in each table.")
final class InfoCommand implements Callable<Integer>, RiskDeskCli.ReadsOnly {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        return RiskDeskCli.withServices(spec, (services, out) -> {
            Database database = services.database();
            DatabaseInfo info = DatabaseInfo.read(database);
            out.printf("Database:       %s%n", database.location().describe());
            out.printf("Schema version: %s%n", database.schemaVersion());
            out.printf("Data as of:     %s%n", info.dataAsOf() == null ? "no data yet" : info.dataAsOf());
            out.printf("Demo database:  %s%n", info.demo() ? "yes" : "no");
            out.println("Rows per table:");
            for (Map.Entry<String, Long> entry : info.rowCounts().entrySet()) {
                out.printf("  %-20s %,14d%n", entry.getKey(), entry.getValue());
            }
        });
    }
}
