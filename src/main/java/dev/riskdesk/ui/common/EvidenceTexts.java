package dev.riskdesk.ui.common;

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
public final class EvidenceTexts {
    private static final Set<String> MONEY = Set.of("limit", "outstanding", "minimumDue", "paidAmount", "recentSpend",
            "baselineSpendSamePeriod", "minTxnAmount", "amount", "incomeMonthly", "avgMonthlySpend", "capacity", "hiddenCap", "target",
            "increaseDeadBand");
    private static final Set<String> RATIOS = Set.of("utilisationNow", "utilisationThen", "utilisation", "debtBurden");
    private static final Set<String> COUNTS = Set.of("daysPastDue", "thresholdDays", "inquiries", "threshold", "windowDays",
            "windowHours", "maxLoginsInWindow", "recentDays");
    private static final Set<String> FACTORS = Set.of("multiplier", "macroFactor", "scoreFactor", "utilisationFactor");
    private static final Set<String> MONTHS = Set.of("thenMonth", "month");
    private static final Set<String> DATES = Set.of("dueDate");
    private static final Set<String> TIMES = Set.of("windowStart", "at");

    private EvidenceTexts() {
    }

    /**
     * Stored evidence (the engine's JSON: rule hits, each with the events behind it) as lines an
     * operator reads: one heading per object, then "label: value" per field, indented by depth.
     * Text that is not JSON is returned as it is.
     */
    public static String lines(I18n i18n, String json) {
        if (json == null || json.isBlank()) {
            return "";
        }
        try {
            StringBuilder out = new StringBuilder();
            walk(i18n, null, new com.fasterxml.jackson.databind.ObjectMapper().readTree(json), 0, out);
            return out.toString().stripTrailing();
        } catch (java.io.IOException e) {
            return json;
        }
    }

    private static void walk(I18n i18n, String key, com.fasterxml.jackson.databind.JsonNode node, int depth, StringBuilder out) {
        String indent = "  ".repeat(Math.max(0, depth - 1));
        if (node.isObject()) {
            if (key != null) {
                out.append(indent).append(label(i18n, key)).append('\n');
            }
            node.fields().forEachRemaining(e -> walk(i18n, e.getKey(), e.getValue(), key == null ? depth : depth + 1, out));
        } else if (node.isArray()) {
            for (com.fasterxml.jackson.databind.JsonNode item : node) {
                walk(i18n, key, item, depth, out);
            }
        } else if (!node.isNull()) {
            String text = "rule".equals(key) ? ReasonTexts.words(i18n, node.asText()) : value(i18n, key, node.asText());
            out.append(indent).append(label(i18n, key)).append(": ").append(text).append('\n');
        }
    }

    private static String label(I18n i18n, String key) {
        // a data feed's as-of time is keyed by the feed (BILLS, REPAYMENTS): named as the review screen names it
        return key == null ? "" : i18n.getOr("review.evidence." + key, i18n.getOr("review.feed." + key, key));
    }

    private static final java.util.regex.Pattern FEED_PROBLEM = java.util.regex.Pattern.compile(
            "([A-Z_]+) (?:(has no as-of time)|as of (\\S+) (?:is older than its (\\d+) h tolerance|does not cover (\\S+)))");

    /** As {@link #value(Formats, String, String)}, with yes and no in words and the reason a feed is stale in the operator's language. */
    public static String value(I18n i18n, String key, String raw) {
        if ("true".equals(raw) || "false".equals(raw)) {
            return i18n.get("true".equals(raw) ? "common.yes" : "common.no");
        }
        if (raw != null && raw.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+")) {
            return AuditTexts.words(i18n, raw); // a code the engine wrote (ELIGIBLE_…, a rule): in words
        }
        if (raw != null && raw.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?")) {
            return value(i18n.formats(), "at", raw); // any time the engine wrote, in the operator's format
        }
        if ("staleReason".equals(key) && raw != null) {
            return java.util.Arrays.stream(raw.split("; ")).map(p -> feedProblem(i18n, p)).collect(java.util.stream.Collectors.joining("; "));
        }
        return value(i18n.formats(), key, raw);
    }

    /** "REPAYMENTS as of 2026-12-03T11:23:08 is older than its 24 h tolerance", as the rule engine writes it, in words. */
    private static String feedProblem(I18n i18n, String problem) {
        java.util.regex.Matcher m = FEED_PROBLEM.matcher(problem);
        if (!m.matches()) {
            return problem;
        }
        String feed = i18n.getOr("review.feed." + m.group(1), m.group(1));
        if (m.group(2) != null) {
            return i18n.format("review.stale.noAsOf", feed);
        }
        String asOf = value(i18n.formats(), "at", m.group(3));
        return m.group(4) != null ? i18n.format("review.stale.old", feed, asOf, m.group(4))
                : i18n.format("review.stale.notCovering", feed, asOf, value(i18n.formats(), "at", m.group(5)));
    }

    public static String value(Formats f, String key, String raw) {
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
