package dev.riskdesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data folder that cannot be written turns logging off with one sentence, not logback's setup errors. */
@Tag("db")
class LauncherLogFolderTest {
    @TempDir
    Path dir;

    @Test
    void aFolderUnderAPlainFileCannotHoldLogs() throws Exception {
        Path blocker = Files.writeString(dir.resolve("plain-file"), "x");
        assertFalse(Launcher.canWriteLogsIn(blocker.resolve("riskdesk").resolve("logs")));
        assertTrue(Launcher.canWriteLogsIn(dir.resolve("logs")));
        assertTrue(Files.isDirectory(dir.resolve("logs")));
    }

    @Test
    void aCommandWithAnUnwritableDataFolderSaysSoOnceAndWorks() throws Exception {
        Path blocker = Files.writeString(dir.resolve("plain-file"), "x");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "--db", dir.resolve("book").toString(), "info");
        builder.environment().put("XDG_DATA_HOME", blocker.toString());
        builder.environment().remove("RISKDESK_DB");
        builder.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command did not end");
        List<String> err = Files.readAllLines(dir.resolve("err.txt"), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join("\n", err));
        assertEquals(List.of("riskdesk: note: the log folder " + blocker.resolve("riskdesk").resolve("logs")
                + " cannot be written; nothing is logged."), err);
        assertTrue(Files.readString(dir.resolve("out.txt")).contains("Schema version"));
        assertFalse(new File(blocker.toFile(), "riskdesk").exists());
    }
}
