package dev.riskdesk.app.cli;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.security.PasswordHasher;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code riskdesk appeals sla} on a real database: lists the SLAs, a supervisor changes one, an agent may not. */
@Tag("db")
class AppealsCommandTest {
    @TempDir
    Path dir;

    String[] run(String... args) {
        return CliRuns.run(dir.resolve("riskdesk"), args);
    }

    @Test
    void aSupervisorSetsTheSlaOfAnAppealTypeAndAnAgentMayNot() {
        try (Database db = Database.open(DatabaseLocation.ofPath(dir.resolve("riskdesk")))) {
            Clock clock = Clock.systemUTC();
            new OperatorService(db, new PasswordHasher(), new AuditLog(clock), clock).createDemoOperatorsIfEmpty();
        }
        String[] list = run("appeals", "sla");
        assertEquals("0", list[0], list[2]);
        assertTrue(list[1].matches("(?s).*SUSPENSION\\s+48 h.*") && list[1].matches("(?s).*LIMIT_DECREASE\\s+72 h.*"), list[1]);

        String[] set = CliRuns.runAs("manager", "manager123", dir.resolve("riskdesk"), "appeals", "sla", "--type", "LIMIT_DECREASE", "--hours", "96");
        assertEquals("0", set[0], set[2]);
        assertTrue(set[1].matches("(?s).*LIMIT_DECREASE\\s+96 h.*"), set[1]);

        String[] agent = CliRuns.runAs("agent", "agent123", dir.resolve("riskdesk"), "appeals", "sla", "--type", "SUSPENSION", "--hours", "1");
        assertEquals("1", agent[0]);
        assertTrue(agent[2].contains("not allowed"), agent[2]);
        String[] wrong = CliRuns.run(java.util.Map.of("RISKDESK_PASSWORD", "nope"), dir.resolve("riskdesk"),
                "appeals", "sla", "--type", "SUSPENSION", "--hours", "1", "--user", "manager");
        assertEquals("1", wrong[0]);
        assertTrue(wrong[2].contains("wrong password"), wrong[2]);
        String[] nobody = run("appeals", "sla", "--type", "SUSPENSION", "--hours", "1");
        assertEquals("2", nobody[0], "a data-changing command without an operator is a usage error");
        assertTrue(nobody[2].contains("--user NAME or RISKDESK_USER"), nobody[2]);
        String[] noPassword = run("appeals", "sla", "--type", "SUSPENSION", "--hours", "1", "--user", "manager");
        assertEquals("2", noPassword[0], "no password and no terminal to ask");
        assertTrue(noPassword[2].contains("RISKDESK_PASSWORD"), noPassword[2]);
        assertEquals("2", run("appeals", "sla", "--type", "SUSPENSION")[0], "--type needs --hours");
        assertTrue(run("appeals", "sla")[1].matches("(?s).*SUSPENSION\\s+48 h.*"), "the refused changes changed nothing");

        try (Database db = Database.open(DatabaseLocation.ofPath(dir.resolve("riskdesk")))) {
            assertEquals(1, db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("APPEAL_SLA_CHANGED").and(AUDIT_EVENT.OPERATOR_NAME.eq("manager"))));
        }
    }
}
