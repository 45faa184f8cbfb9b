package dev.riskdesk.lifecycle;

/** LIFECYCLE_CASE.KEPT_BY: what kept an account: the customer used it, asked to keep it, or a manager declined the cancellation. */
public enum KeptBy {
    USE, REQUEST, MANAGER
}
