package dev.riskdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestServices;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.db.H2FileEncryption;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code riskdesk db encrypt} and {@code --encrypt}: the file password comes from RISKDESK_FILE_PASSWORD, never from an option. */
@Tag("db")
class DbEncryptCommandTest {
    private static final String FILE_PASSWORD = "sealed-book-2026";

    @TempDir
    Path dir;

    @Test
    void anAdministratorEncryptsTheFileWhichThenOpensWithItsFilePasswordOnly() {
        TestServices.fresh(dir.resolve("book")).close();
        Path db = dir.resolve("book").resolve("riskdesk");
        DatabaseLocation location = DatabaseLocation.ofPath(db);

        String[] manager = CliRuns.run(Map.of("RISKDESK_USER", "manager", "RISKDESK_PASSWORD", "manager123",
                "RISKDESK_FILE_PASSWORD", FILE_PASSWORD), db, "db", "encrypt");
        assertEquals("1", manager[0]);
        assertTrue(manager[2].contains("not allowed"), manager[2]);
        assertFalse(H2FileEncryption.encrypted(location));

        String[] encrypted = CliRuns.run(Map.of("RISKDESK_USER", "admin", "RISKDESK_PASSWORD", "admin123",
                "RISKDESK_FILE_PASSWORD", FILE_PASSWORD), db, "db", "encrypt");
        assertEquals("0", encrypted[0], encrypted[2]);
        assertTrue(encrypted[1].startsWith("Encrypted "), encrypted[1]);
        assertTrue(H2FileEncryption.encrypted(location));

        H2FileEncryption.forget(location); // as a new process would start
        String[] without = CliRuns.run(Map.of(), db, "info");
        assertEquals("1", without[0]);
        assertEquals("riskdesk: The database " + location.describe()
                + " is encrypted: give its file password in RISKDESK_FILE_PASSWORD or when asked.", without[2].strip());
        H2FileEncryption.forget(location);
        String[] wrong = CliRuns.run(Map.of("RISKDESK_FILE_PASSWORD", "not-the-password"), db, "info");
        assertEquals("1", wrong[0]);
        assertTrue(wrong[2].contains("file password of the database") && wrong[2].contains("is not right"), wrong[2]);
        H2FileEncryption.forget(location);
        String[] with = CliRuns.run(Map.of("RISKDESK_FILE_PASSWORD", FILE_PASSWORD), db, "info");
        assertEquals("0", with[0], with[2]);
    }

    @Test
    void aNewDatabaseIsCreatedEncryptedWithEncrypt() {
        Path db = dir.resolve("new").resolve("riskdesk");
        String[] created = CliRuns.run(Map.of("RISKDESK_FILE_PASSWORD", FILE_PASSWORD), db, "--encrypt", "info");
        assertEquals("0", created[0], created[2]);
        assertTrue(H2FileEncryption.encrypted(DatabaseLocation.ofPath(db)));

        Path plain = dir.resolve("plain").resolve("riskdesk");
        assertEquals("0", CliRuns.run(Map.of(), plain, "info")[0]);
        String[] refused = CliRuns.run(Map.of("RISKDESK_FILE_PASSWORD", FILE_PASSWORD), plain, "--encrypt", "info");
        assertEquals("1", refused[0]);
        assertTrue(refused[2].contains("riskdesk db encrypt"), refused[2]);
    }
}
