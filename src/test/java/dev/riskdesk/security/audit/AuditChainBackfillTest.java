package dev.riskdesk.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestSessions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.EnumSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database with audit events from before the chain: opening it migrates and chains them once, and new events follow. */
@Tag("db")
class AuditChainBackfillTest {
    @TempDir
    Path dir;

    @Test
    void eventsWrittenBeforeTheChainAreChainedOnceWhenTheSchemaIsMigrated() throws Exception {
        DatabaseLocation location = DatabaseLocation.ofPath(dir.resolve("riskdesk"));
        String url = "jdbc:h2:file:" + location.file();
        Flyway.configure().dataSource(url, "sa", "").locations(TestDatabases.h2MigrationLocations()).target("8.2").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            // 2,503 events as the program wrote them before: more than two pages of the migration's reads
            s.execute("INSERT INTO AUDIT_EVENT (OCCURRED_AT, OPERATOR_NAME, ACTION, ENTITY_TYPE, ENTITY_ID, REASON, DETAILS) "
                    + "SELECT TIMESTAMP '2026-11-30 09:15:00.123456' + X * INTERVAL '1' SECOND, 'risk', 'LIMIT_OVERRIDE', 'ACCOUNT', "
                    + "CAST(X AS VARCHAR), CASE WHEN MOD(X, 3) = 0 THEN NULL ELSE '收入已核实' END, 'event ' || X "
                    + "FROM SYSTEM_RANGE(1, 2503)");
            s.execute("SHUTDOWN");
        }
        try (Database db = Database.open(location)) {
            AuditChainVerifier verifier = new AuditChainVerifier(db);
            AuditChainState state = verifier.verify(Progress.NONE);
            assertTrue(state.intact(), String.valueOf(state.broken()));
            // after the 2,503 old events, the opening seeds the policy and the rule set (two events) into the same chain
            int seeds = db.dsl().fetchCount(dev.riskdesk.db.schema.Tables.AUDIT_EVENT,
                    dev.riskdesk.db.schema.Tables.AUDIT_EVENT.ACTION.in("POLICY_SEEDED", "RULES_SEEDED"));
            assertEquals(2, seeds);
            assertEquals(2503 + seeds, state.events());
            assertEquals(new AuditChainHead.Link(2503 + seeds, state.last().hash()), AuditChainHead.read(db.dsl()));

            Session risk = TestSessions.of(0, "risk", "", Role.RISK_OPERATOR, EnumSet.noneOf(Permission.class));
            db.transaction(tx -> new AuditLog(Clock.systemUTC()).record(tx, risk, "LOGIN", "OPERATOR", 2, null, null));
            state = verifier.verify(Progress.NONE);
            assertTrue(state.intact(), String.valueOf(state.broken()));
            assertEquals(2506, state.last().seq());
        }
        try (Database db = Database.open(location)) {
            assertEquals(2506, new AuditChainVerifier(db).verify(Progress.NONE).events(), "opened again: chained once, nothing redone");
        }
    }
}
