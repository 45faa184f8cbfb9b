package dev.riskdesk.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules and policy come from the installation's data folder, never from a {@code data/} in the current directory. */
class DataFolderTest {

    @TempDir
    Path dir;

    @Test
    void aDataFolderInTheCurrentDirectoryIsNotRead() throws Exception {
        Path planted = dir.resolve("data");
        Files.createDirectories(planted);
        Files.writeString(planted.resolve("rules.json"), "{\"rules\": []}");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName(), "rules.json"));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe ends");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        Path testClasses = Path.of(DataFolderTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path project = testClasses.getParent().getParent().resolve("data");
        assertEquals(project.resolve("rules.json").toRealPath().toString(), out, "the source tree's data/, not " + planted);
    }

    @Test
    void theExplicitPropertyNamesTheFolder() throws Exception {
        Path chosen = dir.resolve("chosen");
        Files.createDirectories(chosen);
        Files.writeString(chosen.resolve("rules.json"), "{}");
        String old = System.getProperty(DataFolder.PROPERTY);
        System.setProperty(DataFolder.PROPERTY, chosen.toString());
        try {
            assertEquals(chosen.resolve("rules.json"), DataFolder.file("rules.json"));
        } finally {
            if (old == null) {
                System.clearProperty(DataFolder.PROPERTY);
            } else {
                System.setProperty(DataFolder.PROPERTY, old);
            }
        }
    }

    /** Run in a child JVM without {@code -Driskdesk.dataDir}: prints where the data file is found. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            System.out.println(DataFolder.file(args[0]).toRealPath());
        }
    }
}
