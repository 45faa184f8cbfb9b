package dev.riskdesk.jobs;

/** BATCH_JOB.STATUS: a job runs, then completes, fails or is cancelled; a job that did not complete may be resumed. */
public enum JobStatus {
    RUNNING, COMPLETED, FAILED, CANCELLED
}
