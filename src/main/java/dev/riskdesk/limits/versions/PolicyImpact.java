package dev.riskdesk.limits.versions;

import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Requires;
import dev.riskdesk.common.Progress;
import dev.riskdesk.limits.run.PolicySimulationService;
import dev.riskdesk.security.Session;

/**
 * The differences a manager reads before submitting or approving a version: its parameters against another version
 * (the active one unless named), and its decisions on the book against the active version, simulated without writing
 * anything (every proposal assumed carried out, as {@code policy simulate} does).
 */
public final class PolicyImpact {
    /** Accounts per chunk of the simulation. */
    private static final int CHUNK = 5_000;
    private final PolicyVersionService versions;
    private final PolicySimulationService simulations;

    public PolicyImpact(PolicyVersionService versions, PolicySimulationService simulations) {
        this.versions = versions;
        this.simulations = simulations;
    }

    /**
     * Version {@code versionNo} against {@code against} (the active version when null): its parameters, and with
     * {@code simulate} its decisions on the book against the active version ({@code progress} reports and cancels).
     */
    @Requires({Permission.POLICY_SIMULATE, Permission.RULE_VIEW})
    public PolicyDiff diff(Session session, PolicyKind kind, int versionNo, Integer against, boolean simulate, Progress progress) {
        VersionRow version = versions.version(session, kind, versionNo);
        VersionRow base = against != null ? versions.version(session, kind, against) : versions.active(session, kind);
        PolicyDocument candidate = versions.document(session, kind, versionNo);
        PolicyDocument before = versions.document(session, kind, base.versionNo());
        PolicySimulationService.Report decisions = null;
        if (simulate) {
            decisions = simulations.simulate(session, new PolicySimulationService.Options(kind == PolicyKind.LIMIT_POLICY ? candidate.policy() : null,
                    kind == PolicyKind.RULE_SET ? candidate.rules() : null, 0, 100, null, CHUNK, null), progress);
        }
        return new PolicyDiff(version, base, PolicyDiff.changes(before.formTree(), candidate.formTree()), decisions);
    }
}
