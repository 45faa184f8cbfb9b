package dev.riskdesk.app.cli;

import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.exchange.export.BookExportReport;
import dev.riskdesk.exchange.export.BookExportService;
import dev.riskdesk.exchange.load.BookFolder;
import dev.riskdesk.exchange.load.BookImportService;
import dev.riskdesk.exchange.load.LoadReport;
import dev.riskdesk.exchange.load.LoadRequest;
import dev.riskdesk.portfolio.GenerationReport;
import dev.riskdesk.portfolio.GeneratorOptions;
import dev.riskdesk.portfolio.PortfolioGenerator;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.BenchOperators;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench import}: generates a book into one fresh database (timed), exports it, imports the
 * export into a second fresh database (timed: the first load's validation pass and write pass), and
 * prints both times and their ratio (target: import at most 1.5 × the generator on 100,000 × 24).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Generate N x M, export it, import the export into an empty database; print generator and import times and their ratio.")
final class BenchImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchBookOptions book;

    @Override
    public Integer call() throws Exception {
        GeneratorOptions options = book.generatorOptions(spec);
        int k = options.detailMonths();
        PrintWriter out = spec.commandLine().getOut();
        Path dir = book.newWorkFolder("riskdesk-bench-import-");
        BenchGenerateCommand.HeapSampler heap = new BenchGenerateCommand.HeapSampler();
        heap.start();
        try {
            out.printf("Machine: %d cores, max heap %,d MB, Java %s%n", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
            Path folder = dir.resolve("book");
            GenerationReport generated;
            long genNanos;
            try (Database db = Database.open(DatabaseLocation.ofPath(dir.resolve("gen").resolve("riskdesk")))) {
                out.printf("Generating %,d customers x %d months (detail %d) ...%n", book.customers, book.months, k);
                out.flush();
                long t0 = System.nanoTime();
                generated = new PortfolioGenerator(db).generate(BenchOperators.signIn(db, "batch"), options, Progress.NONE);
                genNanos = System.nanoTime() - t0;
                out.println("Exporting ...");
                out.flush();
                BookExportReport exported = new BookExportService(db, new AuditLog(Clock.systemDefaultZone())).export(BenchOperators.signIn(db, "manager"), folder,
                        false, Progress.NONE);
                out.println(ExportCommand.summary(exported));
            }
            long genHeap = heap.sampledPeak();
            heap.peakAndReset();
            LoadReport loaded;
            long importNanos;
            try (Database db = Database.open(DatabaseLocation.ofPath(dir.resolve("imp").resolve("riskdesk")))) {
                out.println("Importing into an empty database ...");
                out.flush();
                LoadRequest request = new LoadRequest(BookFolder.sourceName(folder), BookFolder.files(folder), null, null, false, false,
                        dir.resolve("rejects.csv"));
                dev.riskdesk.security.Session batch = BenchOperators.signIn(db, "batch");
                long t0 = System.nanoTime();
                loaded = new BookImportService(db, new AuditLog(Clock.systemDefaultZone()), Clock.systemDefaultZone())
                        .load(batch, request, ModelCommand.progress(spec.commandLine().getErr()));
                importNanos = System.nanoTime() - t0;
            }
            long importHeap = heap.sampledPeak();
            ImportCommand.print(out, loaded, folder.getFileName().toString());
            double gen = genNanos / 1e9;
            double imp = importNanos / 1e9;
            long rows = loaded.counts().values().stream().mapToLong(LoadReport.Counts::added).sum();
            out.printf("%-10s %10s %14s %14s %16s%n", "", "wall (s)", "rows", "rows/s", "peak heap (MB)");
            out.printf("%-10s %10.1f %,14d %,14.0f %,16d%n", "generator", gen, generated.totalRows(), generated.totalRows() / gen, genHeap >> 20);
            out.printf("%-10s %10.1f %,14d %,14.0f %,16d%n", "import", imp, rows, rows / imp, importHeap >> 20);
            out.printf("Ratio import / generator: %.2f (target at most 1.5 on 100,000 x 24)%n", imp / gen);
            out.flush();
        } finally {
            heap.stop();
            if (!book.keep) {
                BenchGenerateCommand.deleteTree(dir);
            } else {
                out.println("Kept " + dir);
            }
        }
        return 0;
    }
}
