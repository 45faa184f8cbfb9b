package dev.riskdesk.ui.review;

import dev.riskdesk.ui.common.Formats;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Set;

/**
 * One evidence value of a rule hit as the operator reads it: amounts as money, ratios as
 * percentages, days and counts with separators, dates and months in the operator's language.
 * The engine stores plain values (numbers as plain decimals, dates as ISO text); a value that
 * does not parse as expected is shown as stored.
 */
final class EvidenceTexts {
    private static final Set<String> MONEY = Set.of("limit", "outstanding", "minimumDue", "paidAmount", "recentSpend",
            "baselineSpendSamePeriod", "minTxnAmount", "amount");
    private static final Set<String> RATIOS = Set.of("utilisationNow", "utilisationThen");
    private static final Set<String> COUNTS = Set.of("daysPastDue", "thresholdDays", "inquiries", "threshold", "windowDays",
            "windowHours", "maxLoginsInWindow", "recentDays");
    private static final Set<String> FACTORS = Set.of("multiplier", "macroFactor");
    private static final Set<String> MONTHS = Set.of("thenMonth", "month");
    private static final Set<String> DATES = Set.of("dueDate");
    private static final Set<String> TIMES = Set.of("windowStart", "at");

    private EvidenceTexts() {
    }

    static String value(Formats f, String key, String raw) {
        if (raw == null || raw.isEmpty()) {
            return "—";
        }
        try {
            if (MONEY.contains(key)) {
                return f.money(new BigDecimal(raw));
            }
            if (RATIOS.contains(key)) {
                return f.percent(new BigDecimal(raw).doubleValue());
            }
            if (COUNTS.contains(key)) {
                return f.integer(new BigDecimal(raw).longValueExact());
            }
            if (FACTORS.contains(key)) {
                return "\u00d7" + new BigDecimal(raw).stripTrailingZeros().toPlainString();
            }
            if (MONTHS.contains(key)) {
                return f.month(YearMonth.parse(raw.length() > 7 ? raw.substring(0, 7) : raw));
            }
            if (DATES.contains(key)) {
                return f.date(LocalDate.parse(raw));
            }
            if (TIMES.contains(key)) {
                return f.dateTime(LocalDateTime.parse(raw));
            }
        } catch (RuntimeException e) {
            return raw; // not what the engine usually writes: show it as stored
        }
        return raw;
    }
}
