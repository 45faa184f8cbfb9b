package dev.riskdesk.app.cli;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.common.Progress;
import dev.riskdesk.portfolio.GenerationReport;
import dev.riskdesk.portfolio.GeneratorOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate the demo portfolio (customers, accounts, months of behaviour, injected scenarios) into an empty database.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--customers", paramLabel = "N", description = "Customers (one account each), 1..5,000,000 (default: ${DEFAULT-VALUE}).")
    int customers = GeneratorOptions.DEFAULT_CUSTOMERS;

    @Option(names = "--months", paramLabel = "M", description = "Months of history up to the as-of date, 1..120 (default: ${DEFAULT-VALUE}).")
    int months = GeneratorOptions.DEFAULT_MONTHS;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed; the same seed and as-of date give the same data (default: ${DEFAULT-VALUE}).")
    long seed = GeneratorOptions.DEFAULT_SEED;

    @Option(names = "--detail-months", paramLabel = "K", description = "Keep raw events only for the most recent K months (default: all months).")
    Integer detailMonths;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "Data runs up to the start of this day (default: today, China time).")
    LocalDate asOf;

    @Override
    public Integer call() throws IOException {
        GeneratorOptions options = options(spec);
        PrintWriter err = spec.commandLine().getErr();
        if (options.months() < 13) {
            err.println("riskdesk: note: with fewer than 13 months there is no 12-month outcome window and no income-shock month.");
        }
        return RiskDeskCli.withSession(spec, (services, session, out) -> {
            services.generator().discardUnfinished(); // a generation killed part-way leaves rows to remove first
            GenerationReport report = services.generator().generate(session, options, new CliProgress(err, System.console() != null));
            out.println(summary(report, services.databaseDescription()));
        });
    }

    /** Validates the options; a bad value is a usage error (exit 2), not a failure. */
    GeneratorOptions options(CommandSpec spec) {
        int k = detailMonths == null ? months : detailMonths;
        requireCustomers(spec, customers);
        if (months < 1 || months > GeneratorOptions.MAX_MONTHS) {
            throw new ParameterException(spec.commandLine(), "--months must be between 1 and " + GeneratorOptions.MAX_MONTHS + " (was " + months + ")");
        }
        if (k < 1 || k > months) {
            throw new ParameterException(spec.commandLine(), "--detail-months must be between 1 and --months (" + months + ") (was " + k + ")");
        }
        LocalDate day = asOf != null ? asOf : LocalDate.now(AppServices.BUSINESS_ZONE);
        if (day.getYear() < 2000 || day.getYear() > 2100) {
            throw new ParameterException(spec.commandLine(), "--as-of must lie between 2000 and 2100 (was " + day + ")");
        }
        return new GeneratorOptions(customers, months, seed, k, day);
    }

    /** {@code --customers} of {@code generate} and {@code demo}: a bad value is a usage error. */
    static void requireCustomers(CommandSpec spec, int customers) {
        if (customers < 1 || customers > GeneratorOptions.MAX_CUSTOMERS) {
            throw new ParameterException(spec.commandLine(), "--customers must be between 1 and " + GeneratorOptions.MAX_CUSTOMERS + " (was " + customers + ")");
        }
    }

    static String summary(GenerationReport r, String where) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Generated %,d customers and accounts over %d months (seed %d, as of %s, raw events for the last %d months) into %s in %.1f s: %,d rows (%,.0f rows/s).",
                r.options().customers(), r.options().months(), r.options().seed(), r.asOfTime(), r.options().detailMonths(),
                where, r.elapsed().toMillis() / 1000.0, r.totalRows(), r.rowsPerSecond()));
        sb.append(String.format(" Default rate (90+ days past due) %.1f%%;", 100 * r.defaultRate()));
        sb.append(" injected scenarios:");
        r.scenarios().forEach((k, v) -> sb.append(' ').append(k).append(' ').append(v).append(','));
        sb.setLength(sb.length() - 1);
        sb.append(". Repayments feed complete up to ").append(r.repaymentsFeedAsOf()).append('.');
        return sb.toString();
    }

    /** Percent lines on stderr: every percent on a terminal, every 10% otherwise. */
    static final class CliProgress implements Progress {
        private final PrintWriter err;
        private final int step;
        private int lastShown = -1;

        CliProgress(PrintWriter err, boolean terminal) {
            this.err = err;
            this.step = terminal ? 1 : 10;
        }

        @Override
        public synchronized void update(String message, long done, long total) {
            int percent = total <= 0 ? 0 : (int) (100 * done / total);
            int shown = percent / step * step;
            if (shown > lastShown) {
                lastShown = shown;
                err.printf("%s: %d%%%n", message, shown);
                err.flush();
            }
        }
    }
}
