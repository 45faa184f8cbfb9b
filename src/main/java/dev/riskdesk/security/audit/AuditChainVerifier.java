package dev.riskdesk.security.audit;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;

import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.audit.AuditChainState.Break;
import dev.riskdesk.security.audit.AuditChainState.Problem;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Walks the audit chain in id order, {@value #PAGE} events a page (constant memory for any length), and
 * recomputes every hash. The chain is intact when each event's content gives its hash, each event follows
 * the one before it (sequence one higher, previous hash equal to that event's hash) and the last event is
 * the head that was read at the start or a later one. Reads only; events committed while it walks are
 * walked too. Legitimate writers lock the head before they insert, so their ids ascend in chain order.
 *
 * <p>An event whose personal values were erased ({@link AuditErasure}) is hashed from the reason and details
 * digests it kept, so everything else about it is still checked; it must name a later event of the chain with
 * the action {@link AuditErasure#ACTION} that erased it, and it is counted in {@link AuditChainState#erased()}.
 */
public final class AuditChainVerifier {
    static final int PAGE = 1_000;

    private final Database database;

    public AuditChainVerifier(Database database) {
        this.database = database;
    }

    /** For the console: needs {@link Permission#AUDIT_VIEW}. */
    @Requires(Permission.AUDIT_VIEW)
    public AuditChainState verify(Session session, Progress progress) {
        session.require(Permission.AUDIT_VIEW);
        return verify(progress);
    }

    /** For the command line, which reads the file it was pointed at without a login. */
    public AuditChainState verify(Progress progress) {
        DSLContext dsl = database.dsl();
        AuditChainHead.Link start = AuditChainHead.read(dsl);
        Walk walk = new Walk(dsl, start);
        long after = Long.MIN_VALUE;
        int fetched;
        do {
            progress.checkCancelled();
            var page = dsl.select(AUDIT_EVENT.ID, AUDIT_EVENT.OCCURRED_AT, AUDIT_EVENT.OPERATOR_ID, AUDIT_EVENT.OPERATOR_NAME, AUDIT_EVENT.ACTION,
                            AUDIT_EVENT.ENTITY_TYPE, AUDIT_EVENT.ENTITY_ID, AUDIT_EVENT.REASON, AUDIT_EVENT.DETAILS, AUDIT_EVENT.CHAIN_SEQ,
                            AUDIT_EVENT.PREV_HASH, AUDIT_EVENT.HASH, AUDIT_EVENT.ERASED_AT, AUDIT_EVENT.REASON_DIGEST,
                            AUDIT_EVENT.DETAILS_DIGEST, AUDIT_EVENT.ERASED_BY_SEQ)
                    .from(AUDIT_EVENT).where(AUDIT_EVENT.ID.gt(after)).orderBy(AUDIT_EVENT.ID).limit(PAGE).fetch();
            fetched = page.size();
            for (var r : page) {
                after = r.value1();
                AuditHash.Content content = new AuditHash.Content(r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), r.value9());
                Erased erased = r.value13() == null ? null : new Erased(r.value14(), r.value15(), r.value16());
                Break broken = walk.next(r.value1(), content, erased, r.value10(), r.value11(), r.value12());
                if (broken != null) {
                    return walk.state(broken);
                }
            }
            progress.update("audit chain", walk.events, Math.max(walk.head.seq(), walk.events));
        } while (fetched == PAGE);
        return walk.state(walk.end());
    }

    /** What an erased event kept: the digests of its reason and details, and the sequence of the event that erased it. */
    private record Erased(String reasonDigest, String detailsDigest, Long bySeq) {
    }

    /** The walk's state between events. */
    private static final class Walk {
        private final DSLContext dsl;
        private final AuditChainHead.Link start;
        private final AuditHash hash = new AuditHash();
        /** The head as last read: re-read when an event lies past it (a writer committed while the walk ran). */
        private AuditChainHead.Link head;
        private AuditChainHead.Link last = new AuditChainHead.Link(0, AuditHash.GENESIS);
        private Long lastId;
        private long events;
        private long erased;
        /** The actions of erasure events looked up by sequence (erasures name few events, often the same). */
        private final Map<Long, String> erasureActions = new HashMap<>();

        Walk(DSLContext dsl, AuditChainHead.Link start) {
            this.dsl = dsl;
            this.start = start;
            this.head = start;
        }

        /** Checks one event; null when it continues the chain. */
        Break next(long id, AuditHash.Content content, Erased erasure, Long seq, String prevHash, String storedHash) {
            if (seq == null || prevHash == null || storedHash == null) {
                return new Break(id, Problem.INSERTED, 0);
            }
            if (seq > head.seq()) {
                head = AuditChainHead.read(dsl);
                if (seq > head.seq()) {
                    return new Break(id, Problem.INSERTED, 0);
                }
            }
            String computed = erasure == null ? hash.of(seq, content, prevHash)
                    : hash.ofDigests(seq, content, erasure.reasonDigest(), erasure.detailsDigest(), prevHash);
            if (!computed.equals(storedHash)) {
                return new Break(id, Problem.CHANGED, 0);
            }
            if (erasure != null && !recordedErasure(seq, erasure.bySeq())) {
                return new Break(id, Problem.ERASED_UNRECORDED, 0);
            }
            long expected = last.seq() + 1;
            if (seq > expected) {
                return new Break(id, Problem.MISSING_BEFORE, seq - expected);
            }
            if (seq < expected || !prevHash.equals(last.hash())) {
                return new Break(id, Problem.INSERTED, 0);
            }
            if (seq == start.seq() && !storedHash.equals(start.hash())) {
                return new Break(id, Problem.NOT_HEAD, 0);
            }
            last = new AuditChainHead.Link(seq, storedHash);
            lastId = id;
            events++;
            if (erasure != null) {
                erased++;
            }
            return null;
        }

        /** True when the erasure event {@code bySeq} lies after {@code seq} in the chain and is an erasure (it is itself verified when reached). */
        private boolean recordedErasure(long seq, Long bySeq) {
            if (bySeq == null || bySeq <= seq) {
                return false;
            }
            String action = erasureActions.computeIfAbsent(bySeq, s -> dsl.select(AUDIT_EVENT.ACTION).from(AUDIT_EVENT)
                    .where(AUDIT_EVENT.CHAIN_SEQ.eq(s)).fetchOne(AUDIT_EVENT.ACTION));
            return AuditErasure.ACTION.equals(action);
        }

        /** After the last event: the chain must reach the head read at the start. */
        Break end() {
            return last.seq() < start.seq() ? new Break(lastId, Problem.MISSING_AFTER, start.seq() - last.seq()) : null;
        }

        AuditChainState state(Break broken) {
            return new AuditChainState(events, last, broken, erased);
        }
    }
}
