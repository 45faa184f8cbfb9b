package dev.riskdesk.security.audit;

/**
 * What {@link AuditChainVerifier} found: how many events it walked, how many of them had their personal values
 * erased ({@code erased}: their place and other fields verified, their reason and details only by the digests kept),
 * the last link it reached, and, if the chain is broken, where it first breaks.
 */
public record AuditChainState(long events, AuditChainHead.Link last, Break broken, long erased) {
    public AuditChainState(long events, AuditChainHead.Link last, Break broken) {
        this(events, last, broken, 0);
    }

    public boolean intact() {
        return broken == null;
    }

    /** What is wrong at the first break. */
    public enum Problem {
        /** The event's content (or its place or previous hash) no longer gives its stored hash. */
        CHANGED,
        /** One or more events before this one were removed: its sequence jumps, its previous hash is not the event before it. */
        MISSING_BEFORE,
        /** The event was not written by the audit log: no place in the chain, a place taken twice, or past the head. */
        INSERTED,
        /**
         * The event is marked erased (its texts replaced, their digests kept) but no erasure event later in the chain records
         * it: its texts were changed outside the erasure of personal data.
         */
        ERASED_UNRECORDED,
        /** The chain ends at this event, before the head: the events after it were removed. */
        MISSING_AFTER,
        /** The event sits where the head is but its hash is another: the chain up to it was recomputed. */
        NOT_HEAD
    }

    /**
     * The first break: the event's id (null when no event is left to name, for {@link Problem#MISSING_AFTER} in an
     * emptied log), the problem and how many events are missing (for the MISSING kinds, else 0).
     */
    public record Break(Long eventId, Problem problem, long missing) {
    }
}
