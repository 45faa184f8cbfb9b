package dev.riskdesk.limits.review;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.LIMIT_DECISION;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.SUSPENSION;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.accounts.ChangedAccounts;
import dev.riskdesk.accounts.ConcurrentChangeException;
import dev.riskdesk.accounts.DecisionStatus;
import dev.riskdesk.accounts.SuspensionKind;
import dev.riskdesk.accounts.SuspensionStatus;
import dev.riskdesk.common.Json;
import dev.riskdesk.common.Money;
import dev.riskdesk.common.TextLimit;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.AccountRecord;
import dev.riskdesk.db.schema.tables.records.LimitDecisionRecord;
import dev.riskdesk.db.schema.tables.records.LimitProposalRecord;
import dev.riskdesk.db.schema.tables.records.SuspensionRecord;
import dev.riskdesk.limits.DecisionAction;
import dev.riskdesk.limits.ProposalRoute;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

/**
 * Operators' decisions on limit proposals, shared by the console and the CLI: confirm, override,
 * reject, and a manager's second approval. Each call checks permissions, writes LIMIT_DECISION,
 * applies the change and audits it in one transaction. Optimistic locking on the VERSION
 * columns: of two operators acting on the same proposal exactly one wins; the other is told
 * who changed it and when. A decision that changes an account (also an appeal's remedy or a lifted
 * suspension) marks it changed ({@link ChangedAccounts}) for {@code policy run --changed}.
 */
public final class LimitDecisionService {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final Database database;
    private final LimitPolicyService policies;
    private final LimitChanges changes;
    private final AuditLog audit;
    private final Clock clock;

    public LimitDecisionService(Database database, LimitPolicyService policies, LimitChanges changes, AuditLog audit, Clock clock) {
        this.database = database;
        this.policies = policies;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
    }

    /** The result of a decision: APPLIED at once, or AWAITING_APPROVAL by a second person. */
    public record Outcome(long proposalId, long decisionId, DecisionStatus decisionStatus, ProposalStatus proposalStatus) {
        public boolean applied() {
            return decisionStatus.inForce();
        }
    }

    /** Accepts the proposal as it stands. */
    @Requires(Permission.LIMIT_DECIDE)
    public Outcome confirm(Session session, long proposalId, int expectedVersion, String note) {
        session.require(Permission.LIMIT_DECIDE);
        TextLimit.DECISION_NOTE.check(note);
        LimitPolicy.Authority authority = policies.active().policy().authority();
        return guarded("LIMIT_PROPOSAL", proposalId, tx -> {
            LimitProposalRecord p = DecisionRows.claim(tx, proposalId, expectedVersion);
            return decide(tx, session, p, DecisionAction.CONFIRM, p.getProposedLimit(), null, note, authority, "OPERATOR");
        });
    }

    /** Replaces the proposed amount by another between zero and the hidden cap; reason code and note are required. */
    @Requires(Permission.LIMIT_DECIDE)
    public Outcome override(Session session, long proposalId, int expectedVersion, BigDecimal newLimit, String reasonCode, String note) {
        session.require(Permission.LIMIT_DECIDE);
        TextLimit.DECISION_NOTE.check(note);
        if (reasonCode == null || reasonCode.isBlank() || note == null || note.isBlank()) {
            throw UserFacingException.keyed("limits.overrideNeedsReason", "An override needs a reason code and a note.");
        }
        if (newLimit == null || newLimit.signum() < 0) {
            throw UserFacingException.keyed("limits.negativeLimit", "The new limit must be zero or more.");
        }
        BigDecimal amount = Money.normalize(newLimit);
        LimitPolicy.Authority authority = policies.active().policy().authority();
        return guarded("LIMIT_PROPOSAL", proposalId, tx -> {
            LimitProposalRecord p = DecisionRows.claim(tx, proposalId, expectedVersion);
            if (p.getProposalType() == ProposalType.UNFREEZE || p.getProposalType() == ProposalType.LIFT_SUSPENSION) {
                throw UserFacingException.keyed("limits.liftHasNoAmount", "Lifting a suspension has no amount to override; confirm or reject it.");
            }
            BigDecimal cap = p.getHiddenCap() != null ? p.getHiddenCap() : p.getOldLimit().max(p.getProposedLimit());
            if (amount.compareTo(cap) > 0) {
                throw UserFacingException.keyed("limits.aboveCap", "The new limit " + amount + " is above the hidden cap " + cap + " of this account.",
                        amount, cap);
            }
            if (amount.compareTo(p.getOldLimit()) == 0) {
                throw UserFacingException.keyed("limits.unchangedOverride", "The new limit equals the current limit; reject the proposal instead.");
            }
            return decide(tx, session, p, DecisionAction.OVERRIDE, amount, reasonCode.trim(), note.trim(), authority, "OPERATOR");
        });
    }

    /** Declines the proposal; nothing changes on the account. */
    @Requires(Permission.LIMIT_DECIDE)
    public Outcome reject(Session session, long proposalId, int expectedVersion, String reasonCode, String note) {
        session.require(Permission.LIMIT_DECIDE);
        TextLimit.DECISION_NOTE.check(note);
        return guarded("LIMIT_PROPOSAL", proposalId, tx -> {
            LimitProposalRecord p = DecisionRows.claim(tx, proposalId, expectedVersion, ProposalStatus.PENDING, ProposalStatus.AWAITING_DATA);
            LocalDateTime now = LocalDateTime.now(clock);
            long decisionId = DecisionRows.insertDecision(tx, p, DecisionAction.REJECT, DecisionStatus.APPLIED, p.getOldLimit(), reasonCode, note, session, now);
            DecisionRows.setProposalStatus(tx, p, ProposalStatus.REJECTED);
            audit.record(tx, session, "PROPOSAL_REJECTED", "LIMIT_PROPOSAL", p.getId(), note, "decision " + decisionId);
            return new Outcome(p.getId(), decisionId, DecisionStatus.APPLIED, ProposalStatus.REJECTED);
        });
    }

    /** A second person (LIMIT_APPROVE, never the maker) approves a decision that waits for approval; it applies now. */
    @Requires(Permission.LIMIT_APPROVE)
    public Outcome approve(Session session, long decisionId, int expectedVersion, String note) {
        session.require(Permission.LIMIT_APPROVE);
        TextLimit.DECISION_NOTE.check(note);
        return guarded("LIMIT_DECISION", decisionId, tx -> approveIn(tx, session, decisionId, expectedVersion, note, "OPERATOR"));
    }

    /** {@link #approve} inside the caller's transaction (an appeal's lift); {@code source} goes to LIMIT_CHANGE. */
    Outcome approveIn(DSLContext tx, Session session, long decisionId, int expectedVersion, String note, String source) {
        session.require(Permission.LIMIT_APPROVE);
        LimitDecisionRecord d = DecisionRows.claimDecision(tx, session, decisionId, expectedVersion);
        LocalDateTime now = LocalDateTime.now(clock);
        tx.update(LIMIT_DECISION).set(LIMIT_DECISION.STATUS, DecisionStatus.APPROVED).set(LIMIT_DECISION.CHECKER_ID, Session.actorId(session))
                .set(LIMIT_DECISION.CHECKED_AT, now).where(LIMIT_DECISION.ID.eq(decisionId)).execute();
        LimitProposalRecord p = tx.selectFrom(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ID.eq(d.getProposalId())).fetchOne();
        ProposalStatus proposalStatus = d.getAction() == DecisionAction.OVERRIDE ? ProposalStatus.OVERRIDDEN : ProposalStatus.CONFIRMED;
        applyDecision(tx, session, p, d.getNewLimit(), decisionId, d.getReasonCode(), source);
        DecisionRows.setProposalStatus(tx, p, proposalStatus);
        audit.record(tx, session, "DECISION_APPROVED", "LIMIT_DECISION", decisionId, note, "proposal " + p.getId());
        return new Outcome(p.getId(), decisionId, DecisionStatus.APPROVED, proposalStatus);
    }

    /** A second person declines; the proposal goes back to the review queue. */
    @Requires(Permission.LIMIT_APPROVE)
    public Outcome decline(Session session, long decisionId, int expectedVersion, String note) {
        session.require(Permission.LIMIT_APPROVE);
        TextLimit.DECISION_NOTE.check(note);
        return guarded("LIMIT_DECISION", decisionId, tx -> {
            LimitDecisionRecord d = DecisionRows.claimDecision(tx, session, decisionId, expectedVersion);
            tx.update(LIMIT_DECISION).set(LIMIT_DECISION.STATUS, DecisionStatus.DECLINED).set(LIMIT_DECISION.CHECKER_ID, Session.actorId(session))
                    .set(LIMIT_DECISION.CHECKED_AT, LocalDateTime.now(clock)).where(LIMIT_DECISION.ID.eq(decisionId)).execute();
            LimitProposalRecord p = tx.selectFrom(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ID.eq(d.getProposalId())).fetchOne();
            DecisionRows.setProposalStatus(tx, p, ProposalStatus.PENDING);
            audit.record(tx, session, "DECISION_DECLINED", "LIMIT_DECISION", decisionId, note, "proposal " + p.getId());
            return new Outcome(p.getId(), decisionId, DecisionStatus.DECLINED, ProposalStatus.PENDING);
        });
    }

    /**
     * Lifts a suspension or freeze (e.g. after an appeal). A FRAUD suspension needs
     * APPEAL_DECIDE_FRAUD and a second approval before it is lifted.
     */
    @Requires(Permission.LIMIT_DECIDE)
    public Outcome liftSuspension(Session session, long suspensionId, String reasonCode, String note) {
        session.require(Permission.LIMIT_DECIDE);
        TextLimit.DECISION_NOTE.check(note);
        return guarded("SUSPENSION", suspensionId, tx -> liftSuspensionIn(tx, session, suspensionId, reasonCode, note, "OPERATOR"));
    }

    /**
     * {@link #liftSuspension} inside the caller's transaction. The caller checked the operator may
     * decide (LIMIT_DECIDE, or APPEAL_HANDLE for an appeal); FRAUD still needs APPEAL_DECIDE_FRAUD here.
     */
    Outcome liftSuspensionIn(DSLContext tx, Session session, long suspensionId, String reasonCode, String note, String source) {
        if (reasonCode == null || reasonCode.isBlank() || note == null || note.isBlank()) {
            throw UserFacingException.keyed("limits.liftNeedsReason", "Lifting a suspension needs a reason code and a note.");
        }
        LimitPolicy.Authority authority = policies.active().policy().authority();
        SuspensionRecord s = tx.selectFrom(SUSPENSION).where(SUSPENSION.ID.eq(suspensionId)).fetchOne();
        if (s == null) {
            throw UserFacingException.keyed("limits.noSuspension", "Suspension " + suspensionId + " does not exist.", String.valueOf(suspensionId));
        }
        if (s.getStatus() != SuspensionStatus.ACTIVE) {
            throw new ConcurrentChangeException("SUSPENSION", suspensionId);
        }
        if (s.getKind() == SuspensionKind.FRAUD) {
            session.require(Permission.APPEAL_DECIDE_FRAUD);
        }
        boolean pendingLift = tx.fetchExists(tx.selectFrom(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ACCOUNT_ID.eq(s.getAccountId()))
                .and(LIMIT_PROPOSAL.PROPOSAL_TYPE.in(ProposalType.UNFREEZE, ProposalType.LIFT_SUSPENSION)).and(LIMIT_PROPOSAL.STATUS.eq(ProposalStatus.AWAITING_APPROVAL)));
        if (pendingLift) {
            throw UserFacingException.keyed("limits.liftAwaitingApproval", "A lift of this suspension already waits for approval.");
        }
        AccountRecord a = tx.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(s.getAccountId())).fetchOne();
        ObjectNode evidence = Json.object();
        evidence.put("suspensionId", suspensionId);
        evidence.put("suspensionKind", s.getKind().name());
        evidence.put("suspensionReasons", s.getReasonCodes());
        LimitProposalRecord p = reviewProposal(tx, a, s.getKind() == SuspensionKind.FREEZE ? ProposalType.UNFREEZE : ProposalType.LIFT_SUSPENSION, a.getCreditLimit(),
                reasonCode.trim(), Json.write(evidence));
        return decide(tx, session, p, DecisionAction.CONFIRM, a.getCreditLimit(), reasonCode.trim(), note.trim(), authority, source);
    }

    /**
     * Sets an account's credit limit as an operator's decision inside the caller's transaction (an
     * appeal restoring a decrease): a REVIEW proposal confirmed at once, or waiting for a second
     * approval when it raises above the policy's thresholds.
     */
    Outcome setLimitIn(DSLContext tx, Session session, long accountId, BigDecimal newLimit, String reasonCode, String note, String source) {
        LimitPolicy.Authority authority = policies.active().policy().authority();
        AccountRecord a = tx.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(accountId)).fetchOne();
        BigDecimal amount = Money.normalize(newLimit);
        if (amount.compareTo(a.getCreditLimit()) == 0) {
            throw UserFacingException.keyed("limits.unchangedLimit", "The new limit equals the current limit.");
        }
        ProposalType type = amount.compareTo(a.getCreditLimit()) > 0 ? ProposalType.INCREASE : ProposalType.DECREASE;
        LimitProposalRecord p = reviewProposal(tx, a, type, amount, reasonCode, null);
        return decide(tx, session, p, DecisionAction.CONFIRM, amount, reasonCode, note, authority, source);
    }

    private LimitProposalRecord reviewProposal(DSLContext tx, AccountRecord a, ProposalType type, BigDecimal proposed, String reasonCodes, String evidence) {
        long proposalId = tx.insertInto(LIMIT_PROPOSAL)
                .set(LIMIT_PROPOSAL.ACCOUNT_ID, a.getId())
                .set(LIMIT_PROPOSAL.PROPOSAL_TYPE, type)
                .set(LIMIT_PROPOSAL.STATUS, ProposalStatus.PENDING).set(LIMIT_PROPOSAL.ROUTE, ProposalRoute.REVIEW)
                .set(LIMIT_PROPOSAL.OLD_LIMIT, a.getCreditLimit()).set(LIMIT_PROPOSAL.PROPOSED_LIMIT, proposed)
                .set(LIMIT_PROPOSAL.EXPOSURE, a.getOutstandingBalance()).set(LIMIT_PROPOSAL.PRIORITY, BigDecimal.ZERO)
                .set(LIMIT_PROPOSAL.REASON_CODES, reasonCodes).set(LIMIT_PROPOSAL.EVIDENCE, evidence)
                .set(LIMIT_PROPOSAL.CREATED_AT, LocalDateTime.now(clock))
                .returning(LIMIT_PROPOSAL.ID).fetchOne().getId();
        return tx.selectFrom(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ID.eq(proposalId)).fetchOne();
    }

    private Outcome decide(DSLContext tx, Session session, LimitProposalRecord p, DecisionAction action, BigDecimal newLimit, String reasonCode,
            String note, LimitPolicy.Authority authority, String source) {
        LocalDateTime now = LocalDateTime.now(clock);
        if (needsSecondApproval(tx, p, action, newLimit, authority)) {
            long decisionId = DecisionRows.insertDecision(tx, p, action, DecisionStatus.AWAITING_APPROVAL, newLimit, reasonCode, note, session, now);
            DecisionRows.setProposalStatus(tx, p, ProposalStatus.AWAITING_APPROVAL);
            audit.record(tx, session, "DECISION_AWAITING_APPROVAL", "LIMIT_PROPOSAL", p.getId(), note,
                    action + " to " + newLimit + "; decision " + decisionId);
            return new Outcome(p.getId(), decisionId, DecisionStatus.AWAITING_APPROVAL, ProposalStatus.AWAITING_APPROVAL);
        }
        long decisionId = DecisionRows.insertDecision(tx, p, action, DecisionStatus.APPLIED, newLimit, reasonCode, note, session, now);
        applyDecision(tx, session, p, newLimit, decisionId, reasonCode, source);
        ProposalStatus status = action == DecisionAction.OVERRIDE ? ProposalStatus.OVERRIDDEN : ProposalStatus.CONFIRMED;
        DecisionRows.setProposalStatus(tx, p, status);
        audit.record(tx, session, "PROPOSAL_" + status, "LIMIT_PROPOSAL", p.getId(), note, action + " to " + newLimit + "; decision " + decisionId);
        return new Outcome(p.getId(), decisionId, DecisionStatus.APPLIED, status);
    }

    /** Maker-checker: raising above the proposal or above the policy thresholds, and lifting a FRAUD suspension. */
    private static boolean needsSecondApproval(DSLContext tx, LimitProposalRecord p, DecisionAction action, BigDecimal newLimit,
            LimitPolicy.Authority authority) {
        if (p.getProposalType() == ProposalType.LIFT_SUSPENSION) {
            return SuspensionKind.FRAUD.name().equals(Json.read(p.getEvidence()).path("suspensionKind").asText());
        }
        return needsSecondApproval(p.getOldLimit(), p.getProposedLimit(), newLimit, action == DecisionAction.OVERRIDE, authority);
    }

    /** Raising a limit above the proposal by override, above the policy's limit threshold or by more than its increase threshold. */
    static boolean needsSecondApproval(BigDecimal oldLimit, BigDecimal proposedLimit, BigDecimal newLimit, boolean override,
            LimitPolicy.Authority authority) {
        if (newLimit.compareTo(oldLimit) <= 0) {
            return false;
        }
        return (override && newLimit.compareTo(proposedLimit) > 0)
                || newLimit.compareTo(authority.approvalAboveLimit()) > 0
                || newLimit.subtract(oldLimit).compareTo(authority.approvalAboveIncreaseAmount()) > 0;
    }

    private void applyDecision(DSLContext tx, Session session, LimitProposalRecord p, BigDecimal newLimit, long decisionId, String reasonCode,
            String source) {
        AccountRecord a = tx.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(p.getAccountId())).fetchOne();
        ProposalType type = p.getProposalType();
        String reasons = reasonCode == null ? p.getReasonCodes() : reasonCode + ",OPERATOR," + p.getReasonCodes();
        if (type.changesAmount() || newLimit.compareTo(p.getProposedLimit()) != 0) {
            // an amount decision is only valid against the limit it was proposed for
            if (a.getCreditLimit().compareTo(p.getOldLimit()) != 0) {
                throw new ConcurrentChangeException("ACCOUNT", a.getId());
            }
            if (!type.changesAmount()) {
                type = newLimit.compareTo(p.getOldLimit()) > 0 ? ProposalType.INCREASE : ProposalType.DECREASE;
            }
            if (type == ProposalType.INCREASE && newLimit.compareTo(p.getOldLimit()) < 0) {
                type = ProposalType.DECREASE;
            } else if (type == ProposalType.DECREASE && newLimit.compareTo(p.getOldLimit()) > 0) {
                type = ProposalType.INCREASE;
            }
        }
        Long suspensionId = null;
        String kind = null;
        if (type == ProposalType.UNFREEZE || type == ProposalType.LIFT_SUSPENSION) {
            suspensionId = Json.read(p.getEvidence()).path("suspensionId").asLong();
        } else if (type == ProposalType.SUSPEND || type == ProposalType.FREEZE) {
            if (a.getStatus() != AccountStatus.ACTIVE && !(type == ProposalType.SUSPEND && a.getStatus() == AccountStatus.FROZEN)) {
                throw new ConcurrentChangeException("ACCOUNT", a.getId());
            }
            kind = type == ProposalType.SUSPEND ? suspensionKindOf(p) : SuspensionKind.FREEZE.name();
        }
        String feedAsOf = null;
        String ruleCode = null;
        if (p.getRuleHitId() != null) {
            Record hit = tx.select(dev.riskdesk.db.schema.Tables.RULE_HIT.FEED_AS_OF, dev.riskdesk.db.schema.Tables.RULE_HIT.RULE_CODE)
                    .from(dev.riskdesk.db.schema.Tables.RULE_HIT).where(dev.riskdesk.db.schema.Tables.RULE_HIT.ID.eq(p.getRuleHitId())).fetchOne();
            if (hit != null) {
                feedAsOf = hit.get(0, String.class);
                ruleCode = hit.get(1, String.class);
            }
        }
        LocalDateTime now = LocalDateTime.now(clock);
        changes.apply(tx, session, new LimitChanges.Change(a.getId(), p.getId(), type, newLimit, p.getTemporaryLimit(), p.getExpiresAt(),
                reasons, p.getEvidence(), feedAsOf, p.getRuleSetId(), ruleCode, p.getRuleHitId(), kind, suspensionId),
                decisionId, source, a.getVersion(), now);
        // every change a person makes (review queue, second approval, suspension lift, appeal remedy) comes through here
        ChangedAccounts.touch(tx, List.of(a.getId()), now);
    }

    private static String suspensionKindOf(LimitProposalRecord p) {
        if (p.getEvidence() != null) {
            for (var hit : Json.read(p.getEvidence()).path("ruleHits")) {
                String kind = hit.path("evidence").path("suspensionKind").asText();
                if (!kind.isBlank()) {
                    return kind;
                }
            }
        }
        return SuspensionKind.RISK.name();
    }

    /** Runs {@code work} in a transaction; a lost race becomes "changed by NAME at TIME, reload". */
    private <T> T guarded(String entityType, long id, Function<DSLContext, T> work) {
        try {
            return database.transactionResult(work);
        } catch (ConcurrentChangeException e) {
            throw changedBy(e.entityType(), e.entityId(), e);
        } catch (DataAccessException e) {
            if (isConcurrencyFailure(e)) {
                throw changedBy(entityType, id, e);
            }
            throw e;
        }
    }

    private static boolean isConcurrencyFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == 90131 || sql.getErrorCode() == 50200 || sql.getErrorCode() == 40001)) {
                return true; // H2: concurrent update, lock timeout, deadlock
            }
        }
        return false;
    }

    private UserFacingException changedBy(String entityType, long id, Throwable cause) {
        var last = database.dsl().select(AUDIT_EVENT.OPERATOR_NAME, AUDIT_EVENT.OCCURRED_AT).from(AUDIT_EVENT)
                .where(AUDIT_EVENT.ENTITY_TYPE.eq(entityType)).and(AUDIT_EVENT.ENTITY_ID.eq(String.valueOf(id)))
                .orderBy(AUDIT_EVENT.OCCURRED_AT.desc(), AUDIT_EVENT.ID.desc()).limit(1).fetchOne();
        String who = last == null ? "another operator" : last.value1();
        String when = last == null ? "just now" : last.value2().format(TIME);
        String tail = " was changed by " + who + " at " + when + "; reload it and decide again.";
        return switch (entityType) {
            case "LIMIT_PROPOSAL" -> UserFacingException.keyed("limits.proposalChangedBy", "Proposal " + id + tail, cause, String.valueOf(id), who, when);
            case "LIMIT_DECISION" -> UserFacingException.keyed("limits.decisionChangedBy", "Decision " + id + tail, cause, String.valueOf(id), who, when);
            case "ACCOUNT" -> UserFacingException.keyed("limits.accountChangedBy", "Account " + id + tail, cause, String.valueOf(id), who, when);
            default -> new UserFacingException(entityType + " " + id + tail, cause);
        };
    }
}
