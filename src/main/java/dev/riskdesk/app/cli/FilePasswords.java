package dev.riskdesk.app.cli;

import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.db.H2FileEncryption;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * The file password of an encrypted database for the command line: from RISKDESK_FILE_PASSWORD, else asked on
 * the terminal (twice when a new file is encrypted with it), never from an option (the process list shows options).
 */
final class FilePasswords {
    static final String ENV = "RISKDESK_FILE_PASSWORD";

    private FilePasswords() {
    }

    /**
     * Gives this process the file password of {@code location} when it needs one: the file is encrypted, or it does not
     * exist yet and {@code --encrypt} asks for a new encrypted database.
     */
    static void provide(RiskDeskCli cli, DatabaseLocation location) {
        if (H2FileEncryption.needsPassword(location)) {
            H2FileEncryption.usePassword(location, read(cli, location, false));
        } else if (cli.encryptRequested() && location.isFile()) {
            if (Files.exists(location.dataFile())) {
                if (!H2FileEncryption.encrypted(location)) {
                    throw UserFacingException.keyed("db.encryptExisting", "The database " + location.describe()
                            + " exists and is not encrypted; encrypt it with 'riskdesk db encrypt'.", location.describe());
                }
            } else {
                H2FileEncryption.usePassword(location, read(cli, location, true));
            }
        }
    }

    /** The file password from the environment or the terminal; {@code twice} asks again to confirm a new one. */
    static char[] read(RiskDeskCli cli, DatabaseLocation location, boolean twice) {
        String given = cli.environment().get(ENV);
        if (given != null && !given.isEmpty()) {
            return given.toCharArray();
        }
        java.io.Console console = System.console();
        if (console == null) {
            throw UserFacingException.keyed("db.filePasswordNeeded", "The database " + location.describe()
                    + " is encrypted: give its file password in RISKDESK_FILE_PASSWORD or when asked.", location.describe());
        }
        char[] typed = console.readPassword("File password of %s: ", location.describe());
        if (twice) {
            char[] again = console.readPassword("The same file password again: ");
            if (typed == null || !Arrays.equals(typed, again)) {
                throw UserFacingException.keyed("db.filePasswordMismatch", "The two file passwords differ; nothing was changed.");
            }
        }
        if (typed == null) {
            throw UserFacingException.keyed("db.filePasswordNeeded", "The database " + location.describe()
                    + " is encrypted: give its file password in RISKDESK_FILE_PASSWORD or when asked.", location.describe());
        }
        return typed;
    }
}
