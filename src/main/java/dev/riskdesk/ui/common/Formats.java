package dev.riskdesk.ui.common;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Numbers, money (CNY, ¥ with thousands separators and two decimals), percentages, dates and
 * times for one language. Not thread-safe (DecimalFormat); use on the FX thread.
 */
public final class Formats {
    private final Locale locale;
    private final NumberFormat integer;
    private final DecimalFormat money;
    private final DecimalFormat percent;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter dateTimeSeconds;
    private final DateTimeFormatter date;
    private final DateTimeFormatter month;

    public Formats(Locale locale) {
        this.locale = locale;
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        this.integer = NumberFormat.getIntegerInstance(locale);
        this.integer.setGroupingUsed(true);
        this.money = new DecimalFormat("¥#,##0.00", symbols);
        this.money.setNegativePrefix("-¥");
        this.money.setRoundingMode(java.math.RoundingMode.HALF_UP); // as Money.normalize
        this.percent = new DecimalFormat("0.0%", symbols);
        boolean chinese = "zh".equals(locale.getLanguage());
        this.date = DateTimeFormatter.ofPattern(chinese ? "yyyy年M月d日" : "d MMM yyyy", locale);
        this.month = DateTimeFormatter.ofPattern(chinese ? "yyyy年M月" : "MMM yyyy", locale);
        this.dateTime = DateTimeFormatter.ofPattern(chinese ? "yyyy年M月d日 HH:mm" : "d MMM yyyy, HH:mm", locale);
        this.dateTimeSeconds = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", locale);
    }

    public Locale locale() {
        return locale;
    }

    public String integer(long value) {
        return integer.format(value);
    }

    public String money(BigDecimal amount) {
        return amount == null ? "—" : money.format(amount);
    }

    /** A ratio (0.423) as a percentage with one decimal (42.3%). */
    public String percent(double ratio) {
        return percent.format(ratio);
    }

    public String date(LocalDate value) {
        return value == null ? "—" : date.format(value);
    }

    /** A calendar month ("Mar 2025", "2025年3月"). */
    public String month(YearMonth value) {
        return value == null ? "—" : month.format(value);
    }

    public String dateTime(LocalDateTime value) {
        return value == null ? "—" : dateTime.format(value);
    }

    /** For dense tables (the audit log): sortable and equally readable in both languages. */
    public String timestamp(LocalDateTime value) {
        return value == null ? "—" : dateTimeSeconds.format(value);
    }

    /** A duration in whole hours, rounded down ("26"). */
    public String hours(Duration duration) {
        return integer(duration.toHours());
    }
}
