package dev.riskdesk.exchange.load;

import dev.riskdesk.exchange.BookKind;
import dev.riskdesk.exchange.Column;
import dev.riskdesk.exchange.ColumnType;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Malformed variants of a valid book (by default {@code data/samples}) for fuzz tests: each
 * {@link Mutant} replaces one file of the book with a broken copy (dropped, extra, reordered or
 * repeated columns, wrong types, bytes in no accepted encoding, UTF-16, truncated lines, unbalanced
 * quotes, duplicate keys, orphan references, huge fields, formula cells, times after the as-of, an
 * empty file, a header-only file whose rows other files need) and says where the load must report
 * it. Every mutant is a load that must be refused. Seeded: the same seed gives the same mutants.
 *
 * <p>Use: {@code mutant.files(scratch)} gives the book's files by kind with the broken one written
 * into {@code scratch}; {@code mutant.writeBook(folder)} writes a whole book folder (for a full import).
 */
public final class BookMutants {
    /** The as-of the samples hold to (their feeds' time): no event time is after it. */
    public static final java.time.LocalDateTime AS_OF = java.time.LocalDateTime.of(2026, 12, 1, 0, 0);

    /** The kinds of damage. */
    public enum Damage {
        DROPPED_COLUMN, EXTRA_COLUMN, REORDERED_HEADER, REPEATED_COLUMN, WRONG_TYPE, EMPTY_REQUIRED, BAD_BYTES,
        RANDOM_BYTES, UTF16, TRUNCATED_LINE, TRUNCATED_FILE, UNBALANCED_QUOTE, DUPLICATE_KEY, ORPHAN_REFERENCE,
        LONG_FIELD, HUGE_RECORD, FORMULA, TIME_AFTER_AS_OF, HEADER_DELIMITER, EMPTY_FILE, HEADER_ONLY
    }

    /**
     * One broken book: {@code kind}'s file replaced by {@code bytes}. The load must report a
     * problem in {@code faultFile}, naming a column when {@code fieldFault}.
     */
    public record Mutant(int number, Damage damage, BookKind kind, byte[] bytes, String faultFile, boolean fieldFault, Path samples) {

        /** The book's files by kind: the samples, with this mutant's file written into {@code scratch}. */
        public Map<BookKind, Path> files(Path scratch) {
            Map<BookKind, Path> files = new EnumMap<>(BookKind.class);
            for (BookKind k : BookKind.values()) {
                files.put(k, samples.resolve(k.fileName()));
            }
            try {
                Path broken = scratch.resolve(kind.fileName());
                Files.write(broken, bytes);
                files.put(kind, broken);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return files;
        }

        /** Writes the whole broken book into {@code folder} (created if missing). */
        public void writeBook(Path folder) throws IOException {
            Files.createDirectories(folder);
            for (BookKind k : BookKind.values()) {
                Files.copy(samples.resolve(k.fileName()), folder.resolve(k.fileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.write(folder.resolve(kind.fileName()), bytes);
        }

        @Override
        public String toString() {
            return "mutant " + number + " " + damage + " of " + kind.fileName();
        }
    }

    private final Path samples;
    private final Map<BookKind, List<List<String>>> book = new EnumMap<>(BookKind.class);
    private final SplittableRandom random;
    private final FieldParser parser = new FieldParser();
    private int made;

    public BookMutants(Path samples, long seed) {
        this.samples = samples;
        this.random = new SplittableRandom(seed);
        for (BookKind k : BookKind.values()) {
            book.put(k, read(samples.resolve(k.fileName())));
        }
    }

    /** The samples in {@code data/samples}. */
    public static BookMutants ofSamples(long seed) {
        return new BookMutants(Path.of("data/samples"), seed);
    }

    /** Not a mutant: {@code kind}'s sample written out again as the mutants are (the base every damage starts from). */
    public Mutant rewritten(BookKind kind) {
        return new Mutant(0, null, kind, render(book.get(kind), "\n"), kind.fileName(), false, samples);
    }

    /** The next mutant: a random damage to a random file. */
    public Mutant next() {
        Damage[] all = Damage.values();
        return next(all[random.nextInt(all.length)]);
    }

    /** The next mutant with the given damage (to a random file it applies to). */
    public Mutant next(Damage damage) {
        int n = ++made;
        return switch (damage) {
            case DROPPED_COLUMN -> table(n, damage, anyKind(), false, this::dropRequiredColumn);
            case EXTRA_COLUMN -> table(n, damage, anyKind(), false, t -> {
                addColumn(t, "extra_" + random.nextInt(1000), "x");
                return t;
            });
            case REORDERED_HEADER -> reorderedHeader(n);
            case REPEATED_COLUMN -> table(n, damage, anyKind(), false, t -> {
                int c = random.nextInt(t.get(0).size());
                addColumn(t, t.get(0).get(c), null);
                return t;
            });
            case WRONG_TYPE -> wrongType(n);
            case EMPTY_REQUIRED -> table(n, damage, anyKind(), true, t -> {
                BookKind k = kindOf(t);
                List<Integer> required = columnsWhere(k, Column::required);
                setCell(t, randomRow(t), required.get(random.nextInt(required.size())), "");
                return t;
            });
            case BAD_BYTES -> bytes(n, damage, anyKind(), b -> insert(b, randomLineStart(b), new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0x80}));
            case RANDOM_BYTES -> bytes(n, damage, anyKind(), b -> {
                byte[] r = new byte[64 + random.nextInt(4096)];
                random.nextBytes(r);
                r[0] = (byte) 0xFF; // never a valid first byte in UTF-8 or GB18030
                return r;
            });
            case UTF16 -> bytes(n, damage, anyKind(), b -> new String(b, StandardCharsets.UTF_8).getBytes(
                    random.nextBoolean() ? StandardCharsets.UTF_16 : random.nextBoolean() ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE));
            case TRUNCATED_LINE -> text(n, damage, anyKind(), false, lines -> {
                int row = 1 + random.nextInt(lines.size() - 1);
                String line = lines.get(row);
                lines.set(row, line.substring(0, line.lastIndexOf(',') - (random.nextBoolean() ? 0 : 1)));
                return lines;
            });
            case TRUNCATED_FILE -> text(n, damage, anyKind(), false, lines -> {
                String last = lines.get(lines.size() - 1);
                lines.set(lines.size() - 1, last.substring(0, 1 + random.nextInt(last.lastIndexOf(',') - 1)));
                return lines;
            });
            case UNBALANCED_QUOTE -> text(n, damage, anyKind(), false, lines -> {
                int row = 1 + random.nextInt(lines.size() - 1);
                List<String> cells = new ArrayList<>(List.of(lines.get(row).split(",", -1)));
                int c = random.nextInt(cells.size());
                cells.set(c, "\"" + cells.get(c));
                lines.set(row, String.join(",", cells));
                return lines;
            });
            case DUPLICATE_KEY -> table(n, damage, anyKind(), true, t -> {
                t.add(1 + random.nextInt(t.size()), new ArrayList<>(t.get(randomRow(t))));
                return t;
            });
            case ORPHAN_REFERENCE -> table(n, damage, kindWith(c -> c.references() != null), true, t -> {
                List<Integer> refs = columnsWhere(kindOf(t), c -> c.references() != null);
                setCell(t, randomRow(t), refs.get(random.nextInt(refs.size())), "ZZ" + random.nextInt(1_000_000));
                return t;
            });
            case LONG_FIELD -> table(n, damage, anyKind(), true, t -> {
                setCell(t, randomRow(t), random.nextInt(t.get(0).size()), "长".repeat(BookFileReader.MAX_FIELD_CHARS + 1 + random.nextInt(2000)));
                return t;
            });
            case HUGE_RECORD -> table(n, damage, anyKind(), false, t -> {
                int c = random.nextInt(t.get(0).size());
                List<String> row = t.get(randomRow(t));
                row.set(c, "x".repeat(BookFileReader.MAX_FIELD_CHARS - 10));
                for (int i = 0; i < BookFileReader.MAX_RECORD_CHARS / BookFileReader.MAX_FIELD_CHARS + 1; i++) {
                    row.add("x".repeat(BookFileReader.MAX_FIELD_CHARS - 10));
                }
                return t;
            });
            case FORMULA -> table(n, damage, kindWith(c -> c.type() == ColumnType.TEXT), true, t -> {
                List<Integer> text = columnsWhere(kindOf(t), c -> c.type() == ColumnType.TEXT);
                String[] formulas = {"=HYPERLINK(\"http://example.com/x\",\"点击\")", "=SUM(1,2)", "@SUM(A1:A9)", "+cmd|' /C calc'!A0", "-(1)", "=A1"};
                setCell(t, randomRow(t), text.get(random.nextInt(text.size())), formulas[random.nextInt(formulas.length)]);
                return t;
            });
            case TIME_AFTER_AS_OF -> table(n, damage, kindWith(c -> LoadValidator.EVENT_TIMES.contains(c.name())), true, t -> {
                List<Integer> times = columnsWhere(kindOf(t), c -> LoadValidator.EVENT_TIMES.contains(c.name()));
                int c = times.get(random.nextInt(times.size()));
                boolean date = kindOf(t).columns().get(c).type() == ColumnType.DATE;
                setCell(t, randomRow(t), c, date ? "2027-0" + (1 + random.nextInt(9)) + "-15" : "2026-12-0" + (1 + random.nextInt(9)) + " 00:00:01");
                return t;
            });
            case HEADER_DELIMITER -> text(n, damage, anyKind(), false, lines -> {
                lines.set(0, lines.get(0).replace(',', random.nextBoolean() ? ';' : '\t'));
                return lines;
            });
            case EMPTY_FILE -> bytes(n, damage, anyKind(), b -> new byte[0]);
            case HEADER_ONLY -> headerOnly(n);
        };
    }

    private Mutant headerOnly(int n) {
        // a header-only file is valid (no rows); it breaks the load only where later files need its rows
        BookKind[][] needed = {{BookKind.CUSTOMERS, BookKind.ACCOUNTS}, {BookKind.ACCOUNTS, BookKind.STATEMENTS}};
        BookKind[] pick = needed[random.nextInt(needed.length)];
        List<List<String>> t = copy(pick[0]);
        return new Mutant(n, Damage.HEADER_ONLY, pick[0], render(t.subList(0, 1), random.nextBoolean() ? "\r\n" : "\n"),
                pick[1].fileName(), true, samples);
    }

    private Mutant reorderedHeader(int n) {
        // swap two header names (not the data) where the first row's value cannot be read as the other column
        for (int attempt = 0; ; attempt++) {
            BookKind k = anyKind();
            List<List<String>> t = copy(k);
            int a = random.nextInt(t.get(0).size());
            int b = random.nextInt(t.get(0).size());
            Column ca = k.column(t.get(0).get(a));
            Column cb = k.column(t.get(0).get(b));
            if (a != b && parser.parse(cb, t.get(1).get(a)) == FieldParser.FAILED) {
                Collections.swap(t.get(0), a, b);
                return new Mutant(n, Damage.REORDERED_HEADER, k, render(t, "\n"), k.fileName(), true, samples);
            }
            if (attempt > 10_000) {
                throw new IllegalStateException("no header swap breaks " + k.fileName() + " " + ca.name());
            }
        }
    }

    private Mutant wrongType(int n) {
        BookKind k = kindWith(c -> c.type() != ColumnType.TEXT);
        List<List<String>> t = copy(k);
        List<Integer> typed = columnsWhere(k, c -> c.type() != ColumnType.TEXT);
        int c = typed.get(random.nextInt(typed.size()));
        String[] wrong = switch (k.columns().get(c).type()) {
            case INTEGER -> new String[] {"1.5", "abc", "-99999999", "9999999999999", "一"};
            case MONEY -> new String[] {"-1.00", "1.234", "1,000.00", "¥5", "12e3", "1234567890123"};
            case DATE -> new String[] {"2026-02-30", "30/11/2026", "2026.11.30", "20261130", "2026-13-01"};
            case MONTH -> new String[] {"2026-13", "11/2026", "2026-11-15", "2026"};
            case TIMESTAMP -> new String[] {"2026-11-20", "2026-11-20 25:00", "20/11/2026 10:00", "2026-11-20 10:60:00", "now"};
            case BOOLEAN -> new String[] {"yes", "2", "真", "truee"};
            case CODE -> new String[] {"UNKNOWN", "active", "?"};
            case TEXT -> throw new IllegalStateException();
        };
        setCell(t, randomRow(t), c, wrong[random.nextInt(wrong.length)]);
        return new Mutant(n, Damage.WRONG_TYPE, k, render(t, "\n"), k.fileName(), true, samples);
    }

    private List<List<String>> dropRequiredColumn(List<List<String>> t) {
        List<Integer> required = columnsWhere(kindOf(t), Column::required);
        int c = required.get(random.nextInt(required.size()));
        t.forEach(row -> row.remove(c));
        return t;
    }

    /** Adds a column at the end: {@code value} in every row, or (null) a copy of the column of that name. */
    private static void addColumn(List<List<String>> t, String name, String value) {
        int copied = t.get(0).indexOf(name);
        t.get(0).add(name);
        for (int r = 1; r < t.size(); r++) {
            t.get(r).add(value == null ? t.get(r).get(copied) : value);
        }
    }

    // ---- building blocks ----

    private Mutant table(int n, Damage d, BookKind k, boolean fieldFault, Function<List<List<String>>, List<List<String>>> change) {
        List<List<String>> t = change.apply(copy(k));
        return new Mutant(n, d, k, render(t, random.nextBoolean() ? "\r\n" : "\n"), k.fileName(), fieldFault, samples);
    }

    private Mutant text(int n, Damage d, BookKind k, boolean fieldFault, Function<List<String>, List<String>> change) {
        List<String> lines = new ArrayList<>();
        for (List<String> row : book.get(k)) {
            lines.add(String.join(",", row.stream().map(BookMutants::quoted).toList()));
        }
        List<String> changed = change.apply(lines);
        return new Mutant(n, d, k, String.join("\n", changed).getBytes(StandardCharsets.UTF_8), k.fileName(), fieldFault, samples);
    }

    private Mutant bytes(int n, Damage d, BookKind k, Function<byte[], byte[]> change) {
        return new Mutant(n, d, k, change.apply(render(book.get(k), "\n")), k.fileName(), false, samples);
    }

    private List<List<String>> copy(BookKind k) {
        List<List<String>> t = new ArrayList<>();
        book.get(k).forEach(row -> t.add(new ArrayList<>(row)));
        return t;
    }

    private BookKind kindOf(List<List<String>> t) {
        for (BookKind k : BookKind.values()) {
            if (t.get(0).equals(book.get(k).get(0))) {
                return k;
            }
        }
        throw new IllegalStateException("table of no kind");
    }

    private BookKind anyKind() {
        BookKind[] all = BookKind.values();
        return all[random.nextInt(all.length)];
    }

    private BookKind kindWith(java.util.function.Predicate<Column> has) {
        List<BookKind> kinds = java.util.Arrays.stream(BookKind.values()).filter(k -> k.columns().stream().anyMatch(has)).toList();
        return kinds.get(random.nextInt(kinds.size()));
    }

    private static List<Integer> columnsWhere(BookKind k, java.util.function.Predicate<Column> p) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < k.columns().size(); i++) {
            if (p.test(k.columns().get(i))) {
                out.add(i);
            }
        }
        return out;
    }

    private int randomRow(List<List<String>> t) {
        return 1 + random.nextInt(t.size() - 1);
    }

    private static void setCell(List<List<String>> t, int row, int column, String value) {
        t.get(row).set(column, value);
    }

    private int randomLineStart(byte[] b) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < b.length - 1; i++) {
            if (b[i] == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.isEmpty() ? 0 : Math.min(b.length, starts.get(random.nextInt(starts.size())) + random.nextInt(5));
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] out = new byte[b.length + what.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(b, at, out, at + what.length, b.length - at);
        return out;
    }

    static byte[] render(List<List<String>> table, String newline) {
        return table.stream().map(row -> row.stream().map(BookMutants::quoted).collect(Collectors.joining(",")))
                .collect(Collectors.joining(newline, "", newline)).getBytes(StandardCharsets.UTF_8);
    }

    private static String quoted(String cell) {
        boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0;
        return quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    private static List<List<String>> read(Path file) {
        try (Reader in = Files.newBufferedReader(file, Charset.forName("UTF-8"))) {
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord r : CSVFormat.DEFAULT.parse(in)) {
                rows.add(List.copyOf(r.toList()));
            }
            if (rows.size() < 2) {
                throw new IllegalStateException(file + " needs a header and at least one row to be mutated");
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
