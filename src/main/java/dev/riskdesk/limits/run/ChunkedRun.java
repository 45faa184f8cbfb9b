package dev.riskdesk.limits.run;

import dev.riskdesk.accounts.ChangedAccounts;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.jobs.BatchJobs;
import dev.riskdesk.jobs.JobStatus;
import dev.riskdesk.jobs.ReadAhead;
import dev.riskdesk.limits.policy.AccountData;
import dev.riskdesk.limits.policy.AccountEvaluation;
import dev.riskdesk.limits.policy.LimitEngine;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.limits.rules.RuleSet;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The chunk loop of a policy run, full or incremental: {@value #READERS} read-ahead threads read and evaluate the next chunks
 * (on their own connections) while this thread writes the current one. Each chunk commits its hits, proposals and applied
 * changes, the removal of its accounts' changed-account marks made up to the run's start, and the job ledger's LAST_KEY in
 * one transaction, so after a crash nothing is applied twice and no mark is lost.
 */
final class ChunkedRun {
    /** Threads reading and evaluating chunks ahead of the writer: the machine of record has 2 cores. */
    static final int READERS = 2;

    /** Which accounts a run evaluates, in id order: where the chunk of {@code size} after an id ends, and a chunk's accounts. */
    interface Selection {
        /** The id that ends the next chunk after {@code afterId}; null when none is left. */
        Long chunkEnd(long afterId, int size);

        /** The selected accounts with id above {@code afterId} up to {@code lastId}, fully loaded. */
        List<AccountData> read(PortfolioReader reader, long afterId, long lastId, LocalDateTime at);
    }

    /**
     * What one run evaluates with, fixed for the run: rules, policy, feeds, evaluation time, chunk size; {@code marksUpTo} is
     * the run's start (changed-account marks made up to it are cleared with the results); a dry run writes nothing.
     */
    record Plan(RuleSet rules, LimitPolicyService.Version policy, PortfolioReader reader, FeedStatus feeds, LocalDateTime at,
            LocalDateTime marksUpTo, int chunkSize, boolean dryRun) {
    }

    private final Database database;
    private final LimitEngine engine = new LimitEngine();
    private final ChunkWriter writer;
    private final BatchJobs jobs;
    private final AuditLog audit;
    private final Clock clock;

    ChunkedRun(Database database, ChunkWriter writer, AuditLog audit, Clock clock) {
        this.database = database;
        this.writer = writer;
        this.jobs = new BatchJobs(database);
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Evaluates the selected accounts after {@code lastKey} and writes them chunk by chunk, then finishes the job (null for a dry
     * run) as COMPLETED, CANCELLED or FAILED. {@code failAfterChunks > 0} throws after that many committed chunks (a test's crash).
     */
    PolicyRunService.RunReport run(Session session, Plan plan, Selection selection, Long jobId, boolean resumed, long lastKey, long total,
            Progress progress, int failAfterChunks) {
        long started = System.nanoTime();
        RunCounters counters = new RunCounters();
        int chunks = 0;
        long done = lastKey;
        ReadAhead<Chunk> ahead = new ReadAhead<>("policy-run-reader", READERS, READERS, lastKey,
                after -> selection.chunkEnd(after, plan.chunkSize()),
                (after, end) -> evaluate(plan, selection, after, end, counters));
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
                write(session, plan, chunk, jobId, counters);
                done = chunk.lastKey();
                progress.update("Evaluated " + counters.accounts + " accounts", counters.accounts, total);
                chunks++;
                if (failAfterChunks > 0 && chunks >= failAfterChunks) {
                    throw new IllegalStateException("simulated crash after " + chunks + " chunks");
                }
            }
        } catch (Progress.CancelledException e) {
            finish(jobId, JobStatus.CANCELLED, "cancelled after account " + done);
            throw e;
        } catch (RuntimeException e) {
            finish(jobId, JobStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        } finally {
            ahead.close();
        }
        counters.waitNanos = ahead.waitNanos();
        completed(session, jobId, counters);
        return new PolicyRunService.RunReport(jobId, resumed, plan.at(), counters.accounts, counters.hits, counters.staleHits,
                new TreeMap<>(counters.proposals), counters.autoApplied, counters.tempEnded, Duration.ofNanos(System.nanoTime() - started),
                counters.phases(plan.reader()));
    }

    /** One chunk read and evaluated: the selected accounts with id in (previous chunk's last key, {@code lastKey}]. */
    private record Chunk(long lastKey, List<AccountEvaluation> evaluations) {
    }

    private Chunk evaluate(Plan plan, Selection selection, long afterKey, long lastKey, RunCounters counters) {
        long started = System.nanoTime();
        List<AccountData> accounts = selection.read(plan.reader(), afterKey, lastKey, plan.at());
        long read = System.nanoTime();
        counters.readNanos.addAndGet(read - started);
        List<AccountEvaluation> evaluations = new ArrayList<>(accounts.size());
        for (AccountData a : accounts) {
            evaluations.add(engine.evaluate(a, plan.rules(), plan.policy().policy(), plan.feeds(), plan.at()));
        }
        counters.evaluateNanos.addAndGet(System.nanoTime() - read);
        return new Chunk(lastKey, evaluations);
    }

    /** Writes one chunk's results, clears its accounts' marks and moves the job past it in one transaction; a dry run only counts. */
    private void write(Session session, Plan plan, Chunk chunk, Long jobId, RunCounters counters) {
        List<AccountEvaluation> evaluations = chunk.evaluations();
        long writeStarted = System.nanoTime();
        if (plan.dryRun()) {
            evaluations.forEach(counters::countDry);
        } else {
            database.transaction(tx -> {
                writer.write(tx, session, evaluations, plan.rules(), plan.policy(), jobId, plan.at(), counters);
                ChangedAccounts.clear(tx, ChunkWriter.accountIds(evaluations), plan.marksUpTo());
                BatchJobs.advance(tx, jobId, chunk.lastKey(), evaluations.size());
            });
        }
        counters.writeNanos += System.nanoTime() - writeStarted;
        counters.accounts += evaluations.size();
    }

    /**
     * Finishes a completed run and audits it with its figures in one transaction ({@code POLICY_RUN}: who ran it, what it
     * found), so a run that only re-found rule hits and kept every proposal is on the audit trail too; a dry run has no job.
     */
    private void completed(Session session, Long jobId, RunCounters counters) {
        if (jobId == null) {
            return;
        }
        String figures = counters.accounts + " accounts evaluated; rule hits " + counters.hits + " (stale " + counters.staleHits + "); applied "
                + counters.autoApplied + "; proposals " + new TreeMap<>(counters.proposals);
        database.transaction(tx -> {
            BatchJobs.finish(tx, jobId, JobStatus.COMPLETED, LocalDateTime.now(clock), counters.accounts + " accounts evaluated");
            audit.record(tx, session, "POLICY_RUN", "BATCH_JOB", jobId, null, figures);
        });
    }

    private void finish(Long jobId, JobStatus status, String message) {
        if (jobId != null) {
            jobs.finish(jobId, status, LocalDateTime.now(clock), message);
        }
    }
}
