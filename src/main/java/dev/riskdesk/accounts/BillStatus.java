package dev.riskdesk.accounts;

/** BILL.STATUS. */
public enum BillStatus {
    OPEN, PAID, PARTIAL, LATE, MISSED
}
