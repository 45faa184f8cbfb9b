package dev.riskdesk.app.cli;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code riskdesk operators ...} on a real database whose first administrator is {@code boss}. */
@Tag("db")
class OperatorsCommandTest {
    private static final String BOSS_PASSWORD = "Granite-Owl-2026";

    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("riskdesk");
    }

    @BeforeEach
    void firstAdministrator() {
        String[] init = CliRuns.run(Map.of("RISKDESK_PASSWORD", BOSS_PASSWORD), db(), "admin", "init", "--admin", "boss");
        assertEquals("0", init[0], init[2]);
    }

    private String[] asBoss(String newPassword, String... args) {
        return CliRuns.run(Map.of("RISKDESK_USER", "boss", "RISKDESK_PASSWORD", BOSS_PASSWORD, "RISKDESK_NEW_PASSWORD", newPassword), db(), args);
    }

    @Test
    void anAdministratorAddsResetsAndDisablesOperatorsAndEachChangeIsAudited() {
        String[] weak = asBoss("zhou12345", "operators", "add", "zhou", "--role", "AGENT");
        assertEquals("1", weak[0]);
        assertEquals("riskdesk: A password needs at least 10 characters.", weak[2].strip());

        String[] added = asBoss("Copper-Kettle-71", "operators", "add", "zhou", "--role", "AGENT", "--display-name", "周敏");
        assertEquals("0", added[0], added[2]);
        String[] listed = asBoss("", "operators", "list");
        assertEquals("0", listed[0], listed[2]);
        assertTrue(listed[1].lines().anyMatch(l -> l.startsWith("zhou") && l.contains("AGENT") && l.contains("active")), listed[1]);

        assertEquals("0", asBoss("Temporary-Pass-9", "operators", "reset-password", "zhou")[0]);
        String[] mustChange = CliRuns.runAs("zhou", "Temporary-Pass-9", db(), "operators", "list");
        assertEquals("1", mustChange[0]);
        assertEquals("riskdesk: Operator zhou must first change the temporary password, in the console or with `riskdesk operators passwd`.",
                mustChange[2].strip());
        String[] passwd = CliRuns.run(Map.of("RISKDESK_USER", "zhou", "RISKDESK_PASSWORD", "Temporary-Pass-9",
                "RISKDESK_NEW_PASSWORD", "Silver-Birch-44"), db(), "operators", "passwd");
        assertEquals("0", passwd[0], passwd[2]);
        String[] denied = CliRuns.runAs("zhou", "Silver-Birch-44", db(), "operators", "list");
        assertEquals("1", denied[0], "an agent may not manage operators");
        assertTrue(denied[2].contains("OPERATOR_ADMIN"), denied[2]);

        assertEquals("0", asBoss("", "operators", "set-roles", "zhou", "MANAGER")[0]);
        assertEquals("0", asBoss("", "operators", "disable", "zhou")[0]);
        String[] disabled = CliRuns.runAs("zhou", "Silver-Birch-44", db(), "operators", "list");
        assertEquals("riskdesk: Unknown operator name or wrong password.", disabled[2].strip());
        assertEquals("0", asBoss("", "operators", "enable", "zhou")[0]);
        assertTrue(asBoss("", "operators", "list")[1].lines().anyMatch(l -> l.startsWith("zhou") && l.contains("MANAGER")));

        try (Database database = Database.open(DatabaseLocation.ofPath(db()))) {
            for (String action : new String[] {"OPERATOR_CREATED", "PASSWORD_RESET", "OPERATOR_ROLE_CHANGED", "OPERATOR_DISABLED", "OPERATOR_ENABLED"}) {
                assertEquals(1, database.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq(action).and(AUDIT_EVENT.OPERATOR_NAME.eq("boss"))
                        .and(AUDIT_EVENT.ENTITY_TYPE.eq("OPERATOR")).and(AUDIT_EVENT.REASON.isNull())), action);
            }
            assertEquals(1, database.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("PASSWORD_CHANGED").and(AUDIT_EVENT.OPERATOR_NAME.eq("zhou"))));
        }
    }

    @Test
    void theLastAdministratorStaysAndUsageErrorsExitTwo() {
        String[] last = asBoss("", "operators", "disable", "boss");
        assertEquals("1", last[0]);
        assertEquals("riskdesk: boss is the last active administrator: add or enable another administrator first.", last[2].strip());
        assertEquals("1", asBoss("", "operators", "set-roles", "boss", "AGENT")[0]);
        assertEquals("2", asBoss("", "operators", "set-roles", "boss", "OVERLORD")[0], "an unknown role is a usage error");
        assertEquals("2", asBoss("", "operators", "add", "lin")[0], "--role is required");
        String[] noNewPassword = CliRuns.runAs("boss", BOSS_PASSWORD, db(), "operators", "add", "lin", "--role", "AGENT");
        assertEquals("2", noNewPassword[0], "no new password and no terminal to ask is a usage error");
        assertTrue(noNewPassword[2].contains("RISKDESK_NEW_PASSWORD"), noNewPassword[2]);
        String[] noUser = CliRuns.run(db(), "operators", "list");
        assertEquals("2", noUser[0]);
        assertFalse(noUser[2].contains("Exception"), noUser[2]);
    }

    @Test
    void anAdministratorReadsAndChangesTheSignInPolicyAndTheChangeIsAudited() {
        String[] shown = asBoss("", "operators", "sign-in-policy");
        assertEquals("0", shown[0], shown[2]);
        assertTrue(shown[1].contains("Wrong passwords before a lockout: 5") && shown[1].contains("Lockout: 15 minutes"), shown[1]);
        String[] changed = asBoss("", "operators", "sign-in-policy", "--max-failures", "3", "--idle-lock-minutes", "5");
        assertEquals("0", changed[0], changed[2]);
        assertTrue(changed[1].contains("Wrong passwords before a lockout: 3") && changed[1].contains("Lockout: 15 minutes")
                && changed[1].contains("Idle lock: 5 minutes"), changed[1]);
        assertEquals("2", asBoss("", "operators", "sign-in-policy", "--lockout-minutes", "0")[0], "out of range is a usage error");

        assertEquals("0", asBoss("Copper-Kettle-71", "operators", "add", "zhou", "--role", "AGENT")[0]);
        String[] denied = CliRuns.runAs("zhou", "Copper-Kettle-71", db(), "operators", "sign-in-policy");
        assertEquals("1", denied[0], "an agent may not read or change it");
        for (int i = 0; i < 2; i++) {
            assertEquals("riskdesk: Unknown operator name or wrong password.", CliRuns.runAs("zhou", "wrong-password", db(), "operators", "list")[2].strip());
        }
        assertTrue(CliRuns.runAs("zhou", "wrong-password", db(), "operators", "list")[2].contains("locked"), "the third wrong password locks");
        String[] locked = CliRuns.runAs("zhou", "Copper-Kettle-71", db(), "operators", "list");
        assertTrue(locked[2].startsWith("riskdesk: This operator is locked after too many wrong passwords"), "three wrong passwords now lock the name: " + locked[2]);
        try (Database database = Database.open(DatabaseLocation.ofPath(db()))) {
            assertEquals(1, database.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("SIGN_IN_POLICY_CHANGED").and(AUDIT_EVENT.OPERATOR_NAME.eq("boss"))
                    .and(AUDIT_EVENT.DETAILS.eq("was: 5 wrong passwords lock a name for 15 min; idle lock after 15 min; "
                            + "now: 3 wrong passwords lock a name for 15 min; idle lock after 5 min"))));
        }
    }
}
