package dev.riskdesk.limits.run;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.common.Json;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.BatchJobRecord;
import dev.riskdesk.jobs.BatchJobs;
import dev.riskdesk.jobs.JobLease;
import dev.riskdesk.jobs.JobKind;
import dev.riskdesk.jobs.JobStatus;
import dev.riskdesk.jobs.ReadAhead;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.policy.AccountData;
import dev.riskdesk.limits.policy.AccountEvaluation;
import dev.riskdesk.limits.policy.LimitEngine;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.limits.review.LimitChanges;
import dev.riskdesk.limits.rules.RuleSet;
import dev.riskdesk.limits.rules.RuleSetService;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code riskdesk policy run}: evaluates every account in key order, chunk by chunk. Each chunk
 * commits its hits, proposals, applied changes and the job ledger's LAST_KEY in one transaction,
 * so after a crash the run resumes after the last committed chunk and applies nothing twice.
 */
public final class PolicyRunService {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyRunService.class);
    /** Threads reading and evaluating chunks ahead of the writer: the machine of record has 2 cores. */
    static final int READERS = 2;
    /** A policy run that failed or never finished is resumed; a cancelled one is not. */
    private static final Set<JobStatus> RESUMABLE = EnumSet.of(JobStatus.RUNNING, JobStatus.FAILED);

    private final Database database;
    private final RuleSetService ruleSets;
    private final LimitPolicyService policies;
    private final Clock clock;
    private final LimitEngine engine = new LimitEngine();
    private final BatchJobs jobs;
    private final ChunkWriter writer;
    private final JobLease lease;

    public PolicyRunService(Database database, RuleSetService ruleSets, LimitPolicyService policies, LimitChanges changes, AuditLog audit,
            Clock clock) {
        this.database = database;
        this.ruleSets = ruleSets;
        this.policies = policies;
        this.clock = clock;
        this.jobs = new BatchJobs(database);
        this.writer = new ChunkWriter(changes, audit);
        this.lease = new JobLease(database);
    }

    /**
     * @param at evaluation time; null means the newest data-feed as-of time (or now without feeds)
     * @param onlyAwaitingData re-evaluate only accounts whose proposals wait for data
     */
    public record RunOptions(boolean dryRun, int chunkSize, LocalDateTime at, boolean onlyAwaitingData) {
        /** A chunk size below one is refused here, before a job is started that could never finish. */
        public RunOptions {
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunk size must be positive (was " + chunkSize + ")");
            }
        }

        public static RunOptions defaults() {
            return new RunOptions(false, 5000, null, false);
        }
    }

    /**
     * {@code phases}: time spent reading (and per table) and evaluating on the read-ahead threads (summed over them), waiting
     * for them and writing, in that order.
     */
    public record RunReport(Long jobId, boolean resumed, LocalDateTime at, long accounts, long hits, long staleHits,
            Map<String, Long> proposals, long autoApplied, long temporaryLimitsEnded, Duration elapsed, Map<String, Duration> phases) {
    }

    /** The newest data-feed as-of time: a generated or restored book is evaluated at its own "now". */
    public static LocalDateTime defaultEvaluationTime(DSLContext dsl, Clock clock) {
        LocalDateTime newest = dsl.select(DSL.max(DATA_FEED.AS_OF)).from(DATA_FEED).fetchOne(0, LocalDateTime.class);
        return newest != null ? newest : LocalDateTime.now(clock);
    }

    public RunReport run(Session session, RunOptions options, Progress progress) {
        return run(session, options, progress, 0);
    }

    /** Test seam: {@code failAfterChunks > 0} throws after that many committed chunks, as a crash would. */
    RunReport run(Session session, RunOptions options, Progress progress, int failAfterChunks) {
        session.require(Permission.POLICY_RUN);
        long started = System.nanoTime();
        // a dry run reads the stored rules and policy, or the defaults without storing them
        RuleSet rules = options.dryRun() ? ruleSets.activeOrDefaults() : ruleSets.active();
        LimitPolicyService.Version policy = options.dryRun() ? policies.activeOrDefaults() : policies.active();
        PortfolioReader reader = new PortfolioReader(rules, policy.policy().monthsUsed());
        FeedStatus feeds = PortfolioReader.feeds(database.dsl());
        Condition filter = options.onlyAwaitingData()
                ? ACCOUNT.ID.in(DSL.select(LIMIT_PROPOSAL.ACCOUNT_ID).from(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.STATUS.eq(ProposalStatus.AWAITING_DATA)))
                : null;
        Job job = startOrResume(session, options, rules, policy, filter);
        LocalDateTime at = job.at();
        Long jobId = job.id();
        long total = database.dsl().fetchCount(ACCOUNT, ACCOUNT.ID.gt(job.lastKey()).and(filter == null ? DSL.noCondition() : filter));
        RunCounters counters = new RunCounters();
        int chunks = 0;
        long lastKey = job.lastKey();
        // READERS threads read and evaluate the next chunks (on their own connections) while this one writes the current chunk;
        // chunk ends are found first, so the ranges are disjoint and committed strictly in key order
        ReadAhead<Chunk> ahead = new ReadAhead<>("policy-run-reader", READERS, READERS, lastKey,
                after -> PortfolioReader.chunkEnd(database.dsl(), after, options.chunkSize(), filter),
                (after, end) -> evaluateChunk(reader, rules, policy, feeds, after, end, at, filter, counters));
        try {
            while (true) {
                progress.checkCancelled();
                Chunk chunk = ahead.next();
                if (chunk == null) {
                    break;
                }
                if (chunk.evaluations().isEmpty()) {
                    continue; // the range emptied meanwhile (only with a filter): nothing to write
                }
                write(session, options.dryRun(), chunk, rules, policy, jobId, at, counters);
                lastKey = chunk.lastKey();
                progress.update("Evaluated " + counters.accounts + " accounts", counters.accounts, total);
                chunks++;
                if (failAfterChunks > 0 && chunks >= failAfterChunks) {
                    throw new IllegalStateException("simulated crash after " + chunks + " chunks");
                }
            }
        } catch (Progress.CancelledException e) {
            finish(jobId, JobStatus.CANCELLED, "cancelled after account " + lastKey);
            throw e;
        } catch (RuntimeException e) {
            finish(jobId, JobStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        } finally {
            ahead.close();
        }
        counters.waitNanos = ahead.waitNanos();
        finish(jobId, JobStatus.COMPLETED, counters.accounts + " accounts evaluated");
        return new RunReport(jobId, job.resumed(), at, counters.accounts, counters.hits, counters.staleHits, new TreeMap<>(counters.proposals),
                counters.autoApplied, counters.tempEnded, Duration.ofNanos(System.nanoTime() - started), counters.phases(reader));
    }

    /** The run's ledger row (null id for a dry run), its evaluation time and the key it continues after. */
    private record Job(Long id, boolean resumed, LocalDateTime at, long lastKey) {
    }

    /**
     * Resumes the latest policy run when it failed or never finished (a full run only; a cancelled
     * run starts afresh), else starts one; a dry run records no job. Either takes the policy-run
     * lease, so a run while another lives is refused rather than resuming the live one.
     */
    private Job startOrResume(Session session, RunOptions options, RuleSet rules, LimitPolicyService.Version policy, Condition filter) {
        BatchJobRecord resumable = options.dryRun() || options.onlyAwaitingData() ? null : jobs.latest(JobKind.POLICY_RUN, DSL.noCondition());
        if (resumable != null && RESUMABLE.contains(resumable.getStatus())) {
            long jobId = resumable.getId();
            long lastKey = resumable.getLastKey() == null ? 0 : resumable.getLastKey();
            LocalDateTime at = LocalDateTime.parse(Json.read(resumable.getParameters()).path("at").asText());
            lease.claim(JobKind.POLICY_RUN, jobId, session.username());
            jobs.resume(jobId, "resumed");
            LOG.info("Resuming policy run {} after account {}", jobId, lastKey);
            return new Job(jobId, true, at, lastKey);
        }
        LocalDateTime at = options.at() != null ? options.at() : defaultEvaluationTime(database.dsl(), clock);
        if (options.dryRun()) {
            return new Job(null, false, at, 0);
        }
        ObjectNode params = Json.object();
        params.put("at", at.toString());
        params.put("policyVersion", policy.versionNo());
        params.put("ruleSetVersion", rules.versionNo());
        params.put("onlyAwaitingData", options.onlyAwaitingData());
        long total = database.dsl().fetchCount(ACCOUNT, filter == null ? DSL.noCondition() : filter);
        long jobId = lease.start(JobKind.POLICY_RUN, () -> database.transactionResult(tx -> BatchJobs.start(tx, JobKind.POLICY_RUN,
                Json.write(params), session.username(), LocalDateTime.now(clock), total)));
        return new Job(jobId, false, at, 0);
    }

    /** One chunk read and evaluated: the accounts with id in (previous chunk's last key, {@code lastKey}]. */
    private record Chunk(long lastKey, List<AccountEvaluation> evaluations) {
    }

    private Chunk evaluateChunk(PortfolioReader reader, RuleSet rules, LimitPolicyService.Version policy,
            FeedStatus feeds, long afterKey, long lastKey, LocalDateTime at, Condition filter, RunCounters counters) {
        long started = System.nanoTime();
        List<AccountData> chunk = reader.readRange(database.dsl(), afterKey, lastKey, at, filter);
        long read = System.nanoTime();
        List<AccountEvaluation> evaluations = new ArrayList<>(chunk.size());
        for (AccountData a : chunk) {
            evaluations.add(engine.evaluate(a, rules, policy.policy(), feeds, at));
        }
        counters.readNanos.addAndGet(read - started);
        counters.evaluateNanos.addAndGet(System.nanoTime() - read);
        return new Chunk(lastKey, evaluations);
    }

    /** Writes one chunk's results and moves the job past it in one transaction; a dry run only counts them. */
    private void write(Session session, boolean dryRun, Chunk chunk, RuleSet rules, LimitPolicyService.Version policy, Long jobId,
            LocalDateTime at, RunCounters counters) {
        List<AccountEvaluation> evaluations = chunk.evaluations();
        long writeStarted = System.nanoTime();
        if (dryRun) {
            evaluations.forEach(counters::countDry);
        } else {
            database.transaction(tx -> {
                writer.write(tx, session, evaluations, rules, policy, jobId, at, counters);
                BatchJobs.advance(tx, jobId, chunk.lastKey(), evaluations.size());
            });
        }
        counters.writeNanos += System.nanoTime() - writeStarted;
        counters.accounts += evaluations.size();
    }

    private void finish(Long jobId, JobStatus status, String message) {
        if (jobId != null) {
            jobs.finish(jobId, status, LocalDateTime.now(clock), message);
        }
    }
}
