package dev.riskdesk.app.cli;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestSessions;
import dev.riskdesk.security.audit.AuditChainHead;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code riskdesk audit verify} on a real database: exit 0 with the count and head hash, exit 1 naming the changed event. */
@Tag("db")
class AuditCommandTest {
    @TempDir
    Path dir;

    String[] run(String... args) {
        return CliRuns.run(dir.resolve("riskdesk"), args);
    }

    @Test
    void verifyReportsAnIntactChainWithItsHeadAndTheFirstBrokenEvent() {
        long events;
        long second;
        AuditChainHead.Link head;
        try (Database db = Database.open(DatabaseLocation.ofPath(dir.resolve("riskdesk")))) {
            AuditLog audit = new AuditLog(Clock.systemUTC());
            Session risk = TestSessions.of(0, "risk", "", Role.RISK_OPERATOR, EnumSet.noneOf(Permission.class));
            for (int i = 0; i < 3; i++) {
                int account = i;
                db.transaction(tx -> audit.record(tx, risk, "LIMIT_OVERRIDE", "ACCOUNT", account, "income verified", null));
            }
            events = db.dsl().fetchCount(AUDIT_EVENT);
            second = db.dsl().select(AUDIT_EVENT.ID).from(AUDIT_EVENT).orderBy(AUDIT_EVENT.ID).offset(1).limit(1).fetchSingle().value1();
            head = AuditChainHead.read(db.dsl());
        }
        String[] intact = run("audit", "verify");
        assertEquals("0", intact[0], intact[2]);
        assertTrue(intact[1].startsWith(events + " events, chain intact"), intact[1]);
        assertTrue(intact[1].contains("Head: event " + head.seq() + ", hash " + head.hash()), intact[1]);

        try (Database db = Database.open(DatabaseLocation.ofPath(dir.resolve("riskdesk")))) {
            db.dsl().execute("UPDATE AUDIT_EVENT SET REASON = 'no reason' WHERE ID = ?", second);
        }
        String[] broken = run("audit", "verify");
        assertEquals("1", broken[0], broken[1]);
        assertEquals("riskdesk: Audit chain broken at event " + second + ": changed, its content no longer matches its hash"
                + " (1 event before it intact).", broken[2].strip());
        assertTrue(!broken[1].contains("intact"), broken[1]);

        String[] usage = run("audit");
        assertEquals("2", usage[0]);
        assertTrue(usage[2].contains("verify"), usage[2]);
    }
}
