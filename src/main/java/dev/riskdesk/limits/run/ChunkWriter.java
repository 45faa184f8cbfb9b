package dev.riskdesk.limits.run;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.LIMIT_DECISION;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.RULE_HIT;

import dev.riskdesk.accounts.DecisionStatus;
import dev.riskdesk.common.Json;
import dev.riskdesk.db.BulkInsert;
import dev.riskdesk.db.IdList;
import dev.riskdesk.db.schema.tables.records.LimitDecisionRecord;
import dev.riskdesk.db.schema.tables.records.LimitProposalRecord;
import dev.riskdesk.db.schema.tables.records.RuleHitRecord;
import dev.riskdesk.limits.DecisionAction;
import dev.riskdesk.limits.ProposalRoute;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.policy.AccountData;
import dev.riskdesk.limits.policy.AccountEvaluation;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.limits.policy.ProposalDraft;
import dev.riskdesk.limits.review.LimitChanges;
import dev.riskdesk.limits.rules.RuleHitResult;
import dev.riskdesk.limits.rules.RuleSet;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Session;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Writes one evaluated chunk of a policy run inside the transaction {@link PolicyRunService} opened
 * for it: rule hits, new proposals, superseded ones, auto-applied decisions and their limit
 * changes, each kind of row with multi-row statements.
 */
final class ChunkWriter {
    static final List<ProposalStatus> OPEN_STATUSES = List.of(ProposalStatus.PENDING, ProposalStatus.AWAITING_DATA);
    private static final Set<ProposalStatus> OPEN_OR_DECIDING = Set.of(ProposalStatus.PENDING, ProposalStatus.AWAITING_DATA, ProposalStatus.AWAITING_APPROVAL);

    private final LimitChanges changes;
    private final AuditLog audit;

    ChunkWriter(LimitChanges changes, AuditLog audit) {
        this.changes = changes;
        this.audit = audit;
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
    void write(DSLContext tx, Session session, List<AccountEvaluation> evaluations, RuleSet rules, LimitPolicyService.Version policy,
            Long jobId, LocalDateTime at, RunCounters counters) {
        List<Long> ids = accountIds(evaluations);
        long t = System.nanoTime();
        Map<Long, List<LimitProposalRecord>> open = openProposals(tx, ids);
        // the new evaluation replaces the previous one's open flags (of these accounts only: an incremental run's chunk skips
        // the accounts between its own)
        tx.update(RULE_HIT).set(RULE_HIT.OPEN_FLAG, false).where(IdList.among(RULE_HIT.ACCOUNT_ID, ids)).and(RULE_HIT.OPEN_FLAG.isTrue()).execute();
        long t0 = counters.lap("write: open proposals, hit flags", t);

        Map<RuleHitResult, Long> hitIds = writeHits(tx, session, evaluations, rules, jobId, at, counters);
        long t1 = counters.lap("write: rule hits", t0);

        List<NewProposal> created = new ArrayList<>();
        List<LimitProposalRecord> superseded = new ArrayList<>();
        sort(tx, evaluations, ids, open, hitIds, policy.policy(), created, superseded);
        supersede(tx, session, superseded, jobId);
        long t2 = counters.lap("write: superseded", t1);
        writeProposals(tx, session, created, rules, policy, jobId, at, counters, t2);
    }

    /** The evaluated accounts' ids, ascending as the chunk is. */
    static List<Long> accountIds(List<AccountEvaluation> evaluations) {
        List<Long> ids = new ArrayList<>(evaluations.size());
        evaluations.forEach(e -> ids.add(e.account().accountId));
        return ids;
    }

    /** The chunk's open or deciding proposals by account. */
    private static Map<Long, List<LimitProposalRecord>> openProposals(DSLContext tx, List<Long> ids) {
        Map<Long, List<LimitProposalRecord>> open = new HashMap<>();
        // the status is filtered here, not in SQL: with STATUS IN (...) H2 walks the whole queue's status index
        // (every pending proposal of the book) for each chunk instead of the chunk's account range
        tx.selectFrom(LIMIT_PROPOSAL).where(IdList.among(LIMIT_PROPOSAL.ACCOUNT_ID, ids))
                .forEach(p -> {
                    if (OPEN_OR_DECIDING.contains(p.getStatus())) {
                        open.computeIfAbsent(p.getAccountId(), k -> new ArrayList<>()).add(p);
                    }
                });
        return open;
    }

    /** Ends the temporary limits that ran out and inserts the chunk's rule hits; returns each hit's new id. */
    private Map<RuleHitResult, Long> writeHits(DSLContext tx, Session session, List<AccountEvaluation> evaluations, RuleSet rules, Long jobId,
            LocalDateTime at, RunCounters counters) {
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
        return hitIds;
    }

    /**
     * Sorts the drafts into the proposals to insert ({@code created}) and the open ones they replace
     * ({@code superseded}); an unchanged open proposal is kept, an account someone is deciding is left alone.
     */
    private static void sort(DSLContext tx, List<AccountEvaluation> evaluations, List<Long> ids, Map<Long, List<LimitProposalRecord>> open,
            Map<RuleHitResult, Long> hitIds, LimitPolicy policy, List<NewProposal> created, List<LimitProposalRecord> superseded) {
        Map<Long, Integer> versions = null;
        for (AccountEvaluation e : evaluations) {
            AccountData a = e.account();
            List<LimitProposalRecord> existing = open.getOrDefault(a.accountId, List.of());
            if (existing.stream().anyMatch(p -> p.getStatus() == ProposalStatus.AWAITING_APPROVAL)) {
                continue; // a person is deciding this account; the engine does not interfere
            }
            List<LimitProposalRecord> kept = new ArrayList<>();
            for (ProposalDraft d : e.proposals()) {
                LimitProposalRecord same = existing.stream().filter(p -> !d.autoApply() && keeps(p, d, policy)).findFirst().orElse(null);
                if (same != null) {
                    kept.add(same); // unchanged since the last run, or within the dead band: keep the operator's queue position
                    continue;
                }
                boolean auto = d.autoApply();
                if (auto) {
                    if (versions == null) {
                        versions = accountVersions(tx, ids);
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

    /** The current ACCOUNT.VERSION of every account of the chunk, read inside the chunk's transaction. */
    private static Map<Long, Integer> accountVersions(DSLContext tx, List<Long> ids) {
        Map<Long, Integer> versions = new HashMap<>();
        tx.select(ACCOUNT.ID, ACCOUNT.VERSION).from(ACCOUNT).where(IdList.among(ACCOUNT.ID, ids)).forEach(r -> versions.put(r.value1(), r.value2()));
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
            Long jobId, LocalDateTime at, RunCounters counters, long started) {
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
}
