package dev.riskdesk.exchange.load;

import dev.riskdesk.exchange.Column;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;

/**
 * Turns one trimmed cell into its typed value by its column's type and limits (see import.md and
 * {@link dev.riskdesk.exchange.ColumnType}); on failure returns {@link #FAILED} and leaves one
 * English sentence saying what was expected in {@link #message()}. One instance per reader.
 */
final class FieldParser {
    static final Object FAILED = new Object();
    static final int MONEY_INTEGER_DIGITS = 12;

    private LoadProblem.Text message;

    LoadProblem.Text message() {
        return message;
    }

    /** The value of {@code text} (already trimmed) in column {@code c}; null for an empty optional cell. */
    Object parse(Column c, String text) {
        if (text.isEmpty()) {
            return c.required() ? fail("data.problem.required", c.name()) : null;
        }
        return switch (c.type()) {
            case TEXT -> text(c, text);
            case CODE -> c.allowed().contains(text) ? text : fail("data.problem.code", String.join(", ", c.allowed()));
            case INTEGER -> integer(c, text);
            case MONEY -> money(text);
            case DATE -> orFail(date(text, 0, text.length()), "data.problem.date");
            case MONTH -> orFail(month(text), "data.problem.month");
            case TIMESTAMP -> orFail(timestamp(text), "data.problem.time");
            case BOOLEAN -> bool(text);
        };
    }

    private Object fail(String key, Object... args) {
        message = LoadProblem.Text.of(key, args);
        return FAILED;
    }

    private Object orFail(Object value, String key) {
        return value != null ? value : fail(key);
    }

    private Object text(Column c, String text) {
        if (looksLikeFormula(text)) {
            return fail("data.problem.formula");
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if ((ch < 0x20 && ch != '\t' && ch != '\n') || ch == 0x7F) {
                return fail("data.problem.control");
            }
        }
        if (text.length() > c.maxLength()) {
            return fail("data.problem.textLength", c.maxLength(), text.length());
        }
        return switch (c.name()) {
            case "phone" -> text.length() == 11 && digits(text, 0, 11) ? text
                    : fail("data.problem.phone");
            case "id_number" -> idNumber(text);
            default -> text;
        };
    }

    static boolean looksLikeFormula(String text) {
        if (text.length() < 2 || "=+-@".indexOf(text.charAt(0)) < 0) {
            return false;
        }
        char next = text.charAt(1);
        return Character.isLetter(next) || next == '(';
    }

    private Object idNumber(String text) {
        if (text.length() == 18 && digits(text, 0, 17)) {
            char last = text.charAt(17);
            if (last >= '0' && last <= '9' || last == 'X') {
                return text;
            }
            if (last == 'x') {
                return text.substring(0, 17) + 'X';
            }
        }
        return fail("data.problem.idNumber");
    }

    private Object integer(Column c, String text) {
        int start = text.charAt(0) == '-' ? 1 : 0;
        int len = text.length() - start;
        if (len >= 1 && len <= 12 && digits(text, start, text.length())) {
            long v = Long.parseLong(text);
            if (v >= c.min() && v <= c.max()) {
                return (int) v;
            }
        }
        return fail("data.problem.integer", c.min(), c.max());
    }

    private Object money(String text) {
        int point = text.indexOf('.');
        int intEnd = point < 0 ? text.length() : point;
        int firstSignificant = 0;
        while (firstSignificant < intEnd - 1 && text.charAt(firstSignificant) == '0') {
            firstSignificant++;
        }
        boolean ok = intEnd >= 1 && intEnd - firstSignificant <= MONEY_INTEGER_DIGITS && digits(text, 0, intEnd)
                && (point < 0 || text.length() - point - 1 >= 1 && text.length() - point - 1 <= 2
                && digits(text, point + 1, text.length()));
        if (!ok) {
            return fail("data.problem.money", MONEY_INTEGER_DIGITS);
        }
        return new BigDecimal(text).setScale(2, RoundingMode.UNNECESSARY);
    }

    private Object bool(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "y" -> Boolean.TRUE;
            case "false", "0", "n" -> Boolean.FALSE;
            default -> fail("data.problem.boolean");
        };
    }

    /** {@code yyyy-M-d} or {@code yyyy/M/d} (one or two digits for month and day, one separator) in text[from, to). */
    static LocalDate date(String text, int from, int to) {
        int first = from + 4;
        if (to - from < 8 || first >= to || !digits(text, from, first)) {
            return null;
        }
        char sep = text.charAt(first);
        if (sep != '-' && sep != '/') {
            return null;
        }
        int second = text.indexOf(sep, first + 1);
        if (second < 0 || second >= to) {
            return null;
        }
        int month = number(text, first + 1, second);
        int day = number(text, second + 1, to);
        int year = number(text, from, first);
        if (month < 1 || month > 12 || day < 1 || year < 1) {
            return null;
        }
        return day <= YearMonth.of(year, month).lengthOfMonth() ? LocalDate.of(year, month, day) : null;
    }

    static LocalDate month(String text) {
        if (text.length() >= 8) {
            LocalDate d = date(text, 0, text.length());
            return d != null && d.getDayOfMonth() == 1 ? d : null;
        }
        if (text.length() < 6 || !digits(text, 0, 4) || text.charAt(4) != '-' && text.charAt(4) != '/') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, text.length());
        return year >= 1 && month >= 1 && month <= 12 ? LocalDate.of(year, month, 1) : null;
    }

    /** {@code yyyy-MM-dd HH:mm[:ss]}, also with {@code /} in the date and a {@code T} before the time. */
    static LocalDateTime timestamp(String text) {
        int space = text.indexOf(' ');
        int t = text.indexOf('T');
        int split = space >= 0 ? space : t;
        if (split < 0) {
            return null;
        }
        LocalDate day = date(text, 0, split);
        if (day == null) {
            return null;
        }
        int c1 = text.indexOf(':', split + 1);
        if (c1 < 0) {
            return null;
        }
        int c2 = text.indexOf(':', c1 + 1);
        int minuteEnd = c2 < 0 ? text.length() : c2;
        int hour = number(text, split + 1, c1);
        int minute = minuteEnd - c1 - 1 == 2 ? number(text, c1 + 1, minuteEnd) : -1;
        int second = c2 < 0 ? 0 : text.length() - c2 - 1 == 2 ? number(text, c2 + 1, text.length()) : -1;
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        return day.atTime(hour, minute, second);
    }

    /** The value of one or two digits in text[from, to), -1 when it is not that. */
    private static int number(String text, int from, int to) {
        int len = to - from;
        if (len < 1 || len > 4 || !digits(text, from, to)) {
            return -1;
        }
        if (len > 2 && to - from != 4) {
            return -1;
        }
        return Integer.parseInt(text, from, to, 10);
    }

    static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return from < to;
    }
}
