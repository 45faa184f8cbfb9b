package dev.riskdesk.accounts;

/**
 * LIMIT_DECISION.STATUS. APPLIED and APPROVED changed the account; AWAITING_APPROVAL waits for a
 * second operator. Here rather than in limits because an appeal contests a decision in force.
 */
public enum DecisionStatus {
    APPLIED, AWAITING_APPROVAL, APPROVED, DECLINED;

    public boolean inForce() {
        return this == APPLIED || this == APPROVED;
    }
}
