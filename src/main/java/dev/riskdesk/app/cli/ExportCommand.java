package dev.riskdesk.app.cli;

import dev.riskdesk.exchange.export.BookExportReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the whole book (customers, accounts, statements, bills, transactions, repayments, inquiries, logins, feeds) "
                + "as one UTF-8 CSV file per kind into a folder (format: import.md).")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The folder to write the book files into (created if missing).")
    Path dir;

    @Option(names = "--overwrite", description = "Replace book files the folder already holds.")
    boolean overwrite;

    @Override
    public Integer call() throws IOException {
        return RiskDeskCli.withSession(spec, (services, session, out) -> {
            BookExportReport r = services.bookExport().export(session, dir, overwrite, ModelCommand.progress(spec.commandLine().getErr()));
            out.println(summary(r));
        });
    }

    static String summary(BookExportReport r) {
        return String.format("Exported %,d rows to %s in %.1f s: %s.", r.totalRows(), r.folder(), r.elapsed().toMillis() / 1000.0, r.countsText());
    }
}
