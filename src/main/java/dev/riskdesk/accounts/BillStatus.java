package dev.riskdesk.accounts;

/** BILL.STATUS. PENDING: the customer has paid, but the repayment record has not reached the REPAYMENTS feed yet (还款处理中). */
public enum BillStatus {
    OPEN, PAID, PARTIAL, LATE, MISSED, PENDING
}
