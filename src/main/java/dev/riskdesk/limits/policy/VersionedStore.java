package dev.riskdesk.limits.policy;

import dev.riskdesk.limits.VersionStatus;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.LocalDateTime;
import org.jooq.DSLContext;
import org.jooq.TableField;
import org.jooq.UpdatableRecord;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;
import org.jooq.impl.DSL;

/**
 * A table of numbered versions with at most one ACTIVE row (LIMIT_POLICY, RULE_SET): reads the active
 * version and stores the next one, retiring the one before. Every version keeps who made it and when.
 */
public final class VersionedStore<R extends UpdatableRecord<R>> {
    /** The columns every versioned table has. */
    public record Columns<R extends UpdatableRecord<R>>(TableField<R, Long> id, TableField<R, Integer> versionNo, TableField<R, VersionStatus> status,
            TableField<R, Long> createdBy, TableField<R, LocalDateTime> createdAt, TableField<R, LocalDateTime> activatedAt) {
    }

    /** A version just stored: its row id and number. */
    public record Stored(long id, int versionNo) {
    }

    private final Columns<R> columns;
    private final Clock clock;

    public VersionedStore(Columns<R> columns, Clock clock) {
        this.columns = columns;
        this.clock = clock;
    }

    /**
     * Whether {@code e} is the unique version number refusing a second store of the same version: two
     * first-ever starts (two processes, or two runs in the console) that both found no active version
     * and stored the defaults at the same moment. The loser then reads the winner's row instead.
     */
    public static boolean storedByAnotherMeanwhile(DataAccessException e) {
        return e.sqlStateClass() == SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION;
    }

    /** The active version's row, or null before the first version is stored. */
    public R active(DSLContext tx) {
        return tx.selectFrom(columns.id().getTable()).where(columns.status().eq(VersionStatus.ACTIVE)).orderBy(columns.versionNo().desc()).limit(1).fetchOne();
    }

    /**
     * Retires the active version and stores the next one as ACTIVE, with {@code content} in its content column;
     * {@code session} null (or the system) when no operator made it.
     */
    public Stored storeNext(DSLContext tx, Session session, TableField<R, String> contentColumn, String content) {
        LocalDateTime now = LocalDateTime.now(clock);
        Integer max = tx.select(DSL.max(columns.versionNo())).from(columns.id().getTable()).fetchOne(0, Integer.class);
        int version = max == null ? 1 : max + 1;
        tx.update(columns.id().getTable()).set(columns.status(), VersionStatus.RETIRED).where(columns.status().eq(VersionStatus.ACTIVE)).execute();
        long id = tx.insertInto(columns.id().getTable())
                .set(columns.versionNo(), version)
                .set(columns.status(), VersionStatus.ACTIVE)
                .set(contentColumn, content)
                .set(columns.createdBy(), Session.actorId(session))
                .set(columns.createdAt(), now)
                .set(columns.activatedAt(), now)
                .returning(columns.id()).fetchOne().get(columns.id());
        return new Stored(id, version);
    }
}
