package dev.riskdesk.portfolio;

/**
 * Calibration of the latent risk model and of the customers' habits (documented in data-model.md).
 * Money in cents.
 */
final class Calibration {
    static final double HAZARD_INTERCEPT = -6.55;
    static final double HAZARD_SLOPE = 1.25;
    static final double P_DORMANT = 0.052;
    static final double P_TAKEOVER = 0.003;
    static final double P_MULTI_LENDING = 0.02;
    static final double P_DELAY = 0.01;
    static final double P_SHOCK_IN_SEGMENT = 0.30;
    static final double SHOCK_RISK = 1.1;
    static final double MULTI_LENDING_RISK = 0.7;
    static final double MEAN_TXN_PER_MONTH = 2.5;
    static final double MEAN_LOGINS_PER_MONTH = 1.2;
    static final long BIG_TICKET_CENTS = 200_000;
    static final long[] BASE_LIMIT_CENTS = {300_000, 600_000, 1_200_000, 2_000_000, 3_500_000};
    static final double[] INCOME_RISK = {0.45, 0.2, 0.0, -0.2, -0.35};
    static final double[] TIER_INCOME = {0, 0.8, 0.4, 0.0, -0.3, -0.5};
    static final String[] BANDS = {"I1", "I2", "I3", "I4", "I5"};

    private Calibration() {
    }
}
