package dev.riskdesk.app;

import dev.riskdesk.common.Progress;

/**
 * Fills a new, empty database with the demo portfolio at first start. Reports progress and stops
 * with {@link Progress.CancelledException} when the operator cancels; the next start finishes it.
 */
public interface DemoPortfolio {
    void create(Progress progress);

    /** True when a first start began on this database and has not yet run all its steps. */
    boolean unfinished();
}
