package dev.riskdesk.limits.review;

import static dev.riskdesk.db.schema.Tables.LIMIT_DECISION;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import dev.riskdesk.accounts.ConcurrentChangeException;
import dev.riskdesk.accounts.DecisionStatus;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.schema.tables.records.LimitDecisionRecord;
import dev.riskdesk.db.schema.tables.records.LimitProposalRecord;
import dev.riskdesk.limits.DecisionAction;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.security.Session;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.jooq.DSLContext;

/**
 * The proposal and decision rows a decision touches: claiming a proposal or a decision under its
 * optimistic lock (a stale version or a finished row means someone else was first), inserting the
 * decision, setting the proposal's status. Always inside the caller's transaction.
 */
final class DecisionRows {
    private DecisionRows() {
    }

    /** Locks the proposal by bumping its VERSION; a stale version or a finished proposal means someone else was first. */
    static LimitProposalRecord claim(DSLContext tx, long proposalId, int expectedVersion, ProposalStatus... allowed) {
        ProposalStatus[] statuses = allowed.length == 0 ? new ProposalStatus[] {ProposalStatus.PENDING} : allowed;
        LimitProposalRecord p = tx.selectFrom(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ID.eq(proposalId)).fetchOne();
        if (p == null) {
            throw UserFacingException.keyed("review.noProposal", "Proposal " + proposalId + " does not exist.", String.valueOf(proposalId));
        }
        if (p.getStatus() == ProposalStatus.AWAITING_DATA && !java.util.Arrays.asList(statuses).contains(ProposalStatus.AWAITING_DATA)
                && p.getVersion() == expectedVersion) {
            throw UserFacingException.keyed("limits.awaitingData",
                    "Proposal " + proposalId + " waits for a data feed to catch up; it cannot be applied yet, only rejected.", String.valueOf(proposalId));
        }
        int updated = tx.update(LIMIT_PROPOSAL).set(LIMIT_PROPOSAL.VERSION, LIMIT_PROPOSAL.VERSION.plus(1))
                .where(LIMIT_PROPOSAL.ID.eq(proposalId)).and(LIMIT_PROPOSAL.VERSION.eq(expectedVersion))
                .and(LIMIT_PROPOSAL.STATUS.in(statuses)).execute();
        if (updated == 0) {
            throw new ConcurrentChangeException("LIMIT_PROPOSAL", proposalId);
        }
        p.setVersion(expectedVersion + 1);
        return p;
    }

    static LimitDecisionRecord claimDecision(DSLContext tx, Session session, long decisionId, int expectedVersion) {
        LimitDecisionRecord d = tx.selectFrom(LIMIT_DECISION).where(LIMIT_DECISION.ID.eq(decisionId)).fetchOne();
        if (d == null) {
            throw UserFacingException.keyed("limits.noDecision", "Decision " + decisionId + " does not exist.", String.valueOf(decisionId));
        }
        if (d.getMakerId() != null && d.getMakerId() == session.operatorId()) {
            throw UserFacingException.keyed("limits.ownDecision",
                    "You made this decision yourself; another manager must approve or decline it (four eyes).");
        }
        int updated = tx.update(LIMIT_DECISION).set(LIMIT_DECISION.VERSION, LIMIT_DECISION.VERSION.plus(1))
                .where(LIMIT_DECISION.ID.eq(decisionId)).and(LIMIT_DECISION.VERSION.eq(expectedVersion))
                .and(LIMIT_DECISION.STATUS.eq(DecisionStatus.AWAITING_APPROVAL)).execute();
        if (updated == 0) {
            throw new ConcurrentChangeException("LIMIT_DECISION", decisionId);
        }
        return d;
    }

    static long insertDecision(DSLContext tx, LimitProposalRecord p, DecisionAction action, DecisionStatus status, BigDecimal newLimit,
            String reasonCode, String note, Session session, LocalDateTime now) {
        return tx.insertInto(LIMIT_DECISION)
                .set(LIMIT_DECISION.PROPOSAL_ID, p.getId()).set(LIMIT_DECISION.ACCOUNT_ID, p.getAccountId())
                .set(LIMIT_DECISION.ACTION, action).set(LIMIT_DECISION.STATUS, status)
                .set(LIMIT_DECISION.OLD_LIMIT, p.getOldLimit()).set(LIMIT_DECISION.NEW_LIMIT, newLimit)
                .set(LIMIT_DECISION.REASON_CODE, reasonCode).set(LIMIT_DECISION.NOTE, note)
                .set(LIMIT_DECISION.MAKER_ID, Session.actorId(session))
                .set(LIMIT_DECISION.DECIDED_AT, now)
                .returning(LIMIT_DECISION.ID).fetchOne().getId();
    }

    static void setProposalStatus(DSLContext tx, LimitProposalRecord p, ProposalStatus status) {
        tx.update(LIMIT_PROPOSAL).set(LIMIT_PROPOSAL.STATUS, status).where(LIMIT_PROPOSAL.ID.eq(p.getId())).execute();
    }
}
