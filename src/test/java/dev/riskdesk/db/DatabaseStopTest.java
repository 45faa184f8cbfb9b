package dev.riskdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A console or job asked to stop (SIGTERM: a logout, a shutdown, {@code kill}) closes its database
 * cleanly, so the next start does not mistake it for a crash and spend minutes recovering the file.
 * A kill -9 still leaves the marker that makes the next open recover.
 */
@Tag("crash")
class DatabaseStopTest {
    @TempDir
    Path dir;

    @Test
    void aStoppedProcessLeavesNoOpenMarkerAndTheNextOpenNeedsNoRecovery() throws Exception {
        Path db = dir.resolve("riskdesk");
        Process holder = hold(db);
        assertTrue(markers().size() == 1, "the open database is marked: " + markers());
        holder.destroy();
        assertTrue(holder.waitFor(60, TimeUnit.SECONDS), "the holder stopped");
        assertEquals(List.of(), markers(), "a clean stop removes its marker");
        assertFalse(CrashRecovery.recoverIfUnclean(DatabaseLocation.ofPath(db)), "no recovery after a clean stop");
    }

    @Test
    void aKilledProcessLeavesItsMarkerForRecovery() throws Exception {
        Path db = dir.resolve("riskdesk");
        Process holder = hold(db);
        holder.destroyForcibly();
        assertTrue(holder.waitFor(60, TimeUnit.SECONDS), "the holder died");
        assertEquals(1, markers().size(), "a kill -9 leaves the marker");
    }

    /** A child process that opens the database at {@code db}, says so, and waits to be stopped. */
    private Process hold(Path db) throws IOException, InterruptedException {
        Path out = dir.resolve("holder.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), DatabaseHolder.class.getName(), db.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(out).contains(DatabaseHolder.OPEN)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("the holder did not open the database:\n" + Files.readString(out));
            }
            Thread.sleep(100);
        }
        return p;
    }

    private List<Path> markers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(".open.")).toList();
        }
    }
}
