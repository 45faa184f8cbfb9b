package dev.riskdesk.app.cli;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.ChangedAccounts;
import dev.riskdesk.dashboard.DashboardBook;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code policy run --changed} on the command line: nothing marked is nothing to do (exit 0); marked accounts are evaluated. */
@Tag("db")
class PolicyChangedCommandTest {
    @TempDir
    Path dir;

    private String[] run(String... args) {
        return CliRuns.asBatch(dir.resolve("riskdesk"), args);
    }

    @Test
    void evaluatesTheMarkedAccountsOrSaysThereIsNothingToEvaluate() {
        List<Long> two;
        try (Database db = Database.open(DatabaseLocation.ofPath(dir.resolve("riskdesk")))) {
            DashboardBook.create(db);
            two = db.dsl().select(ACCOUNT.ID).from(ACCOUNT).orderBy(ACCOUNT.ID).limit(2).fetch(ACCOUNT.ID);
        }
        String[] nothing = run("policy", "run", "--changed");
        assertEquals("0", nothing[0], nothing[2]);
        assertEquals("Nothing to evaluate: no account changed since the last policy run.", nothing[1].strip());

        String[] both = run("policy", "run", "--changed", "--awaiting-data");
        assertEquals("2", both[0]);
        assertTrue(both[2].contains("--changed and --awaiting-data cannot be combined"), both[2]);

        try (Database db = Database.open(DatabaseLocation.ofPath(dir.resolve("riskdesk")))) {
            db.transaction(tx -> ChangedAccounts.touch(tx, two, LocalDateTime.now().minusDays(1)));
        }
        String[] changed = run("policy", "run", "--changed", "--no-dashboard");
        assertEquals("0", changed[0], changed[2]);
        assertTrue(changed[1].startsWith("Policy run ") && changed[1].contains(" (changed accounts) at ") && changed[1].contains(": 2 accounts in "),
                changed[1]);
        try (Database db = Database.open(DatabaseLocation.ofPath(dir.resolve("riskdesk")))) {
            assertEquals(0, ChangedAccounts.count(db.dsl()));
        }
    }
}
