package dev.riskdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.dashboard.DashboardBook;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.OperatorAdminService;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.security.PasswordHasher;
import dev.riskdesk.security.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code policy draft|diff|submit|approve|activate|rollback} (and under {@code policy rules}) on the command line, maker and checker. */
@Tag("db")
class PolicyVersionCommandsTest {
    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("riskdesk");
    }

    private String[] manager(String... args) {
        return CliRuns.asManager(db(), args);
    }

    private String[] checker(String... args) {
        return CliRuns.runAs("manager2", "quiet-harbor-42", db(), args);
    }

    @Test
    void aManagerDraftsAndSubmitsAnotherApprovesAndActivatesAndTheDiffShowsParametersAndDecisions() throws Exception {
        try (Database database = Database.open(DatabaseLocation.ofPath(db()))) {
            DashboardBook.create(database);
            Clock clock = Clock.systemUTC();
            OperatorService operators = new OperatorService(database, new PasswordHasher(4), new AuditLog(clock), clock);
            operators.createDemoOperatorsIfEmpty();
            new OperatorAdminService(database, new PasswordHasher(4), new AuditLog(clock), clock).add(operators.authenticate("admin", "admin123".toCharArray()),
                    "manager2", "王伟", Role.MANAGER, "quiet-harbor-42".toCharArray());
        }
        String[] draft = manager("policy", "draft", "--note", "Wider capacity for good payers");
        assertEquals("0", draft[0], draft[2]);
        assertTrue(draft[1].startsWith("Draft 2 of the limit policy made from version 1."), draft[1]);

        String[] shown = manager("policy", "show", "2");
        assertEquals("0", shown[0], shown[2]);
        Path edited = dir.resolve("edited.json");
        Files.writeString(edited, shown[1].replace("\"incomeMultiple\" : 1.5", "\"incomeMultiple\" : 2.5"));
        assertEquals("0", manager("policy", "draft", "--edit", "2", "--file", edited.toString())[0]);

        String[] diff = manager("policy", "diff", "2");
        assertEquals("0", diff[0], diff[2]);
        assertTrue(diff[1].contains("Parameters (1 changed):") && diff[1].contains("incomeMultiple  1.5 -> 2.5"), diff[1]);
        assertTrue(diff[1].contains("Decisions on the book, simulated at "), diff[1]);
        assertTrue(diff[1].contains("Decisions by score band (share of the band's accounts, active -> version 2):"), diff[1]);
        assertTrue(diff[1].lines().anyMatch(l -> l.matches("  unscored +3 +0\\.0% -> 0\\.0% +0\\.0% -> 0\\.0% +\\(unchanged\\)")), diff[1]);

        assertEquals("0", manager("policy", "submit", "2")[0]);
        String[] own = manager("policy", "approve", "2");
        assertEquals("1", own[0]);
        assertTrue(own[2].contains("another manager must approve it"), own[2]);
        assertEquals("0", checker("policy", "approve", "2")[0]);
        String[] active = checker("policy", "activate", "2");
        assertEquals("0", active[0], active[2]);
        assertTrue(active[1].contains("approved by 王伟 (manager2)"), active[1]);

        String[] versions = manager("policy", "versions");
        assertTrue(versions[1].contains("   2  ACTIVE") && versions[1].contains("   1  RETIRED"), versions[1]);

        String[] rollback = manager("policy", "rollback", "--to", "1");
        assertEquals("0", rollback[0], rollback[2]);
        assertTrue(rollback[1].startsWith("Limit policy version 3 restores version 1 and is submitted"), rollback[1]);
    }

    @Test
    void badRulesNameTheFieldAndOnlyManagersMayDraft() throws Exception {
        CliRuns.demoOperators(db());
        String[] shown = manager("policy", "rules", "show");
        assertEquals("0", shown[0], shown[2]);
        Path bad = dir.resolve("rules.json");
        Files.writeString(bad, shown[1].replace("\"minDaysPastDue\" : 5", "\"minDaysPastDue\" : 0"));
        String[] refused = manager("policy", "rules", "draft", "--file", bad.toString());
        assertEquals("1", refused[0]);
        assertTrue(refused[2].contains("OVERDUE_DECREASE.parameters.minDaysPastDue must be between 1 and 365"), refused[2]);
        assertTrue(refused[2].lines().count() == 1 && !refused[2].contains("Exception"), refused[2]);

        String[] risk = CliRuns.asRisk(db(), "policy", "rules", "draft");
        assertEquals("1", risk[0]);
        String[] usage = manager("policy", "submit");
        assertEquals("2", usage[0]);
        String[] list = manager("policy", "rules", "versions");
        assertTrue(list[1].matches("(?s).*\\s1  ACTIVE\\s+made by database set-up .*"), list[1]);
    }
}
