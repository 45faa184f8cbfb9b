package dev.riskdesk.customers;

import java.util.List;

/**
 * A page of results and the cursor for the next one (null at the end). {@code total} is the
 * number of matches, capped at {@link CustomerSearchService#COUNT_CAP}; {@code totalCapped}
 * says the real number is larger, so the screen shows "2,000+".
 */
public record CustomerPage(List<CustomerRow> rows, PageCursor next, long total, boolean totalCapped) {

    /** The last row's sort value and id: the next page starts strictly after it. */
    public record PageCursor(Object sortValue, long accountId) {
    }
}
