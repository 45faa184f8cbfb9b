package dev.riskdesk.lifecycle;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.accounts.NoticeService;
import dev.riskdesk.common.Json;
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
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code riskdesk lifecycle run}: walks the book in account order, chunk by chunk, and for each chunk keeps the open
 * cases whose account was used, cancels those past their planned date (after a manager's approval where the open
 * limit needs one) and opens a case with a notice for every account found dormant or never used ({@link LifecycleChunk}).
 * Each chunk commits its cases, account changes, notices, audit events and the job ledger's LAST_KEY in one transaction
 * under the lifecycle lease: a killed run is resumed after its last committed chunk and ends as an uninterrupted run
 * would, and a second run while one lives is refused. Thresholds come from the active limit policy version.
 */
public final class LifecycleRunService {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleRunService.class);
    /** A run that failed or never finished is resumed; a cancelled one is not. */
    private static final Set<JobStatus> RESUMABLE = EnumSet.of(JobStatus.RUNNING, JobStatus.FAILED);
    /** Accounts per chunk (one transaction) unless the options say otherwise. */
    public static final int CHUNK = 2000;

    private final Database database;
    private final LimitPolicyService policies;
    private final LifecycleWriter writer;
    private final AuditLog audit;
    private final Clock clock;
    private final BatchJobs jobs;
    private final JobLease lease;

    public LifecycleRunService(Database database, LimitPolicyService policies, NoticeService notices, AuditLog audit, Clock clock) {
        this.database = database;
        this.policies = policies;
        this.writer = new LifecycleWriter(notices, audit);
        this.audit = audit;
        this.clock = clock;
        this.jobs = new BatchJobs(database);
        this.lease = new JobLease(database);
    }

    /**
     * @param asOf      the business date of the run; null means the date of the newest data-feed as-of time (or today without feeds)
     * @param chunkSize accounts per transaction
     */
    public record Options(LocalDate asOf, boolean dryRun, int chunkSize) {
        public Options {
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunk size must be positive (was " + chunkSize + ")");
            }
        }

        public Options(LocalDate asOf, boolean dryRun) {
            this(asOf, dryRun, CHUNK);
        }
    }

    /** What the run did, or a dry run would do. {@code limitFreed} is the open limit of the accounts cancelled. */
    public record Report(Long jobId, boolean resumed, LocalDate asOf, int policyVersion, LimitPolicy.Lifecycle rules, long accounts,
            long detected, long dormant, long neverUsed, long kept, long awaitingApproval, long cancelled, BigDecimal limitFreed, Duration elapsed) {
    }

    /** The date of the newest data-feed as-of time: a generated or loaded book is run at its own "today". */
    public static LocalDate defaultAsOf(DSLContext dsl, Clock clock) {
        LocalDateTime newest = dsl.select(DSL.max(DATA_FEED.AS_OF)).from(DATA_FEED).fetchOne(0, LocalDateTime.class);
        return newest != null ? newest.toLocalDate() : LocalDate.now(clock);
    }

    @Requires(Permission.LIFECYCLE_RUN)
    public Report run(Session session, Options options, Progress progress) {
        return run(session, options, progress, 0);
    }

    /** Test seam: {@code failAfterChunks > 0} throws after that many committed chunks, as a crash would. */
    Report run(Session session, Options options, Progress progress, int failAfterChunks) {
        session.require(Permission.LIFECYCLE_RUN);
        long started = System.nanoTime();
        LimitPolicyService.Version policy = options.dryRun() ? policies.activeOrDefaults() : policies.active();
        LimitPolicy.Lifecycle rules = policy.policy().lifecycleRules();
        Job job = startOrResume(session, options, policy);
        long total = database.dsl().fetchCount(ACCOUNT, ACCOUNT.ID.gt(job.lastKey()));
        LifecycleWriter.Counts counts = new LifecycleWriter.Counts();
        long after = job.lastKey();
        int chunks = 0;
        try {
            while (true) {
                progress.checkCancelled();
                Long last = chunkEnd(after, options.chunkSize());
                if (last == null) {
                    break;
                }
                long from = after;
                if (options.dryRun()) {
                    counts.count(LifecycleChunk.decide(database.dsl(), from, last, job.asOf(), rules));
                } else {
                    counts.count(database.transactionResult(tx -> {
                        LifecycleChunk.Plan written = writer.write(tx, session, LifecycleChunk.decide(tx, from, last, job.asOf(), rules), job.asOf(),
                                rules, policy.versionNo(), job.id(), LocalDateTime.now(clock));
                        BatchJobs.advance(tx, job.id(), last, written.accounts());
                        return written;
                    }));
                }
                after = last;
                progress.update("Checked " + counts.accounts + " accounts", counts.accounts, total);
                chunks++;
                if (failAfterChunks > 0 && chunks >= failAfterChunks) {
                    throw new IllegalStateException("simulated crash after " + chunks + " chunks");
                }
            }
        } catch (Progress.CancelledException e) {
            finish(job.id(), JobStatus.CANCELLED, "cancelled after account " + after, null);
            throw e;
        } catch (RuntimeException e) {
            finish(job.id(), JobStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
            throw e;
        }
        Report report = new Report(job.id(), job.resumed(), job.asOf(), policy.versionNo(), rules, counts.accounts, counts.detected, counts.dormant,
                counts.neverUsed, counts.kept, counts.awaitingApproval, counts.cancelled, counts.limitFreed, Duration.ofNanos(System.nanoTime() - started));
        finish(job.id(), JobStatus.COMPLETED, String.format(java.util.Locale.ROOT,
                "as of %s: %d accounts checked, %d found (%d dormant, %d never used), %d kept by use, %d awaiting approval, %d cancelled freeing %s",
                job.asOf(), counts.accounts, counts.detected, counts.dormant, counts.neverUsed, counts.kept, counts.awaitingApproval, counts.cancelled,
                counts.limitFreed.toPlainString()), session);
        return report;
    }

    /** The id ending the next chunk after {@code after}, or null when no account is left. */
    private Long chunkEnd(long after, int size) {
        DSLContext dsl = database.dsl();
        Long end = dsl.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.ID.gt(after)).orderBy(ACCOUNT.ID).offset(size - 1).limit(1).fetchOne(ACCOUNT.ID);
        return end != null ? end : dsl.select(DSL.max(ACCOUNT.ID)).from(ACCOUNT).where(ACCOUNT.ID.gt(after)).fetchOne(0, Long.class);
    }

    /** The run's ledger row (null for a dry run), its business date and the key it continues after. */
    private record Job(Long id, boolean resumed, LocalDate asOf, long lastKey) {
    }

    /**
     * Resumes the latest run when it failed or never finished and was for the same business date (or no date was asked
     * for), else starts one, closing an unfinished run for another date as FAILED; a dry run records no job. Either takes
     * the lifecycle lease (a live run holding it refuses both).
     */
    private Job startOrResume(Session session, Options options, LimitPolicyService.Version policy) {
        if (!options.dryRun()) {
            BatchJobRecord latest = jobs.latest(JobKind.LIFECYCLE, DSL.noCondition());
            if (latest != null && RESUMABLE.contains(latest.getStatus())) {
                JsonNode params = Json.read(latest.getParameters());
                LocalDate asOf = LocalDate.parse(params.path("asOf").asText());
                if (options.asOf() == null || options.asOf().equals(asOf)) {
                    long lastKey = latest.getLastKey() == null ? 0 : latest.getLastKey();
                    lease.claim(JobKind.LIFECYCLE, latest.getId(), session.username());
                    jobs.resume(latest.getId(), "resumed");
                    LOG.info("Resuming lifecycle run {} after account {}", latest.getId(), lastKey);
                    return new Job(latest.getId(), true, asOf, lastKey);
                }
                // a run for another date starts: the unfinished one is closed, so no run stays RUNNING forever
                lease.claim(JobKind.LIFECYCLE, latest.getId(), session.username());
                BatchJobs.finish(database.dsl(), latest.getId(), JobStatus.FAILED, LocalDateTime.now(clock),
                        "not finished; a run as of " + options.asOf() + " started instead");
            }
        }
        LocalDate asOf = options.asOf() != null ? options.asOf() : defaultAsOf(database.dsl(), clock);
        if (options.dryRun()) {
            return new Job(null, false, asOf, 0);
        }
        ObjectNode params = Json.object();
        params.put("asOf", asOf.toString());
        params.put("policyVersion", policy.versionNo());
        long total = database.dsl().fetchCount(ACCOUNT);
        LocalDateTime now = LocalDateTime.now(clock);
        long jobId = lease.start(JobKind.LIFECYCLE, () -> database.transactionResult(tx -> BatchJobs.start(tx, JobKind.LIFECYCLE,
                Json.write(params), session.username(), now, total)));
        return new Job(jobId, false, asOf, 0);
    }

    /** Finishes the job (none for a dry run); a completed run is audited with its figures by {@code session}. */
    private void finish(Long jobId, JobStatus status, String message, Session session) {
        if (jobId == null) {
            return;
        }
        database.transaction(tx -> {
            BatchJobs.finish(tx, jobId, status, LocalDateTime.now(clock), message);
            if (session != null) {
                audit.record(tx, session, "LIFECYCLE_RUN", "BATCH_JOB", jobId, null, message);
            }
        });
    }
}
