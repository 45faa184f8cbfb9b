package dev.riskdesk.accounts;

/**
 * ACCOUNT.STATUS, and the old and new status of a LIMIT_CHANGE and a SUSPENSION's previous status. CHARGED_OFF: 180 days past
 * due, written off; the account has left the active book.
 */
public enum AccountStatus {
    ACTIVE, FROZEN, SUSPENDED, DORMANT, CANCELLED, CHARGED_OFF
}
