package dev.riskdesk.app.cli;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.exchange.export.BookExportReport;
import dev.riskdesk.security.BenchOperators;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench export}: the real {@code export} of the book in --db into a fresh temporary folder,
 * with rows per second, the files' size and the peak heap (the export streams: the heap must not grow
 * with the book).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export the book in --db into a temporary folder and print wall time, rows/s, file size and peak heap.")
final class BenchExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the temporary export folder goes (default: the system temp folder).")
    Path workDir;

    @Option(names = "--keep", description = "Keep the exported files.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path base = workDir != null ? Files.createDirectories(workDir) : Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = Files.createTempDirectory(base, "riskdesk-bench-export-");
        BenchGenerateCommand.HeapSampler heap = new BenchGenerateCommand.HeapSampler();
        try (AppServices services = ((RiskDeskCli) spec.root().userObject()).openServices()) {
            heap.start();
            BookExportReport r = services.bookExport().export(BenchOperators.signIn(services.database(), "manager"), dir, false, ModelCommand.progress(spec.commandLine().getErr()));
            long sampled = heap.sampledPeak();
            double seconds = r.elapsed().toNanos() / 1e9;
            out.println(ExportCommand.summary(r));
            out.printf("export: %,d rows in %.1f s = %,.0f rows/s, %,d MB of CSV; peak heap used %,d MB sampled every 20 ms, max heap %,d MB, %d cores%n",
                    r.totalRows(), seconds, r.totalRows() / seconds, BenchGenerateCommand.size(dir) >> 20, sampled >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
            out.flush();
        } finally {
            heap.stop();
            if (keep) {
                out.println("Kept " + dir);
            } else {
                BenchGenerateCommand.deleteTree(dir);
            }
        }
        return 0;
    }
}
