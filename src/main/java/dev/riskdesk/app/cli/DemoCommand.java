package dev.riskdesk.app.cli;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.portfolio.GeneratorOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code riskdesk demo}: the console's first start without the console (demo operators, book, models,
 * scores, policy run, appeals, dashboard), with each step's time; finishes a first start that stopped part-way.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the console's first start on the database: demo operators, demo book, champion models, scores, "
                + "limit policy run, appeals and dashboard, printing each step's time. Finishes a first start that stopped part-way.")
final class DemoCommand implements Callable<Integer> {
    private static final String STEP_PREFIX = "demo.step.";

    @Spec
    CommandSpec spec;

    @Option(names = "--customers", paramLabel = "N", description = "Customers in the demo book, 1..5,000,000 (default: ${DEFAULT-VALUE}, as the console).")
    int customers = GeneratorOptions.DEFAULT_CUSTOMERS;

    @Override
    public Integer call() throws IOException {
        GenerateCommand.requireCustomers(spec, customers);
        PrintWriter err = spec.commandLine().getErr();
        return RiskDeskCli.withServices(spec, (services, out) -> {
            if (!services.needsFirstStart()) {
                throw new UserFacingException("The database " + services.databaseDescription()
                        + " already holds a book whose first start is done; choose a new file with --db.");
            }
            long started = System.nanoTime();
            services.operators().createDemoOperatorsIfEmpty();
            Progress progress = stepNames(new GenerateCommand.CliProgress(err, System.console() != null));
            services.demoSetup().run(GeneratorOptions.of(customers, GeneratorOptions.DEFAULT_MONTHS, GeneratorOptions.DEFAULT_SEED,
                    LocalDate.now(services.clock())), progress, (key, took, skipped) -> {
                        out.printf(skipped ? "  %-10s already done%n" : "  %-10s %7.1f s%n", name(key), took.toMillis() / 1000.0);
                        out.flush();
                    });
            out.printf("First start finished on %s in %.1f s.%n", services.databaseDescription(), (System.nanoTime() - started) / 1e9);
        });
    }

    private static String name(String key) {
        if (key == null) {
            return "finished";
        }
        return key.startsWith(STEP_PREFIX) ? key.substring(STEP_PREFIX.length()) : key;
    }

    /** The steps report bundle keys; the console shows them translated, the CLI by their short name. */
    private static Progress stepNames(Progress cli) {
        return (message, done, total) -> cli.update(name(message), done, total);
    }
}
