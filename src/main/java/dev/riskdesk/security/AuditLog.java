package dev.riskdesk.security;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;

import dev.riskdesk.db.BulkInsert;
import dev.riskdesk.security.audit.AuditChainHead;
import dev.riskdesk.security.audit.AuditHash;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Writes audit events. Callers pass the DSLContext of their own transaction, so the event
 * commits or rolls back together with the change it describes. Every event joins the hash chain
 * (see {@link AuditHash}): the writer locks the chain's head for the rest of its transaction, so
 * the audited transactions of all processes chain one after the other.
 */
public final class AuditLog {
    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    public void record(DSLContext tx, Session actor, String action, String entityType, Object entityId, String reason, String details) {
        recordAll(tx, actor, List.of(new Event(action, entityType, entityId, reason, details)));
    }

    /** One audit event of {@link #recordAll}. */
    public record Event(String action, String entityType, Object entityId, String reason, String details) {
    }

    /** Writes many events of one actor with multi-row inserts (a batch writes one event per state change, like {@link #record}). */
    public void recordAll(DSLContext tx, Session actor, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        LocalDateTime now = AuditHash.storedTime(LocalDateTime.now(clock));
        Long operatorId = Session.actorId(actor);
        String operatorName = actor == null ? "anonymous" : actor.username();
        BulkInsert<?> rows = BulkInsert.into(AUDIT_EVENT, AUDIT_EVENT.OCCURRED_AT, AUDIT_EVENT.OPERATOR_ID, AUDIT_EVENT.OPERATOR_NAME,
                AUDIT_EVENT.ACTION, AUDIT_EVENT.ENTITY_TYPE, AUDIT_EVENT.ENTITY_ID, AUDIT_EVENT.REASON, AUDIT_EVENT.DETAILS,
                AUDIT_EVENT.CHAIN_SEQ, AUDIT_EVENT.PREV_HASH, AUDIT_EVENT.HASH);
        AuditHash hash = new AuditHash();
        AuditChainHead.Link last = AuditChainHead.lock(tx);
        for (Event e : events) {
            String entityId = e.entityId() == null ? null : String.valueOf(e.entityId());
            long seq = last.seq() + 1;
            String next = hash.of(seq, new AuditHash.Content(now, operatorId, operatorName, e.action(), e.entityType(), entityId,
                    e.reason(), e.details()), last.hash());
            rows.add(now, operatorId, operatorName, e.action(), e.entityType(), entityId, e.reason(), e.details(), seq, last.hash(), next);
            last = new AuditChainHead.Link(seq, next);
        }
        rows.execute(tx);
        AuditChainHead.advance(tx, last);
    }
}
