package dev.riskdesk.exchange.load;

import dev.riskdesk.exchange.BookKind;
import dev.riskdesk.exchange.Column;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Book files for tests: a kind's header and its columns' example row, and a reader that collects. */
final class BookCsv {
    private BookCsv() {
    }

    static String header(BookKind kind) {
        return String.join(",", kind.columns().stream().map(Column::name).toList());
    }

    static String example(BookKind kind) {
        return String.join(",", kind.columns().stream().map(Column::example).toList());
    }

    /** The example row with one column's cell replaced (written as given, so quotes are the caller's). */
    static String exampleWith(BookKind kind, String column, String cell) {
        List<String> cells = new ArrayList<>();
        for (Column c : kind.columns()) {
            cells.add(c.name().equals(column) ? cell : c.example());
        }
        return String.join(",", cells);
    }

    static Path write(Path dir, BookKind kind, String text) throws IOException {
        return write(dir, kind, text, StandardCharsets.UTF_8);
    }

    static Path write(Path dir, BookKind kind, String text, Charset charset) throws IOException {
        Path file = dir.resolve(kind.fileName());
        Files.write(file, text.getBytes(charset));
        return file;
    }

    /** What one read delivered. */
    static final class Collected implements RowSink, Consumer<LoadProblem> {
        final List<BookRow> rows = new ArrayList<>();
        final List<Long> rejected = new ArrayList<>();
        final List<LoadProblem> problems = new ArrayList<>();
        FileReadResult result;

        @Override
        public void row(BookRow row) {
            rows.add(row);
        }

        @Override
        public void rejected(long line, String[] cells) {
            rejected.add(line);
        }

        @Override
        public void accept(LoadProblem p) {
            problems.add(p);
        }

        LoadProblem only() {
            if (problems.size() != 1) {
                throw new AssertionError("expected one problem, got " + problems);
            }
            return problems.get(0);
        }
    }

    static Collected read(BookKind kind, Path file) {
        return read(kind, file, null);
    }

    static Collected read(BookKind kind, Path file, Charset forced) {
        Collected c = new Collected();
        c.result = new BookFileReader().read(kind, file, forced, c, c);
        return c;
    }
}
