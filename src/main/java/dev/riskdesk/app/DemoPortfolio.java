package dev.riskdesk.app;

import dev.riskdesk.common.Progress;

/**
 * Fills a new, empty database with the demo portfolio at first start. Reports progress and stops
 * with {@link Progress.CancelledException} when the operator cancels.
 */
@FunctionalInterface
public interface DemoPortfolio {
    /** Customers and months of history the console's first start creates. */
    int CUSTOMERS = 10_000;
    int MONTHS = 24;

    void create(Progress progress);
}
