package dev.riskdesk.lifecycle;

/**
 * LIFECYCLE_CASE.STAGE. A case opens in GRACE (the customer was told the planned date); when the grace period ends
 * an account whose open limit needs a manager waits in AWAITING_APPROVAL; the case closes as KEPT (used, asked for,
 * or declined by a manager) or CANCELLED.
 */
public enum LifecycleStage {
    GRACE, AWAITING_APPROVAL, KEPT, CANCELLED;

    /** True while the case is open: the account may still be kept or cancelled. */
    public boolean open() {
        return this == GRACE || this == AWAITING_APPROVAL;
    }
}
