package dev.riskdesk.appeals;

/** APPEAL.APPEAL_TYPE: what the customer contests. */
public enum AppealType {
    SUSPENSION, FREEZE, LIMIT_DECREASE
}
