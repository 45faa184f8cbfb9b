package dev.riskdesk.exchange.load;

import dev.riskdesk.exchange.BookKind;
import dev.riskdesk.exchange.Column;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads one book file of a given kind, streaming: settles its dialect ({@link CsvDialect}), checks
 * its header against the kind's columns, then checks every record's fields by column type and
 * limits and hands each record to a {@link RowSink} as a typed {@link BookRow} or as rejected, with
 * its {@link LoadProblem}s to the problem sink. Writes nothing and never throws on bad input: an
 * unreadable file is one problem.
 *
 * <p>Header: every required column of the kind must be named (optional ones may be left out and
 * read as empty), in any order, names stripped of spaces and compared without case; an unknown or repeated
 * name is an error. A file with only a header is valid and holds no rows; an empty file (or one
 * of blank lines) is an error. Line numbers are physical lines (the header is usually line 1); a
 * record is reported at the line it starts on. Limits against hostile input: a record longer than
 * {@value CsvTokenizer#MAX_RECORD_CHARS} characters or a field longer than
 * {@value CsvTokenizer#MAX_FIELD_CHARS} is one problem and skipped without being held; after
 * {@value FileProblems#MAX_PROBLEMS} problems reading stops with a final problem saying so.
 *
 * <p>Without a forced encoding the file is read twice (once to settle its encoding and compute its
 * SHA-256, once to parse it); with one, once.
 */
public final class BookFileReader {
    public static final int MAX_RECORD_CHARS = CsvTokenizer.MAX_RECORD_CHARS;
    public static final int MAX_FIELD_CHARS = CsvTokenizer.MAX_FIELD_CHARS;
    public static final int MAX_PROBLEMS = FileProblems.MAX_PROBLEMS;
    private static final int HEADER_CAPACITY = 1024;

    /**
     * Reads {@code file} as a file of {@code kind}. {@code encoding} forces a charset (null: detect
     * UTF-8 or GB18030 from the bytes). Problems go to {@code problems} in file order.
     */
    public FileReadResult read(BookKind kind, Path file, Charset encoding, RowSink rows, Consumer<LoadProblem> problems) {
        return read(kind, file, encoding, rows, new FileProblems(nameOf(file), problems));
    }

    static String nameOf(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    FileReadResult read(BookKind kind, Path file, Charset encoding, RowSink rows, FileProblems problems) {
        String sha = null;
        Charset charset = encoding;
        try {
            if (charset == null) {
                EncodingSniffer.Sniffed sniffed = EncodingSniffer.sniff(file);
                sha = sniffed.sha256();
                if (!sniffed.ok()) {
                    problems.file(sniffed.failLine(), "", "", LoadProblem.Text.of("data.problem.encoding", sniffed.failDetail()));
                    return new FileReadResult(problems.file(), kind, sha, null, 0, problems.count(), false, problems.rejected());
                }
                charset = sniffed.charset();
            }
            MessageDigest digest = sha == null ? EncodingSniffer.sha256() : null;
            try (InputStream raw = Files.newInputStream(file);
                 InputStream in = digest == null ? raw : new DigestInputStream(raw, digest)) {
                Parse parse = new Parse(kind, new CsvTokenizer(in, charset), rows, problems);
                parse.run();
                parse.tokens.drain();
                if (digest != null) {
                    sha = HexFormat.of().formatHex(digest.digest());
                }
                CsvDialect dialect = new CsvDialect(charset, parse.tokens.bom(), parse.tokens.delimiter(), parse.tokens.lineEnding());
                return new FileReadResult(problems.file(), kind, sha, dialect, parse.records, problems.count(),
                        parse.complete, problems.rejected());
            }
        } catch (IOException | SecurityException e) {
            problems.file(0, "", "", LoadProblem.Text.of("data.problem.unreadable",
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            return new FileReadResult(problems.file(), kind, sha, null, 0, problems.count(), false, problems.rejected());
        }
    }

    /** One pass over one file's records. */
    private static final class Parse {
        final BookKind kind;
        final List<Column> columns;
        final CsvTokenizer tokens;
        final RowSink rows;
        final FileProblems problems;
        final FieldParser parser = new FieldParser();
        /** For each of the kind's columns, its position in the file's records (-1: absent). */
        int[] position;
        String[] headerNames;
        long records;
        boolean complete;

        Parse(BookKind kind, CsvTokenizer tokens, RowSink rows, FileProblems problems) {
            this.kind = kind;
            this.columns = kind.columns();
            this.tokens = tokens;
            this.rows = rows;
            this.problems = problems;
        }

        void run() throws IOException {
            tokens.detectDelimiter();
            CsvTokenizer.Record r = new CsvTokenizer.Record(HEADER_CAPACITY);
            boolean any;
            while ((any = tokens.next(r)) && r.blank()) {
                // blank lines before the header are skipped
            }
            if (!any) {
                if (!malformed()) {
                    problems.file(0, "", "", LoadProblem.Text.of("data.problem.empty", kind.fileName()));
                }
                return;
            }
            if (!header(r)) {
                return;
            }
            r = new CsvTokenizer.Record(headerNames.length + 1);
            while (tokens.next(r)) {
                if (r.blank()) {
                    continue;
                }
                records++;
                record(r);
                if (problems.stopped()) {
                    return;
                }
            }
            complete = !malformed();
        }

        private boolean malformed() {
            if (tokens.malformedLine() < 0) {
                return false;
            }
            problems.file(tokens.malformedLine(), "", "", LoadProblem.Text.of("data.problem.malformed", tokens.charsetName()));
            return true;
        }

        private boolean header(CsvTokenizer.Record r) {
            long line = r.line;
            if (r.tooLong || r.fieldCount > HEADER_CAPACITY) {
                problems.file(line, "", r.head.toString(), LoadProblem.Text.of("data.problem.headerTooLong", kind.fileName(),
                        String.format("%,d", MAX_RECORD_CHARS)));
                return false;
            }
            if (r.unclosedField >= 0) {
                problems.file(line, "", r.head.toString(), LoadProblem.Text.of("data.problem.headerQuote", kind.fileName()));
                return false;
            }
            headerNames = new String[r.fieldCount];
            position = new int[columns.size()];
            java.util.Arrays.fill(position, -1);
            Set<String> unknown = new LinkedHashSet<>();
            Set<String> repeated = new LinkedHashSet<>();
            for (int i = 0; i < r.fieldCount; i++) {
                String name = r.fields[i].strip().toLowerCase(Locale.ROOT);
                headerNames[i] = name;
                int col = indexOf(name);
                if (col < 0) {
                    unknown.add(name.isEmpty() ? "(empty)" : FileProblems.cut(name));
                } else if (position[col] >= 0) {
                    repeated.add(name);
                } else {
                    position[col] = i;
                }
            }
            List<String> missing = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                if (position[c] < 0 && columns.get(c).required()) {
                    missing.add(columns.get(c).name());
                }
            }
            if (!unknown.isEmpty()) {
                problems.file(line, String.join(", ", unknown), "", LoadProblem.Text.of("data.problem.unknownColumns", kind.fileName(), String.join(", ", unknown)));
            }
            if (!repeated.isEmpty()) {
                problems.file(line, String.join(", ", repeated), "", LoadProblem.Text.of("data.problem.repeatedColumns", String.join(", ", repeated)));
            }
            if (!missing.isEmpty()) {
                problems.file(line, String.join(", ", missing), "", LoadProblem.Text.of("data.problem.missingColumns", kind.fileName(), String.join(", ", missing)));
            }
            return unknown.isEmpty() && repeated.isEmpty() && missing.isEmpty();
        }

        private int indexOf(String name) {
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).name().equals(name)) {
                    return c;
                }
            }
            return -1;
        }

        private String columnAt(int field) {
            return field < headerNames.length ? headerNames[field] : "";
        }

        private void record(CsvTokenizer.Record r) {
            long line = r.line;
            String head = r.head.toString();
            if (r.tooLong) {
                problems.row(line, "", head, LoadProblem.Text.of("data.problem.lineTooLong", String.format("%,d", MAX_RECORD_CHARS)));
            } else if (r.unclosedField >= 0) {
                problems.row(line, columnAt(r.unclosedField), head,
                        LoadProblem.Text.of("data.problem.unclosedQuote"));
            } else if (r.fieldCount != headerNames.length) {
                problems.row(line, "", head, tokens.delimiter() == '\t'
                        ? LoadProblem.Text.of("data.problem.fieldCountTab", headerNames.length, r.fieldCount)
                        : LoadProblem.Text.of("data.problem.fieldCount", headerNames.length, tokens.delimiter(), r.fieldCount));
            } else if (r.longField >= 0) {
                problems.row(line, columnAt(r.longField), r.field(r.longField), LoadProblem.Text.of("data.problem.fieldTooLong", String.format("%,d", MAX_FIELD_CHARS)));
            } else if (r.strayField >= 0) {
                problems.row(line, columnAt(r.strayField), r.field(r.strayField),
                        LoadProblem.Text.of("data.problem.strayQuote"));
            } else {
                fields(r);
                return;
            }
            rows.rejected(line, null);
        }


        private void fields(CsvTokenizer.Record r) {
            Object[] values = new Object[columns.size()];
            boolean ok = true;
            for (int c = 0; c < values.length; c++) {
                int at = position[c];
                String cell = at < 0 ? "" : r.fields[at].strip();
                Object v = parser.parse(columns.get(c), cell);
                if (v == FieldParser.FAILED) {
                    problems.row(r.line, columns.get(c).name(), at < 0 ? "" : r.fields[at], parser.message());
                    ok = false;
                } else {
                    values[c] = v;
                }
            }
            if (ok) {
                rows.row(new BookRow(r.line, values));
            } else {
                String[] cells = new String[columns.size()];
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = position[c] < 0 ? "" : r.fields[position[c]].strip();
                }
                rows.rejected(r.line, cells);
            }
        }
    }
}
