package dev.riskdesk.limits.run;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.common.Json;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.BatchJobRecord;
import dev.riskdesk.jobs.BatchJobs;
import dev.riskdesk.jobs.JobLease;
import dev.riskdesk.jobs.JobKind;
import dev.riskdesk.jobs.JobStatus;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.policy.AccountData;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.limits.policy.MonthPolicy;
import dev.riskdesk.limits.review.LimitChanges;
import dev.riskdesk.limits.rules.RuleSet;
import dev.riskdesk.limits.rules.RuleSetService;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code riskdesk policy run}: evaluates every account in key order, chunk by chunk ({@link ChunkedRun}). Each chunk
 * commits its hits, proposals, applied changes, the removal of its accounts' changed-account marks made up to the
 * run's start and the job ledger's LAST_KEY in one transaction, so after a crash the run resumes after the last
 * committed chunk and applies nothing twice. {@link ChangedRunService} evaluates only the marked accounts.
 */
public final class PolicyRunService {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyRunService.class);
    /** A policy run that failed or never finished is resumed; a cancelled one is not. */
    private static final Set<JobStatus> RESUMABLE = EnumSet.of(JobStatus.RUNNING, JobStatus.FAILED);

    private final Database database;
    private final RuleSetService ruleSets;
    private final LimitPolicyService policies;
    private final Clock clock;
    private final BatchJobs jobs;
    private final ChunkedRun loop;
    private final JobLease lease;

    public PolicyRunService(Database database, RuleSetService ruleSets, LimitPolicyService policies, LimitChanges changes, AuditLog audit,
            Clock clock) {
        this.database = database;
        this.ruleSets = ruleSets;
        this.policies = policies;
        this.clock = clock;
        this.jobs = new BatchJobs(database);
        this.loop = new ChunkedRun(database, new ChunkWriter(changes, audit), audit, clock);
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

    @Requires(Permission.POLICY_RUN)
    public RunReport run(Session session, RunOptions options, Progress progress) {
        return run(session, options, progress, 0);
    }

    /** Test seam: {@code failAfterChunks > 0} throws after that many committed chunks, as a crash would. */
    RunReport run(Session session, RunOptions options, Progress progress, int failAfterChunks) {
        session.require(Permission.POLICY_RUN);
        // a dry run reads the stored rules and policy, or the defaults without storing them
        RuleSet rules = options.dryRun() ? ruleSets.activeOrDefaults() : ruleSets.active();
        LimitPolicyService.Version policy = options.dryRun() ? policies.activeOrDefaults() : policies.active();
        PortfolioReader reader = new PortfolioReader(rules, policy.policy().monthsUsed());
        FeedStatus feeds = PortfolioReader.feeds(database.dsl());
        Condition filter = options.onlyAwaitingData()
                ? ACCOUNT.ID.in(DSL.select(LIMIT_PROPOSAL.ACCOUNT_ID).from(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.STATUS.eq(ProposalStatus.AWAITING_DATA)))
                : null;
        Job job = startOrResume(session, options, rules, policy, filter);
        long total = database.dsl().fetchCount(ACCOUNT, ACCOUNT.ID.gt(job.lastKey()).and(PortfolioReader.IN_BOOK).and(filter == null ? DSL.noCondition() : filter));
        ChunkedRun.Selection accounts = new ChunkedRun.Selection() {
            @Override
            public Long chunkEnd(long afterId, int size) {
                return PortfolioReader.chunkEnd(database.dsl(), afterId, size, filter);
            }

            @Override
            public List<AccountData> read(PortfolioReader r, long afterId, long lastId, LocalDateTime at) {
                return r.readRange(database.dsl(), afterId, lastId, at, filter);
            }
        };
        // the macro factors of the evaluation month come from the macro series
        LimitPolicyService.Version monthPolicy = MonthPolicy.versionAt(database.dsl(), policy, job.at());
        return loop.run(session, new ChunkedRun.Plan(rules, monthPolicy, reader, feeds, job.at(), job.startedAt(), options.chunkSize(), options.dryRun()),
                accounts, job.id(), job.resumed(), job.lastKey(), total, progress, failAfterChunks);
    }

    /** The run's ledger row (null id for a dry run), its evaluation time, the key it continues after and when it started. */
    private record Job(Long id, boolean resumed, LocalDateTime at, long lastKey, LocalDateTime startedAt) {
    }

    /**
     * Resumes the latest policy run when it was a full run that failed or never finished (a cancelled
     * run starts afresh; a run of some accounts is not resumed as a full one), else starts one; a dry
     * run records no job. Either takes the policy-run lease, so a run while another lives is refused
     * rather than resuming the live one.
     */
    private Job startOrResume(Session session, RunOptions options, RuleSet rules, LimitPolicyService.Version policy, Condition filter) {
        BatchJobRecord resumable = options.dryRun() || options.onlyAwaitingData() ? null : jobs.latest(JobKind.POLICY_RUN, DSL.noCondition());
        JsonNode resumableParams = resumable == null ? null : Json.read(resumable.getParameters());
        if (resumable != null && RESUMABLE.contains(resumable.getStatus()) && resumableParams.path("scope").asText("ALL").equals("ALL")
                && !resumableParams.path("onlyAwaitingData").asBoolean(false)) {
            long jobId = resumable.getId();
            long lastKey = resumable.getLastKey() == null ? 0 : resumable.getLastKey();
            LocalDateTime at = LocalDateTime.parse(resumableParams.path("at").asText());
            lease.claim(JobKind.POLICY_RUN, jobId, session.username());
            jobs.resume(jobId, "resumed");
            LOG.info("Resuming policy run {} after account {}", jobId, lastKey);
            return new Job(jobId, true, at, lastKey, resumable.getStartedAt());
        }
        LocalDateTime at = options.at() != null ? options.at() : defaultEvaluationTime(database.dsl(), clock);
        LocalDateTime now = LocalDateTime.now(clock);
        if (options.dryRun()) {
            return new Job(null, false, at, 0, now);
        }
        ObjectNode params = Json.object();
        params.put("at", at.toString());
        params.put("policyVersion", policy.versionNo());
        params.put("ruleSetVersion", rules.versionNo());
        params.put("onlyAwaitingData", options.onlyAwaitingData());
        params.put("scope", options.onlyAwaitingData() ? "AWAITING_DATA" : "ALL");
        long total = database.dsl().fetchCount(ACCOUNT, PortfolioReader.IN_BOOK.and(filter == null ? DSL.noCondition() : filter));
        long jobId = lease.start(JobKind.POLICY_RUN, () -> database.transactionResult(tx -> BatchJobs.start(tx, JobKind.POLICY_RUN,
                Json.write(params), session.username(), now, total)));
        return new Job(jobId, false, at, 0, now);
    }
}
