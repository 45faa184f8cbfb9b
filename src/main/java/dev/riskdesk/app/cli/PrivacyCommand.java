package dev.riskdesk.app.cli;

import dev.riskdesk.privacy.DataKind;
import dev.riskdesk.privacy.RetentionRunService;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code riskdesk privacy retention|erase}: retention and erasure of customers' personal data. */
@Command(name = "privacy", mixinStandardHelpOptions = true, description = "Retention and erasure of customers' personal data.",
        subcommands = {PrivacyCommand.Retention.class, PrivacyCommand.Erase.class})
final class PrivacyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of " + spec.subcommands().keySet());
    }

    @Command(name = "retention", mixinStandardHelpOptions = true,
            description = "Erase the personal data whose retention period after the closure of all the customer's accounts has ended "
                    + "(periods per kind of data in the active limit policy); customers under a legal hold are kept.")
    static final class Retention implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--as-of", paramLabel = "DATE", description = "The day the periods are counted to (yyyy-MM-dd); default today.")
        LocalDate asOf;

        @Option(names = "--dry-run", description = "Count what would be erased; change nothing.")
        boolean dryRun;

        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                print(out, services.retention().run(session, asOf, dryRun, ModelCommand.progress(spec.commandLine().getErr())), dryRun);
            });
        }

        /** The run's report as the CLI prints it (also after {@code riskdesk lifecycle run}). */
        static void print(java.io.PrintWriter out, RetentionRunService.Report r, boolean dryRun) {
            out.printf("%s%s as of %s under limit policy version %d: %d customers due%n", dryRun ? "Retention dry run" : "Retention run",
                    r.resumed() ? " (resumed)" : "", r.asOf(), r.policyVersion(), r.customers());
            for (DataKind kind : DataKind.values()) {
                out.printf("  %-14s %s %d customers%n", kind, dryRun ? "would erase" : "erased", r.erased().getOrDefault(kind, 0));
            }
            r.held().forEach((hold, n) -> out.printf("  held (%s): %d customers%n", hold, n));
            if (dryRun) {
                out.println("Nothing was changed (--dry-run).");
            }
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = "Erase a customer's personal data now, at the customer's request (managers; all accounts closed, no open appeal, "
                    + "no unpaid balance).")
    static final class Erase implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--customer", required = true, paramLabel = "ID", description = "The customer's id.")
        long customer;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (the request), at least 5 characters; audited.")
        String reason;

        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                Set<DataKind> kinds = services.erasure().eraseOnRequest(session, customer, reason);
                out.println(kinds.isEmpty() ? "Customer " + customer + "'s personal data was erased before; nothing left to erase."
                        : "Customer " + customer + "'s personal data erased: " + kinds + ".");
            });
        }
    }
}
