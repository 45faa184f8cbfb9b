package dev.riskdesk.privacy;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.BATCH_JOB;
import static dev.riskdesk.db.schema.Tables.PERSONAL_DATA_ERASURE;

import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.BatchJobRecord;
import dev.riskdesk.jobs.BatchJobs;
import dev.riskdesk.jobs.JobKind;
import dev.riskdesk.jobs.JobLease;
import dev.riskdesk.jobs.JobStatus;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The retention run ({@code riskdesk privacy retention [--as-of DATE] [--dry-run]}): for every customer whose accounts
 * are all closed (each has a closing date), each kind of personal data whose retention period (active limit policy,
 * {@link LimitPolicy.Retention}) has ended since the last closure is erased, one customer per transaction, unless a
 * {@link LegalHold} applies (the customer is counted as held and looked at again by the next run). One run at a time
 * (a {@link JobLease}); a dry run only counts and writes nothing, not even a job row.
 *
 * <p>A run killed or failed midway leaves its job RUNNING or FAILED with every customer before the kill erased (each
 * customer commits with the job's LAST_KEY): the next run for the same date takes that job over and erases what is
 * still due, so it ends as an uninterrupted run would; a run for another date closes the unfinished job as FAILED.
 */
public final class RetentionRunService {
    private final Database database;
    private final LimitPolicyService policies;
    private final PersonalDataEraser eraser;
    private final AuditLog audit;
    private final JobLease lease;
    private final Clock clock;

    public RetentionRunService(Database database, LimitPolicyService policies, AuditLog audit, Clock clock) {
        this.database = database;
        this.policies = policies;
        this.eraser = new PersonalDataEraser(audit);
        this.audit = audit;
        this.lease = new JobLease(database);
        this.clock = clock;
    }

    /** What a run did or, dry, would do: customers per kind erased, customers held (per hold), the policy version used. */
    public record Report(LocalDate asOf, boolean dryRun, int policyVersion, int customers, Map<DataKind, Integer> erased,
                         Map<LegalHold, Integer> held, Long jobId, boolean resumed) {
    }

    /**
     * Runs retention as of {@code asOf} (today when null). Needs {@link Permission#PRIVACY_RETENTION_RUN}.
     */
    @Requires(Permission.PRIVACY_RETENTION_RUN)
    public Report run(Session session, LocalDate asOf, boolean dryRun, Progress progress) {
        return run(session, asOf, dryRun, progress, 0);
    }

    /** Test seam: {@code failAfterCustomers > 0} throws after that many customers committed, as a crash would. */
    Report run(Session session, LocalDate asOf, boolean dryRun, Progress progress, int failAfterCustomers) {
        session.require(Permission.PRIVACY_RETENTION_RUN);
        LocalDate day = asOf == null ? LocalDate.now(clock) : asOf;
        LimitPolicyService.Version policy = dryRun ? policies.activeOrDefaults() : policies.active();
        LimitPolicy.Retention retention = policy.policy().retentionPeriods();
        Map<Long, Set<DataKind>> due = due(database.dsl(), day, retention);
        Map<DataKind, Integer> erased = new EnumMap<>(DataKind.class);
        Map<LegalHold, Integer> held = new EnumMap<>(LegalHold.class);
        if (dryRun) {
            for (var e : due.entrySet()) {
                Set<LegalHold> holds = LegalHold.of(database.dsl(), e.getKey());
                if (holds.isEmpty()) {
                    e.getValue().forEach(k -> erased.merge(k, 1, Integer::sum));
                } else {
                    holds.forEach(h -> held.merge(h, 1, Integer::sum));
                }
            }
            return new Report(day, true, policy.versionNo(), due.size(), erased, held, null, false);
        }
        Long resumedJob = resumable(session, day, due.size());
        long jobId = resumedJob != null ? resumedJob : start(session, day, policy.versionNo(), due.size());
        long done = 0;
        try {
            for (var e : due.entrySet()) {
                progress.checkCancelled();
                long customerId = e.getKey();
                database.transaction(tx -> {
                    Set<LegalHold> holds = LegalHold.of(tx, customerId);
                    if (holds.isEmpty()) {
                        Set<DataKind> kinds = eraseDue(tx, session, customerId, e.getValue(), retention, policy.versionNo());
                        kinds.forEach(k -> erased.merge(k, 1, Integer::sum));
                    } else {
                        holds.forEach(h -> held.merge(h, 1, Integer::sum));
                    }
                    BatchJobs.advance(tx, jobId, customerId, 1);
                });
                progress.update("retention", ++done, due.size());
                if (failAfterCustomers > 0 && done >= failAfterCustomers) {
                    throw new IllegalStateException("simulated crash after " + done + " customers");
                }
            }
        } catch (RuntimeException failure) {
            BatchJobs.finish(database.dsl(), jobId, failure instanceof dev.riskdesk.common.Progress.CancelledException
                    ? JobStatus.CANCELLED : JobStatus.FAILED, LocalDateTime.now(clock), String.valueOf(failure.getMessage()));
            throw failure;
        }
        String summary = "erased " + erased + "; held " + held;
        database.transaction(tx -> {
            BatchJobs.finish(tx, jobId, JobStatus.COMPLETED, LocalDateTime.now(clock), summary);
            audit.record(tx, session, "RETENTION_RUN_DONE", "BATCH_JOB", jobId, null, summary);
        });
        return new Report(day, false, policy.versionNo(), due.size(), erased, held, jobId, resumedJob != null);
    }

    private static String parameters(LocalDate day, int policyVersion) {
        return "asOf=" + day + "; limit policy version " + policyVersion;
    }

    /** Starts a new run's job under the lease, audited; returns its id. */
    private long start(Session session, LocalDate day, int policyVersion, int due) {
        String parameters = parameters(day, policyVersion);
        LocalDateTime started = LocalDateTime.now(clock);
        return lease.start(JobKind.RETENTION, () -> database.transactionResult(tx -> {
            long id = BatchJobs.start(tx, JobKind.RETENTION, parameters, session.username(), started, due);
            audit.record(tx, session, "RETENTION_RUN_START", "BATCH_JOB", id, null, parameters + "; " + due + " customers due");
            return id;
        }));
    }

    /**
     * The newest retention job when it did not finish (killed: RUNNING, or FAILED): for the same date its lease is
     * claimed and its id returned, to go on with what is still due; for another date it is closed as FAILED and null
     * returned. A job whose live run holds the lease refuses either.
     */
    private Long resumable(Session session, LocalDate day, int due) {
        BatchJobRecord latest = database.dsl().selectFrom(BATCH_JOB).where(BATCH_JOB.KIND.eq(JobKind.RETENTION))
                .orderBy(BATCH_JOB.ID.desc()).limit(1).fetchOne();
        if (latest == null || (latest.getStatus() != JobStatus.RUNNING && latest.getStatus() != JobStatus.FAILED)) {
            return null;
        }
        long id = latest.getId();
        lease.claim(JobKind.RETENTION, id, session.username());
        if (!latest.getParameters().startsWith("asOf=" + day + ";")) {
            BatchJobs.finish(database.dsl(), id, JobStatus.FAILED, LocalDateTime.now(clock), "not finished; a run as of " + day + " started instead");
            return null;
        }
        database.transaction(tx -> {
            tx.update(BATCH_JOB).set(BATCH_JOB.STATUS, JobStatus.RUNNING).set(BATCH_JOB.MESSAGE, "resumed").where(BATCH_JOB.ID.eq(id)).execute();
            audit.record(tx, session, "RETENTION_RUN_RESUMED", "BATCH_JOB", id, null, latest.getParameters() + "; " + due + " customers still due");
        });
        return id;
    }

    /** Erases the due kinds of one customer, each under its own rule (its kind and period); returns the kinds erased. */
    private Set<DataKind> eraseDue(DSLContext tx, Session session, long customerId, Set<DataKind> kinds, LimitPolicy.Retention retention,
                                   int policyVersion) {
        Set<DataKind> erased = EnumSet.noneOf(DataKind.class);
        LocalDateTime now = LocalDateTime.now(clock);
        for (DataKind kind : kinds) {
            erased.addAll(eraser.erase(tx, session, customerId, EnumSet.of(kind),
                    new PersonalDataEraser.Rule(kind.ruleCode(kind.months(retention)), policyVersion, false, null), now).kinds());
        }
        return erased;
    }

    /**
     * The customers whose accounts all have a closing date, with the kinds whose period has ended by {@code day} since the
     * last of them and that are not erased yet; in customer order.
     */
    static Map<Long, Set<DataKind>> due(DSLContext dsl, LocalDate day, LimitPolicy.Retention retention) {
        Map<Long, LocalDateTime> closed = new TreeMap<>();
        dsl.select(ACCOUNT.CUSTOMER_ID, DSL.max(ACCOUNT.CLOSED_AT)).from(ACCOUNT).groupBy(ACCOUNT.CUSTOMER_ID)
                .having(DSL.count().eq(DSL.count(ACCOUNT.CLOSED_AT)))
                .fetch().forEach(r -> closed.put(r.value1(), r.value2()));
        Map<Long, Set<String>> done = new TreeMap<>();
        dsl.select(PERSONAL_DATA_ERASURE.CUSTOMER_ID, PERSONAL_DATA_ERASURE.DATA_KIND).from(PERSONAL_DATA_ERASURE).fetch()
                .forEach(r -> done.computeIfAbsent(r.value1(), c -> new HashSet<>()).add(r.value2()));
        Map<Long, Set<DataKind>> due = new TreeMap<>();
        LocalDateTime end = day.plusDays(1).atStartOfDay();
        for (var c : closed.entrySet()) {
            for (DataKind kind : DataKind.values()) {
                boolean ended = !c.getValue().plusMonths(kind.months(retention)).isAfter(end);
                if (ended && !done.getOrDefault(c.getKey(), Set.of()).contains(kind.name())) {
                    due.computeIfAbsent(c.getKey(), k -> EnumSet.noneOf(DataKind.class)).add(kind);
                }
            }
        }
        return due;
    }
}
