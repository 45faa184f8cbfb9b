package dev.riskdesk.db;

import dev.riskdesk.common.UserFacingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.tools.ChangeFileEncryption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Database files encrypted at rest with H2's {@code CIPHER=AES}. H2 then takes two passwords in one, the file
 * password, a space, the user password ({@link H2Credentials}); the file password is the operator's (from
 * RISKDESK_FILE_PASSWORD, a prompt, or the console's dialog before login) and is never stored. This process
 * remembers it per database file once given ({@link #usePassword}), because every connection the pool,
 * recovery and backups make needs it. A database file is encrypted when its first bytes say so; a new one is
 * created encrypted when a file password was given for it before it existed.
 */
public final class H2FileEncryption {
    private static final Logger LOG = LoggerFactory.getLogger(H2FileEncryption.class);
    private static final String HEADER = "H2encrypt";
    static final String CIPHER = ";CIPHER=AES";
    /** The least length of a file password (H2 needs none; an operator's password of a whole book should not be short). */
    public static final int MIN_LENGTH = 10;
    private static final Map<Path, char[]> PASSWORDS = new ConcurrentHashMap<>();

    private H2FileEncryption() {
    }

    /** Whether the database file exists and is encrypted. */
    public static boolean encrypted(DatabaseLocation location) {
        return location.isFile() && encrypted(location.dataFile());
    }

    static boolean encrypted(Path dataFile) {
        if (!Files.isRegularFile(dataFile)) {
            return false;
        }
        byte[] head = new byte[HEADER.length()];
        try (InputStream in = Files.newInputStream(dataFile)) {
            return in.readNBytes(head, 0, head.length) == head.length && HEADER.equals(new String(head, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the database is encrypted and this process has no file password for it yet (the console then asks). */
    public static boolean needsPassword(DatabaseLocation location) {
        return encrypted(location) && !PASSWORDS.containsKey(key(location));
    }

    /**
     * The file password of the database at {@code location} for this process: an encrypted file opens with it, and a
     * database that does not exist yet is created encrypted with it. Refused when shorter than {@link #MIN_LENGTH}
     * or with a space (H2 reads the first space as the end of the file password).
     */
    public static void usePassword(DatabaseLocation location, char[] password) {
        check(password);
        PASSWORDS.put(key(location), password.clone());
    }

    /** Forgets a file password this process was given (a wrong one, before asking again). */
    public static void forget(DatabaseLocation location) {
        char[] old = PASSWORDS.remove(key(location));
        if (old != null) {
            Arrays.fill(old, '\0');
        }
    }

    static void check(char[] password) {
        if (password == null || password.length < MIN_LENGTH) {
            throw UserFacingException.keyed("db.filePasswordShort", "The file password must have at least " + MIN_LENGTH + " characters.",
                    MIN_LENGTH);
        }
        for (char c : password) {
            if (Character.isWhitespace(c)) {
                throw UserFacingException.keyed("db.filePasswordSpace", "The file password must not contain spaces.");
            }
        }
    }

    /** Whether connections to this location open it with a cipher: the file is encrypted, or it is new and a file password was given. */
    static boolean applies(DatabaseLocation location) {
        if (!location.isFile()) {
            return false;
        }
        return Files.exists(location.dataFile()) ? encrypted(location.dataFile()) : PASSWORDS.containsKey(key(location));
    }

    /** The URL options an encrypted file needs. */
    static String urlOptions(DatabaseLocation location) {
        return applies(location) ? CIPHER : "";
    }

    /** The file password and the space before the user password, or nothing for a plain file. */
    static String passwordPrefix(DatabaseLocation location) {
        if (!applies(location)) {
            return "";
        }
        char[] password = PASSWORDS.get(key(location));
        if (password == null) {
            throw UserFacingException.keyed("db.filePasswordNeeded", "The database " + location.describe()
                    + " is encrypted: give its file password in RISKDESK_FILE_PASSWORD or when asked.", location.describe());
        }
        return new String(password) + " ";
    }

    /**
     * Encrypts the closed, plain database file at {@code location} in place with {@code password} (H2 writes an
     * encrypted copy and moves it over the file). The file must be closed everywhere; this process remembers the
     * password for the next open.
     */
    public static void encrypt(DatabaseLocation location, char[] password) {
        check(password);
        if (!location.isFile() || !Files.exists(location.dataFile())) {
            throw UserFacingException.keyed("db.encryptNoFile", "There is no database file at " + location.describe() + " to encrypt.",
                    location.describe());
        }
        if (encrypted(location)) {
            throw UserFacingException.keyed("db.alreadyEncrypted", "The database " + location.describe() + " is already encrypted; nothing was changed.",
                    location.describe());
        }
        if (CrashRecovery.openElsewhere(location)) {
            throw UserFacingException.keyed("db.encryptInUse", "The database " + location.describe()
                    + " is open in another console or job; close it there and try again. Nothing was changed.", location.describe());
        }
        try {
            ChangeFileEncryption.execute(location.file().getParent().toString(), location.file().getFileName().toString(), "AES", null,
                    password.clone(), true);
            H2FilePermissions.restrictOpenFiles(location);
        } catch (SQLException e) {
            throw Database.openFailure(location, e);
        }
        usePassword(location, password);
        LOG.warn("Encrypted {} with a file password (CIPHER=AES)", location.describe());
    }

    private static Path key(DatabaseLocation location) {
        return location.dataFile();
    }
}
