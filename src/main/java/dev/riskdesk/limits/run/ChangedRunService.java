package dev.riskdesk.limits.run;

import dev.riskdesk.security.Requires;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.accounts.ChangedAccounts;
import dev.riskdesk.common.Json;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.jobs.BatchJobs;
import dev.riskdesk.jobs.JobKind;
import dev.riskdesk.jobs.JobLease;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code riskdesk policy run --changed}: evaluates only the accounts marked in CHANGED_ACCOUNT ({@link ChangedAccounts}) up to
 * the run's start, with the engine, rules, policy, feed status and evaluation time a full run would use, under the same
 * policy-run lease. Each chunk writes its accounts' results as the full run does (new hits, kept, superseded and new
 * proposals, automatic changes) and removes their marks in the same commit, so a killed run followed by another evaluates
 * every marked account once. A mark made after the run started stays for the next run.
 */
public final class ChangedRunService {
    private final Database database;
    private final RuleSetService ruleSets;
    private final LimitPolicyService policies;
    private final Clock clock;
    private final ChunkedRun loop;
    private final JobLease lease;

    public ChangedRunService(Database database, RuleSetService ruleSets, LimitPolicyService policies, LimitChanges changes, AuditLog audit,
            Clock clock) {
        this.database = database;
        this.ruleSets = ruleSets;
        this.policies = policies;
        this.clock = clock;
        this.loop = new ChunkedRun(database, new ChunkWriter(changes, audit), audit, clock);
        this.lease = new JobLease(database);
    }

    /**
     * @param dryRun evaluate and count the marked accounts, write nothing and keep the marks
     * @param at     evaluation time; null means the newest data-feed as-of time, as for the full run
     */
    public record Options(boolean dryRun, int chunkSize, LocalDateTime at) {
        public Options {
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunk size must be positive (was " + chunkSize + ")");
            }
        }
    }

    /** Evaluates the marked accounts; a report of no accounts (and no job) when none is marked. */
    @Requires(Permission.POLICY_RUN)
    public PolicyRunService.RunReport run(Session session, Options options, Progress progress) {
        return run(session, options, progress, 0);
    }

    /** Test seam: {@code failAfterChunks > 0} throws after that many committed chunks, as a crash would. */
    PolicyRunService.RunReport run(Session session, Options options, Progress progress, int failAfterChunks) {
        session.require(Permission.POLICY_RUN);
        LocalDateTime start = LocalDateTime.now(clock);
        LocalDateTime at = options.at() != null ? options.at() : PolicyRunService.defaultEvaluationTime(database.dsl(), clock);
        if (ChangedAccounts.count(database.dsl()) == 0) {
            return nothing(at);
        }
        RuleSet rules = options.dryRun() ? ruleSets.activeOrDefaults() : ruleSets.active();
        LimitPolicyService.Version policy = options.dryRun() ? policies.activeOrDefaults() : policies.active();
        Long jobId = options.dryRun() ? null : startJob(session, rules, policy, at, start);
        // read after the lease is held: a run that just finished has removed the marks it evaluated
        long[] ids = ChangedAccounts.upTo(database.dsl(), start).stream().mapToLong(Long::longValue).toArray();
        // at least two chunks per read-ahead thread, so a small day's marks are still read on both
        int chunk = Math.min(options.chunkSize(), Math.max(100, (ids.length + 2 * ChunkedRun.READERS - 1) / (2 * ChunkedRun.READERS)));
        ChunkedRun.Plan plan = new ChunkedRun.Plan(rules, MonthPolicy.versionAt(database.dsl(), policy, at), new PortfolioReader(rules, policy.policy().monthsUsed()),
                PortfolioReader.feeds(database.dsl()), at, start, chunk, options.dryRun());
        return loop.run(session, plan, new Marked(ids), jobId, false, 0, ids.length, progress, failAfterChunks);
    }

    private long startJob(Session session, RuleSet rules, LimitPolicyService.Version policy, LocalDateTime at, LocalDateTime start) {
        ObjectNode params = Json.object();
        params.put("at", at.toString());
        params.put("policyVersion", policy.versionNo());
        params.put("ruleSetVersion", rules.versionNo());
        params.put("scope", "CHANGED");
        params.put("changedUpTo", start.toString());
        return lease.start(JobKind.POLICY_RUN, () -> database.transactionResult(tx -> BatchJobs.start(tx, JobKind.POLICY_RUN,
                Json.write(params), session.username(), start, ChangedAccounts.count(tx))));
    }

    private static PolicyRunService.RunReport nothing(LocalDateTime at) {
        return new PolicyRunService.RunReport(null, false, at, 0, 0, 0, Map.of(), 0, 0, Duration.ZERO, Map.of());
    }

    /** The marked accounts' ids, ascending: a chunk is the next {@code size} of them, read by id. */
    private final class Marked implements ChunkedRun.Selection {
        private final long[] ids;

        Marked(long[] ids) {
            this.ids = ids;
        }

        @Override
        public Long chunkEnd(long afterId, int size) {
            int first = firstAfter(afterId);
            return first == ids.length ? null : ids[Math.min(first + size, ids.length) - 1];
        }

        @Override
        public List<AccountData> read(PortfolioReader reader, long afterId, long lastId, LocalDateTime at) {
            List<Long> chunk = Arrays.stream(ids, firstAfter(afterId), firstAfter(lastId)).boxed().toList();
            return reader.readAccounts(database.dsl(), chunk, at);
        }

        /** The index of the first id above {@code id}. */
        private int firstAfter(long id) {
            int i = Arrays.binarySearch(ids, id);
            return i >= 0 ? i + 1 : -i - 1;
        }
    }
}
