package dev.riskdesk.scoring.model;

import dev.riskdesk.common.UserFacingException;
import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The header and rows of a CSV file, read as a stream with a cap on what one field, one line and
 * the whole file may hold, so that a file that is not a CSV (a device, a binary) is refused with
 * its line and field named instead of filling the memory. Each row keeps its physical line number.
 */
record CsvRows(List<String> header, List<String[]> rows, List<Long> lines, char delimiter) {
    static final int MAX_FIELD_CHARS = 100_000;
    static final int MAX_LINE_CHARS = 1_000_000;
    static final long MAX_VALUES = 20_000_000;

    static CsvRows read(Path file) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)), 1 << 16)) {
            skipBom(in);
            char delimiter = CsvDatasetReader.sniffDelimiter(firstLine(in));
            return parse(file, new CappedReader(file, in, delimiter), delimiter);
        } catch (CharacterCodingException e) {
            throw notUtf8(file, e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw notUtf8(file, e);
            }
            throw new UserFacingException(file + ": malformed CSV (" + e.getMessage() + ").", e);
        } catch (IOException e) {
            throw new UserFacingException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static CsvRows parse(Path file, CappedReader reader, char delimiter) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).build();
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        long values = 0;
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord record : parser) {
                String[] fields = record.values();
                long line = parser.getCurrentLineNumber() - lineBreaksInside(fields);
                if (header == null) {
                    if (!isBlank(fields)) {
                        header = header(file, fields, line);
                    }
                    continue;
                }
                if (fields.length != header.size()) {
                    throw new UserFacingException(file + " line " + line + ": " + fields.length + " fields, but the header has "
                            + header.size() + " (delimiter '" + delimiter + "').");
                }
                values += fields.length;
                if (values > MAX_VALUES) {
                    throw new UserFacingException(file + " line " + line + ": the file holds more than " + String.format("%,d", MAX_VALUES)
                            + " values; evaluate a sample of its rows.");
                }
                rows.add(fields);
                lines.add(line);
            }
        }
        if (header == null || !reader.sawText) {
            throw new UserFacingException("The file " + file + " is empty.");
        }
        return new CsvRows(header, rows, lines, delimiter);
    }

    private static List<String> header(Path file, String[] fields, long line) {
        List<String> header = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < fields.length; c++) {
            String name = fields[c].trim();
            if (name.isEmpty()) {
                throw new UserFacingException(file + " line " + line + ", column " + (c + 1) + ": the header has an empty column name.");
            }
            if (!seen.add(name)) {
                throw new UserFacingException(file + " line " + line + ", column " + (c + 1) + ": the column name '" + name + "' appears twice.");
            }
            header.add(name);
        }
        return header;
    }

    /** The parser counts the line where a record ends; a quoted field may span lines (CR LF counts once). */
    static int lineBreaksInside(String[] fields) {
        int breaks = 0;
        for (String field : fields) {
            for (int i = 0; i < field.length(); i++) {
                char ch = field.charAt(i);
                if (ch == '\n' && (i == 0 || field.charAt(i - 1) != '\r') || ch == '\r') {
                    breaks++;
                }
            }
        }
        return breaks;
    }

    private static boolean isBlank(String[] fields) {
        for (String f : fields) {
            if (!f.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static void skipBom(BufferedReader in) throws IOException {
        in.mark(1);
        if (in.read() != '\uFEFF') {
            in.reset();
        }
    }

    /** The first line (outside quotes), at most one line's cap, for sniffing the delimiter; the reader is left where it was. */
    private static String firstLine(BufferedReader in) throws IOException {
        in.mark(MAX_LINE_CHARS + 1);
        StringBuilder line = new StringBuilder();
        boolean quoted = false;
        for (int ch = in.read(); ch >= 0 && line.length() < MAX_LINE_CHARS; ch = in.read()) {
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '\n' || ch == '\r')) {
                break;
            }
            line.append((char) ch);
        }
        in.reset();
        return line.toString();
    }

    private static UserFacingException notUtf8(Path file, Exception e) {
        return new UserFacingException("The file " + file + " is not UTF-8 text; save it as UTF-8 CSV.", e);
    }

    /**
     * Passes characters on while following the CSV structure just enough to count the physical
     * line, the field within the record and their lengths; refuses a field or a record over its cap.
     */
    private static final class CappedReader extends FilterReader {
        private final Path file;
        private final char delimiter;
        private long line = 1;
        private int field = 1;
        private int fieldChars;
        private int recordChars;
        private boolean quoted;
        private boolean quoteMayClose;
        private boolean atFieldStart = true;
        private int previous = -1;
        boolean sawText;

        CappedReader(Path file, Reader in, char delimiter) {
            super(in);
            this.file = file;
            this.delimiter = delimiter;
        }

        @Override
        public int read() throws IOException {
            int ch = super.read();
            if (ch >= 0) {
                follow((char) ch);
            }
            return ch;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                follow(buffer[offset + i]);
            }
            return n;
        }

        private void follow(char ch) {
            if (ch == '\n' && previous == '\r') {
                previous = ch;
                return;
            }
            previous = ch;
            boolean lineBreak = ch == '\r' || ch == '\n';
            if (lineBreak) {
                line++;
            }
            if (quoteMayClose) {
                quoteMayClose = false;
                quoted = ch == '"'; // a doubled quote stays inside the field
            } else if (quoted) {
                quoteMayClose = ch == '"';
            } else if (ch == '"' && atFieldStart) {
                quoted = true;
            }
            if (!quoted && (ch == delimiter || lineBreak)) {
                endField(lineBreak);
                return;
            }
            if (!Character.isWhitespace(ch)) {
                atFieldStart = false;
                sawText = true;
            }
            fieldChars++;
            recordChars++;
            checkCaps();
        }

        private void checkCaps() {
            if (fieldChars > MAX_FIELD_CHARS || recordChars > MAX_LINE_CHARS) {
                throw new UserFacingException(file + " line " + line + ", field " + field + ": more than "
                        + (fieldChars > MAX_FIELD_CHARS ? String.format("%,d characters in one field", MAX_FIELD_CHARS)
                        : String.format("%,d characters in one line", MAX_LINE_CHARS)) + "; is this a CSV file?");
            }
        }

        private void endField(boolean recordEnds) {
            fieldChars = 0;
            atFieldStart = true;
            if (recordEnds) {
                field = 1;
                recordChars = 0;
            } else {
                recordChars++;
                checkCaps();
                field++;
            }
        }
    }
}
