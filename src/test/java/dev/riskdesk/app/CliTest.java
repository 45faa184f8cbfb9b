package dev.riskdesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.cli.RiskDeskCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class CliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return RiskDeskCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void unknownOptionPrintsUsageAndExitsTwo() {
        assertEquals(2, run("--bogus"));
        assertTrue(err.toString().contains("Unknown option"), err.toString());
        assertTrue(err.toString().contains("Usage: riskdesk"), err.toString());
    }

    @Test
    void unknownCommandExitsTwo() {
        assertEquals(2, run("frobnicate"));
    }

    @Test
    void versionAndHelp() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("RiskDesk "), out.toString());
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("info"), out.toString());
    }

    @Test
    void infoOnAFreshDatabaseShowsSchemaAndCounts() {
        assertEquals(0, run("info", "--db", dir.resolve("book").toString()));
        String text = out.toString();
        assertTrue(text.contains("Schema version: " + dev.riskdesk.db.TestDatabases.latestMigration()), text);
        assertTrue(text.contains("ROLE") && text.contains("CUSTOMER"), text);
        assertTrue(text.contains("no data yet"), text);
    }

    @Test
    void unwritableDatabaseFolderFailsWithOneLineAndExitOne() throws Exception {
        Path blocker = dir.resolve("plain-file");
        Files.writeString(blocker, "x");
        assertEquals(1, run("--db", blocker.resolve("db").resolve("riskdesk").toString(), "info"));
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("riskdesk: Cannot create the database folder"), message);
    }

    @Test
    void notAnH2FileFailsWithOneLineAndExitOne() throws Exception {
        Path file = dir.resolve("notes.mv.db");
        Files.writeString(file, "hello");
        assertEquals(1, run("--db", file.toString(), "info"));
        assertEquals(1, err.toString().strip().lines().count());
        assertTrue(err.toString().contains("is not a RiskDesk (H2) database"), err.toString());
        assertEquals("hello", Files.readString(file));
    }
}
