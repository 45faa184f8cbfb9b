package dev.riskdesk.scoring.model;

import dev.riskdesk.scoring.features.Feature;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A bin in words for operators and customers: "below 50%", "1 to 30 days", "¥2,000 or more",
 * "yes" — instead of the interval label "[-inf, 0.5)". The unit comes from the feature; the
 * bounds are the bin's own, so the words say exactly what the model uses.
 */
public final class BinWords {
    /** How a feature's values read. */
    enum Unit { PERCENT, DAYS, MONTHS, COUNT, NUMBER, TIMES, MONEY, YES_NO, YEARS, TIER, INCOME_BAND }

    private BinWords() {
    }

    static Unit unit(String characteristic) {
        Feature f;
        try {
            f = Feature.valueOf(characteristic);
        } catch (IllegalArgumentException e) {
            return Unit.NUMBER; // external columns (model evaluate) have no known unit
        }
        return switch (f) {
            case UTIL_NOW, UTIL_AVG_3M, UTIL_AVG_6M, UTIL_SWING_6M, SPEND_TO_LIMIT_3M, SPEND_VOLATILITY_6M, ESSENTIAL_SHARE_6M,
                 LUXURY_SHARE_6M, FESTIVAL_SHARE_12M, NIGHT_SHARE_3M, BIG_TICKET_RATIO_6M -> Unit.PERCENT;
            case DPD_NOW, WORST_DPD_3M, WORST_DPD_6M, WORST_DPD_12M -> Unit.DAYS;
            case MONTHS_ON_BOOK, MONTHS_SINCE_LATE -> Unit.MONTHS;
            case LATE_BILLS_12M, INQUIRIES_1M, INQUIRIES_3M, NEW_DEVICES_1M, LOGIN_CITIES_1M -> Unit.COUNT;
            case TXN_COUNT_AVG_3M -> Unit.NUMBER;
            case REPAY_TO_MIN_3M, SPEND_TREND, LOGIN_FREQ_CHANGE -> Unit.TIMES;
            case SPEND_AVG_3M, CREDIT_LIMIT -> Unit.MONEY;
            case REAL_NAME_VERIFIED, NEVER_USED -> Unit.YES_NO;
            case AGE -> Unit.YEARS;
            case CITY_TIER -> Unit.TIER;
            case INCOME_BAND -> Unit.INCOME_BAND;
        };
    }

    /** Whole-number features that are never negative: a bin [−inf, 0.5) is "0", [0.5, 2.5) is "1 to 2". */
    private static boolean whole(Unit u) {
        return u == Unit.DAYS || u == Unit.MONTHS || u == Unit.COUNT || u == Unit.YEARS || u == Unit.TIER || u == Unit.INCOME_BAND;
    }

    /** The smallest value a whole-number feature takes, so an open lower end reads "0 to 5 months"; null: not known (age). */
    private static Long naturalMinimum(Unit u) {
        return switch (u) {
            case TIER, INCOME_BAND -> 1L;
            case YEARS -> null;
            default -> 0L;
        };
    }

    /** The bin of {@code characteristic} in words, in the locale's language. */
    public static String of(String characteristic, Bin bin, Locale locale) {
        ResourceBundle b = bundle(locale);
        if (bin.missing()) {
            return b.getString("bin.missing");
        }
        if (bin.categories() != null) {
            return MessageFormat.format(b.getString("bin.oneOf"), String.join(", ", bin.categories()));
        }
        Unit unit = unit(characteristic);
        Double lo = bin.lower();
        Double hi = bin.upper();
        if (unit == Unit.YES_NO) {
            // 0 = no, 1 = yes; a bin holding only one of them names it, one holding both says "either"
            boolean hasNo = lo == null || lo <= 0;
            boolean hasYes = hi == null || hi > 1;
            return b.getString(hasNo && hasYes ? "bin.either" : hasYes ? "bin.yes" : "bin.no");
        }
        if (whole(unit)) {
            Long floor = naturalMinimum(unit);
            Long min = lo != null ? Long.valueOf((long) Math.ceil(lo)) : floor;
            Long max = hi == null ? null : (long) Math.ceil(hi) - 1;
            if (max == null) {
                return MessageFormat.format(b.getString("bin.atLeast"), value(b, unit, min == null ? 0 : min, locale));
            }
            if (min == null) {
                return MessageFormat.format(b.getString("bin.atMost"), value(b, unit, max, locale));
            }
            if (min >= max) {
                return value(b, unit, max, locale);
            }
            // "1 to 30 days": a quantity's unit once, after the upper end; a label ("tier 1") on both
            boolean quantity = unit != Unit.TIER && unit != Unit.INCOME_BAND;
            return MessageFormat.format(b.getString("bin.range"), quantity ? String.valueOf(min) : value(b, unit, min, locale),
                    value(b, unit, max, locale));
        }
        if (lo == null && hi == null) {
            return b.getString("bin.any");
        }
        if (lo == null) {
            return MessageFormat.format(b.getString("bin.below"), value(b, unit, hi, locale));
        }
        if (hi == null) {
            return MessageFormat.format(b.getString("bin.atLeast"), value(b, unit, lo, locale));
        }
        return MessageFormat.format(b.getString("bin.between"), value(b, unit, lo, locale), value(b, unit, hi, locale));
    }

    /** One value of {@code characteristic} in words: "45%", "¥1,200", "3 days", "yes", "not known". */
    public static String value(String characteristic, double v, Locale locale) {
        ResourceBundle b = bundle(locale);
        if (Double.isNaN(v)) {
            return b.getString("bin.missing");
        }
        Unit unit = unit(characteristic);
        if (unit == Unit.YES_NO) {
            return b.getString(v > 0 ? "bin.yes" : "bin.no");
        }
        return value(b, unit, whole(unit) ? Math.rint(v) : v, locale);
    }

    private static String value(ResourceBundle b, Unit unit, double v, Locale locale) {
        NumberFormat n = NumberFormat.getNumberInstance(locale);
        switch (unit) {
            case PERCENT -> {
                n.setMaximumFractionDigits(Math.abs(v * 100 - Math.rint(v * 100)) < 1e-9 ? 0 : 1);
                return MessageFormat.format(b.getString("unit.percent"), n.format(v * 100));
            }
            case MONEY -> {
                n.setMaximumFractionDigits(0);
                return MessageFormat.format(b.getString("unit.money"), n.format(v));
            }
            case TIMES -> {
                n.setMaximumFractionDigits(2);
                return MessageFormat.format(b.getString("unit.times"), n.format(v));
            }
            case NUMBER -> {
                n.setMaximumFractionDigits(Math.abs(v) >= 100 ? 0 : 2);
                return n.format(v);
            }
            default -> {
                long whole = (long) v;
                String key = switch (unit) {
                    case DAYS -> "unit.days";
                    case MONTHS -> "unit.months";
                    case YEARS -> "unit.years";
                    case TIER -> "unit.tier";
                    case INCOME_BAND -> "unit.incomeBand";
                    default -> "unit.count";
                };
                // "1 day", not "1 days", where the language makes the difference
                String one = key + ".one";
                return MessageFormat.format(b.getString(whole == 1 && b.containsKey(one) ? one : key), String.valueOf(whole));
            }
        }
    }

    static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(Explanation.BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
