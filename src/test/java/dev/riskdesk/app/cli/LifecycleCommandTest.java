package dev.riskdesk.app.cli;

import static dev.riskdesk.db.schema.Tables.LIFECYCLE_CASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.limits.LimitsFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code riskdesk lifecycle run|list|keep}: figures printed, a dry run, refusals in one sentence, usage errors. */
@Tag("db")
class LifecycleCommandTest {
    @TempDir
    Path dir;

    @Test
    void runListAndKeepFromTheCommandLine() {
        long account;
        try (LimitsFixture f = new LimitsFixture(dir)) {
            f.feeds(LimitsFixture.NOW);
            account = f.account("5000", "0", "I3", 1); // never used in two years
            f.account("8000", "0", "I3", 1);
        }
        Path db = dir.resolve("riskdesk");
        String[] dry = CliRuns.asBatch(db, "lifecycle", "run", "--dry-run");
        assertEquals("0", dry[0], dry[2]);
        assertTrue(dry[1].matches("(?s)Dry run as of 2025-03-20 \\(policy version \\d+: dormant after 12 months, never used after 6 months, 30 days' grace,.*"),
                dry[1]);
        assertTrue(dry[1].contains("Found: 2 (dormant 0, never used 2)"), dry[1]);
        assertTrue(dry[1].contains("Retention dry run as of 2025-03-20") && dry[1].contains("Nothing was changed (--dry-run)."), dry[1]);

        String[] run = CliRuns.asBatch(db, "lifecycle", "run", "--as-of", "2025-03-20");
        assertEquals("0", run[0], run[2]);
        assertTrue(run[1].contains("Found: 2 (dormant 0, never used 2); kept by use: 0; waiting for a manager: 0; cancelled: 0 freeing 0"), run[1]);
        assertTrue(run[1].contains("Retention run as of 2025-03-20"), run[1]);

        String[] risk = CliRuns.asRisk(db, "lifecycle", "run");
        assertEquals("1", risk[0]);
        assertTrue(risk[2].contains("LIFECYCLE_RUN") && !risk[2].contains("Exception"), risk[2]);

        String[] list = CliRuns.asRisk(db, "lifecycle", "list", "--stage", "GRACE");
        assertEquals("0", list[0], list[2]);
        assertTrue(list[1].contains("NEVER_USED") && list[1].contains("2025-04-19") && list[1].contains("2 of 2 cases"), list[1]);

        long caseId;
        try (Database d = Database.open(DatabaseLocation.ofPath(db))) {
            caseId = d.dsl().select(LIFECYCLE_CASE.ID).from(LIFECYCLE_CASE).where(LIFECYCLE_CASE.ACCOUNT_ID.eq(account)).fetchOne(LIFECYCLE_CASE.ID);
        }
        String[] stale = CliRuns.asRisk(db, "lifecycle", "keep", "--case", String.valueOf(caseId), "--version", "7", "--reason", "called");
        assertEquals("1", stale[0]);
        assertTrue(stale[2].contains("Case " + caseId + " was changed by"), stale[2]);
        String[] keep = CliRuns.asRisk(db, "lifecycle", "keep", "--case", String.valueOf(caseId), "--version", "0", "--reason", "asked on the phone");
        assertEquals("0", keep[0], keep[2]);
        assertEquals("Case " + caseId + " closed: the account is kept.", keep[1].strip());

        String[] usage = CliRuns.asRisk(db, "lifecycle", "keep", "--case", String.valueOf(caseId));
        assertEquals("2", usage[0]);
    }
}
