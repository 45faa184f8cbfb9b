package dev.riskdesk.app.cli;

import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestServices;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.db.H2Backup;
import dev.riskdesk.db.H2FileEncryption;
import dev.riskdesk.portfolio.GeneratorOptions;
import dev.riskdesk.security.TestOperators;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup --encrypt-backup} and the restore of an encrypted backup: an encrypted database file is only backed up encrypted,
 * the backup holds no personal data in clear, and it restores with its backup password only, whole or not at all.
 */
@Tag("db")
class EncryptedBackupCommandTest {
    private static final String FILE_PASSWORD = "sealed-book-2026";
    private static final String BACKUP_PASSWORD = "Harbour-Lights-2027";

    @TempDir
    Path dir;

    @Test
    void anEncryptedDatabaseIsBackedUpEncryptedAndRestoresWithItsBackupPasswordOnly() throws Exception {
        Path db = dir.resolve("book").resolve("riskdesk");
        String name;
        try (TestServices t = TestServices.fresh(dir.resolve("book"))) {
            t.services.generator().generate(TestOperators.batch(t.db), new GeneratorOptions(30, 4, 11, 3, LocalDate.of(2026, 12, 1)), Progress.NONE);
            name = t.db.dsl().select(CUSTOMER.FULL_NAME).from(CUSTOMER).orderBy(CUSTOMER.ID).limit(1).fetchOne(CUSTOMER.FULL_NAME);
        }
        assertEquals("0", CliRuns.run(env("RISKDESK_FILE_PASSWORD", FILE_PASSWORD), db, "db", "encrypt")[0]);

        Path plain = dir.resolve("plain.sql.gz");
        String[] refused = CliRuns.run(env("RISKDESK_FILE_PASSWORD", FILE_PASSWORD), db, "backup", "--out", plain.toString());
        assertEquals("1", refused[0]);
        assertEquals("riskdesk: This database file is encrypted, so its backup must be too: give a backup password.", refused[2].strip());
        assertFalse(Files.exists(plain));
        String[] shortPassword = CliRuns.run(env("RISKDESK_FILE_PASSWORD", FILE_PASSWORD, "RISKDESK_BACKUP_PASSWORD", "short"), db,
                "backup", "--out", plain.toString(), "--encrypt-backup");
        assertEquals("riskdesk: A backup password has at least 12 characters.", shortPassword[2].strip());
        assertFalse(Files.exists(plain));

        Path file = dir.resolve("book.sql.enc");
        String[] taken = CliRuns.run(env("RISKDESK_FILE_PASSWORD", FILE_PASSWORD, "RISKDESK_BACKUP_PASSWORD", BACKUP_PASSWORD), db,
                "backup", "--out", file.toString(), "--encrypt-backup");
        assertEquals("0", taken[0], taken[2]);
        assertTrue(taken[1].strip().endsWith(", encrypted."), taken[1]);
        assertTrue(H2Backup.encrypted(file));
        byte[] bytes = Files.readAllBytes(file);
        assertFalse(bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b, "not a gzip anyone can open");
        assertFalse(new String(bytes, StandardCharsets.UTF_8).contains(name), "no customer's name in clear");

        Path restored = dir.resolve("restored").resolve("riskdesk");
        String[] without = CliRuns.run(env(), restored, "restore", "--from", file.toString());
        assertEquals("1", without[0]);
        assertEquals("riskdesk: Give the backup password of " + file + " in RISKDESK_BACKUP_PASSWORD or when asked.", without[2].strip());
        String[] wrong = CliRuns.run(env("RISKDESK_BACKUP_PASSWORD", "not-the-backup-password"), restored, "restore", "--from", file.toString());
        assertEquals("1", wrong[0]);
        assertEquals("riskdesk: The backup password of " + file.toAbsolutePath().normalize() + " is wrong; nothing was restored.", wrong[2].strip());
        assertFalse(Files.exists(DatabaseLocation.ofPath(restored).dataFile()), "a wrong password leaves no database");

        String[] back = CliRuns.run(env("RISKDESK_BACKUP_PASSWORD", BACKUP_PASSWORD), restored, "restore", "--from", file.toString());
        assertEquals("0", back[0], back[2]);
        assertTrue(back[1].contains("chain intact"), back[1]);
        DatabaseLocation location = DatabaseLocation.ofPath(restored);
        assertFalse(H2FileEncryption.encrypted(location), "restored without --encrypt: a plain file with a new key");
        try (Database database = Database.open(location)) {
            assertEquals(30, database.dsl().fetchCount(CUSTOMER));
            assertEquals(1, database.dsl().fetchCount(CUSTOMER, CUSTOMER.FULL_NAME.eq(name)));
        }
    }

    /** The administrator's sign-in and the given variables. */
    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("RISKDESK_USER", "admin", "RISKDESK_PASSWORD", "admin123"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }
}
