package dev.riskdesk.accounts;

/** CUSTOMER_NOTICE.KIND values this package writes. */
public enum NoticeKind {
    LIMIT_DECREASE, LIMIT_INCREASE, FREEZE, SUSPENSION, LIFT, APPEAL_OUTCOME
}
