package dev.riskdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.UserFacingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database file encrypted at rest (H2's CIPHER=AES): its bytes no longer show the data, and it opens with its file password only. */
@Tag("db")
class H2FileEncryptionTest {
    private static final String MARKER = "PLAINTEXT-MARKER-4711";
    private static final char[] PASSWORD = "correct-horse-battery".toCharArray();

    @TempDir
    Path dir;

    private static boolean fileShows(Path file, String text) throws Exception {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
    }

    @Test
    void anEncryptedFileHidesItsDataAndOpensWithItsFilePasswordOnly() throws Exception {
        DatabaseLocation location = DatabaseLocation.ofPath(dir.resolve("riskdesk"));
        try (Database db = Database.open(location)) {
            db.dsl().execute("INSERT INTO APP_SETTING VALUES ('probe', '" + MARKER + "', CURRENT_TIMESTAMP)");
        }
        assertTrue(fileShows(location.dataFile(), MARKER), "a plain file shows its data to anyone who reads it");

        H2FileEncryption.encrypt(location, PASSWORD);
        assertTrue(H2FileEncryption.encrypted(location));
        assertFalse(fileShows(location.dataFile(), MARKER), "the encrypted file does not");
        try (Database db = Database.open(location)) {
            assertEquals(MARKER, db.dsl().fetchValue("SELECT SETTING_VALUE FROM APP_SETTING WHERE SETTING_KEY = 'probe'"));
        }
        assertFalse(fileShows(location.dataFile(), MARKER), "nor after it was opened and written again");

        H2FileEncryption.forget(location);
        assertTrue(H2FileEncryption.needsPassword(location));
        UserFacingException none = assertThrows(UserFacingException.class, () -> Database.open(location));
        assertEquals("db.filePasswordNeeded", none.messageKey(), none.getMessage());
        H2FileEncryption.usePassword(location, "not-the-right-one".toCharArray());
        UserFacingException wrong = assertThrows(UserFacingException.class, () -> Database.open(location));
        assertEquals("db.filePasswordWrong", wrong.messageKey(), wrong.getMessage());
        H2FileEncryption.usePassword(location, PASSWORD);
        try (Database db = Database.open(location); Database second = Database.open(location)) {
            // a second opener of the shared file reaches it through the first one's server, with both passwords
            assertEquals(MARKER, second.dsl().fetchValue("SELECT SETTING_VALUE FROM APP_SETTING WHERE SETTING_KEY = 'probe'"));
        }
    }

    @Test
    void aNewDatabaseIsCreatedEncryptedWhenItsFilePasswordIsGivenFirst() throws Exception {
        DatabaseLocation location = DatabaseLocation.ofPath(dir.resolve("new").resolve("riskdesk"));
        H2FileEncryption.usePassword(location, PASSWORD);
        try (Database db = Database.open(location)) {
            db.dsl().execute("INSERT INTO APP_SETTING VALUES ('probe', '" + MARKER + "', CURRENT_TIMESTAMP)");
        }
        assertTrue(H2FileEncryption.encrypted(location));
        assertFalse(fileShows(location.dataFile(), MARKER));
    }

    @Test
    void anOpenFileIsNotEncryptedUnderItsUsersAndWeakPasswordsAreRefused() throws Exception {
        DatabaseLocation location = DatabaseLocation.ofPath(dir.resolve("riskdesk"));
        try (Database db = Database.open(location)) {
            UserFacingException open = assertThrows(UserFacingException.class, () -> H2FileEncryption.encrypt(location, PASSWORD));
            assertEquals("db.encryptInUse", open.messageKey());
        }
        byte[] before = Files.readAllBytes(location.dataFile());
        assertEquals("db.filePasswordShort", assertThrows(UserFacingException.class,
                () -> H2FileEncryption.encrypt(location, "short".toCharArray())).messageKey());
        assertEquals("db.filePasswordSpace", assertThrows(UserFacingException.class,
                () -> H2FileEncryption.encrypt(location, "has a space in it".toCharArray())).messageKey());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(location.dataFile())), "nothing changed");
        H2FileEncryption.encrypt(location, PASSWORD);
        assertEquals("db.alreadyEncrypted", assertThrows(UserFacingException.class, () -> H2FileEncryption.encrypt(location, PASSWORD)).messageKey());
    }

    @Test
    void anEncryptedDatabaseRecoversAfterAKillAndStaysEncrypted() throws Exception {
        DatabaseLocation location = DatabaseLocation.ofPath(dir.resolve("riskdesk"));
        H2FileEncryption.usePassword(location, PASSWORD);
        try (Database db = Database.open(location)) {
            db.dsl().execute("INSERT INTO APP_SETTING VALUES ('probe', '" + MARKER + "', CURRENT_TIMESTAMP)");
        }
        // the open-marker of a process that is gone: the next open recovers the file first
        Files.writeString(location.file().resolveSibling("riskdesk.open." + Long.MAX_VALUE + ".1"), "");
        try (Database db = Database.open(location)) {
            assertEquals(MARKER, db.dsl().fetchValue("SELECT SETTING_VALUE FROM APP_SETTING WHERE SETTING_KEY = 'probe'"));
        }
        assertTrue(H2FileEncryption.encrypted(location), "the recovered file is encrypted too");
        assertFalse(fileShows(location.dataFile(), MARKER));
    }
}
