package dev.riskdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class ExportCommandTest {
    @TempDir
    Path dir;

    @Test
    void withoutAFolderOrWithAnUnknownOptionItIsAUsageError() {
        Path db = dir.resolve("db");
        for (String[] args : new String[][] {{"export"}, {"export", "--dir"}, {"export", "--dir", "x", "--force"}}) {
            String[] r = CliRuns.run(db, args);
            assertEquals(String.valueOf(RiskDeskCli.EXIT_USAGE), r[0], String.join(" ", args));
            assertTrue(r[2].contains("Usage: riskdesk export"), r[2]);
        }
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void printsOneSummaryLineAndRefusesToOverwriteUnlessAsked() {
        Path db = dir.resolve("db");
        Path out = dir.resolve("out");
        assertEquals("0", CliRuns.asBatch(db, "generate", "--customers", "6", "--months", "3", "--seed", "7", "--as-of", "2026-12-01")[0]);

        String[] first = CliRuns.asManager(db, "export", "--dir", out.toString());
        assertEquals("0", first[0], first[2]);
        assertEquals(1, first[1].strip().lines().count(), first[1]);
        assertTrue(first[1].matches("Exported \\d+ rows to " + java.util.regex.Pattern.quote(out.toString())
                + " in \\d+\\.\\d s: customers 6, accounts 6, statements \\d+, bills \\d+, transactions \\d+, repayments \\d+, "
                + "inquiries \\d+, logins \\d+, feeds 5\\.\\R"), first[1]);
        assertTrue(Files.exists(out.resolve("feeds.csv")));

        String[] again = CliRuns.asManager(db, "export", "--dir", out.toString());
        assertEquals(String.valueOf(RiskDeskCli.EXIT_FAILURE), again[0]);
        assertEquals("riskdesk: The folder " + out + " already holds book files (customers.csv, accounts.csv, statements.csv, bills.csv, "
                + "transactions.csv, repayments.csv, inquiries.csv, logins.csv, feeds.csv); choose an empty folder or use --overwrite to replace them.",
                again[2].strip());

        assertEquals("0", CliRuns.asManager(db, "export", "--dir", out.toString(), "--overwrite")[0]);
    }
}
