package dev.riskdesk.accounts;

/**
 * A row changed under us (its VERSION moved on). Thrown inside a transaction so it rolls back;
 * the service boundary turns it into a "changed by NAME at TIME, reload" sentence.
 */
public final class ConcurrentChangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String entityType;
    private final long entityId;

    public ConcurrentChangeException(String entityType, long entityId) {
        super(entityType + " " + entityId + " changed concurrently");
        this.entityType = entityType;
        this.entityId = entityId;
    }

    public String entityType() {
        return entityType;
    }

    public long entityId() {
        return entityId;
    }
}
