package dev.riskdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseLocationTest {

    private static final Path HOME = Path.of("/home/li");

    @Test
    void platformDefaults() {
        assertEquals(Path.of("/home/li/.local/share/riskdesk"), DatabaseLocation.defaultFolder(Map.of(), "Linux", HOME));
        assertEquals(Path.of("/data/x/riskdesk"), DatabaseLocation.defaultFolder(Map.of("XDG_DATA_HOME", "/data/x"), "Linux", HOME));
        assertEquals(Path.of("/home/li/Library/Application Support/RiskDesk"), DatabaseLocation.defaultFolder(Map.of(), "Mac OS X", HOME));
        assertEquals(Path.of("C:/Users/li/AppData/Roaming/RiskDesk"),
                DatabaseLocation.defaultFolder(Map.of("APPDATA", "C:/Users/li/AppData/Roaming"), "Windows 11", HOME));
    }

    @Test
    void optionBeatsEnvironmentVariable() {
        DatabaseLocation fromOption = DatabaseLocation.resolve("/tmp/a/book", Map.of(DatabaseLocation.ENV_VARIABLE, "/tmp/b/book"));
        assertEquals(Path.of("/tmp/a/book"), fromOption.file());
        DatabaseLocation fromEnv = DatabaseLocation.resolve(null, Map.of(DatabaseLocation.ENV_VARIABLE, "/tmp/b/book"));
        assertEquals(Path.of("/tmp/b/book"), fromEnv.file());
    }

    @Test
    void filePathsOpenWithAutoServerAndAcceptTheDataFileName() {
        DatabaseLocation location = DatabaseLocation.parse("/tmp/x/riskdesk.mv.db");
        assertEquals(Path.of("/tmp/x/riskdesk"), location.file());
        assertEquals("jdbc:h2:file:/tmp/x/riskdesk;AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=60000", location.jdbcUrl());
        assertEquals(Path.of("/tmp/x/riskdesk.mv.db"), location.dataFile());
    }

    @Test
    void aFolderMeansTheDefaultFileInIt(@TempDir Path dir) {
        assertEquals(dir.resolve("riskdesk").toAbsolutePath(), DatabaseLocation.parse(dir.toString()).file());
    }

    @Test
    void jdbcUrlsArePassedThrough() {
        DatabaseLocation memory = DatabaseLocation.parse("jdbc:h2:mem:test");
        assertFalse(memory.isFile());
        assertEquals("jdbc:h2:mem:test", memory.jdbcUrl());
        DatabaseLocation file = DatabaseLocation.parse("jdbc:h2:file:/tmp/y/db;MODE=Regular");
        assertTrue(file.isFile());
        assertEquals(Path.of("/tmp/y/db"), file.file());
    }
}
