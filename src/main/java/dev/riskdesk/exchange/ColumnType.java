package dev.riskdesk.exchange;

/** The value types of the book's CSV columns (see import.md for the accepted spellings). */
public enum ColumnType {
    /** Free text up to the column's maximum length; formula-like cells are rejected. */
    TEXT,
    /** One of the column's allowed values, as written (upper case). */
    CODE,
    /** A whole number within the column's range. */
    INTEGER,
    /** CNY with at most 2 decimals ({@code 1234.5}, {@code 1234.50}); no thousands separators. */
    MONEY,
    /** {@code yyyy-MM-dd} or {@code yyyy/MM/dd}. */
    DATE,
    /** The first day of a month: {@code yyyy-MM}, or a date on the 1st. */
    MONTH,
    /** {@code yyyy-MM-dd HH:mm[:ss]} (also with {@code /} or a {@code T}), China time. */
    TIMESTAMP,
    /** {@code true}/{@code false} (also {@code 1}/{@code 0}, {@code Y}/{@code N}). */
    BOOLEAN
}
