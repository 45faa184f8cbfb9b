package dev.riskdesk.app.cli;

import dev.riskdesk.accounts.NoticeService;
import dev.riskdesk.common.PrivateFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code riskdesk notices export --format csv|json --out FILE}: hands the outbox to the messaging system. */
@Command(name = "notices", mixinStandardHelpOptions = true, description = "Customer notice outbox.",
        subcommands = {NoticesCommand.Export.class})
final class NoticesCommand {
    @Command(name = "export", mixinStandardHelpOptions = true, description = "Export PENDING notices and mark them EXPORTED.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--format", defaultValue = "CSV", description = "CSV or JSON (default ${DEFAULT-VALUE}).")
        NoticeService.Format format;
        @Option(names = "--out", required = true, description = "Output file.")
        Path out;

        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withSession(spec, (services, session, stdout) -> {
                try (Writer w = PrivateFiles.newWriter(out)) {
                    int n = services.limits().notices.exportPending(session, format, w);
                    stdout.printf("Exported %,d notices to %s%n", n, out);
                }
            });
        }
    }
}
