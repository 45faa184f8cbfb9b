package dev.riskdesk.security.audit;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * Erases personal values inside audit events without breaking the chain: the event keeps the digests of its
 * reason and details (what its hash covers since format RDA2, see {@link AuditHash}), its texts are replaced by
 * what the caller's scrubber leaves of them, and it names the erasure event that did it. The erasure event, with
 * the action {@link #ACTION}, is recorded first in the same transaction (the caller's
 * {@code AuditLog.record}); {@link AuditChainVerifier} then accepts the erased event and counts it.
 */
public final class AuditErasure {
    /** The action of the audit event that records an erasure of personal data. */
    public static final String ACTION = "PERSONAL_DATA_ERASED";

    private AuditErasure() {
    }

    /** The chain sequence of the last event recorded in {@code tx}: the erasure event just recorded (the head is locked by it). */
    public static long lastRecorded(DSLContext tx) {
        return AuditChainHead.read(tx).seq();
    }

    /** What is left of an event's text once the personal values in it are erased; the text itself when it holds none. */
    @FunctionalInterface
    public interface Scrub {
        String apply(String action, String text);
    }

    /**
     * Replaces the reason and details of each of {@code eventIds} by what {@code reasonScrub} and {@code detailsScrub}
     * leave of them, where that changes anything. An event erased before keeps the digests of its original texts and its
     * first erasure time. Returns how many events changed.
     */
    public static int erase(DSLContext tx, Collection<Long> eventIds, Scrub reasonScrub, Scrub detailsScrub, long erasureSeq, LocalDateTime now) {
        if (eventIds.isEmpty()) {
            return 0;
        }
        AuditHash hash = new AuditHash();
        int changed = 0;
        for (var e : tx.select(AUDIT_EVENT.ID, AUDIT_EVENT.REASON, AUDIT_EVENT.DETAILS, AUDIT_EVENT.ERASED_AT, AUDIT_EVENT.CHAIN_SEQ, AUDIT_EVENT.ACTION)
                .from(AUDIT_EVENT).where(AUDIT_EVENT.ID.in(eventIds)).fetch()) {
            if (e.value5() != null && e.value5() >= erasureSeq) {
                continue; // the erasure event itself, or one after it
            }
            String reason = e.value2() == null ? null : reasonScrub.apply(e.value6(), e.value2());
            String details = e.value3() == null ? null : detailsScrub.apply(e.value6(), e.value3());
            if (Objects.equals(reason, e.value2()) && Objects.equals(details, e.value3())) {
                continue;
            }
            var update = tx.update(AUDIT_EVENT).set(AUDIT_EVENT.REASON, reason).set(AUDIT_EVENT.DETAILS, details)
                    .set(AUDIT_EVENT.ERASED_BY_SEQ, erasureSeq);
            if (e.value4() == null) {
                update = update.set(AUDIT_EVENT.REASON_DIGEST, hash.digest(e.value2())).set(AUDIT_EVENT.DETAILS_DIGEST, hash.digest(e.value3()))
                        .set(AUDIT_EVENT.ERASED_AT, now);
            }
            update.where(AUDIT_EVENT.ID.eq(e.value1())).execute();
            changed++;
        }
        return changed;
    }
}
