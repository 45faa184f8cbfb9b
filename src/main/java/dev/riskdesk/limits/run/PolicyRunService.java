package dev.riskdesk.limits.run;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;
import static dev.riskdesk.db.schema.Tables.LIMIT_DECISION;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.RULE_HIT;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.accounts.DecisionStatus;
import dev.riskdesk.common.Json;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.BulkInsert;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.BatchJobRecord;
import dev.riskdesk.db.schema.tables.records.LimitDecisionRecord;
import dev.riskdesk.db.schema.tables.records.LimitProposalRecord;
import dev.riskdesk.db.schema.tables.records.RuleHitRecord;
import dev.riskdesk.jobs.BatchJobs;
import dev.riskdesk.jobs.JobLease;
import dev.riskdesk.jobs.JobKind;
import dev.riskdesk.jobs.JobStatus;
import dev.riskdesk.jobs.ReadAhead;
import dev.riskdesk.limits.DecisionAction;
import dev.riskdesk.limits.ProposalRoute;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.policy.AccountData;
import dev.riskdesk.limits.policy.AccountEvaluation;
import dev.riskdesk.limits.policy.LimitEngine;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.limits.policy.ProposalDraft;
import dev.riskdesk.limits.review.LimitChanges;
import dev.riskdesk.limits.rules.RuleHitResult;
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
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.BatchBindStep;
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
    static final List<ProposalStatus> OPEN_STATUSES = List.of(ProposalStatus.PENDING, ProposalStatus.AWAITING_DATA);
    private static final Set<ProposalStatus> OPEN_OR_DECIDING = Set.of(ProposalStatus.PENDING, ProposalStatus.AWAITING_DATA, ProposalStatus.AWAITING_APPROVAL);
    /** Threads reading and evaluating chunks ahead of the writer: the machine of record has 2 cores. */
    static final int READERS = 2;
    /** A policy run that failed or never finished is resumed; a cancelled one is not. */
    private static final Set<JobStatus> RESUMABLE = EnumSet.of(JobStatus.RUNNING, JobStatus.FAILED);

    private final Database database;
    private final RuleSetService ruleSets;
    private final LimitPolicyService policies;
    private final LimitChanges changes;
    private final AuditLog audit;
    private final Clock clock;
    private final LimitEngine engine = new LimitEngine();
    private final BatchJobs jobs;
    private final JobLease lease;

    public PolicyRunService(Database database, RuleSetService ruleSets, LimitPolicyService policies, LimitChanges changes, AuditLog audit,
            Clock clock) {
        this.database = database;
        this.ruleSets = ruleSets;
        this.policies = policies;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
        this.jobs = new BatchJobs(database);
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
        Counters counters = new Counters();
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
        if (resumable != null && RESUMABLE.contains(JobStatus.of(resumable.getStatus()))) {
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
            FeedStatus feeds, long afterKey, long lastKey, LocalDateTime at, Condition filter, Counters counters) {
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
            LocalDateTime at, Counters counters) {
        List<AccountEvaluation> evaluations = chunk.evaluations();
        long writeStarted = System.nanoTime();
        if (dryRun) {
            evaluations.forEach(counters::countDry);
        } else {
            database.transaction(tx -> {
                writeChunk(tx, session, evaluations, rules, policy, jobId, at, counters);
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

    /** A proposal to store: the account, the draft, its primary hit's id, and whether it applies by itself. */
    private record NewProposal(AccountData account, ProposalDraft draft, Long hitId, boolean auto, ProposalStatus status) {
    }

    /**
     * Writes one chunk's results inside its transaction: hits, new proposals, superseded ones,
     * auto-applied decisions and their changes, each kind of row with multi-row statements. Ids
     * come back from each insert in row order, so a proposal points at its hit and a decision at its
     * proposal without a statement per row.
     */
    private void writeChunk(DSLContext tx, Session session, List<AccountEvaluation> evaluations, RuleSet rules, LimitPolicyService.Version policy,
            Long jobId, LocalDateTime at, Counters counters) {
        long lo = evaluations.get(0).account().accountId;
        long hi = evaluations.get(evaluations.size() - 1).account().accountId;
        long t = System.nanoTime();
        Map<Long, List<LimitProposalRecord>> open = new HashMap<>();
        // the status is filtered here, not in SQL: with STATUS IN (...) H2 walks the whole queue's status index
        // (every pending proposal of the book) for each chunk instead of the chunk's account range
        tx.selectFrom(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ACCOUNT_ID.between(lo, hi))
                .forEach(p -> {
                    if (OPEN_OR_DECIDING.contains(p.getStatus())) {
                        open.computeIfAbsent(p.getAccountId(), k -> new ArrayList<>()).add(p);
                    }
                });
        // the new evaluation replaces the previous one's open flags
        tx.update(RULE_HIT).set(RULE_HIT.OPEN_FLAG, false).where(RULE_HIT.ACCOUNT_ID.between(lo, hi)).and(RULE_HIT.OPEN_FLAG.isTrue()).execute();
        long t0 = counters.lap("write: open proposals, hit flags", t);

        BulkInsert<RuleHitRecord> hitRows = BulkInsert.into(RULE_HIT, RULE_HIT.ACCOUNT_ID, RULE_HIT.RULE_SET_ID, RULE_HIT.RULE_CODE,
                RULE_HIT.JOB_ID, RULE_HIT.HIT_AT, RULE_HIT.SEVERITY, RULE_HIT.ACTION, RULE_HIT.EVIDENCE, RULE_HIT.FEED_AS_OF, RULE_HIT.STALE,
                RULE_HIT.OPEN_FLAG);
        List<RuleHitResult> hits = new ArrayList<>();
        for (AccountEvaluation e : evaluations) {
            AccountData a = e.account();
            if (a.tempLimit != null && a.tempLimitExpires != null && !a.tempLimitExpires.isAfter(at)) {
                if (changes.expireTemporaryLimit(tx, session, a.accountId, at)) {
                    a.version++;
                    counters.tempEnded++;
                }
            }
            for (RuleHitResult h : e.hits()) {
                hitRows.add(a.accountId, rules.id(), h.rule().code(), jobId, at, h.rule().severity(), h.action().name(),
                        truncate(Json.write(h.evidence()), 8000), h.feedAsOfJson(), h.stale(), true);
                hits.add(h);
                counters.hits++;
                if (h.stale()) {
                    counters.staleHits++;
                }
            }
        }
        Map<RuleHitResult, Long> hitIds = new IdentityHashMap<>();
        List<Long> ids = hitRows.executeReturning(tx, RULE_HIT.ID);
        for (int i = 0; i < hits.size(); i++) {
            hitIds.put(hits.get(i), ids.get(i));
        }
        long t1 = counters.lap("write: rule hits", t0);

        Map<Long, Integer> versions = null;
        List<NewProposal> created = new ArrayList<>();
        List<LimitProposalRecord> superseded = new ArrayList<>();
        for (AccountEvaluation e : evaluations) {
            AccountData a = e.account();
            List<LimitProposalRecord> existing = open.getOrDefault(a.accountId, List.of());
            if (existing.stream().anyMatch(p -> p.getStatus() == ProposalStatus.AWAITING_APPROVAL)) {
                continue; // a person is deciding this account; the engine does not interfere
            }
            List<LimitProposalRecord> kept = new ArrayList<>();
            for (ProposalDraft d : e.proposals()) {
                LimitProposalRecord same = existing.stream().filter(p -> !d.autoApply() && keeps(p, d, policy.policy())).findFirst().orElse(null);
                if (same != null) {
                    kept.add(same); // unchanged since the last run, or within the dead band: keep the operator's queue position
                    continue;
                }
                boolean auto = d.autoApply();
                if (auto) {
                    if (versions == null) {
                        versions = accountVersions(tx, lo, hi);
                    }
                    Integer version = versions.get(a.accountId);
                    auto = version != null && version == a.version; // an operator changed it since we read it: leave it to review
                }
                ProposalStatus status = auto ? ProposalStatus.AUTO_APPLIED : (d.status() == ProposalStatus.AUTO_APPLIED ? ProposalStatus.PENDING : d.status());
                created.add(new NewProposal(a, d, hitIds.get(d.primaryHit()), auto, status));
            }
            for (LimitProposalRecord p : existing) {
                if (!kept.contains(p) && OPEN_STATUSES.contains(p.getStatus())) {
                    superseded.add(p);
                }
            }
        }
        supersede(tx, session, superseded, jobId);
        long t2 = counters.lap("write: superseded", t1);
        writeProposals(tx, session, created, rules, policy, jobId, at, counters, t2);
    }

    /**
     * True when the open proposal {@code p} still stands for the new draft {@code d}: same kind, status, old limit and
     * temporariness, and a proposed amount within the policy's dead band of the new one. The run then leaves it untouched
     * (no supersede and insert), so a re-run does not rewrite the queue.
     */
    static boolean keeps(LimitProposalRecord p, ProposalDraft d, LimitPolicy policy) {
        return p.getProposalType() == d.type() && p.getStatus() == d.status()
                && p.getOldLimit().compareTo(d.oldLimit()) == 0 && Boolean.TRUE.equals(p.getTemporaryLimit()) == d.temporary()
                && policy.withinDeadBand(d.type(), d.oldLimit(), p.getProposedLimit(), d.proposedLimit());
    }

    /** The current ACCOUNT.VERSION of every account in the chunk's range, read inside the chunk's transaction. */
    private static Map<Long, Integer> accountVersions(DSLContext tx, long lo, long hi) {
        Map<Long, Integer> versions = new HashMap<>();
        tx.select(ACCOUNT.ID, ACCOUNT.VERSION).from(ACCOUNT).where(ACCOUNT.ID.between(lo, hi)).forEach(r -> versions.put(r.value1(), r.value2()));
        return versions;
    }

    /** Open proposals the new evaluation replaces; one an operator moved on meanwhile is left as the operator left it. */
    private void supersede(DSLContext tx, Session session, List<LimitProposalRecord> superseded, Long jobId) {
        if (superseded.isEmpty()) {
            return;
        }
        BatchBindStep updates = tx.batch(tx.update(LIMIT_PROPOSAL).set(LIMIT_PROPOSAL.STATUS, DSL.inline(ProposalStatus.SUPERSEDED, LIMIT_PROPOSAL.STATUS))
                .set(LIMIT_PROPOSAL.VERSION, LIMIT_PROPOSAL.VERSION.plus(DSL.inline(1)))
                .where(LIMIT_PROPOSAL.ID.eq((Long) null)).and(LIMIT_PROPOSAL.VERSION.eq((Integer) null)));
        superseded.forEach(p -> updates.bind(p.getId(), p.getVersion()));
        int[] updated = updates.execute();
        List<AuditLog.Event> events = new ArrayList<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] > 0) {
                events.add(new AuditLog.Event("PROPOSAL_SUPERSEDED", "LIMIT_PROPOSAL", superseded.get(i).getId(), "re-evaluated by policy run",
                        "job " + jobId));
            }
        }
        audit.recordAll(tx, session, events);
    }

    private void writeProposals(DSLContext tx, Session session, List<NewProposal> created, RuleSet rules, LimitPolicyService.Version policy,
            Long jobId, LocalDateTime at, Counters counters, long started) {
        BulkInsert<LimitProposalRecord> rows = BulkInsert.into(LIMIT_PROPOSAL, LIMIT_PROPOSAL.ACCOUNT_ID, LIMIT_PROPOSAL.PROPOSAL_TYPE,
                LIMIT_PROPOSAL.STATUS, LIMIT_PROPOSAL.ROUTE, LIMIT_PROPOSAL.OLD_LIMIT, LIMIT_PROPOSAL.PROPOSED_LIMIT, LIMIT_PROPOSAL.HIDDEN_CAP,
                LIMIT_PROPOSAL.EXPOSURE, LIMIT_PROPOSAL.PD, LIMIT_PROPOSAL.PRIORITY, LIMIT_PROPOSAL.REASON_CODES, LIMIT_PROPOSAL.EVIDENCE,
                LIMIT_PROPOSAL.RULE_HIT_ID, LIMIT_PROPOSAL.POLICY_ID, LIMIT_PROPOSAL.RULE_SET_ID, LIMIT_PROPOSAL.MODEL_ID, LIMIT_PROPOSAL.JOB_ID,
                LIMIT_PROPOSAL.TEMPORARY_LIMIT, LIMIT_PROPOSAL.EXPIRES_AT, LIMIT_PROPOSAL.CREATED_AT);
        for (NewProposal n : created) {
            ProposalDraft d = n.draft();
            AccountData a = n.account();
            rows.add(a.accountId, d.type(), n.status(), n.auto() ? ProposalRoute.AUTO : ProposalRoute.REVIEW, d.oldLimit(), d.proposedLimit(), d.hiddenCap(),
                    d.exposure(), d.pd(), d.priority(), d.reasonCodesText(), truncate(d.evidenceJson(), 8000), n.hitId(), policy.id(), rules.id(),
                    a.score == null ? null : a.score.modelId(), jobId, d.temporary(), d.expiresAt(), at);
            counters.proposals.merge(d.type() + "/" + n.status(), 1L, Long::sum);
        }
        List<Long> proposalIds = rows.executeReturning(tx, LIMIT_PROPOSAL.ID);
        long t0 = counters.lap("write: proposals", started);

        BulkInsert<LimitDecisionRecord> decisions = BulkInsert.into(LIMIT_DECISION, LIMIT_DECISION.PROPOSAL_ID, LIMIT_DECISION.ACCOUNT_ID,
                LIMIT_DECISION.ACTION, LIMIT_DECISION.STATUS, LIMIT_DECISION.OLD_LIMIT, LIMIT_DECISION.NEW_LIMIT, LIMIT_DECISION.DECIDED_AT);
        List<NewProposal> applied = new ArrayList<>();
        List<Long> appliedIds = new ArrayList<>();
        for (int i = 0; i < created.size(); i++) {
            NewProposal n = created.get(i);
            if (n.auto()) {
                decisions.add(proposalIds.get(i), n.account().accountId, DecisionAction.AUTO_APPLY, DecisionStatus.APPLIED, n.draft().oldLimit(), n.draft().proposedLimit(), at);
                applied.add(n);
                appliedIds.add(proposalIds.get(i));
            }
        }
        List<Long> decisionIds = decisions.executeReturning(tx, LIMIT_DECISION.ID);
        List<LimitChanges.Applied> toApply = new ArrayList<>(applied.size());
        for (int i = 0; i < applied.size(); i++) {
            NewProposal n = applied.get(i);
            ProposalDraft d = n.draft();
            RuleHitResult hit = d.primaryHit();
            toApply.add(new LimitChanges.Applied(new LimitChanges.Change(n.account().accountId, appliedIds.get(i), d.type(), d.proposedLimit(),
                    d.temporary(), d.expiresAt(), d.reasonCodesText(), truncate(d.evidenceJson(), 8000), hit == null ? null : hit.feedAsOfJson(),
                    rules.id(), hit == null ? null : hit.rule().code(), n.hitId(), d.suspensionKind(), null), decisionIds.get(i), n.account().version));
            n.account().version++;
        }
        changes.applyAll(tx, session, toApply, "ENGINE", at);
        counters.autoApplied += toApply.size();
        counters.lap("write: decisions and applied changes", t0);
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static final class Counters {
        long accounts;
        long hits;
        long staleHits;
        long autoApplied;
        long tempEnded;
        final Map<String, Long> proposals = new HashMap<>();
        final AtomicLong readNanos = new AtomicLong();
        final AtomicLong evaluateNanos = new AtomicLong();
        long waitNanos;
        long writeNanos;

        final Map<String, Long> writeParts = new LinkedHashMap<>();

        /** Adds the time since {@code since} to {@code phase}; returns now. */
        long lap(String phase, long since) {
            long now = System.nanoTime();
            writeParts.merge(phase, now - since, Long::sum);
            return now;
        }

        Map<String, Duration> phases(PortfolioReader reader) {
            Map<String, Duration> phases = new LinkedHashMap<>();
            phases.put("read", Duration.ofNanos(readNanos.get()));
            reader.readNanos().forEach((table, nanos) -> phases.put("read " + table, Duration.ofNanos(nanos)));
            phases.put("evaluate", Duration.ofNanos(evaluateNanos.get()));
            phases.put("wait for read-ahead", Duration.ofNanos(waitNanos));
            phases.put("write", Duration.ofNanos(writeNanos));
            writeParts.forEach((k, v) -> phases.put(k, Duration.ofNanos(v)));
            return phases;
        }

        void countDry(AccountEvaluation e) {
            hits += e.hits().size();
            staleHits += e.hits().stream().filter(RuleHitResult::stale).count();
            for (ProposalDraft d : e.proposals()) {
                proposals.merge(d.type() + "/" + d.status(), 1L, Long::sum);
                if (d.autoApply()) {
                    autoApplied++;
                }
            }
        }
    }
}
