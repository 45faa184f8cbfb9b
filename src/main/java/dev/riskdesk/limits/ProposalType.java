package dev.riskdesk.limits;

/** LIMIT_PROPOSAL.PROPOSAL_TYPE. */
public enum ProposalType {
    INCREASE, DECREASE, FREEZE, UNFREEZE, SUSPEND, LIFT_SUSPENSION;

    public boolean changesAmount() {
        return this == INCREASE || this == DECREASE;
    }
}
