package dev.riskdesk.exchange.load;

import dev.riskdesk.exchange.BookKind;

/**
 * One parsed, field-valid row of a book file: its line in the file and its values in the order of
 * {@link BookKind#columns()}, typed by column type (TEXT and CODE String, INTEGER Integer, MONEY
 * BigDecimal with scale 2, DATE and MONTH LocalDate, TIMESTAMP LocalDateTime, BOOLEAN Boolean);
 * null where an optional value was empty.
 */
public record BookRow(long line, Object[] values) {
    public Object get(int column) {
        return values[column];
    }
}
