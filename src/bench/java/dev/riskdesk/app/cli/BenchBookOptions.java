package dev.riskdesk.app.cli;

import dev.riskdesk.portfolio.GeneratorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The generated book a benchmark works on and where its temporary files go (a picocli mixin). */
final class BenchBookOptions {
    @Option(names = "--customers", paramLabel = "N", description = "Customers (default: ${DEFAULT-VALUE}).")
    int customers = 100_000;

    @Option(names = "--months", paramLabel = "M", description = "Months (default: ${DEFAULT-VALUE}).")
    int months = 24;

    @Option(names = "--detail-months", paramLabel = "K", description = "Raw-event months (default: all).")
    Integer detailMonths;

    @Option(names = "--seed", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "As-of date (default: ${DEFAULT-VALUE}).")
    LocalDate asOf = LocalDate.of(2026, 11, 22);

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the temporary databases and files go (default: the system temp folder).")
    Path workDir;

    @Option(names = "--keep", description = "Keep the temporary databases and files.")
    boolean keep;

    /** The generator's options; a bad combination is a usage error. */
    GeneratorOptions generatorOptions(CommandSpec spec) {
        int k = detailMonths == null ? months : detailMonths;
        if (customers < 1 || months < 1 || k < 1 || k > months) {
            throw new ParameterException(spec.commandLine(), "--customers, --months and --detail-months must be positive, detail months at most months");
        }
        return new GeneratorOptions(customers, months, seed, k, asOf);
    }

    /** A new temporary folder under {@code --work-dir} (or the system temp folder). */
    Path newWorkFolder(String prefix) throws IOException {
        Path base = workDir != null ? Files.createDirectories(workDir) : Path.of(System.getProperty("java.io.tmpdir"));
        return Files.createTempDirectory(base, prefix);
    }
}
