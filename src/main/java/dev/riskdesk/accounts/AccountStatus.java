package dev.riskdesk.accounts;

/** ACCOUNT.STATUS, and the old and new status of a LIMIT_CHANGE and a SUSPENSION's previous status. */
public enum AccountStatus {
    ACTIVE, FROZEN, SUSPENDED, DORMANT, CANCELLED
}
