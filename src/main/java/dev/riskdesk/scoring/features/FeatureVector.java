package dev.riskdesk.scoring.features;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * Feature values of one account at one observation date, in {@link Feature} order
 * (NaN = missing), plus the categorical occupation and the thin-file marker.
 */
public record FeatureVector(long accountId, LocalDate observationDate, double[] values, String occupation,
                            int monthsOfHistory, boolean thinFile) {

    public double get(Feature feature) {
        return values[feature.ordinal()];
    }

    /** Fewer than three months of history, or never used: scored by the application-only model. */
    public static boolean isThinFile(int monthsOfHistory, boolean neverUsed) {
        return monthsOfHistory < 3 || neverUsed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureVector v && v.accountId == accountId && v.observationDate.equals(observationDate)
                && Arrays.equals(v.values, values) && java.util.Objects.equals(v.occupation, occupation)
                && v.monthsOfHistory == monthsOfHistory && v.thinFile == thinFile;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(accountId) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("FeatureVector[account=" + accountId + ", " + observationDate);
        for (Feature f : Feature.values()) {
            s.append(", ").append(f.name()).append('=').append(values[f.ordinal()]);
        }
        return s.append(", occupation=").append(occupation).append(']').toString();
    }
}
