package dev.riskdesk.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A folder of book files read back for tests, and the checks every book folder must pass (import.md). */
public final class BookFolder {
    private static final Map<ColumnType, Pattern> SPELLING = Map.of(
            ColumnType.MONEY, Pattern.compile("-?\\d+\\.\\d{2}"),
            ColumnType.DATE, Pattern.compile("\\d{4}-\\d{2}-\\d{2}"),
            ColumnType.MONTH, Pattern.compile("\\d{4}-\\d{2}"),
            ColumnType.TIMESTAMP, Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"),
            ColumnType.BOOLEAN, Pattern.compile("true|false"),
            ColumnType.INTEGER, Pattern.compile("-?\\d+"));

    public final Map<BookKind, List<List<String>>> rows = new EnumMap<>(BookKind.class);

    private BookFolder() {
    }

    /** Reads every kind's file of an export (UTF-8, commas, LF), checking its exact header and line ends. */
    public static BookFolder read(Path folder) throws IOException {
        BookFolder book = new BookFolder();
        for (BookKind kind : BookKind.values()) {
            String text = Files.readString(folder.resolve(kind.fileName()), StandardCharsets.UTF_8);
            assertFalse(text.contains("\r"), kind.fileName() + " has CR line ends");
            assertTrue(text.endsWith("\n"), kind.fileName() + " does not end with a line end");
            book.rows.put(kind, parse(kind, text, ','));
        }
        return book;
    }

    /** The data rows of one file's text in the given dialect; the header must be the kind's columns in order. */
    public static List<List<String>> parse(BookKind kind, String text, char delimiter) throws IOException {
        List<String> names = kind.columns().stream().map(Column::name).toList();
        List<List<String>> data = new ArrayList<>();
        try (Reader in = new StringReader(text);
             CSVParser parser = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get().parse(in)) {
            List<CSVRecord> records = parser.getRecords();
            assertEquals(names, records.get(0).toList(), kind.fileName() + " header");
            for (CSVRecord r : records.subList(1, records.size())) {
                assertEquals(names.size(), r.size(), kind.fileName() + " line " + r.getRecordNumber());
                data.add(r.toList());
            }
        }
        return data;
    }

    public static String text(Path file, Charset charset) throws IOException {
        String text = Files.readString(file, charset);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The values of one column of a kind, in file order. */
    public List<String> column(BookKind kind, String name) {
        int i = kind.columns().indexOf(kind.column(name));
        return rows.get(kind).stream().map(r -> r.get(i)).toList();
    }

    /** Every value spelled as import.md says: required ones present, allowed codes, money with 2 decimals, dates and times. */
    public void assertSpelling() {
        rows.forEach((kind, data) -> {
            List<Column> columns = kind.columns();
            for (int line = 0; line < data.size(); line++) {
                for (int i = 0; i < columns.size(); i++) {
                    Column c = columns.get(i);
                    String v = data.get(line).get(i);
                    String where = kind.fileName() + " line " + (line + 2) + " " + c.name() + "='" + v + "'";
                    if (v.isEmpty()) {
                        assertFalse(c.required(), where + " is required");
                        continue;
                    }
                    Pattern p = SPELLING.get(c.type());
                    if (p != null) {
                        assertTrue(p.matcher(v).matches(), where);
                    }
                    if (c.type() == ColumnType.CODE) {
                        assertTrue(c.allowed().contains(v), where);
                    }
                    if (c.maxLength() > 0) {
                        assertTrue(v.length() <= c.maxLength(), where + " longer than " + c.maxLength());
                    }
                    if (c.type() == ColumnType.INTEGER) {
                        long n = Long.parseLong(v);
                        assertTrue(n >= c.min() && n <= c.max(), where);
                    }
                }
            }
        });
    }

    /** Natural keys unique within each file; every reference (and a repayment's bill) found in the files. */
    public void assertKeysAndReferences() {
        Map<BookKind, Set<String>> keys = new EnumMap<>(BookKind.class);
        rows.forEach((kind, data) -> {
            Set<String> seen = new HashSet<>();
            for (List<String> r : data) {
                String key = key(kind, r);
                if (!seen.add(key)) {
                    fail(kind.fileName() + " repeats the key " + key);
                }
            }
            keys.put(kind, seen);
        });
        rows.forEach((kind, data) -> {
            for (Column c : kind.columns()) {
                if (c.references() != null) {
                    for (String v : column(kind, c.name())) {
                        assertTrue(keys.get(c.references()).contains(v), kind.fileName() + " " + c.name() + " " + v + " is not in "
                                + c.references().fileName());
                    }
                }
            }
        });
        List<String> accounts = column(BookKind.REPAYMENTS, "account_no");
        List<String> months = column(BookKind.REPAYMENTS, "statement_month");
        for (int i = 0; i < accounts.size(); i++) {
            if (!months.get(i).isEmpty()) {
                assertTrue(keys.get(BookKind.BILLS).contains(accounts.get(i) + "|" + months.get(i)), "repayment of a bill not in bills.csv");
            }
        }
    }

    private static String key(BookKind kind, List<String> row) {
        StringBuilder sb = new StringBuilder();
        for (Column c : kind.keyColumns()) {
            if (!sb.isEmpty()) {
                sb.append('|');
            }
            sb.append(row.get(kind.columns().indexOf(c)));
        }
        return sb.toString();
    }
}
