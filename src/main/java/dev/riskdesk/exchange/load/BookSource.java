package dev.riskdesk.exchange.load;

import dev.riskdesk.exchange.BookKind;
import java.util.List;
import java.util.function.Consumer;

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
}
