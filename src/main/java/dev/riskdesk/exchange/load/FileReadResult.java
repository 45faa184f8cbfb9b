package dev.riskdesk.exchange.load;

import dev.riskdesk.exchange.BookKind;

/**
 * What reading one book file found: its name and kind, its SHA-256 (hex, of every byte of the file,
 * null when it could not be read), its dialect (null when the file could not be read or its encoding
 * settled), how many records it holds after the header (blank lines not counted), how many
 * problems it had, whether it was read to its end, and the lines rejected.
 */
public record FileReadResult(String file, BookKind kind, String sha256, CsvDialect dialect, long records, long problems,
                             boolean complete, RejectedLines rejected) {

    /** The encoding as recorded with the load: {@code UTF-8}, {@code UTF-8 BOM}, {@code GB18030}, or {@code unknown}. */
    public String encodingLabel() {
        return dialect == null ? "unknown" : dialect.encodingLabel();
    }

    /** Records that may be loaded: all records less the rejected ones (none when the whole file is rejected). */
    public long acceptedRecords() {
        return rejected.all() ? 0 : records - rejected.count();
    }
}
