package dev.riskdesk.jobs;

import static dev.riskdesk.db.schema.Tables.BATCH_JOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.db.schema.tables.records.BatchJobRecord;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class JobLeaseDbTest {
    @TempDir
    Path dir;
    Database db;
    JobLease lease;

    @BeforeEach
    void open() {
        db = TestDatabases.fresh(dir);
        lease = new JobLease(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long start(JobKind kind) {
        return lease.start(kind, () -> db.transactionResult(tx -> BatchJobs.start(tx, kind, "p", "alice", LocalDateTime.now(), 10)));
    }

    /** A RUNNING row of {@code kind} whose lease names that host and process, with that heartbeat. */
    private long heldBy(JobKind kind, String host, long pid, LocalDateTime heartbeat) {
        long id = db.transactionResult(tx -> BatchJobs.start(tx, JobKind.FEATURES, "p", "bob", LocalDateTime.now(), 10));
        db.dsl().update(BATCH_JOB).set(BATCH_JOB.KIND, kind).set(BATCH_JOB.OWNER_HOST, host).set(BATCH_JOB.OWNER_PID, pid)
                .set(BATCH_JOB.OWNER_OPERATOR, "bob").set(BATCH_JOB.CLAIMED_AT, heartbeat).set(BATCH_JOB.HEARTBEAT, heartbeat)
                .set(BATCH_JOB.LEASE_KIND, kind).where(BATCH_JOB.ID.eq(id)).execute();
        return id;
    }

    private BatchJobRecord row(long id) {
        return db.dsl().selectFrom(BATCH_JOB).where(BATCH_JOB.ID.eq(id)).fetchOne();
    }

    @Test
    void ofEightStartsAtOnceExactlyOneHoldsTheLeaseAndTheOthersAreRefusedByName() throws Exception {
        int starters = 8;
        CyclicBarrier together = new CyclicBarrier(starters);
        ExecutorService threads = Executors.newFixedThreadPool(starters);
        List<Future<Long>> results = new ArrayList<>();
        try {
            for (int i = 0; i < starters; i++) {
                Callable<Long> starter = () -> {
                    together.await();
                    return start(JobKind.POLICY_RUN);
                };
                results.add(threads.submit(starter));
            }
            List<Long> won = new ArrayList<>();
            List<String> refusals = new ArrayList<>();
            for (Future<Long> f : results) {
                try {
                    won.add(f.get());
                } catch (ExecutionException e) {
                    refusals.add(((UserFacingException) e.getCause()).getMessage());
                }
            }
            assertEquals(1, won.size(), refusals.toString());
            long winner = won.get(0);
            String host = JobLease.Owner.current().host();
            for (String refusal : refusals) {
                assertTrue(refusal.matches("Policy run " + winner + " is running since \\d\\d:\\d\\d on " + java.util.regex.Pattern.quote(host)
                        + " \\(process \\d+, operator alice\\); try again once it has ended\\."), refusal);
            }
            assertEquals(1, db.dsl().fetchCount(BATCH_JOB, BATCH_JOB.KIND.eq(JobKind.POLICY_RUN)), "the refused starts left no rows");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void finishingReleasesTheLeaseSoTheNextRunStarts() {
        long first = start(JobKind.SCORE);
        assertThrows(UserFacingException.class, () -> start(JobKind.SCORE));
        assertThrows(UserFacingException.class, () -> start(JobKind.SCORE), "a refusal does not release the holder's lease");
        long other = start(JobKind.POLICY_RUN); // kinds do not exclude each other
        new BatchJobs(db).finish(first, JobStatus.COMPLETED, LocalDateTime.now(), "done");
        assertNull(row(first).getLeaseKind());
        long second = start(JobKind.SCORE);
        assertEquals(JobKind.SCORE, row(second).getLeaseKind());
        assertEquals(JobKind.POLICY_RUN, row(other).getLeaseKind());
    }

    @Test
    void aLeaseOnAnotherHostIsTakenOverOnlyAfterItExpired() {
        LocalDateTime now = JobLease.now();
        long job = heldBy(JobKind.POLICY_RUN, "desk-3", 4242, now);
        UserFacingException refused = assertThrows(UserFacingException.class, () -> lease.claim(JobKind.POLICY_RUN, job, "alice"));
        assertTrue(refused.getMessage().startsWith("Policy run " + job + " is running since "), refused.getMessage());
        assertTrue(refused.getMessage().contains(" on desk-3 (process 4242, operator bob)"), refused.getMessage());
        assertEquals("job.running.POLICY_RUN", refused.messageKey());
        assertThrows(UserFacingException.class, () -> start(JobKind.POLICY_RUN), "nor may a new run start beside it");

        db.dsl().update(BATCH_JOB).set(BATCH_JOB.HEARTBEAT, now.minus(JobLease.EXPIRY).minusSeconds(1)).where(BATCH_JOB.ID.eq(job)).execute();
        lease.claim(JobKind.POLICY_RUN, job, "alice");
        BatchJobRecord taken = row(job);
        assertEquals(JobLease.Owner.current().host(), taken.getOwnerHost());
        assertEquals(ProcessHandle.current().pid(), taken.getOwnerPid());
        assertEquals("alice", taken.getOwnerOperator());
    }

    @Test
    void aLeaseOfAProcessOnThisHostThatEndedIsTakenOverAtOnce() throws Exception {
        Process ended = new ProcessBuilder("java", "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ended.waitFor();
        String host = JobLease.Owner.current().host();
        long job = heldBy(JobKind.SCORE, host, ended.pid(), JobLease.now());
        long started = start(JobKind.SCORE);
        assertNull(row(job).getLeaseKind(), "the dead run's lease was released");
        assertEquals(JobKind.SCORE, row(started).getLeaseKind());
    }

    @Test
    void aLeaseOfALiveProcessOnThisHostIsNotTakenOver() {
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        long job = heldBy(JobKind.GENERATE, JobLease.Owner.current().host(), parent, JobLease.now());
        assertThrows(UserFacingException.class, () -> lease.claim(JobKind.GENERATE, job, "alice"));
        assertEquals(parent, row(job).getOwnerPid());
    }

    @Test
    void aRunWhoseLeaseWasTakenOverCannotAdvanceOrFinishTheJob() {
        long job = start(JobKind.POLICY_RUN);
        db.dsl().update(BATCH_JOB).set(BATCH_JOB.OWNER_HOST, "desk-3").where(BATCH_JOB.ID.eq(job)).execute();
        assertThrows(IllegalStateException.class, () -> db.transaction(tx -> BatchJobs.advance(tx, job, 100, 100)));
        new BatchJobs(db).finish(job, JobStatus.FAILED, LocalDateTime.now(), "late");
        BatchJobRecord r = row(job);
        assertEquals(JobStatus.RUNNING, r.getStatus());
        assertNull(r.getLastKey());
        assertEquals("desk-3", r.getOwnerHost());
    }

    @Test
    void everyLeasedKindHasItsSentencesInBothBundles() {
        for (java.util.Locale locale : List.of(java.util.Locale.ENGLISH, java.util.Locale.SIMPLIFIED_CHINESE)) {
            java.util.ResourceBundle bundle = java.util.ResourceBundle.getBundle("i18n.messages", locale);
            for (JobKind kind : JobKind.values()) {
                if (kind.leased()) {
                    for (String key : List.of("error.job.running." + kind.name(), "error.job.endedMeanwhile." + kind.name())) {
                        assertTrue(bundle.containsKey(key), locale + " lacks " + key);
                    }
                }
            }
        }
    }
}
