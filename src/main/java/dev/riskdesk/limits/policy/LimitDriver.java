package dev.riskdesk.limits.policy;

import java.util.Arrays;
import java.util.List;

/**
 * What drives the limit policy's change of a line, as the reason code a proposal names first (rule hits name
 * their rule's code instead). The customer notice (data/notice-templates.json) and the review screen
 * (review.reason.* in the bundles) have words for each, and only {@link #SCORE} speaks of a credit assessment.
 */
public enum LimitDriver {
    /** The line is above what the declared income can carry (hiddenCapMonths of it, less under heavy debt). */
    CAPACITY("POLICY_CAPACITY"),
    /** The line is above the score band's ceiling (the hidden cap). */
    HIDDEN_CAP("POLICY_HIDDEN_CAP"),
    /** The score band's target: the line is far above (or below) what the band carries. */
    SCORE("POLICY_SCORE"),
    /** A weak consumption-capacity sub-score (income, spending, repayments) lowers the target. */
    SUBSCORE_CAPACITY("POLICY_SUBSCORE_CAPACITY"),
    /** A weak stability sub-score (spending swings, applications elsewhere, utilisation swings) lowers the target. */
    SUBSCORE_STABILITY("POLICY_SUBSCORE_STABILITY"),
    /** A weak security sub-score (new devices, cities, night activity, unverified name) lowers the target. */
    SUBSCORE_SECURITY("POLICY_SUBSCORE_SECURITY"),
    /** The line has been little used in recent months. */
    LOW_USAGE("POLICY_LOW_USAGE"),
    /** The macro-economic factor of the customer's segment (the code of the rule that reports it). */
    MACRO("MACRO_DOWNTURN");

    private final String code;

    LimitDriver(String code) {
        this.code = code;
    }

    /** The reason code stored on proposals and looked up for words. */
    public String code() {
        return code;
    }

    /** True for the score and the sub-scores: the drivers a credit assessment stands behind. */
    public boolean isScore() {
        return this == SCORE || this == SUBSCORE_CAPACITY || this == SUBSCORE_STABILITY || this == SUBSCORE_SECURITY;
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(LimitDriver::code).toList();
    }

    /**
     * The sub-score that holds the target down: the weakest of capacity, stability and security; the score itself when
     * the credit sub-score is weaker still.
     */
    static LimitDriver weakestSubScore(AccountData.Score s) {
        int weakest = Math.min(s.capacitySub(), Math.min(s.stabilitySub(), s.securitySub()));
        if (s.creditSub() <= weakest) {
            return SCORE;
        }
        return weakest == s.capacitySub() ? SUBSCORE_CAPACITY : weakest == s.stabilitySub() ? SUBSCORE_STABILITY : SUBSCORE_SECURITY;
    }
}
