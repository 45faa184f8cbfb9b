package dev.riskdesk.backup;

import dev.riskdesk.security.Requires;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseInfo;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.db.H2Backup;
import dev.riskdesk.db.H2FileEncryption;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.audit.AuditChainHead;
import dev.riskdesk.security.audit.AuditChainState;
import dev.riskdesk.security.audit.AuditChainVerifier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Backups of the open database, restores and the record of an encryption, for administrators
 * ({@link Permission#DATABASE_ADMIN}). A backup is taken inside the running database in one
 * REPEATABLE READ transaction (consoles that share the file keep working); the file is the
 * operator's alone (0600). Each is audited.
 */
public final class BackupService {
    /** The shortest backup password: an encrypted backup sits in folders a database file never does. */
    public static final int MIN_PASSWORD = 12;

    private final Database database;
    private final AuditLog audit;

    public BackupService(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    /**
     * What a backup or a restore leaves: the file, the rows of each table, the audit chain's head and, for a restore,
     * what the walk over the restored chain found (null for a backup).
     */
    public record Summary(Path file, Map<String, Long> rowCounts, AuditChainHead.Link chainHead, AuditChainState chain) {
        public long rows() {
            return rowCounts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Writes a backup of the whole database to {@code file}, which must not exist, encrypted under {@code password} (null:
     * plain gzip; an encrypted database file is refused a plain backup, which would undo its encryption). The script is
     * read in one REPEATABLE READ transaction that writes nothing, so it holds no lock others wait for (the audit trail's
     * included); the audit event follows in its own transaction, and a backup whose event cannot be written is deleted.
     */
    @Requires(Permission.DATABASE_ADMIN)
    public Summary backup(Session session, Path file, char[] password, Progress progress) {
        session.require(Permission.DATABASE_ADMIN);
        if (database.location().isPostgres()) {
            throw UserFacingException.keyed("backup.postgres", "A team database on PostgreSQL is backed up with the server's own tools (pg_dump).");
        }
        boolean encrypted = password != null && password.length > 0;
        if (!encrypted && databaseEncrypted()) {
            throw UserFacingException.keyed("backup.encryptedDatabase", "This database file is encrypted, so its backup must be too: give a backup password.");
        }
        if (encrypted && password.length < MIN_PASSWORD) {
            throw UserFacingException.keyed("backup.shortPassword", "A backup password has at least " + MIN_PASSWORD + " characters.",
                    String.valueOf(MIN_PASSWORD));
        }
        Path target = file.toAbsolutePath().normalize();
        progress.update("Writing the backup", 0, -1);
        progress.checkCancelled();
        Map<String, Long> counts;
        AuditChainHead.Link head;
        try (Connection c = database.connection()) {
            int isolation = c.getTransactionIsolation();
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
            try {
                DSLContext snapshot = DSL.using(c, database.dsl().dialect());
                counts = rowCounts(snapshot);
                head = AuditChainHead.read(snapshot);
                H2Backup.scriptTo(c, target, encrypted ? password : null, progress::isCancelled); // removes its file when it fails or is cancelled
            } finally {
                c.rollback();
                c.setAutoCommit(true);
                c.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            if (progress.isCancelled()) {
                throw new Progress.CancelledException();
            }
            throw UserFacingException.keyed("backup.failed", "Cannot write the backup " + target + ": " + Database.rootMessage(e), e, target,
                    Database.rootMessage(e));
        }
        try {
            database.transaction(tx -> audit.record(tx, session, "DATABASE_BACKUP", "DATABASE", null, null,
                    "to " + target + (encrypted ? " (encrypted, AES)" : " (plain)")));
        } catch (RuntimeException e) {
            H2Backup.discard(target);
            throw e;
        }
        progress.update("Writing the backup", 1, 1);
        return new Summary(target, counts, head, null);
    }

    /**
     * What a database just restored from {@code from} holds, read before anyone signs in to it: the rows of each table
     * and the walk over its audit chain, whose head is the one the backup recorded.
     */
    public Summary inspectRestored(Path from, Progress progress) {
        AuditChainState chain = new AuditChainVerifier(database).verify(progress);
        return new Summary(from.toAbsolutePath().normalize(), rowCounts(), chain.last(), chain);
    }

    /**
     * Records, in a database just restored from {@code from}, that {@code session}'s operator restored it; refuses an
     * operator without the permission (the caller then removes the restored database).
     */
    @Requires(Permission.DATABASE_ADMIN)
    public void recordRestore(Session session, Path from) {
        session.require(Permission.DATABASE_ADMIN);
        Path source = from.toAbsolutePath().normalize();
        database.transaction(tx -> audit.record(tx, session, "DATABASE_RESTORE", "DATABASE", null, null, "from " + source));
    }

    /**
     * Restores the backup {@code from} into a new database at {@code newDatabase} (a path as {@code --db} takes it; an
     * existing database is refused) for the console's administrator, and records that in this database's audit trail,
     * where the operator is signed in. {@code password}: the backup password of an encrypted backup (null for a plain
     * one). Returns the rows of each table of the restored database.
     */
    @Requires(Permission.DATABASE_ADMIN)
    public Summary restoreInto(Session session, Path from, Path newDatabase, char[] password, Progress progress) {
        session.require(Permission.DATABASE_ADMIN);
        DatabaseLocation target = DatabaseLocation.parse(newDatabase.toAbsolutePath().normalize().toString());
        progress.update("Restoring the backup", 0, -1);
        progress.checkCancelled();
        H2Backup.restore(from, target, password);
        Map<String, Long> counts;
        AuditChainState chain;
        try (Database restored = Database.open(target)) {
            counts = restored.transactionResult(BackupService::rowCounts);
            chain = new AuditChainVerifier(restored).verify(progress);
        } catch (RuntimeException e) {
            H2Backup.removeRestored(target);
            throw e;
        }
        Path source = from.toAbsolutePath().normalize();
        database.transaction(tx -> audit.record(tx, session, "DATABASE_RESTORE", "DATABASE", null, null,
                "from " + source + " into " + target.describe()));
        progress.update("Restoring the backup", 1, 1);
        return new Summary(target.dataFile(), counts, chain.last(), chain);
    }

    /**
     * Checks that {@code session}'s operator may encrypt the database file and records that it is about to be encrypted
     * (the caller then encrypts the closed file).
     */
    @Requires(Permission.DATABASE_ADMIN)
    public void recordEncryption(Session session) {
        session.require(Permission.DATABASE_ADMIN);
        database.transaction(tx -> audit.record(tx, session, "DATABASE_ENCRYPT", "DATABASE", null, null, "file encryption CIPHER=AES"));
    }

    /** True when the open database is an encrypted H2 file, whose backups must be encrypted too. */
    public boolean databaseEncrypted() {
        return !database.location().isPostgres() && H2FileEncryption.encrypted(database.location());
    }

    /** Rows per table of the schema, by table name. */
    public Map<String, Long> rowCounts() {
        return database.transactionResult(BackupService::rowCounts);
    }

    private static Map<String, Long> rowCounts(DSLContext tx) {
        return DatabaseInfo.rowCounts(tx);
    }
}
