package dev.riskdesk.security;

/** What a role may do (ROLE_PERMISSION table). Services check these; the UI only hides. */
public enum Permission {
    CUSTOMER_VIEW,
    /** See a customer's full name and phone number (with a typed reason). */
    PII_REVEAL_CONTACT,
    /** See the full resident ID number (never granted to agents). */
    PII_REVEAL_ID_NUMBER,
    APPEAL_HANDLE,
    APPEAL_ASSIGN,
    APPEAL_REOPEN,
    APPEAL_DECIDE_FRAUD,
    LIMIT_DECIDE,
    LIMIT_APPROVE,
    RULE_VIEW,
    RULE_EDIT,
    POLICY_SIMULATE,
    POLICY_RUN,
    POLICY_EDIT,
    /** Approve, send back and activate a limit policy or rule set version another manager made (maker-checker, V10_10). */
    POLICY_APPROVE,
    MODEL_VIEW,
    MODEL_TRAIN,
    /** Request a model's promotion to champion, or the rollback of a seat to its previous champion (maker-checker, V12_40). */
    MODEL_PROMOTE,
    /** Approve or decline a promotion or rollback another manager requested; never one's own (V12_40). */
    MODEL_APPROVE,
    SCORE_RUN,
    PORTFOLIO_VIEW,
    /** Rebuild the dashboard's pre-aggregated tables (after a batch, or the dashboard's refresh). */
    DASHBOARD_REFRESH,
    STRESS_TEST,
    NOTICE_VIEW,
    NOTICE_EXPORT,
    AUDIT_VIEW,
    OPERATOR_ADMIN,
    DATA_GENERATE,
    /** Load a lender's book or its daily feeds (import). */
    DATA_IMPORT,
    /** Write the whole book, personal data included, to CSV files (export). */
    DATA_EXPORT,
    /** Back the whole database up to a file, restore a backup into a new database, encrypt the file (administrators). */
    DATABASE_ADMIN,
    // privacy: retention and erasure of personal data
    /** Erase a closed account's customer's personal data on request, before the retention period ends (managers). */
    PRIVACY_ERASE,
    /** Run the retention job that erases personal data whose retention period has ended (managers, the batch operator). */
    PRIVACY_RETENTION_RUN,
    // lifecycle of dormant and never-used accounts (V10_40)
    /** See the cancellation cases of dormant and never-used accounts. */
    LIFECYCLE_VIEW,
    /** Keep an account in its grace period on the customer's request. */
    LIFECYCLE_KEEP,
    /** Approve or decline the cancellation of an account whose open limit needs a manager. */
    LIFECYCLE_APPROVE,
    /** Run the lifecycle job: detect, notify, keep used accounts, cancel after the grace period. */
    LIFECYCLE_RUN
}
