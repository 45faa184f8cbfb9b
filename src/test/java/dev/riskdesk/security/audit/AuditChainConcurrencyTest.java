package dev.riskdesk.security.audit;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.appeals.AppealSla;
import dev.riskdesk.appeals.AppealType;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestSessions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audited service calls from several threads at once chain one after the other: no two onto the same predecessor. */
@Tag("db")
class AuditChainConcurrencyTest {
    static final int THREADS = 4;
    static final int CALLS = 50;

    @TempDir
    Path dir;

    @Test
    void fourThreadsOfAuditedChangesLeaveAnIntactChain() throws Exception {
        try (Database db = TestDatabases.fresh(dir)) {
            long before = db.dsl().fetchCount(AUDIT_EVENT);
            AppealSla sla = new AppealSla(db, new AuditLog(Clock.systemUTC()));
            Session supervisor = TestSessions.of(0, "supervisor", "", Role.MANAGER, EnumSet.of(Permission.APPEAL_ASSIGN));
            AppealType[] types = AppealType.values();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    AppealType type = types[t % types.length];
                    runs.add(pool.submit(() -> {
                        start.await();
                        for (int i = 1; i <= CALLS; i++) {
                            sla.setSlaHours(supervisor, type, i);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> run : runs) {
                    run.get();
                }
            } finally {
                pool.shutdownNow();
            }
            AuditChainState state = new AuditChainVerifier(db).verify(Progress.NONE);
            assertTrue(state.intact(), String.valueOf(state.broken()));
            assertEquals(before + THREADS * CALLS, state.events());
            assertEquals(THREADS * CALLS, db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("APPEAL_SLA_CHANGED")));
        }
    }

    /**
     * A batch chunk audits early and goes on writing for seconds with the chain's head locked; an
     * operator's audited change meanwhile waits for it instead of failing with a lock timeout.
     */
    @Test
    void anAuditedChangeWaitsForALongBatchTransactionInsteadOfFailing() throws Exception {
        try (Database db = TestDatabases.fresh(dir)) {
            AuditLog audit = new AuditLog(Clock.systemUTC());
            AppealSla sla = new AppealSla(db, audit);
            Session supervisor = TestSessions.of(0, "supervisor", "", Role.MANAGER, EnumSet.of(Permission.APPEAL_ASSIGN));
            CountDownLatch headLocked = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> batch = pool.submit(() -> db.transaction(tx -> {
                    audit.record(tx, supervisor, "BATCH_STEP", "JOB", 1, null, null);
                    headLocked.countDown();
                    try {
                        Thread.sleep(3_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                headLocked.await();
                sla.setSlaHours(supervisor, AppealType.values()[0], 12);
                batch.get();
            } finally {
                pool.shutdownNow();
            }
            assertTrue(new AuditChainVerifier(db).verify(Progress.NONE).intact());
        }
    }
}
