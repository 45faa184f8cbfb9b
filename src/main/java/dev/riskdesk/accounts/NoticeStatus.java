package dev.riskdesk.accounts;

/** CUSTOMER_NOTICE.STATUS. */
public enum NoticeStatus {
    PENDING, EXPORTED, FAILED
}
