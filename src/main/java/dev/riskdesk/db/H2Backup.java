package dev.riskdesk.db;

import dev.riskdesk.common.PrivateFiles;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backup is the database as a compressed SQL script (H2's {@code SCRIPT TO ...}), written inside the running
 * database, so consoles and jobs that share the file keep working: taken in one REPEATABLE READ transaction, it
 * holds every table as of one moment. A plain backup is gzip ({@code COMPRESSION GZIP}); an encrypted one is
 * deflated and encrypted with AES under a backup password ({@code COMPRESSION DEFLATE CIPHER AES PASSWORD ?}: H2
 * encrypts only its own block format, which gzip is not), and begins with H2's file-store header instead of gzip's
 * magic bytes, which is how a restore tells them apart. A script restores into any later H2 and any later RiskDesk
 * schema (Flyway migrates it on open), and it carries no database password: the restored database gets a new key
 * file. A restore builds the new file under a private name and moves it into place only when the whole script ran.
 */
public final class H2Backup {
    private static final Logger LOG = LoggerFactory.getLogger(H2Backup.class);
    private static final String PRIVATE = ".restoring-";
    /** What an encrypted backup begins with: the header of H2's encrypted file store. */
    private static final byte[] ENCRYPTED_HEADER = "-- H2 0.5/B --".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private H2Backup() {
    }

    /**
     * Writes the script to {@code file} (which must not exist; 0600 once written) through {@code connection},
     * inside the caller's transaction: what the transaction wrote itself (its audit event) is part of the copy.
     * The file is written by the process that owns the database file, on this machine. {@code password}: the backup
     * password that encrypts it, or null for a plain (gzip) backup.
     */
    public static void scriptTo(Connection connection, Path file, char[] password, BooleanSupplier cancelled) throws SQLException {
        Path target = file.toAbsolutePath().normalize();
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            PrivateFiles.createFile(target); // claims the name; H2 then replaces the file
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw UserFacingException.keyed("backup.exists", "The file " + target + " exists; choose a new file for the backup.", e, target);
        } catch (IOException e) {
            throw UserFacingException.keyed("backup.cannotWrite", "Cannot write the backup " + target + ": " + e.getMessage(), e, target);
        }
        boolean written = false;
        try (java.sql.PreparedStatement s = connection.prepareStatement("SCRIPT TO " + quoted(target) + format(password))) {
            if (password != null) {
                s.setString(1, new String(password)); // a parameter: the password is in no SQL text H2 might log
            }
            Thread watcher = cancelWhen(cancelled, s);
            try {
                s.execute();
            } finally {
                watcher.interrupt();
            }
            if (cancelled.getAsBoolean()) {
                throw new Progress.CancelledException();
            }
            restrict(target); // H2 replaced the file it was given: narrow what it wrote
            written = true;
        } finally {
            if (!written) {
                deleteQuietly(target);
            }
        }
    }

    /** Cancels the running statement (H2 stops it at its next check) once {@code cancelled} says so. */
    private static Thread cancelWhen(BooleanSupplier cancelled, Statement statement) {
        Thread watcher = new Thread(() -> {
            try {
                while (!cancelled.getAsBoolean()) {
                    Thread.sleep(200);
                }
                statement.cancel();
            } catch (InterruptedException finished) {
                // the statement ended first
            } catch (SQLException e) {
                LOG.warn("Cannot cancel the backup: {}", e.getMessage());
            }
        }, "backup-cancel");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }

    private static void restrict(Path file) {
        try {
            PrivateFiles.restrict(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot narrow the permissions of the backup " + file + ": " + e.getMessage(), e);
        }
    }

    /** The compression (and cipher) clause of a backup: gzip when plain, deflate and AES under a password parameter when not. */
    private static String format(char[] password) {
        return password == null ? " COMPRESSION GZIP" : " COMPRESSION DEFLATE CIPHER AES PASSWORD ?";
    }

    /** True when {@code backup} is an encrypted backup (its restore needs the backup password); false for a plain one or another file. */
    public static boolean encrypted(Path backup) {
        byte[] head = new byte[ENCRYPTED_HEADER.length];
        try (var in = Files.newInputStream(backup)) {
            return in.readNBytes(head, 0, head.length) == head.length && java.util.Arrays.equals(head, ENCRYPTED_HEADER);
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes a backup that its transaction did not commit. */
    public static void discard(Path file) {
        deleteQuietly(file.toAbsolutePath().normalize());
    }

    /**
     * Restores the backup {@code from} into a new database at {@code target}, which must not exist. Whole or
     * not at all: a file that is not a backup, a wrong backup password, or a script that fails half-way, leaves
     * nothing at the target. {@code password}: the backup password of an encrypted backup (null for a plain one).
     */
    public static void restore(Path from, DatabaseLocation target, char[] password) {
        if (!target.isFile()) {
            throw UserFacingException.keyed("restore.notFile", "A backup restores into a database file; " + target.describe() + " is not one.",
                    target.describe());
        }
        Path source = from.toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            throw UserFacingException.keyed("restore.noBackup", "The backup " + source + " does not exist.", source);
        }
        if (Files.exists(target.dataFile())) {
            throw UserFacingException.keyed("restore.targetExists", "The database " + target.describe()
                    + " exists; a backup restores into a new database only. Nothing was changed.", target.describe());
        }
        boolean encrypted = encrypted(source);
        if (encrypted && (password == null || password.length == 0)) {
            throw UserFacingException.keyed("restore.passwordNeeded", "The backup " + source + " is encrypted: give its backup password.", source);
        }
        boolean keyExisted = Files.exists(H2KeyFile.of(target));
        Path base = target.file().resolveSibling(target.file().getFileName() + PRIVATE + ProcessHandle.current().pid());
        Path built = base.resolveSibling(base.getFileName() + DatabaseLocation.H2_SUFFIX);
        boolean moved = false;
        try {
            H2FilePermissions.createFolder(target.file().getParent());
            Files.deleteIfExists(built);
            try (Connection c = DriverManager.getConnection(H2Credentials.fileUrl(base, target) + ";TRACE_LEVEL_FILE=0", H2Credentials.USER,
                    H2Credentials.password(target)); java.sql.PreparedStatement s = c.prepareStatement("RUNSCRIPT FROM " + quoted(source)
                    + format(encrypted ? password : null))) {
                if (encrypted) {
                    s.setString(1, new String(password));
                }
                s.execute();
                try (Statement shutdown = c.createStatement()) {
                    shutdown.execute("SHUTDOWN");
                }
            }
            PrivateFiles.restrict(built);
            Files.move(built, target.dataFile(), StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            LOG.info("Restored {} into {}", source, target.describe());
        } catch (SQLException e) {
            LOG.warn("Cannot restore {} into {}", source, target.describe(), e);
            if (encrypted && e.getErrorCode() == org.h2.api.ErrorCode.FILE_ENCRYPTION_ERROR_1) {
                throw UserFacingException.keyed("restore.wrongPassword", "The backup password of " + source
                        + " is wrong; nothing was restored.", e, source);
            }
            throw UserFacingException.keyed("restore.notBackup", "The file " + source + " is not a RiskDesk backup or is damaged ("
                    + Database.rootMessage(e) + "); nothing was restored.", e, source, Database.rootMessage(e));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restore into " + target.describe() + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(built);
            if (!moved && !keyExisted) {
                deleteQuietly(H2KeyFile.of(target));
            }
        }
    }

    /** Removes a database this process restored and then refused (its data file and key file). */
    public static void removeRestored(DatabaseLocation target) {
        deleteQuietly(target.dataFile());
        deleteQuietly(H2KeyFile.of(target));
        deleteQuietly(target.file().resolveSibling(target.file().getFileName() + ".trace.db"));
    }

    private static String quoted(Path path) {
        return "'" + path.toString().replace("'", "''") + "'";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", file, e.getMessage());
        }
    }
}
