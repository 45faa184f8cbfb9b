package dev.riskdesk.app.cli;

import static dev.riskdesk.db.schema.Tables.DASH_REFRESH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.dashboard.DashboardBook;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limit batch ends by refreshing the dashboard aggregates, unless told not to. */
@Tag("db")
class BatchDashboardRefreshTest {
    @TempDir
    Path dir;

    String[] run(String... args) {
        return CliRuns.asBatch(dir.resolve("riskdesk"), args);
    }

    private int refreshes() {
        try (Database db = Database.open(DatabaseLocation.ofPath(dir.resolve("riskdesk")))) {
            return db.dsl().fetchCount(DASH_REFRESH);
        }
    }

    @Test
    void policyRunRefreshesTheDashboardUnlessSkipped() {
        try (Database db = Database.open(DatabaseLocation.ofPath(dir.resolve("riskdesk")))) {
            DashboardBook.create(db);
        }
        assertEquals(0, refreshes());

        String[] skipped = run("policy", "run", "--at", "2025-03-20T00:00", "--no-dashboard");
        assertEquals("0", skipped[0], skipped[2]);
        assertEquals(0, refreshes());
        assertTrue(!skipped[1].contains("Dashboard aggregates refreshed"), skipped[1]);

        String[] dry = run("policy", "run", "--at", "2025-03-20T00:00", "--dry-run");
        assertEquals("0", dry[0], dry[2]);
        assertEquals(0, refreshes());

        String[] policy = run("policy", "run", "--at", "2025-03-20T00:00");
        assertEquals("0", policy[0], policy[2]);
        assertTrue(policy[1].matches("(?s).*Dashboard aggregates refreshed in [\\d.]+ s.*"), policy[1]);
        assertEquals(1, refreshes());

        String[] risk = CliRuns.asRisk(dir.resolve("riskdesk"), "policy", "run", "--at", "2025-03-20T00:00");
        assertEquals("0", risk[0], risk[2]);
        assertTrue(risk[1].contains("The dashboard aggregates were not refreshed: risk may not refresh them"), risk[1]);
        assertEquals(1, refreshes(), "a risk operator's run leaves the dashboard to a manager or the batch operator");
    }
}
