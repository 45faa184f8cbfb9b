package dev.riskdesk.lifecycle;

/** LIFECYCLE_CASE.REASON: why the engine found the account: no use for the dormancy period, or never used since opening. */
public enum LifecycleReason {
    DORMANT, NEVER_USED
}
