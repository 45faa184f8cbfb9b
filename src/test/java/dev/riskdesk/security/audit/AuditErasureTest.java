package dev.riskdesk.security.audit;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
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
import dev.riskdesk.security.audit.AuditChainState.Problem;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Personal values erased inside audit events keep the chain verifiable (format RDA2 hashes the digests of reason and
 * details), an erasure nobody recorded is named, and a chain converted from format RDA1 keeps a break it had.
 */
@Tag("db")
class AuditErasureTest {
    @TempDir
    Path dir;
    AuditLog audit = new AuditLog(Clock.systemUTC());
    Session manager = TestSessions.of(0, "manager", "", Role.MANAGER, EnumSet.noneOf(Permission.class));

    @Test
    void anErasedEventStillVerifiesAndIsCounted() {
        try (Database db = TestDatabases.fresh(dir)) {
            long seeded = db.dsl().fetchCount(AUDIT_EVENT); // the new database's own events (its policy and rule set seeds)
            db.transaction(tx -> audit.record(tx, manager, "PII_REVEALED", "CUSTOMER", 9, "张伟 called from 13812345678", "PHONE"));
            db.transaction(tx -> audit.record(tx, manager, "APPEAL_NOTE_ADDED", "APPEAL", 4, null, "customer 张伟 says the repayment was made"));
            db.transaction(tx -> audit.record(tx, manager, "LOGOUT", "OPERATOR", 2, null, null));
            List<Long> ids = db.dsl().select(AUDIT_EVENT.ID).from(AUDIT_EVENT).where(AUDIT_EVENT.OPERATOR_NAME.eq("manager")).orderBy(AUDIT_EVENT.ID)
                    .fetch(AUDIT_EVENT.ID);
            db.transaction(tx -> {
                audit.record(tx, manager, AuditErasure.ACTION, "CUSTOMER", 9, "on request", "2 events");
                long seq = AuditErasure.lastRecorded(tx);
                int changed = AuditErasure.erase(tx, ids, (action, t) -> t.replace("张伟", "[erased]").replace("13812345678", "[erased]"),
                        (action, t) -> t.replace("张伟", "[erased]"), seq, LocalDateTime.now());
                assertEquals(2, changed, "the logout names nobody and stays as it was");
            });
            AuditChainState state = new AuditChainVerifier(db).verify(Progress.NONE);
            assertTrue(state.intact(), String.valueOf(state.broken()));
            assertEquals(seeded + 4, state.events());
            assertEquals(2, state.erased());
            assertEquals("[erased] called from [erased]", db.dsl().select(AUDIT_EVENT.REASON).from(AUDIT_EVENT)
                    .where(AUDIT_EVENT.ID.eq(ids.get(0))).fetchSingle().value1());

            // the erased text changed again with SQL: nothing vouches for it, but the event stays erased and recorded;
            // its digest changed: the chain breaks there
            db.dsl().execute("UPDATE AUDIT_EVENT SET DETAILS_DIGEST = ? WHERE ID = ?", "0".repeat(64), ids.get(1));
            assertEquals(new AuditChainState.Break(ids.get(1), Problem.CHANGED, 0), new AuditChainVerifier(db).verify(Progress.NONE).broken());
        }
    }

    @Test
    void anEventMarkedErasedWithoutAnErasureEventIsNamed() {
        try (Database db = TestDatabases.fresh(dir)) {
            db.transaction(tx -> audit.record(tx, manager, "LIMIT_OVERRIDE", "ACCOUNT", 7, "income verified", "20000 -> 15000"));
            db.transaction(tx -> audit.record(tx, manager, "LOGOUT", "OPERATOR", 2, null, null));
            long first = db.dsl().select(AUDIT_EVENT.ID).from(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.eq("LIMIT_OVERRIDE")).fetchSingle().value1();
            AuditHash hash = new AuditHash();
            // a forger who knows the format marks the event erased with the right digests, pointing at an ordinary event
            db.dsl().execute("UPDATE AUDIT_EVENT SET REASON_DIGEST = ?, DETAILS_DIGEST = ?, REASON = 'approved', ERASED_AT = CURRENT_TIMESTAMP,"
                    + " ERASED_BY_SEQ = 2 WHERE ID = ?", hash.digest("income verified"), hash.digest("20000 -> 15000"), first);
            assertEquals(new AuditChainState.Break(first, Problem.ERASED_UNRECORDED, 0), new AuditChainVerifier(db).verify(Progress.NONE).broken());
        }
    }

    @Test
    void theConversionToDigestsKeepsABreakTheOldChainHad() throws Exception {
        DatabaseLocation location = DatabaseLocation.ofPath(dir.resolve("riskdesk"));
        String url = "jdbc:h2:file:" + location.file();
        // events chained in format RDA1 by V9_1_1, then one changed with SQL before the program is upgraded
        Flyway.configure().dataSource(url, "sa", "").locations(TestDatabases.h2MigrationLocations()).target("8.2").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO AUDIT_EVENT (OCCURRED_AT, OPERATOR_NAME, ACTION, ENTITY_TYPE, ENTITY_ID, REASON, DETAILS) "
                    + "SELECT TIMESTAMP '2026-11-30 09:15:00' + X * INTERVAL '1' SECOND, 'risk', 'LIMIT_OVERRIDE', 'ACCOUNT', "
                    + "CAST(X AS VARCHAR), '收入已核实', 'event ' || X FROM SYSTEM_RANGE(1, 1205)");
        }
        Flyway.configure().dataSource(url, "sa", "").locations(TestDatabases.h2MigrationLocations()).target("10.50").load().migrate();
        long changed;
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("UPDATE AUDIT_EVENT SET DETAILS = 'event 1101 (fixed)' WHERE CHAIN_SEQ = 1101");
            try (var r = s.executeQuery("SELECT ID FROM AUDIT_EVENT WHERE CHAIN_SEQ = 1101")) {
                r.next();
                changed = r.getLong(1);
            }
            s.execute("SHUTDOWN");
        }
        try (Database db = Database.open(location)) {
            AuditChainState state = new AuditChainVerifier(db).verify(Progress.NONE);
            assertEquals(new AuditChainState.Break(changed, Problem.CHANGED, 0), state.broken());
            assertEquals(1100, state.events(), "the events before it were converted and verify");
            db.dsl().execute("UPDATE AUDIT_EVENT SET DETAILS = 'event 1101' WHERE ID = ?", changed);
            assertEquals(new AuditChainState.Break(changed, Problem.CHANGED, 0), new AuditChainVerifier(db).verify(Progress.NONE).broken(),
                    "changed back after the conversion, the event still does not verify: the conversion did not vouch for it");
        }
    }
}
