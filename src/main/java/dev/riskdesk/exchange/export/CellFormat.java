package dev.riskdesk.exchange.export;

import dev.riskdesk.exchange.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * How export spells a value of each column type: dates {@code yyyy-MM-dd}, months {@code yyyy-MM},
 * timestamps {@code yyyy-MM-dd HH:mm:ss}, money plain with 2 decimals, booleans {@code true}/{@code false},
 * enums by their name, nothing for null.
 */
final class CellFormat {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private CellFormat() {
    }

    static String format(ColumnType type, Object value) {
        if (value == null) {
            return "";
        }
        return switch (type) {
            case DATE -> ((LocalDate) value).format(DATE);
            case MONTH -> ((LocalDate) value).format(MONTH);
            case TIMESTAMP -> ((LocalDateTime) value).format(TIMESTAMP);
            case MONEY -> ((BigDecimal) value).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
            case BOOLEAN -> ((Boolean) value).toString();
            case INTEGER -> String.valueOf(((Number) value).longValue());
            case TEXT, CODE -> value instanceof Enum<?> e ? e.name() : value.toString();
        };
    }
}
