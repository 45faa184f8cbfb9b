package dev.riskdesk.limits.policy;

import dev.riskdesk.limits.VersionStatus;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UpdatableRecord;
import org.jooq.impl.DSL;

/**
 * A table of numbered versions with at most one ACTIVE row (LIMIT_POLICY, RULE_SET). Reads never write: the
 * active version is stored when the database is made (seeded from data/) and replaced only by activating an
 * approved version ({@link #activate}). Every version keeps who made, submitted, approved and activated it and when.
 * Transitions are conditional updates on the expected status, so two operators acting on one version at once
 * cannot both succeed.
 */
public final class VersionedStore<R extends UpdatableRecord<R>> {
    /** The columns every versioned table has. */
    public record Columns<R extends UpdatableRecord<R>>(TableField<R, Long> id, TableField<R, Integer> versionNo, TableField<R, VersionStatus> status,
            TableField<R, Long> createdBy, TableField<R, LocalDateTime> createdAt, TableField<R, LocalDateTime> activatedAt,
            TableField<R, Integer> basedOn, TableField<R, String> note, TableField<R, Long> submittedBy, TableField<R, LocalDateTime> submittedAt,
            TableField<R, Long> approvedBy, TableField<R, LocalDateTime> approvedAt, TableField<R, Long> activatedBy,
            TableField<R, LocalDateTime> retiredAt) {
        Table<R> table() {
            return id.getTable();
        }
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

    public Columns<R> columns() {
        return columns;
    }

    /** The active version's row, or null when none is stored. */
    public R active(DSLContext tx) {
        return tx.selectFrom(columns.table()).where(columns.status().eq(VersionStatus.ACTIVE)).orderBy(columns.versionNo().desc()).limit(1).fetchOne();
    }

    /** The version numbered {@code versionNo}, or null. */
    public R version(DSLContext tx, int versionNo) {
        return tx.selectFrom(columns.table()).where(columns.versionNo().eq(versionNo)).fetchOne();
    }

    /** Every version, newest first. */
    public List<R> all(DSLContext tx) {
        return tx.selectFrom(columns.table()).orderBy(columns.versionNo().desc()).fetch();
    }

    /** True when no version at all is stored (a new database, before its seed). */
    public boolean empty(DSLContext tx) {
        return !tx.fetchExists(columns.table());
    }

    /**
     * Stores the next version number with {@code content} in {@code contentColumn}, as {@code status}: DRAFT for a
     * manager's draft (made by {@code session}, from {@code basedOn}), ACTIVE only for the seed of a new database.
     */
    public Stored insert(DSLContext tx, VersionStatus status, Session session, TableField<R, String> contentColumn, String content, Integer basedOn,
            String note) {
        LocalDateTime now = LocalDateTime.now(clock);
        Integer max = tx.select(DSL.max(columns.versionNo())).from(columns.table()).fetchOne(0, Integer.class);
        int version = max == null ? 1 : max + 1;
        long id = tx.insertInto(columns.table())
                .set(columns.versionNo(), version)
                .set(columns.status(), status)
                .set(contentColumn, content)
                .set(columns.createdBy(), Session.actorId(session))
                .set(columns.createdAt(), now)
                .set(columns.activatedAt(), status == VersionStatus.ACTIVE ? now : null)
                .set(columns.basedOn(), basedOn)
                .set(columns.note(), note)
                .returning(columns.id()).fetchOne().get(columns.id());
        return new Stored(id, version);
    }

    /** DRAFT to SUBMITTED by {@code session}; false when the version is no longer a draft. */
    public boolean submit(DSLContext tx, long id, Session session) {
        return tx.update(columns.table()).set(columns.status(), VersionStatus.SUBMITTED).set(columns.submittedBy(), Session.actorId(session))
                .set(columns.submittedAt(), LocalDateTime.now(clock))
                .where(columns.id().eq(id)).and(columns.status().eq(VersionStatus.DRAFT)).execute() == 1;
    }

    /** SUBMITTED to APPROVED by {@code session}; false when the version is no longer submitted. */
    public boolean approve(DSLContext tx, long id, Session session) {
        return tx.update(columns.table()).set(columns.status(), VersionStatus.APPROVED).set(columns.approvedBy(), Session.actorId(session))
                .set(columns.approvedAt(), LocalDateTime.now(clock))
                .where(columns.id().eq(id)).and(columns.status().eq(VersionStatus.SUBMITTED)).execute() == 1;
    }

    /** SUBMITTED back to DRAFT (the approver sent it back to its maker); false when it is no longer submitted. */
    public boolean sendBack(DSLContext tx, long id) {
        return tx.update(columns.table()).set(columns.status(), VersionStatus.DRAFT).setNull(columns.submittedBy()).setNull(columns.submittedAt())
                .where(columns.id().eq(id)).and(columns.status().eq(VersionStatus.SUBMITTED)).execute() == 1;
    }

    /** DRAFT or SUBMITTED to WITHDRAWN; false when it is neither any more. */
    public boolean withdraw(DSLContext tx, long id) {
        return tx.update(columns.table()).set(columns.status(), VersionStatus.WITHDRAWN).set(columns.retiredAt(), LocalDateTime.now(clock))
                .where(columns.id().eq(id)).and(columns.status().in(VersionStatus.DRAFT, VersionStatus.SUBMITTED)).execute() == 1;
    }

    /**
     * APPROVED to ACTIVE by {@code session}, retiring the version active before it (whose id is returned, or null);
     * throws {@link IllegalStateException} when the version is no longer approved, so the transaction rolls back.
     */
    public Long activate(DSLContext tx, long id, Session session) {
        LocalDateTime now = LocalDateTime.now(clock);
        R before = active(tx);
        if (before != null) {
            tx.update(columns.table()).set(columns.status(), VersionStatus.RETIRED).set(columns.retiredAt(), now)
                    .where(columns.id().eq(before.get(columns.id()))).and(columns.status().eq(VersionStatus.ACTIVE)).execute();
        }
        int changed = tx.update(columns.table()).set(columns.status(), VersionStatus.ACTIVE).set(columns.activatedBy(), Session.actorId(session))
                .set(columns.activatedAt(), now)
                .where(columns.id().eq(id)).and(columns.status().eq(VersionStatus.APPROVED)).execute();
        if (changed != 1) {
            throw new IllegalStateException("version " + id + " is no longer approved");
        }
        return before == null ? null : before.get(columns.id());
    }

    /** Replaces a draft's content; false when it is no longer a draft. */
    public boolean editDraft(DSLContext tx, long id, TableField<R, String> contentColumn, String content) {
        return tx.update(columns.table()).set(contentColumn, content)
                .where(columns.id().eq(id)).and(columns.status().eq(VersionStatus.DRAFT)).execute() == 1;
    }
}
