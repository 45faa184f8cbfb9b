package dev.riskdesk.portfolio;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;

/** What a generation wrote: rows per table, scenario counts, default rate and timing. */
public record GenerationReport(
        GeneratorOptions options,
        long jobId,
        Map<String, Long> rowsPerTable,
        Map<String, Long> scenarios,
        long accounts,
        long defaultedAccounts,
        LocalDateTime asOfTime,
        LocalDateTime repaymentsFeedAsOf,
        Duration elapsed) {

    public long totalRows() {
        return rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
    }

    public double defaultRate() {
        return accounts == 0 ? 0 : (double) defaultedAccounts / accounts;
    }

    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : totalRows() / seconds;
    }
}
