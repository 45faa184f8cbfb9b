package dev.riskdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code riskdesk demo}: the first start from the command line, with each step's time; refused once done. */
@Tag("db")
class DemoCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return RiskDeskCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void demoRunsEveryFirstStartStepWithItsTimeThenRefusesToRunAgain() {
        String db = dir.resolve("book").toString();
        assertEquals(0, run("--db", db, "demo", "--customers", "600"), err.toString());
        String text = out.toString();
        for (String step : new String[] {"generate", "train", "score", "policy", "appeals", "dashboard"}) {
            assertTrue(text.matches("(?s).*  " + step + " +\\d+\\.\\d s\\R.*"), step + " in " + text);
        }
        assertTrue(text.contains("First start finished on "), text);
        assertTrue(err.toString().contains("generate: "), "progress on stderr: " + err);

        err.getBuffer().setLength(0);
        assertEquals(1, run("--db", db, "demo", "--customers", "600"));
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("riskdesk: The database ") && message.contains("first start is done"), message);
    }

    @Test
    void aBadSizeIsAUsageError() {
        assertEquals(2, run("--db", dir.resolve("book").toString(), "demo", "--customers", "0"));
    }
}
