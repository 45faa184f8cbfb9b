package dev.riskdesk.db;

import static dev.riskdesk.db.schema.Tables.APP_SETTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit that returned is kept by a process killed right after it: a child commits five transactions through
 * {@link Database} and halts within a millisecond of the last; the file, opened again (with its recovery), holds all
 * five. With H2's default write delay the last commits of such a process were lost (decision 0011).
 */
@Tag("crash")
class CommitDurabilityTest {
    private static final int COMMITS = 5;

    @TempDir
    Path dir;

    @Test
    void everyCommitThatReturnedSurvivesAKillRightAfterIt() throws Exception {
        Path base = dir.resolve("riskdesk");
        Path out = dir.resolve("child.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), CommitThenHaltChild.class.getName(), base.toString(),
                String.valueOf(COMMITS)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child ended");
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.contains("committed " + COMMITS), () -> "the child committed all: " + lines);
        try (Database database = Database.open(DatabaseLocation.ofPath(base))) {
            assertEquals(COMMITS, database.dsl().fetchCount(APP_SETTING, APP_SETTING.SETTING_KEY.startsWith("durability.")),
                    "every commit that returned is in the file");
        }
    }
}
