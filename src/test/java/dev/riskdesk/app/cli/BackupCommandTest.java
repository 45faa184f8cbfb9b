package dev.riskdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestServices;
import dev.riskdesk.common.Progress;
import dev.riskdesk.portfolio.GeneratorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code riskdesk backup} and {@code riskdesk restore}: an administrator round-trips a book; others are refused and leave nothing. */
@Tag("db")
class BackupCommandTest {
    @TempDir
    Path dir;

    @Test
    void anAdministratorBacksUpAndRestoresABookOthersAreRefused() throws Exception {
        try (TestServices t = TestServices.fresh(dir.resolve("book"))) {
            t.services.generator().generate(dev.riskdesk.security.TestOperators.batch(t.db), new GeneratorOptions(30, 4, 11, 3, LocalDate.of(2026, 12, 1)), Progress.NONE);
        }
        Path db = dir.resolve("book").resolve("riskdesk");
        Path file = dir.resolve("book.sql.gz");

        String[] refused = CliRuns.runAs("manager", "manager123", db, "backup", "--out", file.toString());
        assertEquals("1", refused[0]);
        assertTrue(refused[2].contains("not allowed"), refused[2]);
        assertFalse(Files.exists(file));

        String[] backup = CliRuns.runAs("admin", "admin123", db, "backup", "--out", file.toString());
        assertEquals("0", backup[0], backup[2]);
        assertTrue(backup[1].startsWith("Backed up ") && backup[1].contains(file.toString()), backup[1]);

        Path restored = dir.resolve("restored").resolve("riskdesk");
        String[] notAdmin = CliRuns.runAs("manager", "manager123", restored, "restore", "--from", file.toString());
        assertEquals("1", notAdmin[0]);
        assertTrue(notAdmin[2].contains("not allowed"), notAdmin[2]);
        assertFalse(Files.exists(restored.resolveSibling("riskdesk.mv.db")), "a refused restore is removed again");

        String[] restore = CliRuns.runAs("admin", "admin123", restored, "restore", "--from", file.toString());
        assertEquals("0", restore[0], restore[2]);
        assertTrue(restore[1].matches("(?s).*CUSTOMER\\s+30\\n.*"), restore[1]);
        assertTrue(restore[1].matches("(?s).*\\d+ audit events, chain intact; head: event \\d+, hash \\S+\\n.*"), restore[1]);

        String[] again = CliRuns.runAs("admin", "admin123", restored, "restore", "--from", file.toString());
        assertEquals("1", again[0]);
        assertEquals("riskdesk: The database " + restored.resolveSibling("riskdesk.mv.db")
                + " exists; a backup restores into a new database only. Nothing was changed.", again[2].strip());
        String[] usage = CliRuns.runAs("admin", "admin123", db, "backup");
        assertEquals("2", usage[0], "--out is required");
    }
}
