package dev.riskdesk.jobs;

/** BATCH_JOB.KIND: every kind the column allows (CK_JOB_KIND), so any stored row reads back. */
public enum JobKind {
    /** The demo portfolio generator. */
    GENERATE("generation", true),
    /** A feature-store snapshot set, written alongside a scoring run (under that run's lease). */
    FEATURES("feature snapshot", false),
    /** A batch scoring run over the book. */
    SCORE("scoring run", true),
    /** A limit-policy run over the book. */
    POLICY_RUN("policy run", true),
    /** A policy simulation; the column allows it, no run writes it yet. */
    SIMULATION("simulation", false),
    /** A portfolio aggregation; the column allows it, no run writes it yet. */
    AGGREGATE("aggregation", false),
    /** A stress test; the column allows it, no run writes it yet. */
    STRESS_TEST("stress test", false),
    /** A load of a lender's book or a daily delta. */
    IMPORT("import", true),
    /** The retention run that erases personal data past its retention period (dev.riskdesk.privacy). */
    RETENTION("retention run", true),
    /** The lifecycle run: dormant and never-used accounts, their notices and cancellations. */
    LIFECYCLE("lifecycle run", true);

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
