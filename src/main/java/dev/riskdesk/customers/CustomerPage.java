package dev.riskdesk.customers;

import java.util.List;

/**
 * A page of results and the cursor for the next one (null at the end). {@code total} is the
 * number of matches when the search already knows it without extra work (a first page that
 * holds every match, or a search that read all its matches to sort them); otherwise it is
 * {@link #NOT_COUNTED} and the screen asks {@link CustomerSearchService#count} after showing
 * the rows, so counting never delays the first rows. {@code totalCapped} says the real number
 * is larger than {@code total}.
 */
public record CustomerPage(List<CustomerRow> rows, PageCursor next, long total, boolean totalCapped) {
    public static final long NOT_COUNTED = -1;

    /** Whether {@code total} holds the number of matches. */
    public boolean counted() {
        return total >= 0;
    }

    /** The last row's sort value and id: the next page starts strictly after it. */
    public record PageCursor(Object sortValue, long accountId) {
    }

    /** The number of matches, capped at {@link CustomerSearchService#COUNT_CAP} ("2,000+" when {@code capped}). */
    public record Count(long total, boolean capped) {
    }
}
