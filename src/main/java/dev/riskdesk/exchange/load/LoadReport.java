package dev.riskdesk.exchange.load;

import dev.riskdesk.exchange.BookKind;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * What a load (or a dry run) did: its DATA_LOAD id (0 when nothing was recorded), its outcome,
 * counts per kind, every problem found (the CLI prints the first 20, the wizard shows all), the
 * reject file if one was written, how many accounts were touched for re-evaluation, and the feeds
 * whose as-of the load moved (feed code to its new as-of).
 */
public record LoadReport(long loadId, Outcome outcome, Map<BookKind, Counts> counts, List<LoadProblem> problems,
                         String rejectFile, long accountsTouched, Map<String, LocalDateTime> feedsMoved) {

    public enum Outcome { COMPLETED, PARTIAL, REJECTED, DRY_RUN }

    public record Counts(long added, long changed, long unchanged, long rejected) {
        public long total() {
            return added + changed + unchanged + rejected;
        }
    }

    public LoadReport {
        Map<BookKind, Counts> inOrder = new java.util.EnumMap<>(BookKind.class);
        inOrder.putAll(counts);
        counts = java.util.Collections.unmodifiableMap(inOrder);
        problems = List.copyOf(problems);
        feedsMoved = Map.copyOf(feedsMoved);
    }

    /** A report that moved no feed. */
    public LoadReport(long loadId, Outcome outcome, Map<BookKind, Counts> counts, List<LoadProblem> problems, String rejectFile,
            long accountsTouched) {
        this(loadId, outcome, counts, problems, rejectFile, accountsTouched, Map.of());
    }
}
