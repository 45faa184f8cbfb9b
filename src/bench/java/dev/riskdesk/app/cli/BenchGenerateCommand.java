package dev.riskdesk.app.cli;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.portfolio.GenerationReport;
import dev.riskdesk.portfolio.GeneratorOptions;
import dev.riskdesk.portfolio.PlainJdbcBaseline;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Generates a portfolio into a fresh temporary database, then inserts the same number of rows per
 * table with plain JDBC batches into another (the floor H2 sets), and prints both.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Time the portfolio generator against plain JDBC inserts of the same rows.")
final class BenchGenerateCommand implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Mixin
    BenchBookOptions book;

    @Override
    public Integer call() throws Exception {
        GeneratorOptions options = book.generatorOptions(spec);
        int k = options.detailMonths();
        PrintWriter out = spec.commandLine().getOut();
        Path dir = book.newWorkFolder("riskdesk-bench-");
        HeapSampler heap = new HeapSampler();
        heap.start();
        try {
            out.printf("Machine: %d cores, max heap %,d MB, Java %s%n", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
            out.printf("Generating %,d customers x %d months (detail %d) into %s ...%n", book.customers, book.months, k, dir.resolve("gen"));
            out.flush();
            GenerationReport report;
            long genNanos;
            long genSize;
            Path genDb = dir.resolve("gen").resolve("riskdesk");
            try (Database db = Database.open(DatabaseLocation.ofPath(genDb))) {
                dev.riskdesk.security.Session batch = dev.riskdesk.security.BenchOperators.signIn(db, "batch");
                long t0 = System.nanoTime();
                report = new dev.riskdesk.portfolio.PortfolioGenerator(db).generate(batch, options, Progress.NONE);
                genNanos = System.nanoTime() - t0;
            }
            genSize = size(dir.resolve("gen"));
            long genHeapSampled = heap.sampledPeak();
            long genHeap = heap.peakAndReset();
            out.printf("Plain JDBC: inserting the same %,d rows ...%n", report.totalRows());
            out.flush();
            long plainNanos;
            long plainRows;
            Path plainDb = dir.resolve("plain").resolve("riskdesk");
            try (Database db = Database.open(DatabaseLocation.ofPath(plainDb)); Connection c = db.connection()) {
                long t0 = System.nanoTime();
                plainRows = PlainJdbcBaseline.insert(c, report.rowsPerTable());
                plainNanos = System.nanoTime() - t0;
            } catch (SQLException e) {
                throw new UserFacingException("The plain JDBC baseline failed: " + e.getMessage(), e);
            }
            long plainSize = size(dir.resolve("plain"));
            double gen = genNanos / 1e9;
            double plain = plainNanos / 1e9;
            out.println();
            out.println("Rows per table: " + report.rowsPerTable());
            out.printf("%-12s %10s %14s %14s %12s%n", "", "wall (s)", "rows", "rows/s", "db (MB)");
            out.printf("%-12s %10.1f %,14d %,14.0f %,12d%n", "generator", gen, report.totalRows(), report.totalRows() / gen, genSize >> 20);
            out.printf("%-12s %10.1f %,14d %,14.0f %,12d%n", "plain JDBC", plain, plainRows, plainRows / plain, plainSize >> 20);
            out.printf("Ratio generator / plain JDBC: %.2f%n", gen / plain);
            out.printf("Peak heap used during generation: %,d MB sampled every 20 ms; %,d MB as the sum of the heap pools' peaks"
                    + " (an upper bound: the pools peak at different times); max heap %,d MB%n",
                    genHeapSampled >> 20, genHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
            out.printf("Default rate %.2f%%, scenarios %s%n", 100 * report.defaultRate(), report.scenarios());
            out.flush();
        } finally {
            heap.stop();
            if (!book.keep) {
                deleteTree(dir);
            } else {
                out.println("Kept " + dir);
            }
        }
        return 0;
    }

    static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Samples heap use every 20 ms and also reads the heap pools' own peaks after a reset. */
    static final class HeapSampler {
        private volatile boolean running = true;
        private volatile long peak;
        private Thread thread;

        void start() {
            resetPools();
            thread = new Thread(() -> {
                while (running) {
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    if (used > peak) {
                        peak = used;
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long sampledPeak() {
            return peak;
        }

        long peakAndReset() {
            long pools = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                    pools += pool.getPeakUsage().getUsed();
                }
            }
            long result = Math.max(peak, pools);
            peak = 0;
            resetPools();
            return result;
        }

        private static void resetPools() {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pool.resetPeakUsage();
                }
            }
        }

        void stop() {
            running = false;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }
}
