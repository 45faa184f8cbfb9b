package dev.riskdesk.exchange.export;

import dev.riskdesk.exchange.BookKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What an export wrote: the folder, the rows of each kind's file and how long it took. */
public record BookExportReport(Path folder, Map<BookKind, Long> rows, Duration elapsed) {

    public BookExportReport {
        rows = Collections.unmodifiableMap(new EnumMap<>(rows));
    }

    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@code customers 6, accounts 6, …} in load order. */
    public String countsText() {
        return rows.entrySet().stream().map(e -> e.getKey().cliName() + " " + String.format("%,d", e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
