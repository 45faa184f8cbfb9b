package dev.riskdesk.portfolio;

import java.time.LocalDate;

/**
 * What to generate. {@code detailMonths} is how many of the most recent months keep raw events
 * (bills, repayments, transactions, logins, inquiries); the monthly aggregates cover all months.
 * Data runs up to the start of {@code asOf} (midnight, China Standard Time wall clock).
 */
public record GeneratorOptions(int customers, int months, long seed, int detailMonths, LocalDate asOf) {
    public static final int DEFAULT_CUSTOMERS = 10_000;
    public static final int DEFAULT_MONTHS = 24;
    public static final long DEFAULT_SEED = 42;
    public static final int MAX_CUSTOMERS = 5_000_000;
    public static final int MAX_MONTHS = 120;

    public GeneratorOptions {
        if (customers < 1 || customers > MAX_CUSTOMERS) {
            throw new IllegalArgumentException("customers must be between 1 and " + MAX_CUSTOMERS + ", not " + customers);
        }
        if (months < 1 || months > MAX_MONTHS) {
            throw new IllegalArgumentException("months must be between 1 and " + MAX_MONTHS + ", not " + months);
        }
        if (detailMonths < 1 || detailMonths > months) {
            throw new IllegalArgumentException("detail months must be between 1 and months (" + months + "), not " + detailMonths);
        }
        if (asOf == null) {
            throw new IllegalArgumentException("as-of date is required");
        }
    }

    /** All months keep raw events. */
    public static GeneratorOptions of(int customers, int months, long seed, LocalDate asOf) {
        return new GeneratorOptions(customers, months, seed, months, asOf);
    }

    /** The console's first start: 10,000 customers, 24 months, seed 42. */
    public static GeneratorOptions demo(LocalDate asOf) {
        return of(DEFAULT_CUSTOMERS, DEFAULT_MONTHS, DEFAULT_SEED, asOf);
    }

    public GeneratorOptions withDetailMonths(int k) {
        return new GeneratorOptions(customers, months, seed, k, asOf);
    }
}
