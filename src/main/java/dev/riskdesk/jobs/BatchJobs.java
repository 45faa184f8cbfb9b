package dev.riskdesk.jobs;

import static dev.riskdesk.db.schema.Tables.BATCH_JOB;

import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.BatchJobRecord;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The BATCH_JOB ledger, the one place a long job's lifecycle is written: {@link #start start}
 * a row RUNNING, {@link #advance advance} its LAST_KEY and DONE_ITEMS in the same transaction
 * as each chunk of work (so the row always marks a prefix of the work that is completely
 * written), {@link #resume resume} a job that did not complete after its LAST_KEY, and
 * {@link #finish finish} it COMPLETED, FAILED or CANCELLED. While a run works on a row it holds the
 * row's {@link JobLease}.
 *
 * <p>The methods that take a {@link DSLContext} run in the caller's transaction, so a job row
 * commits with the work it describes; the others run their own.
 */
public final class BatchJobs {
    /** Statuses of a job that stopped before completing (or never got to record that it stopped). */
    public static final List<JobStatus> UNFINISHED = List.of(JobStatus.RUNNING, JobStatus.FAILED, JobStatus.CANCELLED);
    /** BATCH_JOB.MESSAGE holds at most this many characters. */
    static final int MESSAGE_LENGTH = 2000;

    private final Database database;

    public BatchJobs(Database database) {
        this.database = database;
    }

    /** The newest job of this kind matching {@code where}, or null. */
    public BatchJobRecord latest(JobKind kind, Condition where) {
        return database.dsl().selectFrom(BATCH_JOB).where(BATCH_JOB.KIND.eq(kind).and(where))
                .orderBy(BATCH_JOB.ID.desc()).limit(1).fetchOne();
    }

    /** The newest job of this kind with exactly these parameters that did not complete, or null: the one to resume. */
    public BatchJobRecord unfinished(JobKind kind, String parameters) {
        return latest(kind, BATCH_JOB.PARAMETERS.eq(parameters).and(BATCH_JOB.STATUS.in(UNFINISHED)));
    }

    /** The id of the newest COMPLETED job of this kind, or null when none completed. */
    public Long lastCompleted(JobKind kind) {
        return database.dsl().select(DSL.max(BATCH_JOB.ID)).from(BATCH_JOB)
                .where(BATCH_JOB.KIND.eq(kind).and(BATCH_JOB.STATUS.eq(JobStatus.COMPLETED))).fetchOne().value1();
    }

    /**
     * Records a new RUNNING job with nothing done yet, holding its kind's lease when the kind is
     * leased (see {@link JobLease#start}: a lease held by another row fails the insert); returns its id.
     */
    public static long start(DSLContext tx, JobKind kind, String parameters, String startedBy, LocalDateTime now, long totalItems) {
        BatchJobRecord r = tx.newRecord(BATCH_JOB);
        if (kind.leased()) {
            JobLease.Owner me = JobLease.Owner.current();
            LocalDateTime leaseNow = JobLease.now();
            r.setOwnerHost(me.host());
            r.setOwnerPid(me.pid());
            r.setOwnerOperator(startedBy);
            r.setClaimedAt(leaseNow);
            r.setHeartbeat(leaseNow);
            r.setLeaseKind(kind);
        }
        r.setKind(kind);
        r.setStatus(JobStatus.RUNNING);
        r.setParameters(parameters);
        r.setStartedBy(startedBy);
        r.setStartedAt(now);
        r.setTotalItems(totalItems);
        r.setDoneItems(0L);
        r.store();
        return r.getId();
    }

    /** Marks a job that did not complete RUNNING again; {@code message} replaces its message unless null. */
    public void resume(long jobId, String message) {
        database.transaction(tx -> {
            var update = tx.update(BATCH_JOB).set(BATCH_JOB.STATUS, JobStatus.RUNNING);
            (message == null ? update : update.set(BATCH_JOB.MESSAGE, message)).where(BATCH_JOB.ID.eq(jobId)).execute();
        });
    }

    /**
     * Moves the job past {@code lastKey} with {@code items} more done, in the transaction that wrote
     * them, and renews its lease's heartbeat. A run whose lease was taken over (it stalled past
     * {@link JobLease#EXPIRY} on another host) fails here, so the chunk it wrote is rolled back.
     */
    public static void advance(DSLContext tx, long jobId, long lastKey, long items) {
        int moved = tx.update(BATCH_JOB).set(BATCH_JOB.LAST_KEY, lastKey).set(BATCH_JOB.DONE_ITEMS, BATCH_JOB.DONE_ITEMS.plus(items))
                .set(BATCH_JOB.HEARTBEAT, JobLease.now())
                .where(BATCH_JOB.ID.eq(jobId)).and(BATCH_JOB.LEASE_KIND.isNull().or(heldHere())).execute();
        if (moved == 0) {
            throw new IllegalStateException("job " + jobId + " lost its lease to another run");
        }
    }

    /** The row's lease is held by this process. */
    static Condition heldHere() {
        JobLease.Owner me = JobLease.Owner.current();
        return BATCH_JOB.OWNER_HOST.eq(me.host()).and(BATCH_JOB.OWNER_PID.eq(me.pid()));
    }

    /** The lease columns of a row whose lease is free. */
    static Map<Field<?>, Object> released() {
        Map<Field<?>, Object> free = new HashMap<>();
        for (Field<?> f : List.of(BATCH_JOB.LEASE_KIND, BATCH_JOB.OWNER_HOST, BATCH_JOB.OWNER_PID, BATCH_JOB.OWNER_OPERATOR,
                BATCH_JOB.CLAIMED_AT, BATCH_JOB.HEARTBEAT)) {
            free.put(f, null);
        }
        return free;
    }

    /** Records how the job ended, in its own transaction. */
    public void finish(long jobId, JobStatus status, LocalDateTime now, String message) {
        database.transaction(tx -> finish(tx, jobId, status, now, message));
    }

    /**
     * Records how the job ended and releases its lease, in the caller's transaction; the message is
     * cut to what the column holds. A run whose lease another run took over leaves the row to it.
     */
    public static void finish(DSLContext tx, long jobId, JobStatus status, LocalDateTime now, String message) {
        tx.update(BATCH_JOB).set(released()).set(BATCH_JOB.STATUS, status).set(BATCH_JOB.FINISHED_AT, now)
                .set(BATCH_JOB.MESSAGE, message == null ? null : message.substring(0, Math.min(MESSAGE_LENGTH, message.length())))
                .where(BATCH_JOB.ID.eq(jobId)).and(BATCH_JOB.LEASE_KIND.isNull().or(heldHere())).execute();
    }

    /** Removes the job's row, as when its work was undone. */
    public static void delete(DSLContext dsl, long jobId) {
        dsl.deleteFrom(BATCH_JOB).where(BATCH_JOB.ID.eq(jobId)).execute();
    }

    /** Removes every job row of this kind, as when all their work was undone. */
    public static void deleteAll(DSLContext dsl, JobKind kind) {
        dsl.deleteFrom(BATCH_JOB).where(BATCH_JOB.KIND.eq(kind)).execute();
    }
}
