package dev.riskdesk.jobs;

/** BATCH_JOB.KIND of the jobs that keep a ledger row. */
public enum JobKind {
    /** The demo portfolio generator. */
    GENERATE("generation", true),
    /** A feature-store snapshot set, written alongside a scoring run (under that run's lease). */
    FEATURES("feature snapshot", false),
    /** A batch scoring run over the book. */
    SCORE("scoring run", true),
    /** A limit-policy run over the book. */
    POLICY_RUN("policy run", true);

    private final String label;
    private final boolean leased;

    JobKind(String label, boolean leased) {
        this.label = label;
        this.leased = leased;
    }

    /** How the English sentences name a job of this kind ("policy run 41 is running ..."). */
    public String label() {
        return label;
    }

    /** True when one run of this kind at a time holds a {@link JobLease}. */
    public boolean leased() {
        return leased;
    }
}
