package dev.riskdesk.app.cli;

import dev.riskdesk.security.PasswordPolicy;
import dev.riskdesk.security.Session;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code riskdesk admin init}: the first administrator of a database that has no operator yet. */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Set up who administers the database.",
        subcommands = AdminCommand.Init.class)
final class AdminCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of " + spec.subcommands().keySet());
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create the first administrator of a database that has no operator yet (the password comes from "
                    + "$RISKDESK_PASSWORD or is asked twice; at least " + PasswordPolicy.MIN_LENGTH + " characters, not containing the name, not a common password). "
                    + "Refused once the database has operators.")
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--admin", required = true, paramLabel = "NAME", description = "The administrator's operator name.")
        String admin;

        @Option(names = "--display-name", paramLabel = "TEXT", description = "The name the console shows (default: the operator name).")
        String displayName;

        @Override
        public Integer call() throws IOException {
            RiskDeskCli root = (RiskDeskCli) spec.root().userObject();
            char[] password = root.newPassword(spec, admin);
            try {
                return RiskDeskCli.withServices(spec, (services, out) -> {
                    Session created = services.operators().createFirstAdministrator(admin, displayName, password);
                    out.printf("Created the administrator %s on %s. Sign in with --user %s (or RISKDESK_USER); "
                            + "add operators, such as a BATCH service operator for scheduled jobs, with 'riskdesk operators add'.%n",
                            created.username(), services.databaseDescription(), created.username());
                });
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }
}
