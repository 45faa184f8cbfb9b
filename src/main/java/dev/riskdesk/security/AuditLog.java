package dev.riskdesk.security;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;

import java.time.Clock;
import java.time.LocalDateTime;
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
        tx.insertInto(AUDIT_EVENT)
                .set(AUDIT_EVENT.OCCURRED_AT, LocalDateTime.now(clock))
                .set(AUDIT_EVENT.OPERATOR_ID, Session.actorId(actor))
                .set(AUDIT_EVENT.OPERATOR_NAME, actor == null ? "anonymous" : actor.username())
                .set(AUDIT_EVENT.ACTION, action)
                .set(AUDIT_EVENT.ENTITY_TYPE, entityType)
                .set(AUDIT_EVENT.ENTITY_ID, entityId == null ? null : String.valueOf(entityId))
                .set(AUDIT_EVENT.REASON, reason)
                .set(AUDIT_EVENT.DETAILS, details)
                .execute();
    }
}
