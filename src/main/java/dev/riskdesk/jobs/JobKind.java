package dev.riskdesk.jobs;

/** BATCH_JOB.KIND of the jobs that keep a ledger row. */
public enum JobKind {
    /** The demo portfolio generator. */
    GENERATE,
    /** A feature-store snapshot set, written alongside a scoring run. */
    FEATURES,
    /** A batch scoring run over the book. */
    SCORE,
    /** A limit-policy run over the book. */
    POLICY_RUN
}
