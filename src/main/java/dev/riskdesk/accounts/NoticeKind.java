package dev.riskdesk.accounts;

/** CUSTOMER_NOTICE.KIND values this package writes. */
public enum NoticeKind {
    LIMIT_DECREASE, LIMIT_INCREASE, FREEZE, SUSPENSION, LIFT, APPEAL_OUTCOME,
    /** A dormant or never-used account will be cancelled on a planned date unless it is used or the customer asks to keep it. */
    CANCEL_PLANNED,
    /** The account was cancelled after its grace period. */
    ACCOUNT_CANCELLED
}
