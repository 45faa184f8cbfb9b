package dev.riskdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code riskdesk import}: the sample book loads, loads again as unchanged, a bad row rejects the load, usage errors exit 2. */
@Tag("db")
class ImportCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> all = new ArrayList<>(List.of("--db", dir.resolve("db").toString()));
        all.addAll(List.of(args));
        CliRuns.demoOperators(dir.resolve("db"));
        return RiskDeskCli.run(new PrintWriter(out, true), new PrintWriter(err, true), CliRuns.batchEnvironment(), all.toArray(String[]::new));
    }

    @Test
    void theSampleBookLoadsAndLoadsAgainUnchanged() {
        assertEquals(0, run("import", "--dir", "data/samples", "--rejects", dir.resolve("r.csv").toString()), () -> out + "\n" + err);
        assertTrue(out.toString().contains("completed"), out::toString);
        assertTrue(out.toString().contains("customers.csv"), out::toString);
        assertTrue(out.toString().contains("(changed accounts)"), () -> "the touched accounts evaluated: " + out);
        assertEquals(0, run("import", "--dir", "data/samples", "--no-evaluate"), () -> out + "\n" + err);
        assertTrue(out.toString().matches("(?s).*customers\\.csv\\s+new\\s+0\\s+changed\\s+0\\s+unchanged\\s+6\\s.*"), out::toString);
        assertEquals(0, run("import", "repayments", "--file", "data/samples/repayments.csv", "--dry-run"), () -> out + "\n" + err);
        assertTrue(out.toString().startsWith("Dry run of repayments.csv"), out::toString);
    }

    @Test
    void aBadRowRejectsTheLoadWithItsLocationAndTheRejectFile() throws IOException {
        Path book = dir.resolve("book");
        Files.createDirectories(book);
        try (var files = Files.list(Path.of("data/samples"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, book.resolve(f.getFileName()));
            }
        }
        Path logins = book.resolve("logins.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(logins, StandardCharsets.UTF_8));
        lines.add(lines.get(1).replaceFirst("^[^,]*,[^,]*", "LG-NEW,C-NOBODY"));
        Files.write(logins, lines, StandardCharsets.UTF_8);
        Path rejects = dir.resolve("rejects.csv");
        assertEquals(1, run("import", "--dir", book.toString(), "--rejects", rejects.toString()), () -> out + "\n" + err);
        assertTrue(out.toString().contains("REJECTED"), out::toString);
        assertTrue(out.toString().contains("logins.csv:" + lines.size() + " customer_no: expected customer_no to name a customer"), out::toString);
        assertTrue(out.toString().contains("All problems: " + rejects), out::toString);
        assertTrue(Files.readString(rejects).contains("C-NOBODY"));
        assertFalse(err.toString().contains("Exception"), err::toString);
        assertEquals(1, run("import", "--dir", book.toString(), "--accept-partial", "--no-evaluate", "--rejects", rejects.toString()),
                () -> out + "\n" + err);
        assertTrue(out.toString().contains("PARTIAL"), out::toString);
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("import", "widgets", "--file", "data/samples/customers.csv"));
        assertTrue(err.toString().contains("unknown KIND widgets"), err::toString);
        assertEquals(2, run("import", "--dir", "data/samples", "--file", "data/samples/customers.csv"));
        assertEquals(2, run("import"));
        assertEquals(2, run("import", "--dir", dir.resolve("missing").toString()));
        assertEquals(2, run("import", "customers", "--file", "data/samples/customers.csv", "--encoding", "latin1"));
        assertEquals(2, run("import", "customers", "--file", "data/samples/customers.csv", "--as-of", "yesterday"));
        assertEquals(2, run("import", "customers", "--dir", "data/samples"));
    }
}
