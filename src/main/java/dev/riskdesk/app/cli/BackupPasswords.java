package dev.riskdesk.app.cli;

import dev.riskdesk.common.UserFacingException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The backup password of an encrypted backup for the command line: from RISKDESK_BACKUP_PASSWORD, else asked on the
 * terminal (twice for a new backup), never from an option (the process list shows options).
 */
final class BackupPasswords {
    static final String ENV = "RISKDESK_BACKUP_PASSWORD";

    private BackupPasswords() {
    }

    /** The password that encrypts a new backup {@code file}: asked twice on a terminal. */
    static char[] forNewBackup(RiskDeskCli cli, Path file) {
        return read(cli, file, true);
    }

    /** The password of the encrypted backup {@code file}. */
    static char[] forRestore(RiskDeskCli cli, Path file) {
        return read(cli, file, false);
    }

    private static char[] read(RiskDeskCli cli, Path file, boolean twice) {
        String given = cli.environment().get(ENV);
        if (given != null && !given.isEmpty()) {
            return given.toCharArray();
        }
        java.io.Console console = System.console();
        char[] typed = console == null ? null : console.readPassword("Backup password of %s: ", file);
        if (typed == null) {
            throw UserFacingException.keyed("backup.passwordNeeded", "Give the backup password of " + file + " in " + ENV + " or when asked.", file);
        }
        if (twice && !Arrays.equals(typed, console.readPassword("The same backup password again: "))) {
            throw UserFacingException.keyed("backup.passwordMismatch", "The two backup passwords differ; nothing was written.");
        }
        return typed;
    }
}
