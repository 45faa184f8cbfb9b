package dev.riskdesk.scoring.features;

/**
 * The behavioural and application features computed at an observation date (a month end).
 * Order matters: {@link FeatureVector#values()} and FEATURE_SNAPSHOT use this ordinal order.
 * Definitions and windows are documented in src/site/markdown/scoring.md.
 */
public enum Feature {
    MONTHS_ON_BOOK("whole history", Group.CREDIT, false),
    UTIL_NOW("observation month", Group.CREDIT, true),
    UTIL_AVG_3M("3 months", Group.CREDIT, true),
    UTIL_AVG_6M("6 months", Group.CREDIT, true),
    UTIL_SWING_6M("6 months", Group.STABILITY, true),
    DPD_NOW("observation month", Group.CREDIT, true),
    WORST_DPD_3M("3 months", Group.CREDIT, true),
    WORST_DPD_6M("6 months", Group.CREDIT, true),
    WORST_DPD_12M("12 months", Group.CREDIT, true),
    LATE_BILLS_12M("12 months", Group.CREDIT, true),
    MONTHS_SINCE_LATE("whole history", Group.CREDIT, true),
    REPAY_TO_MIN_3M("3 months", Group.CAPACITY, true),
    SPEND_AVG_3M("3 months", Group.CAPACITY, true),
    SPEND_TO_LIMIT_3M("3 months", Group.CAPACITY, true),
    SPEND_VOLATILITY_6M("6 months", Group.STABILITY, true),
    SPEND_TREND("3 vs previous 3 months", Group.STABILITY, true),
    TXN_COUNT_AVG_3M("3 months", Group.CAPACITY, true),
    ESSENTIAL_SHARE_6M("6 months", Group.CAPACITY, true),
    LUXURY_SHARE_6M("6 months", Group.STABILITY, true),
    FESTIVAL_SHARE_12M("12 months", Group.CAPACITY, true),
    NIGHT_SHARE_3M("3 months", Group.SECURITY, true),
    BIG_TICKET_RATIO_6M("6 months", Group.STABILITY, true),
    INQUIRIES_1M("1 month", Group.STABILITY, true),
    INQUIRIES_3M("3 months", Group.STABILITY, true),
    NEW_DEVICES_1M("1 month", Group.SECURITY, true),
    LOGIN_CITIES_1M("1 month", Group.SECURITY, true),
    LOGIN_FREQ_CHANGE("1 vs previous 3 months", Group.SECURITY, true),
    REAL_NAME_VERIFIED("at observation", Group.SECURITY, true),
    AGE("at observation", Group.APPLICATION, false),
    CITY_TIER("at observation", Group.APPLICATION, false),
    INCOME_BAND("at observation", Group.APPLICATION, false),
    NEVER_USED("whole history", Group.CAPACITY, true),
    CREDIT_LIMIT("observation month", Group.CAPACITY, false);

    /** Which sub-score a feature informs; APPLICATION features describe the customer, not behaviour. */
    public enum Group { CREDIT, CAPACITY, STABILITY, SECURITY, APPLICATION }

    private final String window;
    private final Group group;
    private final boolean actionable;

    Feature(String window, Group group, boolean actionable) {
        this.window = window;
        this.group = group;
        this.actionable = actionable;
    }

    public String window() {
        return window;
    }

    public Group group() {
        return group;
    }

    /** Whether the customer can change it by behaviour; only these appear in "what would move the score". */
    public boolean actionable() {
        return actionable;
    }

    /**
     * Whether the feature grows with time by construction (months on book, age): a book that only ages drifts in it,
     * which monitoring shows as expected drift rather than an alert.
     */
    public boolean growsWithTime() {
        return this == MONTHS_ON_BOOK || this == AGE;
    }

    /** The value {@code months} months earlier for a feature that grows with time (months on book never below 1); unchanged otherwise. */
    public double backInTime(double value, int months) {
        return switch (this) {
            case MONTHS_ON_BOOK -> Math.max(1, value - months);
            case AGE -> value - months / 12.0;
            default -> value;
        };
    }

    public static final int COUNT = values().length;

    /** The categorical application attribute carried next to the numeric features. */
    public static final String OCCUPATION = "OCCUPATION";

    /** Application-only features used by the thin-file model. */
    public static final java.util.List<String> THIN_FILE_NUMERIC =
            java.util.List.of(AGE.name(), CITY_TIER.name(), INCOME_BAND.name(), REAL_NAME_VERIFIED.name(), MONTHS_ON_BOOK.name());
}
