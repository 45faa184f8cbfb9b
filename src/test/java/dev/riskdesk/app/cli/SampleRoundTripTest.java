package dev.riskdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riskdesk.exchange.BookKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample book is a fixed point: imported into an empty database and exported again, every file comes back byte for byte. */
@Tag("db")
class SampleRoundTripTest {
    private static final Path SAMPLES = Path.of("data/samples");

    @TempDir
    Path dir;

    @Test
    void importingTheSamplesAndExportingThemGivesTheSameFiles() throws IOException {
        Path db = dir.resolve("db");
        Path out = dir.resolve("out");
        String[] load = CliRuns.run(db, "import", "--dir", SAMPLES.toString(), "--rejects", dir.resolve("rejects.csv").toString());
        assertEquals("0", load[0], load[1] + load[2]);

        String[] export = CliRuns.run(db, "export", "--dir", out.toString());
        assertEquals("0", export[0], export[2]);

        for (BookKind kind : BookKind.values()) {
            assertArrayEquals(Files.readAllBytes(SAMPLES.resolve(kind.fileName())), Files.readAllBytes(out.resolve(kind.fileName())),
                    kind.fileName());
        }
    }
}
