package dev.riskdesk.ui.dashboard;

import dev.riskdesk.dashboard.StressResult;
import java.util.List;

/** The figures of a stress result in the order the screen's table and the report's page show them. */
final class StressMetrics {
    static final List<String> ALL = List.of("accounts", "baselineBadRate", "badRate", "baselineExpectedLoss", "expectedLoss",
            "exposure", "stressedExposure", "cutAccounts", "decreases", "freezes", "suspensions", "policyExposureChange");

    private StressMetrics() {
    }

    /** One figure of a stress result: a Long count, a Double rate or a BigDecimal amount. */
    static Object of(StressResult r, String metric) {
        return switch (metric) {
            case "accounts" -> r.accounts();
            case "baselineBadRate" -> r.baselineBadRate();
            case "badRate" -> r.badRate();
            case "baselineExpectedLoss" -> r.baselineExpectedLoss();
            case "expectedLoss" -> r.expectedLoss();
            case "exposure" -> r.exposure();
            case "stressedExposure" -> r.stressedExposure();
            case "cutAccounts" -> r.cutAccounts();
            case "decreases" -> r.decreases();
            case "freezes" -> r.freezes();
            case "suspensions" -> r.suspensions();
            default -> r.policyExposureChange();
        };
    }
}
