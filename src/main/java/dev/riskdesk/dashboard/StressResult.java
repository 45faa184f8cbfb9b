package dev.riskdesk.dashboard;

import java.math.BigDecimal;

/**
 * One scenario's projection on the latest month of the book, next to today's figures.
 *
 * @param runAt          ISO local date-time of the run (business time)
 * @param badRate        expected default rate: mean PD (stressed PD capped at 1)
 * @param cutAccounts    extra cuts (decrease, freeze or suspend) the current policy would make because of the scenario's income
 *                       shock: the simulated run with the shock minus the same run without it (decreases, freezes and
 *                       suspensions likewise)
 * @param policyExposureChange how much the shock changes the exposure change of the policy run if every proposal were
 *                       carried out (with shock minus without); nothing is applied
 */
public record StressResult(String scenario, String runAt, long accounts, BigDecimal exposure, BigDecimal stressedExposure,
        double baselineBadRate, double badRate, BigDecimal baselineExpectedLoss, BigDecimal expectedLoss, long cutAccounts,
        long decreases, long freezes, long suspensions, BigDecimal policyExposureChange) {
}
