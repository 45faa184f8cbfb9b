package dev.riskdesk.accounts;

/** SUSPENSION.KIND: a freeze, a risk suspension, or a fraud suspension (only a risk operator lifts that). */
public enum SuspensionKind {
    FREEZE, RISK, FRAUD
}
