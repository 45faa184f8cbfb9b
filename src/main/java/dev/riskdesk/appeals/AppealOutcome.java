package dev.riskdesk.appeals;

import java.util.List;

/** APPEAL.OUTCOME. LIFTED and PARTIALLY_LIFTED overturn the decision; UPHELD keeps it. */
public enum AppealOutcome {
    LIFTED, PARTIALLY_LIFTED, UPHELD;

    /** Reason codes an outcome may name; the customer notice says them in plain words. */
    public static final List<String> REASON_CODES = List.of("APPEAL_STALE_DATA", "APPEAL_IDENTITY_VERIFIED", "APPEAL_CIRCUMSTANCES",
            "APPEAL_PARTIAL_RISK", "APPEAL_RISK_CONFIRMED", "APPEAL_POLICY_APPLIES");

    public boolean overturns() {
        return this != UPHELD;
    }
}
