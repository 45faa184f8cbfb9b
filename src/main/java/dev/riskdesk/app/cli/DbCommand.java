package dev.riskdesk.app.cli;

import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.db.H2FileEncryption;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "db", mixinStandardHelpOptions = true, description = "The database file itself.",
        subcommands = {DbCommand.Encrypt.class})
final class DbCommand {

    @Command(name = "encrypt", mixinStandardHelpOptions = true,
            description = "Encrypt the database file at rest (AES) with a file password from $RISKDESK_FILE_PASSWORD or asked twice. "
                    + "Every console and job must have closed it. Needs an administrator (--user); the file password is never stored: "
                    + "without it the database cannot be opened.")
    static final class Encrypt implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            RiskDeskCli root = (RiskDeskCli) spec.root().userObject();
            DatabaseLocation location = root.location();
            if (!location.isFile()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--db must name a database file to encrypt.");
            }
            // the operator's permission is checked and the request audited on the plain file, which also recovers and migrates it
            RiskDeskCli.withSession(spec, (services, session, out) -> services.backup().recordEncryption(session));
            char[] password = FilePasswords.read(root, location, true);
            try {
                H2FileEncryption.encrypt(location, password);
            } finally {
                Arrays.fill(password, '\0');
            }
            spec.commandLine().getOut().printf("Encrypted %s (AES). Keep the file password safe: without it the database cannot be opened.%n",
                    location.describe());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
