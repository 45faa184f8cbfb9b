package dev.riskdesk.exchange.load;

import dev.riskdesk.exchange.BookKind;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * What to load: the files by kind (a whole folder gives every kind whose file is present; a single
 * kind gives one file), the encoding if the operator forced one (null: detected per file), the
 * load's as-of (null: from feeds.csv, else the newest event time in the files), whether only to
 * validate, whether to accept a partial load, and where rejects go (null: beside nothing, a file
 * in the working folder named after the load).
 */
public record LoadRequest(String sourceName, Map<BookKind, Path> files, Charset encoding, LocalDateTime asOf,
                          boolean dryRun, boolean acceptPartial, Path rejectFile) {
    public LoadRequest {
        files = Map.copyOf(files);
    }
}
