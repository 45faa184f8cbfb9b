package dev.riskdesk.dashboard;

import java.math.BigDecimal;

/**
 * One scenario's projection on the latest month of the book, next to today's figures.
 *
 * @param runAt          ISO local date-time of the run (business time)
 * @param badRate        expected default rate: mean PD (stressed PD capped at 1)
 * @param cutAccounts    accounts the current policy would cut (decrease, freeze or suspend) under the scenario's income shock
 * @param policyExposureChange net change of exposure if every proposal of the policy run were carried out (increases included); nothing is applied
 */
public record StressResult(String scenario, String runAt, long accounts, BigDecimal exposure, BigDecimal stressedExposure,
        double baselineBadRate, double badRate, BigDecimal baselineExpectedLoss, BigDecimal expectedLoss, long cutAccounts,
        long decreases, long freezes, long suspensions, BigDecimal policyExposureChange) {
}
