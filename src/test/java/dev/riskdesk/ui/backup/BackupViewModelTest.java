package dev.riskdesk.ui.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestServices;
import dev.riskdesk.common.Progress;
import dev.riskdesk.ui.common.UiText;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Backup screen on a real database: an administrator backs up and restores; a cancelled run writes nothing; others are refused. */
@Tag("db")
class BackupViewModelTest {
    @TempDir
    Path dir;

    @Test
    void anAdministratorBacksUpAndRestoresIntoANewDatabase() {
        try (TestServices t = TestServices.fresh(dir.resolve("db"))) {
            BackupViewModel model = new BackupViewModel(t.services.backup(), t.login("admin"), t.services.tasks());
            assertFalse(model.canBackUp().get(), "no file chosen yet");
            Path file = dir.resolve("book.sql.gz");
            model.backupFileProperty().set(file.toString());
            assertTrue(model.canBackUp().get());
            model.backUp(Progress.NONE);
            assertNull(model.errorProperty().get());
            assertEquals("backup.done", model.messageProperty().get().key());
            assertEquals(file.toString(), model.messageProperty().get().args()[2]);
            assertTrue(Files.exists(file));

            model.restoreFromProperty().set(file.toString());
            model.restoreIntoProperty().set(dir.resolve("copy").resolve("riskdesk").toString()); // as --db takes it
            assertTrue(model.canRestore().get());
            model.restore(Progress.NONE);
            assertNull(model.errorProperty().get());
            assertEquals("backup.restored", model.messageProperty().get().key());
            assertTrue(Files.exists(dir.resolve("copy").resolve("riskdesk.mv.db")));

            model.restore(Progress.NONE);
            assertEquals("restore.targetExists", model.errorProperty().get().key().replaceFirst("^error\\.", ""),
                    "a second restore into the same database is refused: " + model.errorProperty().get());
            assertFalse(model.runningProperty().get());
        }
    }

    @Test
    void aCancelledBackupSaysSoAndWritesNothing() {
        try (TestServices t = TestServices.fresh(dir.resolve("db"))) {
            BackupViewModel model = new BackupViewModel(t.services.backup(), t.login("admin"), t.services.tasks());
            Path file = dir.resolve("book.sql.gz");
            model.backupFileProperty().set(file.toString());
            Progress cancelled = new Progress() {
                @Override
                public void update(String message, long done, long total) {
                }

                @Override
                public boolean isCancelled() {
                    return true;
                }
            };
            model.backUp(cancelled);
            assertEquals(UiText.of("backup.cancelled"), model.messageProperty().get());
            assertFalse(Files.exists(file));
        }
    }

    @Test
    void aManagerIsRefusedInWords() {
        try (TestServices t = TestServices.fresh(dir.resolve("db"))) {
            BackupViewModel model = new BackupViewModel(t.services.backup(), t.login("manager"), t.services.tasks());
            model.backupFileProperty().set(dir.resolve("book.sql.gz").toString());
            model.backUp(Progress.NONE);
            assertTrue(model.errorProperty().get() != null, "refused");
            assertNull(model.messageProperty().get());
            assertFalse(Files.exists(dir.resolve("book.sql.gz")));
        }
    }

    @Test
    void anEncryptedBackupNeedsTheSamePasswordTwiceAndRestoresWithIt() {
        try (TestServices t = TestServices.fresh(dir.resolve("db"))) {
            BackupViewModel model = new BackupViewModel(t.services.backup(), t.login("admin"), t.services.tasks());
            assertFalse(model.databaseEncrypted());
            assertFalse(model.encryptProperty().get(), "a plain database's backup is plain unless asked");
            Path file = dir.resolve("book.sql.enc");
            model.backupFileProperty().set(file.toString());
            model.encryptProperty().set(true);
            assertFalse(model.canBackUp().get(), "no backup password yet");
            model.backupPasswordProperty().set("Harbour-Lights-2027");
            model.backupPasswordAgainProperty().set("Harbour-Lights-2028");
            model.backUp(Progress.NONE);
            assertEquals(UiText.of("backup.error.passwordMismatch"), model.errorProperty().get());
            assertFalse(Files.exists(file));

            model.backupPasswordAgainProperty().set("Harbour-Lights-2027");
            model.backUp(Progress.NONE);
            assertNull(model.errorProperty().get());
            assertEquals("backup.doneEncrypted", model.messageProperty().get().key());
            assertTrue(dev.riskdesk.db.H2Backup.encrypted(file));

            model.restoreFromProperty().set(file.toString());
            model.restoreIntoProperty().set(dir.resolve("copy").resolve("riskdesk").toString());
            model.restore(Progress.NONE);
            assertEquals("restore.passwordNeeded", model.errorProperty().get().key().replaceFirst("^error\\.", ""));
            model.restorePasswordProperty().set("Harbour-Lights-2027");
            model.restore(Progress.NONE);
            assertNull(model.errorProperty().get());
            assertEquals("backup.restored", model.messageProperty().get().key());
        }
    }
}
