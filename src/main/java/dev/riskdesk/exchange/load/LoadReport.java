package dev.riskdesk.exchange.load;

import dev.riskdesk.exchange.BookKind;
import java.util.List;
import java.util.Map;

/**
 * What a load (or a dry run) did: its DATA_LOAD id (0 when nothing was recorded), its outcome,
 * counts per kind, every problem found (the CLI prints the first 20, the wizard shows all), the
 * reject file if one was written, and how many accounts were touched for re-evaluation.
 */
public record LoadReport(long loadId, Outcome outcome, Map<BookKind, Counts> counts, List<LoadProblem> problems,
                         String rejectFile, long accountsTouched) {

    public enum Outcome { COMPLETED, PARTIAL, REJECTED, DRY_RUN }

    public record Counts(long added, long changed, long unchanged, long rejected) {
        public long total() {
            return added + changed + unchanged + rejected;
        }
    }

    public LoadReport {
        counts = Map.copyOf(counts);
        problems = List.copyOf(problems);
    }
}
