package dev.riskdesk.exchange;

import java.util.List;

/**
 * One column of a book file: its header name, type, whether a value is required, its limits and
 * an example. {@code key} columns together identify a row across loads (the natural key);
 * {@code references} names the kind whose key this column must match (in the load or the database).
 */
public record Column(String name, ColumnType type, boolean required, int maxLength, long min, long max,
                     List<String> allowed, boolean key, BookKind references, String example, String description) {

    public Column {
        allowed = List.copyOf(allowed);
    }

    static Column text(String name, boolean required, int maxLength, String example, String description) {
        return new Column(name, ColumnType.TEXT, required, maxLength, 0, 0, List.of(), false, null, example, description);
    }

    static Column key(String name, int maxLength, String example, String description) {
        return new Column(name, ColumnType.TEXT, true, maxLength, 0, 0, List.of(), true, null, example, description);
    }

    static Column ref(String name, BookKind references, boolean key, String example, String description) {
        return new Column(name, ColumnType.TEXT, true, 20, 0, 0, List.of(), key, references, example, description);
    }

    static Column code(String name, boolean required, List<String> allowed, String example, String description) {
        return new Column(name, ColumnType.CODE, required, allowed.stream().mapToInt(String::length).max().orElse(0), 0, 0, allowed, false, null, example, description);
    }

    static Column integer(String name, boolean required, long min, long max, String example, String description) {
        return new Column(name, ColumnType.INTEGER, required, 0, min, max, List.of(), false, null, example, description);
    }

    static Column money(String name, boolean required, String example, String description) {
        return new Column(name, ColumnType.MONEY, required, 0, 0, 0, List.of(), false, null, example, description);
    }

    static Column of(String name, ColumnType type, boolean required, String example, String description) {
        return new Column(name, type, required, 0, 0, 0, List.of(), false, null, example, description);
    }

    /** The same column as part of its kind's natural key. */
    Column asKey() {
        return new Column(name, type, true, maxLength, min, max, allowed, true, references, example, description);
    }
}
