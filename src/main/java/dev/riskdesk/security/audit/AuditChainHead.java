package dev.riskdesk.security.audit;

import static dev.riskdesk.db.schema.Tables.AUDIT_CHAIN_HEAD;

import org.jooq.DSLContext;

/**
 * The one row AUDIT_CHAIN_HEAD: the sequence and hash of the last event in the audit chain. A writer
 * {@link #lock}s it inside its transaction (SELECT ... FOR UPDATE, on H2 and PostgreSQL alike), numbers and
 * hashes its events after it, and {@link #advance}s it before it commits; a second writer waits for that
 * commit and then chains onto the new head.
 */
public final class AuditChainHead {
    private static final int ROW = 1;

    private AuditChainHead() {
    }

    /** A place in the chain: an event's sequence and hash (sequence 0 and {@link AuditHash#GENESIS} before the first). */
    public record Link(long seq, String hash) {
    }

    /** The head, locked until {@code tx} ends. */
    public static Link lock(DSLContext tx) {
        return tx.select(AUDIT_CHAIN_HEAD.LAST_SEQ, AUDIT_CHAIN_HEAD.LAST_HASH).from(AUDIT_CHAIN_HEAD)
                .where(AUDIT_CHAIN_HEAD.ID.eq(ROW)).forUpdate()
                .fetchSingle(r -> new Link(r.value1(), r.value2()));
    }

    /** The head as last committed, without locking it. */
    public static Link read(DSLContext dsl) {
        return dsl.select(AUDIT_CHAIN_HEAD.LAST_SEQ, AUDIT_CHAIN_HEAD.LAST_HASH).from(AUDIT_CHAIN_HEAD)
                .where(AUDIT_CHAIN_HEAD.ID.eq(ROW))
                .fetchSingle(r -> new Link(r.value1(), r.value2()));
    }

    /** Moves the head to {@code last}; only after {@link #lock} in the same transaction. */
    public static void advance(DSLContext tx, Link last) {
        tx.update(AUDIT_CHAIN_HEAD).set(AUDIT_CHAIN_HEAD.LAST_SEQ, last.seq()).set(AUDIT_CHAIN_HEAD.LAST_HASH, last.hash())
                .where(AUDIT_CHAIN_HEAD.ID.eq(ROW)).execute();
    }
}
