package dev.riskdesk.jobs;

import static dev.riskdesk.db.schema.Tables.BATCH_JOB;

import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.BatchJobRecord;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a job kind at a time. The run working on a BATCH_JOB row holds that row's lease: its
 * owner (host, process, operator), when it claimed it and its heartbeat. At most one row of each
 * leased kind holds a lease (the unique LEASE_KIND column), so of two runs that claim at once exactly
 * one wins; the other is refused with a sentence naming the run that holds it.
 *
 * <p>A lease whose holder died is taken over: after {@link #EXPIRY} without a heartbeat, or at
 * once when the holder was a process on this host that no longer lives (a re-run right after a
 * {@code kill -9}). A run renews its heartbeat with each chunk it commits ({@link BatchJobs#advance})
 * and, for work without chunk commits, with {@link #keepAlive}.
 */
public final class JobLease {
    private static final Logger LOG = LoggerFactory.getLogger(JobLease.class);
    /** A heartbeat older than this means the holder is gone. */
    public static final Duration EXPIRY = Duration.ofSeconds(60);
    /** How often {@link #keepAlive} renews the heartbeat: well inside {@link #EXPIRY}. */
    static final Duration RENEW_EVERY = Duration.ofSeconds(15);

    private final Database database;

    public JobLease(Database database) {
        this.database = database;
    }

    /** The process that runs here: its host, its pid. */
    public record Owner(String host, long pid) {
        private static final Owner CURRENT = new Owner(hostName(), ProcessHandle.current().pid());

        public static Owner current() {
            return CURRENT;
        }

        /** True when this owner is a process on this host that has ended. */
        boolean deadHere() {
            return host.equals(CURRENT.host) && pid != CURRENT.pid && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** This machine's name: the kernel's on Linux (no name lookup), else what Java resolves, else "localhost". */
    private static String hostName() {
        try {
            java.nio.file.Path kernel = java.nio.file.Path.of("/proc/sys/kernel/hostname");
            if (java.nio.file.Files.isReadable(kernel)) {
                return java.nio.file.Files.readString(kernel).trim();
            }
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            return "localhost";
        }
    }

    /** Now in UTC, the time of CLAIMED_AT and HEARTBEAT (lease times compare across hosts and zones). */
    public static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    /**
     * Starts a new job: {@code start} inserts its row holding the lease ({@link BatchJobs#start}), in
     * its own transaction. A lease of this kind whose holder died is released first; one that lives
     * refuses the start, as does a run that claimed in the meantime.
     */
    public <T> T start(JobKind kind, Supplier<T> start) {
        releaseIfDead(kind);
        try {
            return start.get();
        } catch (DataAccessException e) {
            throw refusalIfHeld(kind, e);
        }
    }

    /**
     * Claims the lease of an existing job row that did not complete, to resume it; refused when a live
     * run of this kind holds the lease or another run finished the row meanwhile.
     */
    public void claim(JobKind kind, long jobId, String operator) {
        releaseIfDead(kind);
        int claimed;
        try {
            Owner me = Owner.current();
            LocalDateTime now = now();
            claimed = database.dsl().update(BATCH_JOB).set(BATCH_JOB.OWNER_HOST, me.host()).set(BATCH_JOB.OWNER_PID, me.pid())
                    .set(BATCH_JOB.OWNER_OPERATOR, operator).set(BATCH_JOB.CLAIMED_AT, now).set(BATCH_JOB.HEARTBEAT, now)
                    .set(BATCH_JOB.LEASE_KIND, kind)
                    .where(BATCH_JOB.ID.eq(jobId)).and(BATCH_JOB.LEASE_KIND.isNull())
                    .and(BATCH_JOB.STATUS.in(BatchJobs.UNFINISHED)).execute();
        } catch (DataAccessException e) {
            throw refusalIfHeld(kind, e);
        }
        if (claimed == 0) {
            // another run claimed it first, or claimed, finished and released it meanwhile
            String key = "job.endedMeanwhile." + kind.name(); // one sentence per kind in the bundles
            throw refusalIfHeld(kind, UserFacingException.keyed(key, String.format(Locale.ROOT,
                    "%s %d was finished by another run meanwhile; run again to start a new one.", capitalized(kind.label()), jobId), String.valueOf(jobId)));
        }
    }

    /** A heartbeat timer; closing it stops it. */
    public interface Renewal extends AutoCloseable {
        @Override
        void close();
    }

    /** Renews the heartbeat every {@link #RENEW_EVERY} until closed: for a run that commits no chunk for a long time. */
    public Renewal keepAlive(long jobId) {
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-heartbeat-" + jobId);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> renew(jobId), RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    private void renew(long jobId) {
        try {
            database.dsl().update(BATCH_JOB).set(BATCH_JOB.HEARTBEAT, now()).where(BATCH_JOB.ID.eq(jobId)).and(BatchJobs.heldHere()).execute();
        } catch (RuntimeException e) {
            LOG.warn("Could not renew the heartbeat of job {}: {}", jobId, Database.rootMessage(e));
        }
    }

    /** The row holding the lease of this kind, or null when it is free. */
    public BatchJobRecord holder(JobKind kind) {
        return database.dsl().selectFrom(BATCH_JOB).where(BATCH_JOB.LEASE_KIND.eq(kind)).fetchOne();
    }

    /** True when a live run holds the lease of this kind. */
    public boolean held(JobKind kind) {
        BatchJobRecord holder = holder(kind);
        return holder != null && !dead(holder, now());
    }

    /** True when the holder's lease can be taken over: its heartbeat expired, or it was a process on this host that ended. */
    static boolean dead(BatchJobRecord holder, LocalDateTime now) {
        return holder.getHeartbeat() == null || holder.getHeartbeat().plus(EXPIRY).isBefore(now)
                || new Owner(holder.getOwnerHost(), holder.getOwnerPid()).deadHere();
    }

    /** Releases the lease of this kind when its holder died (only if it is still the lease that was found dead); refuses when it lives. */
    private void releaseIfDead(JobKind kind) {
        BatchJobRecord holder = holder(kind);
        if (holder == null) {
            return;
        }
        if (!dead(holder, now())) {
            throw refusal(holder);
        }
        LOG.warn("Taking over the lease of {} job {} from {}:{}, which ended without releasing it", kind, holder.getId(),
                holder.getOwnerHost(), holder.getOwnerPid());
        database.dsl().update(BATCH_JOB).set(BatchJobs.released())
                .where(BATCH_JOB.ID.eq(holder.getId())).and(BATCH_JOB.LEASE_KIND.eq(kind))
                .and(BATCH_JOB.OWNER_HOST.eq(holder.getOwnerHost())).and(BATCH_JOB.OWNER_PID.eq(holder.getOwnerPid()))
                .and(BATCH_JOB.HEARTBEAT.isNotDistinctFrom(holder.getHeartbeat())).execute();
    }

    /** The refusal naming the run that now holds the lease, or {@code failure} itself when no live run holds it. */
    public RuntimeException refusalIfHeld(JobKind kind, RuntimeException failure) {
        BatchJobRecord holder = holder(kind);
        if (holder != null && !dead(holder, now())) {
            return refusal(holder);
        }
        return failure;
    }

    /** "policy run 41 is running since 10:02 on desk-3 (process 4242, operator alice)." */
    static UserFacingException refusal(BatchJobRecord holder) {
        JobKind kind = holder.getKind();
        String since = since(holder.getClaimedAt());
        String operator = holder.getOwnerOperator() == null ? "-" : holder.getOwnerOperator();
        String key = "job.running." + kind.name(); // one sentence per kind in the bundles
        return UserFacingException.keyed(key, String.format(Locale.ROOT,
                "%s %d is running since %s on %s (process %d, operator %s); try again once it has ended.",
                capitalized(kind.label()), holder.getId(), since, holder.getOwnerHost(), holder.getOwnerPid(), operator),
                String.valueOf(holder.getId()), since, holder.getOwnerHost(), String.valueOf(holder.getOwnerPid()), operator);
    }

    private static String capitalized(String label) {
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    /** A UTC claim time as this host's local time: "10:02" today, "2026-12-06 10:02" before. */
    private static String since(LocalDateTime claimedUtc) {
        if (claimedUtc == null) {
            return "?";
        }
        LocalDateTime local = claimedUtc.atOffset(ZoneOffset.UTC).atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
        String pattern = local.toLocalDate().equals(LocalDate.now()) ? "HH:mm" : "yyyy-MM-dd HH:mm";
        return local.format(DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
    }
}
