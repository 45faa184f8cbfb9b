package dev.riskdesk.exchange.load;

import dev.riskdesk.exchange.BookKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A book held as parsed rows, for the import's tests: rows are added by kind in the kind's column
 * order, numbered as lines 2, 3, ... of their file; a "file" changes when its rows do.
 */
final class MemoryBook implements BookSource {
    final Map<BookKind, List<BookRow>> rows = new EnumMap<>(BookKind.class);
    final Map<BookKind, List<LoadProblem>> problems = new EnumMap<>(BookKind.class);

    MemoryBook add(BookKind kind, Object... values) {
        if (values.length != kind.columns().size()) {
            throw new IllegalArgumentException(kind + ": " + values.length + " values for " + kind.columns().size() + " columns");
        }
        List<BookRow> list = rows.computeIfAbsent(kind, k -> new ArrayList<>());
        list.add(new BookRow(list.size() + 2, values.clone()));
        return this;
    }

    /** A problem the reader would report on the kind's file. */
    MemoryBook problem(BookKind kind, long line, String column, String message) {
        problems.computeIfAbsent(kind, k -> new ArrayList<>()).add(new LoadProblem(kind.fileName(), line, column, "", message));
        rows.computeIfAbsent(kind, k -> new ArrayList<>());
        return this;
    }

    /** The same book without the rows of {@code kind}. */
    MemoryBook without(BookKind kind) {
        MemoryBook copy = new MemoryBook();
        rows.forEach((k, v) -> {
            if (k != kind) {
                copy.rows.put(k, new ArrayList<>(v));
            }
        });
        return copy;
    }

    /** Replaces value {@code column} of the row with the given key (first column) of a kind. */
    MemoryBook set(BookKind kind, Object key, String column, Object value) {
        int c = kind.columns().indexOf(kind.column(column));
        List<BookRow> list = rows.get(kind);
        for (int i = 0; i < list.size(); i++) {
            BookRow r = list.get(i);
            if (r.get(0).equals(key)) {
                Object[] v = r.values().clone();
                v[c] = value;
                list.set(i, new BookRow(r.line(), v));
            }
        }
        return this;
    }

    LoadRequest request(boolean acceptPartial, java.nio.file.Path rejects) {
        Map<BookKind, java.nio.file.Path> files = new EnumMap<>(BookKind.class);
        rows.keySet().forEach(k -> files.put(k, java.nio.file.Path.of("book", k.fileName())));
        return new LoadRequest("book", files, null, null, false, acceptPartial, rejects);
    }

    @Override
    public List<BookKind> kinds() {
        return new ArrayList<>(rows.keySet());
    }

    @Override
    public String fileName(BookKind kind) {
        return kind.fileName();
    }

    @Override
    public FileFacts read(BookKind kind, Consumer<BookRow> sink, Consumer<LoadProblem> problemSink) {
        List<BookRow> list = rows.getOrDefault(kind, List.of());
        list.forEach(sink);
        problems.getOrDefault(kind, List.of()).forEach(problemSink);
        StringBuilder content = new StringBuilder();
        list.forEach(r -> content.append(java.util.Arrays.deepToString(r.values())));
        return new FileFacts(kind.fileName(), String.format("%064x", content.toString().hashCode() & 0xffffffffL), "UTF-8");
    }

    /** Two customers with an account each, a few months of statements, a bill, and one event of each kind. */
    static MemoryBook tiny() {
        MemoryBook b = new MemoryBook();
        b.add(BookKind.CUSTOMERS, "C1", "王芳", "F", LocalDate.of(1990, 4, 18), "13812345678", "11010519900418002X", "北京", null, "I3", "教师",
                t("2024-05-02 10:15"), true, t("2024-05-02 10:20"));
        b.add(BookKind.CUSTOMERS, "C2", "李强", "M", LocalDate.of(1985, 1, 2), "13912345679", "110105198501020011", "某县城", 4, "I2", "司机",
                t("2024-06-02 10:15"), false, null);
        b.add(BookKind.ACCOUNTS, "A1", "C1", "CREDIT_PAY", t("2024-05-02 10:30"), "ACTIVE", money("20000"), money("15200.50"), money("4799.50"),
                null, null, null, 0, null);
        b.add(BookKind.ACCOUNTS, "A2", "C2", "CASH_LOAN", t("2024-06-02 10:30"), "ACTIVE", money("5000"), money("0"), money("5000"),
                null, null, null, 12, null);
        for (String a : new String[] {"A1", "A2"}) {
            for (int m = 10; m <= 11; m++) {
                b.add(BookKind.STATEMENTS, a, LocalDate.of(2026, m, 1), money("20000"), money("4799.50"), money("3120"), 14, money("1800"),
                        money("0"), money("0"), 1, 0, money("240"), money("2000"), 0, false, 22, 0, 1, 0);
            }
        }
        b.add(BookKind.BILLS, "A1", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 14), money("3120"),
                money("312"), money("3120"), LocalDate.of(2026, 11, 12), 0, "PAID", null);
        b.add(BookKind.TRANSACTIONS, "TX1", "A1", t("2026-11-20 12:31"), money("58"), "FOOD_DELIVERY", "美团外卖", "APP", "北京", "D8F3A1", null);
        b.add(BookKind.REPAYMENTS, "RP1", "A1", LocalDate.of(2026, 11, 1), money("3120"), t("2026-11-12 09:00"), t("2026-11-12 09:01"), "AUTO_DEBIT");
        b.add(BookKind.INQUIRIES, "IQ1", "C2", t("2026-11-18 16:00"), "某消费金融公司", "CONSUMER_LOAN", null);
        b.add(BookKind.LOGINS, "LG1", "C1", t("2026-11-20 08:02"), "D8F3A1", "203.0.113.7", "北京", false, false, true, null);
        return b;
    }

    static LocalDateTime t(String s) {
        return LocalDateTime.parse(s.replace(' ', 'T'));
    }

    static BigDecimal money(String s) {
        return new BigDecimal(s).setScale(2);
    }
}
