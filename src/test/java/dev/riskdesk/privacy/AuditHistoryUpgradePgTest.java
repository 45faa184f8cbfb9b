package dev.riskdesk.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.db.OnPostgres;
import dev.riskdesk.db.TestPostgres;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.security.PasswordHasher;
import dev.riskdesk.security.audit.AuditChainState;
import dev.riskdesk.security.audit.AuditChainVerifier;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/**
 * A team database on PostgreSQL with audit history from before the erasure work (events chained in format RDA1 by
 * V9_1_1, the append-only trigger of V9_5 on) upgraded to the current migrations: V10_50_1 lets V10_51 convert the
 * chain to RDA2 past the trigger and V10_51_1 puts the trigger back; the whole history then verifies, a new event
 * chains onto it, and the events stay append-only.
 */
@OnPostgres
class AuditHistoryUpgradePgTest {
    private static final int HISTORY = 1205;

    @Test
    void auditHistoryInTheOldFormatStillVerifiesAfterTheUpgradeAndStaysAppendOnly() throws Exception {
        DatabaseLocation location = TestPostgres.server().emptyDatabase(TestPostgres.OWNER);
        String[] migrations = {"classpath:db/migration/common", "classpath:db/migration/postgresql"};
        // a database of an earlier release: events written before the chain existed, chained (RDA1) by the upgrade to 9.1.1
        Flyway.configure().dataSource(location.jdbcUrl(), null, null).locations(migrations).target("8.2").load().migrate();
        try (Connection c = DriverManager.getConnection(location.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO AUDIT_EVENT (OCCURRED_AT, OPERATOR_NAME, ACTION, ENTITY_TYPE, ENTITY_ID, REASON, DETAILS) "
                    + "SELECT TIMESTAMP '2026-11-30 09:15:00' + g.x * INTERVAL '1 second', 'risk', 'LIMIT_OVERRIDE', 'ACCOUNT', "
                    + "CAST(g.x AS VARCHAR), '收入已核实', 'event ' || g.x FROM generate_series(1, " + HISTORY + ") AS g(x)");
        }
        Flyway.configure().dataSource(location.jdbcUrl(), null, null).locations(migrations).target("10.40").load().migrate();

        try (Database db = Database.open(location)) { // the program of today opens it: the rest of the migrations run
            AuditChainState upgraded = new AuditChainVerifier(db).verify(Progress.NONE);
            assertTrue(upgraded.intact(), () -> "after the upgrade: " + upgraded);
            long events = db.dsl().fetchCount(dev.riskdesk.db.schema.Tables.AUDIT_EVENT);
            assertTrue(events >= HISTORY);
            assertEquals(events, upgraded.events(), "every event, the old history among them, is in the verified chain");

            Clock clock = Clock.systemUTC();
            AuditLog audit = new AuditLog(clock);
            OperatorService operators = new OperatorService(db, new PasswordHasher(4), audit, clock);
            operators.createDemoOperatorsIfEmpty();
            var manager = operators.authenticate("manager", "manager123".toCharArray());
            db.transaction(tx -> audit.record(tx, manager, "CUSTOMER_CALLED", "CUSTOMER", 1L, null, "after the upgrade"));
            AuditChainState after = new AuditChainVerifier(db).verify(Progress.NONE);
            assertTrue(after.intact(), () -> "after a new event: " + after);
            assertTrue(after.events() > events);

            assertThrows(DataAccessException.class, () -> db.dsl().execute("UPDATE AUDIT_EVENT SET REASON = 'rewritten' WHERE ENTITY_ID = '7'"),
                    "the append-only trigger is back after the conversion");
        }
    }
}
