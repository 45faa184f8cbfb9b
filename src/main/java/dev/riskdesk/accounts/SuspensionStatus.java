package dev.riskdesk.accounts;

/** SUSPENSION.STATUS. */
public enum SuspensionStatus {
    ACTIVE, LIFTED
}
