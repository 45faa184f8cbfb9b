package dev.riskdesk.backup;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.app.TestServices;
import dev.riskdesk.backup.BackupService.Summary;
import dev.riskdesk.common.PrivateFiles;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.db.H2Backup;
import dev.riskdesk.portfolio.GeneratorOptions;
import dev.riskdesk.security.AccessDeniedException;
import dev.riskdesk.security.PasswordHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.jooq.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A book backed up while another process's console has it open, restored into a new database: the same rows and audit trail. */
@Tag("db")
class BackupServiceDbTest {
    @TempDir
    Path dir;
    TestServices t;

    @BeforeEach
    void book() {
        t = TestServices.fresh(dir.resolve("db"));
        t.services.generator().generate(dev.riskdesk.security.TestOperators.batch(t.db), new GeneratorOptions(40, 4, 11, 3, LocalDate.of(2026, 12, 1)), Progress.NONE);
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void aBookTakenWhileTheFileIsSharedRestoresWithEveryRowAndTheSameAuditTrail() throws Exception {
        Path file = dir.resolve("backups").resolve("book.sql.gz");
        var admin = t.login("admin");
        Record head = lastAuditEvent(t.db);
        Summary taken;
        // a second opener of the same file, as a CLI job beside a running console
        try (Database second = Database.open(t.db.location())) {
            BackupService backup = new BackupService(second, new dev.riskdesk.security.AuditLog(Clock.systemUTC()));
            taken = backup.backup(admin, file, null, Progress.NONE);
        }
        assertTrue(taken.rowCounts().get("CUSTOMER") == 40, "the book is in the backup: " + taken.rowCounts());
        Map<String, Long> source = new java.util.TreeMap<>(t.services.backup().rowCounts());
        source.merge("AUDIT_EVENT", -1L, Long::sum); // the backup's own event follows it
        assertEquals(source, new java.util.TreeMap<>(taken.rowCounts()), "the backup holds every row of the source");
        assertEquals("DATABASE_BACKUP", lastAuditEvent(t.db).get(AUDIT_EVENT.ACTION), "the backup is audited");

        DatabaseLocation target = DatabaseLocation.ofPath(dir.resolve("restored").resolve("riskdesk"));
        H2Backup.restore(file, target, null);
        try (AppServices restored = AppServices.open(target, new SameThreadTaskRunner())) {
            assertEquals(taken.rowCounts(), restored.backup().rowCounts(), "every table has its rows back");
            assertEquals(head.intoMap(), lastAuditEvent(restored.database()).intoMap(), "the audit trail ends at the same event");
            Summary inspected = restored.backup().inspectRestored(file, Progress.NONE);
            assertTrue(inspected.chain().intact(), "the restored chain is intact: " + inspected.chain());
            assertEquals(taken.chainHead(), inspected.chainHead(), "the restored chain ends at the head the backup recorded");
            assertTrue(inspected.chainHead().seq() > 0, "the chain has events: " + inspected.chainHead());
            restored.backup().recordRestore(restored.operators().authenticate("admin", "admin123".toCharArray()), file);
            assertEquals("DATABASE_RESTORE", lastAuditEvent(restored.database()).get(AUDIT_EVENT.ACTION));
            assertTrue(restored.auditChain().verify(Progress.NONE).intact(), "the restore's own event extends the chain");
        }
    }

    private static Record lastAuditEvent(Database db) {
        return db.dsl().selectFrom(AUDIT_EVENT).orderBy(AUDIT_EVENT.ID.desc()).limit(1).fetchOne();
    }

    @Test
    void theBackupIsReadableByItsOwnerOnly() throws Exception {
        assumeTrue(PrivateFiles.posix(dir), "POSIX permissions only");
        Path file = dir.resolve("book.sql.gz");
        t.services.backup().backup(t.login("admin"), file, null, Progress.NONE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.size(file) > 1000, "a whole book: " + Files.size(file));
    }

    @Test
    void onlyAdministratorsBackUpAndARefusalLeavesNoFileAndNoEvent() {
        Path file = dir.resolve("book.sql.gz");
        var others = java.util.stream.Stream.of("agent", "risk", "manager").map(t::login).toList();
        int events = t.db.dsl().fetchCount(AUDIT_EVENT);
        for (var session : others) {
            assertThrows(AccessDeniedException.class, () -> t.services.backup().backup(session, file, null, Progress.NONE), session.username());
            assertThrows(AccessDeniedException.class, () -> t.services.backup().recordRestore(session, file), session.username());
            assertThrows(AccessDeniedException.class, () -> t.services.backup().restoreInto(session, file, dir.resolve("x"), null, Progress.NONE),
                    session.username());
        }
        assertFalse(Files.exists(file));
        assertEquals(events, t.db.dsl().fetchCount(AUDIT_EVENT));
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        UserFacingException e = assertThrows(UserFacingException.class, () -> t.services.backup().backup(t.login("admin"), file, null, Progress.NONE));
        assertTrue(e.getMessage().contains("exists"), e.getMessage());
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void aCancelledBackupLeavesNoFileAndNoEvent() {
        Path file = dir.resolve("book.sql.gz");
        var admin = t.login("admin");
        int events = t.db.dsl().fetchCount(AUDIT_EVENT);
        Progress cancelled = new Progress() {
            @Override
            public void update(String message, long done, long total) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(Progress.CancelledException.class, () -> t.services.backup().backup(admin, file, null, cancelled));
        assertFalse(Files.exists(file));
        assertEquals(events, t.db.dsl().fetchCount(AUDIT_EVENT));
    }

    @Test
    void aRestoreRefusesAnExistingDatabaseAndAFileThatIsNotABackup() throws Exception {
        Path file = dir.resolve("book.sql.gz");
        t.services.backup().backup(t.login("admin"), file, null, Progress.NONE);
        UserFacingException exists = assertThrows(UserFacingException.class, () -> H2Backup.restore(file, t.db.location(), null));
        assertTrue(exists.getMessage().contains("restores into a new database only"), exists.getMessage());

        Path garbage = Files.writeString(dir.resolve("garbage.sql.gz"), "not a backup");
        DatabaseLocation target = DatabaseLocation.ofPath(dir.resolve("other").resolve("riskdesk"));
        UserFacingException refused = assertThrows(UserFacingException.class, () -> H2Backup.restore(garbage, target, null));
        assertTrue(refused.getMessage().contains("is not a RiskDesk backup"), refused.getMessage());
        try (var left = Files.list(target.file().getParent())) {
            assertEquals(Map.of(), Map.ofEntries(left.map(p -> Map.entry(p.getFileName().toString(), 0)).toArray(Map.Entry[]::new)),
                    "nothing is left at the target");
        }
    }
}
