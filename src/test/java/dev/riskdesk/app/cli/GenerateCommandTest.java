package dev.riskdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class GenerateCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        return RiskDeskCli.run(new PrintWriter(out, true), new PrintWriter(err, true), CliRuns.batchEnvironment(), args);
    }

    @Test
    void badValuesAreUsageErrors() {
        String db = dir.resolve("x").toString();
        for (String[] args : new String[][] {
                {"--db", db, "generate", "--customers", "0"},
                {"--db", db, "generate", "--months", "0"},
                {"--db", db, "generate", "--months", "12", "--detail-months", "13"},
                {"--db", db, "generate", "--as-of", "2026-13-01"}}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            assertEquals(RiskDeskCli.EXIT_USAGE, run(out, err, args), String.join(" ", args));
            assertTrue(err.toString().contains("Usage"), err.toString());
        }
    }

    @Test
    void generatesAndRefusesASecondTime() {
        String db = dir.resolve("y").toString();
        CliRuns.demoOperators(Path.of(db));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, run(out, err, "--db", db, "generate", "--customers", "40", "--months", "13", "--as-of", "2026-11-22"));
        assertTrue(out.toString().startsWith("Generated 40 customers"), out.toString());
        assertTrue(err.toString().contains("100%"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(RiskDeskCli.EXIT_FAILURE, run(new StringWriter(), err2, "--db", db, "generate", "--customers", "40"));
        assertTrue(err2.toString().startsWith("riskdesk: The database already holds 40 customers"), err2.toString());
    }

    @Test
    void generatingNeedsAnOperatorWithDataGenerate() {
        Path db = dir.resolve("z");
        CliRuns.demoOperators(db);
        String[] nobody = CliRuns.run(db, "generate", "--customers", "40");
        assertEquals("2", nobody[0], "no operator named: a usage error");
        assertTrue(nobody[2].contains("--user NAME or RISKDESK_USER"), nobody[2]);
        String[] agent = CliRuns.runAs("agent", "agent123", db, "generate", "--customers", "40");
        assertEquals("1", agent[0]);
        assertTrue(agent[2].contains("not allowed") && agent[2].contains("DATA_GENERATE"), agent[2]);
        String[] batch = CliRuns.asBatch(db, "generate", "--customers", "40", "--months", "13", "--as-of", "2026-11-22");
        assertEquals("0", batch[0], batch[2]);
        try (dev.riskdesk.db.Database d = dev.riskdesk.db.Database.open(dev.riskdesk.db.DatabaseLocation.ofPath(db))) {
            assertEquals(1, d.dsl().fetchCount(dev.riskdesk.db.schema.Tables.AUDIT_EVENT, dev.riskdesk.db.schema.Tables.AUDIT_EVENT.ACTION
                    .eq("PORTFOLIO_GENERATED").and(dev.riskdesk.db.schema.Tables.AUDIT_EVENT.OPERATOR_NAME.eq("batch"))));
        }
    }
}
