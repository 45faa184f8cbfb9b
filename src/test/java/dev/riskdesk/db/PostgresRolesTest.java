package dev.riskdesk.db;

import static dev.riskdesk.db.schema.Tables.APP_SETTING;
import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestSessions;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.EnumSet;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Team mode's protection on PostgreSQL: migrations run under the owner role; the application role reads and
 * writes the book but cannot change or remove audit events, nor create, alter or drop tables; a trigger keeps
 * audit events append-only even for the owner.
 */
@Tag("db")
@Tag("pg")
class PostgresRolesTest {
    private static final Session AGENT = TestSessions.of(0, "agent", "王芳", Role.AGENT, EnumSet.noneOf(Permission.class));

    @Test
    void theApplicationRoleCannotRewriteTheAuditTrailNorChangeTheSchema() {
        TestPostgres server = TestPostgres.server();
        String name = server.teamDatabase();
        int events;
        try (Database owner = Database.open(server.location(name, TestPostgres.OWNER))) {
            assertEquals(TestDatabases.latestMigration("postgresql"), owner.schemaVersion(), "the owner ran the migrations");
        }
        try (Database app = Database.open(server.location(name, TestPostgres.APP))) {
            AuditLog audit = new AuditLog(Clock.systemDefaultZone());
            int seeded = app.dsl().fetchCount(AUDIT_EVENT); // the policy and rule set seeds of the new database
            app.transaction(tx -> audit.record(tx, AGENT, "LOGIN", "OPERATOR", 1, null, null));
            app.transaction(tx -> tx.insertInto(APP_SETTING).set(APP_SETTING.SETTING_KEY, "k").set(APP_SETTING.SETTING_VALUE, "v")
                    .set(APP_SETTING.UPDATED_AT, LocalDateTime.now()).execute());
            app.transaction(tx -> tx.update(APP_SETTING).set(APP_SETTING.SETTING_VALUE, "w").execute());
            assertEquals(seeded + 1, app.dsl().fetchCount(AUDIT_EVENT), "the application adds audit events");

            assertRefused(app, "UPDATE AUDIT_EVENT SET REASON = 'edited'");
            assertRefused(app, "UPDATE AUDIT_EVENT SET HASH = PREV_HASH"); // only the erasable columns are granted
            assertRefused(app, "UPDATE AUDIT_EVENT SET ACTION = 'X', ERASED_AT = CURRENT_TIMESTAMP, ERASED_BY_SEQ = 1,"
                    + " REASON_DIGEST = 'a', DETAILS_DIGEST = 'b'"); // an erasure keeps what the chain covers
            assertRefused(app, "DELETE FROM AUDIT_EVENT");
            assertRefused(app, "TRUNCATE TABLE AUDIT_EVENT");
            assertRefused(app, "DROP TABLE ACCOUNT");
            assertRefused(app, "ALTER TABLE ACCOUNT DROP COLUMN SCORE");
            assertRefused(app, "CREATE TABLE SIDE_NOTES (ID INT)");
            assertRefused(app, "DROP TRIGGER TR_AUDIT_EVENT_APPEND_ONLY ON AUDIT_EVENT");
            assertNull(app.dsl().select(AUDIT_EVENT.REASON).from(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.eq("LOGIN")).fetchSingle(AUDIT_EVENT.REASON),
                    "the event is unchanged");
            events = app.dsl().fetchCount(AUDIT_EVENT);
        }
        try (Database owner = Database.open(server.location(name, TestPostgres.OWNER))) {
            DataAccessException e = assertThrows(DataAccessException.class, () -> owner.dsl().execute("DELETE FROM AUDIT_EVENT"));
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
            assertEquals(events, owner.dsl().fetchCount(AUDIT_EVENT), "even the owner cannot remove an audit event while the trigger stands");
        }
    }

    @Test
    void theApplicationRoleDoesNotMigrateItTellsWhoMust() {
        TestPostgres server = TestPostgres.server();
        String name = server.teamDatabase();
        UserFacingException e = assertThrows(UserFacingException.class, () -> Database.open(server.location(name, TestPostgres.APP)));
        assertTrue(e.getMessage().contains("owner's login") && e.getMessage().contains(TestPostgres.APP), e.getMessage());
        try (Database owner = Database.open(server.location(name, TestPostgres.OWNER))) {
            assertEquals(TestDatabases.latestMigration("postgresql"), owner.schemaVersion(), "nothing was half-done by the refused open");
        }
    }

    private static void assertRefused(Database db, String sql) {
        DataAccessException e = assertThrows(DataAccessException.class, () -> db.dsl().execute(sql), sql);
        assertTrue(e.getMessage().contains("permission denied") || e.getMessage().contains("must be owner")
                || e.getMessage().contains("append-only"), sql + ": " + e.getMessage());
    }
}
