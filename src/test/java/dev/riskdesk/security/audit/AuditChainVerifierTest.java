package dev.riskdesk.security.audit;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.security.AccessDeniedException;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestSessions;
import dev.riskdesk.security.audit.AuditChainState.Problem;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit chain on real H2: rows changed, removed and inserted with plain SQL are named by the verifier. */
@Tag("db")
class AuditChainVerifierTest {
    @TempDir
    Path dir;
    Database db;
    AuditLog audit = new AuditLog(Clock.systemUTC());
    AuditChainVerifier verifier;
    Session risk = TestSessions.of(0, "risk", "", Role.RISK_OPERATOR, EnumSet.noneOf(Permission.class));
    /** The ids of the events {@link #open} wrote, in order. */
    List<Long> ids;

    int seeded;

    @BeforeEach
    void open() {
        db = TestDatabases.fresh(dir);
        verifier = new AuditChainVerifier(db);
        seeded = db.dsl().fetchCount(AUDIT_EVENT); // the new database's policy and rule set seeds come first in the chain
        long lastSeed = seeded == 0 ? 0 : db.dsl().select(AUDIT_EVENT.ID.max()).from(AUDIT_EVENT).fetchSingle().value1();
        // ten events in four transactions, one of them a multi-row batch; texts with Chinese, quotes and NULLs
        db.transaction(tx -> audit.record(tx, risk, "LOGIN", "OPERATOR", 2, null, null));
        db.transaction(tx -> audit.record(tx, risk, "LIMIT_OVERRIDE", "ACCOUNT", 77, "收入已核实 \"income\"", "20000 -> 15000"));
        db.transaction(tx -> audit.recordAll(tx, risk, List.of(
                new AuditLog.Event("PROPOSAL_SUPERSEDED", "LIMIT_PROPOSAL", 1, "re-evaluated", null),
                new AuditLog.Event("PROPOSAL_SUPERSEDED", "LIMIT_PROPOSAL", 2, "re-evaluated", null),
                new AuditLog.Event("PROPOSAL_SUPERSEDED", "LIMIT_PROPOSAL", 3, "re-evaluated", ""),
                new AuditLog.Event("LIMIT_DECREASE", "ACCOUNT", 4, null, "auto"),
                new AuditLog.Event("LIMIT_DECREASE", "ACCOUNT", 5, null, "auto"))));
        db.transaction(tx -> {
            audit.record(tx, risk, "PII_REVEALED", "CUSTOMER", 9, "customer called in", "PHONE");
            audit.record(tx, risk, "LOGOUT", "OPERATOR", 2, null, null);
            audit.record(tx, null, "LOGIN_FAILED", "OPERATOR", null, null, "ghost");
        });
        ids = db.dsl().select(AUDIT_EVENT.ID).from(AUDIT_EVENT).where(AUDIT_EVENT.ID.gt(lastSeed)).orderBy(AUDIT_EVENT.ID).fetch(AUDIT_EVENT.ID);
    }

    @AfterEach
    void close() {
        db.close();
    }

    AuditChainState verify() {
        return verifier.verify(Progress.NONE);
    }

    void sql(String statement, Object... bindings) {
        db.dsl().execute(statement, bindings);
    }

    @Test
    void anUntouchedChainIsIntactAndEndsInTheHead() {
        AuditChainState state = verify();
        assertTrue(state.intact(), String.valueOf(state.broken()));
        assertEquals(seeded + 10, state.events());
        assertEquals(AuditChainHead.read(db.dsl()), state.last());
        assertEquals(java.util.stream.LongStream.rangeClosed(1, seeded + 10).boxed().toList(),
                db.dsl().select(AUDIT_EVENT.CHAIN_SEQ).from(AUDIT_EVENT).orderBy(AUDIT_EVENT.ID).fetch(AUDIT_EVENT.CHAIN_SEQ));
    }

    @Test
    void aReasonChangedWithSqlIsNamed() {
        sql("UPDATE AUDIT_EVENT SET REASON = 'typo fixed' WHERE ID = ?", ids.get(1));
        AuditChainState state = verify();
        assertEquals(new AuditChainState.Break(ids.get(1), Problem.CHANGED, 0), state.broken());
        assertEquals(seeded + 1, state.events(), "the events before it are intact");
    }

    @Test
    void aChangedTimeOrOperatorIsNamedToo() {
        sql("UPDATE AUDIT_EVENT SET OCCURRED_AT = DATEADD('SECOND', 1, OCCURRED_AT) WHERE ID = ?", ids.get(6));
        assertEquals(new AuditChainState.Break(ids.get(6), Problem.CHANGED, 0), verify().broken());
        sql("UPDATE AUDIT_EVENT SET OCCURRED_AT = DATEADD('SECOND', -1, OCCURRED_AT) WHERE ID = ?", ids.get(6));
        assertTrue(verify().intact(), "changed back");
        sql("UPDATE AUDIT_EVENT SET OPERATOR_NAME = 'agent' WHERE ID = ?", ids.get(3));
        assertEquals(new AuditChainState.Break(ids.get(3), Problem.CHANGED, 0), verify().broken());
    }

    @Test
    void aDeletedRowIsNamedByTheEventAfterIt() {
        sql("DELETE FROM AUDIT_EVENT WHERE ID IN (?, ?)", ids.get(4), ids.get(5));
        assertEquals(new AuditChainState.Break(ids.get(6), Problem.MISSING_BEFORE, 2), verify().broken());
    }

    @Test
    void deletedLastRowsAreNamedByTheEventBeforeThem() {
        sql("DELETE FROM AUDIT_EVENT WHERE ID >= ?", ids.get(8));
        AuditChainState state = verify();
        assertEquals(new AuditChainState.Break(ids.get(7), Problem.MISSING_AFTER, 2), state.broken());
        assertEquals(seeded + 8, state.events());
        sql("DELETE FROM AUDIT_EVENT");
        assertEquals(new AuditChainState.Break(null, Problem.MISSING_AFTER, seeded + 10), verify().broken());
    }

    @Test
    void aRowInsertedWithSqlIsNamed() {
        sql("INSERT INTO AUDIT_EVENT (OCCURRED_AT, OPERATOR_NAME, ACTION, ENTITY_TYPE, ENTITY_ID, REASON) "
                + "VALUES (CURRENT_TIMESTAMP, 'manager', 'LIMIT_OVERRIDE', 'ACCOUNT', '77', 'approved by phone')");
        long forged = db.dsl().select(AUDIT_EVENT.ID.max()).from(AUDIT_EVENT).fetchSingle().value1();
        db.transaction(tx -> audit.record(tx, risk, "LOGIN", "OPERATOR", 2, null, null));
        assertEquals(new AuditChainState.Break(forged, Problem.INSERTED, 0), verify().broken());
    }

    @Test
    void aForgedRowWithAValidHashPastTheHeadIsNamed() {
        // someone who knows the hash appends an event linked to the last one, but cannot (or does not) move the head
        AuditChainHead.Link head = AuditChainHead.read(db.dsl());
        AuditHash.Content content = new AuditHash.Content(AuditHash.storedTime(java.time.LocalDateTime.now()), null, "manager",
                "LIMIT_OVERRIDE", "ACCOUNT", "77", "approved by phone", null);
        String hash = new AuditHash().of(head.seq() + 1, content, head.hash());
        sql("INSERT INTO AUDIT_EVENT (OCCURRED_AT, OPERATOR_NAME, ACTION, ENTITY_TYPE, ENTITY_ID, REASON, CHAIN_SEQ, PREV_HASH, HASH) "
                + "VALUES (?, 'manager', 'LIMIT_OVERRIDE', 'ACCOUNT', '77', 'approved by phone', ?, ?, ?)",
                content.occurredAt(), head.seq() + 1, head.hash(), hash);
        long forged = db.dsl().select(AUDIT_EVENT.ID.max()).from(AUDIT_EVENT).fetchSingle().value1();
        assertEquals(new AuditChainState.Break(forged, Problem.INSERTED, 0), verify().broken());
    }

    @Test
    void aRowCopiedIntoTheMiddleIsNamed() {
        // a copy of event 3 given a free id between events 5 and 6 and a free sequence: its hash covers its place, so it does not fit
        sql("UPDATE AUDIT_EVENT SET ID = ID + 100 WHERE ID > ?", ids.get(4));
        sql("INSERT INTO AUDIT_EVENT (ID, OCCURRED_AT, OPERATOR_NAME, ACTION, ENTITY_TYPE, ENTITY_ID, REASON, DETAILS, CHAIN_SEQ, PREV_HASH, HASH) "
                + "SELECT ?, OCCURRED_AT, OPERATOR_NAME, ACTION, ENTITY_TYPE, ENTITY_ID, REASON, DETAILS, 1000, PREV_HASH, HASH "
                + "FROM AUDIT_EVENT WHERE ID = ?", ids.get(4) + 1, ids.get(2));
        AuditChainState.Break broken = verify().broken();
        assertEquals(ids.get(4) + 1, broken.eventId());
        assertEquals(Problem.INSERTED, broken.problem());
    }

    @Test
    void aTailRewrittenWithRecomputedHashesDiffersFromTheHead() {
        rewriteFrom(ids.get(7), "typo fixed");
        AuditChainState state = verify();
        assertEquals(new AuditChainState.Break(ids.get(9), Problem.NOT_HEAD, 0), state.broken());
    }

    @Test
    void aRewriteThatAlsoMovesTheHeadPassesButChangesTheHeadHash() {
        // the limit of the chain: whoever can rewrite the table and its head is caught only by a head hash written down before
        String before = verify().last().hash();
        AuditChainHead.Link rewritten = rewriteFrom(ids.get(7), "typo fixed");
        db.transaction(tx -> {
            AuditChainHead.lock(tx);
            AuditChainHead.advance(tx, rewritten);
        });
        AuditChainState state = verify();
        assertTrue(state.intact());
        assertNotEquals(before, state.last().hash());
    }

    @Test
    void aRolledBackTransactionLeavesNoGap() {
        assertThrows(IllegalStateException.class, () -> db.transaction(tx -> {
            audit.record(tx, risk, "LOGIN", "OPERATOR", 2, null, null);
            throw new IllegalStateException("the change failed");
        }));
        db.transaction(tx -> audit.record(tx, risk, "LOGIN", "OPERATOR", 2, null, null));
        AuditChainState state = verify();
        assertTrue(state.intact(), String.valueOf(state.broken()));
        assertEquals(seeded + 11, state.last().seq());
    }

    @Test
    void aLogLongerThanAPageIsWalkedWhole() {
        List<AuditLog.Event> many = new ArrayList<>();
        for (int i = 0; i < AuditChainVerifier.PAGE * 2 + 17; i++) {
            many.add(new AuditLog.Event("RULE_HIT", "ACCOUNT", i, null, "event " + i));
        }
        db.transaction(tx -> audit.recordAll(tx, risk, many));
        assertEquals(seeded + 10 + many.size(), verify().events());
        sql("UPDATE AUDIT_EVENT SET DETAILS = 'event x' WHERE CHAIN_SEQ = ?", seeded + 10 + AuditChainVerifier.PAGE + 5);
        AuditChainState state = verify();
        assertEquals(Problem.CHANGED, state.broken().problem());
        assertEquals(seeded + 10 + AuditChainVerifier.PAGE + 4, state.events());
    }

    @Test
    void theConsoleNeedsAuditView() {
        Session agent = TestSessions.of(1, "agent", "", Role.AGENT, EnumSet.of(Permission.CUSTOMER_VIEW));
        assertThrows(AccessDeniedException.class, () -> verifier.verify(agent, Progress.NONE));
        Session manager = TestSessions.of(3, "manager", "", Role.MANAGER, EnumSet.of(Permission.AUDIT_VIEW));
        assertNull(verifier.verify(manager, Progress.NONE).broken());
    }

    /** Changes the reason of event {@code fromId} and recomputes the hashes from it to the end, as a forger who knows the hash would. */
    AuditChainHead.Link rewriteFrom(long fromId, String reason) {
        sql("UPDATE AUDIT_EVENT SET REASON = ? WHERE ID = ?", reason, fromId);
        AuditHash hash = new AuditHash();
        AuditChainHead.Link[] last = {null};
        db.dsl().selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.ID.ge(fromId)).orderBy(AUDIT_EVENT.ID).fetch().forEach(e -> {
            String prev = last[0] == null ? e.getPrevHash() : last[0].hash();
            String next = hash.of(e.getChainSeq(), new AuditHash.Content(e.getOccurredAt(), e.getOperatorId(), e.getOperatorName(),
                    e.getAction(), e.getEntityType(), e.getEntityId(), e.getReason(), e.getDetails()), prev);
            sql("UPDATE AUDIT_EVENT SET PREV_HASH = ?, HASH = ? WHERE ID = ?", prev, next, e.getId());
            last[0] = new AuditChainHead.Link(e.getChainSeq(), next);
        });
        return last[0];
    }
}
