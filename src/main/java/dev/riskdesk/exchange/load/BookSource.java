package dev.riskdesk.exchange.load;

import dev.riskdesk.exchange.BookKind;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.DSLContext;

/**
 * The files of a load as an import reads them: which kinds it holds, and each kind's rows, read
 * again as often as asked (a load reads every file twice: to validate, then to write). Reading
 * never changes a file.
 */
interface BookSource {
    /** What reading one file found: its name, SHA-256 and encoding as recorded with the load. */
    record FileFacts(String file, String sha256, String encoding) {
    }

    /** The kinds the load holds, in {@link BookKind} order (parents before children). */
    List<BookKind> kinds();

    /** The file name of a kind, as problems name it. */
    String fileName(BookKind kind);

    /** Reads the kind's file: every field-valid row to {@code rows}, every problem to {@code problems}. */
    FileFacts read(BookKind kind, Consumer<BookRow> rows, Consumer<LoadProblem> problems);

    /**
     * The first pass over the kind's file (kinds in load order): like {@link #read}, but only rows that also
     * pass the load's checks across rows and files (unique keys, references, times, row rules) reach
     * {@code rows}, and those checks' problems go to {@code problems} too.
     */
    default FileFacts check(BookKind kind, Consumer<BookRow> rows, Consumer<LoadProblem> problems) {
        return read(kind, rows, problems);
    }

    /** Begins a first pass: the checks across files see the database through {@code dsl} and the load's as-of (null: none given). */
    default void beginCheck(DSLContext dsl, LocalDateTime asOf) {
    }
}
