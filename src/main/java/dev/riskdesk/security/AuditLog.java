package dev.riskdesk.security;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;

import dev.riskdesk.db.BulkInsert;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Writes audit events. Callers pass the DSLContext of their own transaction, so the event
 * commits or rolls back together with the change it describes.
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
        LocalDateTime now = LocalDateTime.now(clock);
        Long operatorId = Session.actorId(actor);
        String operatorName = actor == null ? "anonymous" : actor.username();
        BulkInsert<?> rows = BulkInsert.into(AUDIT_EVENT, AUDIT_EVENT.OCCURRED_AT, AUDIT_EVENT.OPERATOR_ID, AUDIT_EVENT.OPERATOR_NAME,
                AUDIT_EVENT.ACTION, AUDIT_EVENT.ENTITY_TYPE, AUDIT_EVENT.ENTITY_ID, AUDIT_EVENT.REASON, AUDIT_EVENT.DETAILS);
        for (Event e : events) {
            rows.add(now, operatorId, operatorName, e.action(), e.entityType(), e.entityId() == null ? null : String.valueOf(e.entityId()),
                    e.reason(), e.details());
        }
        rows.execute(tx);
    }
}
