package dev.riskdesk.limits;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.BATCH_JOB;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;
import static dev.riskdesk.db.schema.Tables.LIMIT_DECISION;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.RULE_HIT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.BatchJobRecord;
import dev.riskdesk.db.schema.tables.records.LimitProposalRecord;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    static final List<String> OPEN_STATUSES = List.of("PENDING", "AWAITING_DATA");

    private final Database database;
    private final RuleSetService ruleSets;
    private final LimitPolicyService policies;
    private final LimitChanges changes;
    private final AuditLog audit;
    private final Clock clock;
    private final LimitEngine engine = new LimitEngine();

    public PolicyRunService(Database database, RuleSetService ruleSets, LimitPolicyService policies, LimitChanges changes, AuditLog audit,
            Clock clock) {
        this.database = database;
        this.ruleSets = ruleSets;
        this.policies = policies;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param at evaluation time; null means the newest data-feed as-of time (or now without feeds)
     * @param onlyAwaitingData re-evaluate only accounts whose proposals wait for data
     * @param failAfterChunks test hook: throw after this many committed chunks (0 = never)
     */
    public record RunOptions(boolean dryRun, int chunkSize, LocalDateTime at, boolean onlyAwaitingData, int failAfterChunks) {
        public static RunOptions defaults() {
            return new RunOptions(false, 5000, null, false, 0);
        }
    }

    public record RunReport(Long jobId, boolean resumed, LocalDateTime at, long accounts, long hits, long staleHits,
            Map<String, Long> proposals, long autoApplied, long temporaryLimitsEnded, Duration elapsed) {
    }

    /** The newest data-feed as-of time: a generated or restored book is evaluated at its own "now". */
    public static LocalDateTime defaultEvaluationTime(DSLContext dsl, Clock clock) {
        LocalDateTime newest = dsl.select(DSL.max(DATA_FEED.AS_OF)).from(DATA_FEED).fetchOne(0, LocalDateTime.class);
        return newest != null ? newest : LocalDateTime.now(clock);
    }

    public RunReport run(Session session, RunOptions options, Progress progress) {
        session.require(Permission.POLICY_RUN);
        long started = System.nanoTime();
        // a dry run reads the stored rules and policy, or the defaults without storing them
        RuleSet rules = options.dryRun() ? ruleSets.activeOrDefaults() : ruleSets.active();
        LimitPolicyService.Version policy = options.dryRun() ? policies.activeOrDefaults() : policies.active();
        PortfolioReader reader = new PortfolioReader(rules);
        FeedStatus feeds = PortfolioReader.feeds(database.dsl());
        Condition filter = options.onlyAwaitingData()
                ? ACCOUNT.ID.in(DSL.select(LIMIT_PROPOSAL.ACCOUNT_ID).from(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.STATUS.eq("AWAITING_DATA")))
                : null;

        BatchJobRecord resumable = options.dryRun() || options.onlyAwaitingData() ? null : database.dsl().selectFrom(BATCH_JOB)
                .where(BATCH_JOB.KIND.eq("POLICY_RUN")).orderBy(BATCH_JOB.ID.desc()).limit(1).fetchOne();
        if (resumable != null && !("RUNNING".equals(resumable.getStatus()) || "FAILED".equals(resumable.getStatus()))) {
            resumable = null;
        }
        LocalDateTime at;
        long lastKey;
        Long jobId;
        if (resumable != null) {
            JsonNode params = Json.read(resumable.getParameters());
            at = LocalDateTime.parse(params.path("at").asText());
            lastKey = resumable.getLastKey() == null ? 0 : resumable.getLastKey();
            jobId = resumable.getId();
            database.transaction(tx -> tx.update(BATCH_JOB).set(BATCH_JOB.STATUS, "RUNNING").set(BATCH_JOB.MESSAGE, "resumed")
                    .where(BATCH_JOB.ID.eq(jobId)).execute());
            LOG.info("Resuming policy run {} after account {}", jobId, lastKey);
        } else {
            at = options.at() != null ? options.at() : defaultEvaluationTime(database.dsl(), clock);
            lastKey = 0;
            if (options.dryRun()) {
                jobId = null;
            } else {
                ObjectNode params = Json.object();
                params.put("at", at.toString());
                params.put("policyVersion", policy.versionNo());
                params.put("ruleSetVersion", rules.versionNo());
                params.put("onlyAwaitingData", options.onlyAwaitingData());
                long total = database.dsl().fetchCount(ACCOUNT, filter == null ? DSL.noCondition() : filter);
                jobId = database.transactionResult(tx -> tx.insertInto(BATCH_JOB)
                        .set(BATCH_JOB.KIND, "POLICY_RUN").set(BATCH_JOB.STATUS, "RUNNING").set(BATCH_JOB.PARAMETERS, Json.write(params))
                        .set(BATCH_JOB.STARTED_BY, session.username()).set(BATCH_JOB.STARTED_AT, LocalDateTime.now(clock))
                        .set(BATCH_JOB.TOTAL_ITEMS, total).set(BATCH_JOB.LAST_KEY, 0L)
                        .returning(BATCH_JOB.ID).fetchOne().getId());
            }
        }
        long total = database.dsl().fetchCount(ACCOUNT, ACCOUNT.ID.gt(lastKey).and(filter == null ? DSL.noCondition() : filter));
        Counters counters = new Counters();
        int chunks = 0;
        try {
            while (true) {
                progress.checkCancelled();
                List<AccountData> chunk = reader.readChunk(database.dsl(), lastKey, options.chunkSize(), at, filter);
                if (chunk.isEmpty()) {
                    break;
                }
                List<AccountEvaluation> evaluations = new ArrayList<>(chunk.size());
                for (AccountData a : chunk) {
                    evaluations.add(engine.evaluate(a, rules, policy.policy(), feeds, at));
                }
                long chunkLastKey = chunk.get(chunk.size() - 1).accountId;
                if (options.dryRun()) {
                    evaluations.forEach(counters::countDry);
                } else {
                    database.transaction(tx -> {
                        writeChunk(tx, session, evaluations, rules, policy, jobId, at, counters);
                        tx.update(BATCH_JOB).set(BATCH_JOB.LAST_KEY, chunkLastKey)
                                .set(BATCH_JOB.DONE_ITEMS, BATCH_JOB.DONE_ITEMS.plus(evaluations.size()))
                                .where(BATCH_JOB.ID.eq(jobId)).execute();
                    });
                }
                counters.accounts += chunk.size();
                lastKey = chunkLastKey;
                progress.update("Evaluated " + counters.accounts + " accounts", counters.accounts, total);
                chunks++;
                if (options.failAfterChunks() > 0 && chunks >= options.failAfterChunks()) {
                    throw new IllegalStateException("simulated crash after " + chunks + " chunks");
                }
            }
        } catch (Progress.CancelledException e) {
            finish(jobId, "CANCELLED", "cancelled after account " + lastKey);
            throw e;
        } catch (RuntimeException e) {
            finish(jobId, "FAILED", e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
        finish(jobId, "COMPLETED", counters.accounts + " accounts evaluated");
        return new RunReport(jobId, resumable != null, at, counters.accounts, counters.hits, counters.staleHits, new TreeMap<>(counters.proposals),
                counters.autoApplied, counters.tempEnded, Duration.ofNanos(System.nanoTime() - started));
    }

    private void finish(Long jobId, String status, String message) {
        if (jobId == null) {
            return;
        }
        database.transaction(tx -> tx.update(BATCH_JOB).set(BATCH_JOB.STATUS, status).set(BATCH_JOB.FINISHED_AT, LocalDateTime.now(clock))
                .set(BATCH_JOB.MESSAGE, message).where(BATCH_JOB.ID.eq(jobId)).execute());
    }

    private void writeChunk(DSLContext tx, Session session, List<AccountEvaluation> evaluations, RuleSet rules, LimitPolicyService.Version policy,
            Long jobId, LocalDateTime at, Counters counters) {
        long lo = evaluations.get(0).account().accountId;
        long hi = evaluations.get(evaluations.size() - 1).account().accountId;
        Map<Long, List<LimitProposalRecord>> open = new HashMap<>();
        tx.selectFrom(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ACCOUNT_ID.between(lo, hi))
                .and(LIMIT_PROPOSAL.STATUS.in("PENDING", "AWAITING_DATA", "AWAITING_APPROVAL"))
                .forEach(p -> open.computeIfAbsent(p.getAccountId(), k -> new ArrayList<>()).add(p));
        // the new evaluation replaces the previous one's open flags
        tx.update(RULE_HIT).set(RULE_HIT.OPEN_FLAG, false).where(RULE_HIT.ACCOUNT_ID.between(lo, hi)).and(RULE_HIT.OPEN_FLAG.isTrue()).execute();

        for (AccountEvaluation e : evaluations) {
            AccountData a = e.account();
            if (a.tempLimit != null && a.tempLimitExpires != null && !a.tempLimitExpires.isAfter(at)) {
                if (changes.expireTemporaryLimit(tx, session, a.accountId, at)) {
                    a.version++;
                    counters.tempEnded++;
                }
            }
            Map<RuleHitResult, Long> hitIds = new java.util.IdentityHashMap<>();
            for (RuleHitResult h : e.hits()) {
                hitIds.put(h, tx.insertInto(RULE_HIT)
                        .set(RULE_HIT.ACCOUNT_ID, a.accountId).set(RULE_HIT.RULE_SET_ID, rules.id()).set(RULE_HIT.RULE_CODE, h.rule().code())
                        .set(RULE_HIT.JOB_ID, jobId).set(RULE_HIT.HIT_AT, at).set(RULE_HIT.SEVERITY, h.rule().severity())
                        .set(RULE_HIT.ACTION, h.action().name()).set(RULE_HIT.EVIDENCE, truncate(Json.write(h.evidence()), 8000))
                        .set(RULE_HIT.FEED_AS_OF, h.feedAsOfJson()).set(RULE_HIT.STALE, h.stale()).set(RULE_HIT.OPEN_FLAG, true)
                        .returning(RULE_HIT.ID).fetchOne().getId());
                counters.hits++;
                if (h.stale()) {
                    counters.staleHits++;
                }
            }
            List<LimitProposalRecord> existing = open.getOrDefault(a.accountId, List.of());
            if (existing.stream().anyMatch(p -> "AWAITING_APPROVAL".equals(p.getStatus()))) {
                continue; // a person is deciding this account; the engine does not interfere
            }
            List<LimitProposalRecord> kept = new ArrayList<>();
            for (ProposalDraft d : e.proposals()) {
                LimitProposalRecord same = existing.stream().filter(p -> !d.autoApply() && p.getProposalType().equals(d.type().name())
                        && p.getStatus().equals(d.status()) && p.getProposedLimit().compareTo(d.proposedLimit()) == 0).findFirst().orElse(null);
                if (same != null) {
                    kept.add(same); // unchanged since the last run: keep the operator's queue position
                    continue;
                }
                writeProposal(tx, session, a, d, hitIds.get(d.primaryHit()), rules, policy, jobId, at, counters);
            }
            for (LimitProposalRecord p : existing) {
                if (!kept.contains(p) && OPEN_STATUSES.contains(p.getStatus())) {
                    tx.update(LIMIT_PROPOSAL).set(LIMIT_PROPOSAL.STATUS, "SUPERSEDED").set(LIMIT_PROPOSAL.VERSION, LIMIT_PROPOSAL.VERSION.plus(1))
                            .where(LIMIT_PROPOSAL.ID.eq(p.getId())).and(LIMIT_PROPOSAL.VERSION.eq(p.getVersion())).execute();
                    audit.record(tx, session, "PROPOSAL_SUPERSEDED", "LIMIT_PROPOSAL", p.getId(), "re-evaluated by policy run",
                            "job " + jobId);
                }
            }
        }
    }

    private void writeProposal(DSLContext tx, Session session, AccountData a, ProposalDraft d, Long hitId, RuleSet rules,
            LimitPolicyService.Version policy, Long jobId, LocalDateTime at, Counters counters) {
        boolean auto = d.autoApply();
        if (auto) {
            Integer version = tx.select(ACCOUNT.VERSION).from(ACCOUNT).where(ACCOUNT.ID.eq(a.accountId)).fetchOne(ACCOUNT.VERSION);
            auto = version != null && version == a.version; // an operator changed it since we read it: leave it to review
        }
        String status = auto ? "AUTO_APPLIED" : ("AUTO_APPLIED".equals(d.status()) ? "PENDING" : d.status());
        long proposalId = tx.insertInto(LIMIT_PROPOSAL)
                .set(LIMIT_PROPOSAL.ACCOUNT_ID, a.accountId).set(LIMIT_PROPOSAL.PROPOSAL_TYPE, d.type().name())
                .set(LIMIT_PROPOSAL.STATUS, status).set(LIMIT_PROPOSAL.ROUTE, auto ? "AUTO" : "REVIEW")
                .set(LIMIT_PROPOSAL.OLD_LIMIT, d.oldLimit()).set(LIMIT_PROPOSAL.PROPOSED_LIMIT, d.proposedLimit())
                .set(LIMIT_PROPOSAL.HIDDEN_CAP, d.hiddenCap()).set(LIMIT_PROPOSAL.EXPOSURE, d.exposure()).set(LIMIT_PROPOSAL.PD, d.pd())
                .set(LIMIT_PROPOSAL.PRIORITY, d.priority()).set(LIMIT_PROPOSAL.REASON_CODES, d.reasonCodesText())
                .set(LIMIT_PROPOSAL.EVIDENCE, truncate(d.evidenceJson(), 8000)).set(LIMIT_PROPOSAL.RULE_HIT_ID, hitId)
                .set(LIMIT_PROPOSAL.POLICY_ID, policy.id()).set(LIMIT_PROPOSAL.RULE_SET_ID, rules.id())
                .set(LIMIT_PROPOSAL.MODEL_ID, a.score == null ? null : a.score.modelId()).set(LIMIT_PROPOSAL.JOB_ID, jobId)
                .set(LIMIT_PROPOSAL.TEMPORARY_LIMIT, d.temporary()).set(LIMIT_PROPOSAL.EXPIRES_AT, d.expiresAt())
                .set(LIMIT_PROPOSAL.CREATED_AT, at)
                .returning(LIMIT_PROPOSAL.ID).fetchOne().getId();
        counters.proposals.merge(d.type() + "/" + status, 1L, Long::sum);
        if (!auto) {
            return;
        }
        long decisionId = tx.insertInto(LIMIT_DECISION)
                .set(LIMIT_DECISION.PROPOSAL_ID, proposalId).set(LIMIT_DECISION.ACCOUNT_ID, a.accountId)
                .set(LIMIT_DECISION.ACTION, "AUTO_APPLY").set(LIMIT_DECISION.STATUS, "APPLIED")
                .set(LIMIT_DECISION.OLD_LIMIT, d.oldLimit()).set(LIMIT_DECISION.NEW_LIMIT, d.proposedLimit())
                .set(LIMIT_DECISION.DECIDED_AT, at)
                .returning(LIMIT_DECISION.ID).fetchOne().getId();
        RuleHitResult hit = d.primaryHit();
        changes.apply(tx, session, new LimitChanges.Change(a.accountId, proposalId, d.type(), d.proposedLimit(), d.temporary(), d.expiresAt(),
                d.reasonCodesText(), truncate(d.evidenceJson(), 8000), hit == null ? null : hit.feedAsOfJson(), rules.id(),
                hit == null ? null : hit.rule().code(), hitId, d.suspensionKind(), null), decisionId, "ENGINE", a.version, at);
        a.version++;
        counters.autoApplied++;
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
