package dev.riskdesk.limits;

/** LIMIT_DECISION.ACTION. */
public enum DecisionAction {
    CONFIRM, OVERRIDE, REJECT, AUTO_APPLY
}
