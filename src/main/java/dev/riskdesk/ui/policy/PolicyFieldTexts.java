package dev.riskdesk.ui.policy;

import dev.riskdesk.limits.versions.PolicyFields;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Localized;
import dev.riskdesk.ui.common.UiText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A policy field in words: its label from the bundles (by its path: {@code authority.autoIncreaseMaxAmount} reads
 * "policy.field.authority.autoIncreaseMaxAmount", else "policy.field.autoIncreaseMaxAmount", else the name itself, so a
 * field a later policy adds still shows), its unit, its value formatted in that unit (money with ¥ and grouping,
 * shares as percentages, months, days) and the limits it accepts.
 */
final class PolicyFieldTexts {
    enum Unit {
        MONEY, PERCENT, SHARE, MONTHS, DAYS, HOURS, MULTIPLE, NUMBER, TEXT
    }

    private static final Set<String> MONEY = Set.of("increaseDeadBandAmount", "roundTo", "autoIncreaseMaxAmount", "approvalAboveLimit",
            "approvalAboveIncreaseAmount", "ceiling", "minRecentAmount", "minTxnAmount");
    private static final Set<String> SHARE = Set.of("increaseMinUtilisation", "pdWhenUnscored", "lgd", "ccf", "maxPd", "autoIncreaseMaxPd",
            "minUtilisation", "below");
    private static final Set<String> MULTIPLE = Set.of("incomeMultiple", "spendMultiple", "targetMultiple", "multiplier");

    private final I18n i18n;

    PolicyFieldTexts(I18n i18n) {
        this.i18n = i18n;
    }

    /** The path's parts without list positions: {@code utilisationBands.0.below} is [utilisationBands, below]. */
    private static List<String> names(String path) {
        List<String> names = new ArrayList<>();
        for (String part : path.split("\\.")) {
            if (!part.chars().allMatch(Character::isDigit)) {
                names.add(part);
            }
        }
        return names;
    }

    private static String last(String path) {
        List<String> n = names(path);
        return n.get(n.size() - 1);
    }

    /** The section a field belongs to: the first part of its path, or "general" for a top-level field. */
    static String group(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? "general" : path.substring(0, dot);
    }

    /** The section's title. */
    String groupTitle(String group) {
        String rule = i18n.getOr("review.reason." + group, null); // a rule of the rule set: what it does, in words
        return i18n.getOr("policy.group." + group, rule == null ? group : rule.replaceAll("[.。]$", ""));
    }

    /** A field's label, with its position in a list ("Band 1 · usage below"). */
    String label(String path) {
        List<String> n = names(path);
        String name = n.get(n.size() - 1);
        String label = n.size() > 1 ? i18n.getOr("policy.field." + n.get(n.size() - 2) + "." + name, null) : null;
        if (label == null) {
            label = i18n.getOr("policy.field." + name, name);
        }
        String index = null;
        for (String part : path.split("\\.")) {
            if (part.chars().allMatch(Character::isDigit)) {
                index = String.valueOf(Integer.parseInt(part) + 1);
            }
        }
        return index == null ? label : i18n.format("policy.field.item", index, label);
    }

    /** The label with its section: "Authority · Largest automatic increase"; a top-level field's label alone. */
    String fullLabel(String path) {
        String group = group(path);
        if (group.equals("scoreBands") && path.split("\\.").length == 3) {
            return i18n.format("policy.bandName", path.split("\\.")[1]) + " · " + label(path);
        }
        return group.equals("general") ? label(path) : groupTitle(group) + " · " + label(path);
    }

    static Unit unit(String path) {
        String name = last(path);
        String group = group(path);
        if (group.equals("incomeMonthly") || MONEY.contains(name)) {
            return Unit.MONEY;
        }
        if (name.endsWith("Percent") || name.equals("percent")) {
            return Unit.PERCENT;
        }
        if (SHARE.contains(name)) {
            return Unit.SHARE;
        }
        if (group.equals("hiddenCapMonths") || name.endsWith("Months") || name.equals("monthsBack")) {
            return Unit.MONTHS;
        }
        if (name.endsWith("Days") || name.equals("days")) {
            return Unit.DAYS;
        }
        if (name.endsWith("Hours")) {
            return Unit.HOURS;
        }
        if (MULTIPLE.contains(name)) {
            return Unit.MULTIPLE;
        }
        return Unit.NUMBER;
    }

    /**
     * A stored value (as the form holds it) in its unit: "¥2,000", "30%", "4 months"; yes or no; codes in words
     * ("Age, Gender, Marital status", "Decrease the limit"); other texts and lists as they are.
     */
    String value(String path, String text) {
        if (text == null) {
            return i18n.get("policy.value.none");
        }
        if (text.equals("true") || text.equals("false")) {
            return i18n.get("policy.value." + text);
        }
        BigDecimal v;
        try {
            v = new BigDecimal(text);
        } catch (NumberFormatException notANumber) {
            return codes(path, text);
        }
        return number(unit(path), v);
    }

    /** A code the field at {@code path} takes, in words ("policy.choice.&lt;field&gt;.&lt;CODE&gt;"), or the code when it has none. */
    String choice(String path, String code) {
        return i18n.getOr("policy.choice." + last(path) + "." + code, code);
    }

    /** A text or a list of texts ("AGE, GENDER") with each code in words. */
    private String codes(String path, String text) {
        if (text.isEmpty()) {
            return i18n.get("policy.value.none");
        }
        List<String> words = new ArrayList<>();
        for (String part : text.split(",\\s*")) {
            words.add(choice(path, part.trim()));
        }
        return String.join(i18n.get("policy.value.separator"), words);
    }

    private String number(Unit unit, BigDecimal v) {
        String plain = v.stripTrailingZeros().toPlainString();
        return switch (unit) {
            case MONEY -> v.stripTrailingZeros().scale() <= 0 ? "¥" + i18n.formats().integer(v.longValue()) : i18n.formats().money(v);
            case PERCENT -> plain + "%";
            case SHARE -> v.multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString() + "%";
            case MONTHS -> i18n.format("policy.unit.months", plain);
            case DAYS -> i18n.format("policy.unit.days", plain);
            case HOURS -> i18n.format("policy.unit.hours", plain);
            case MULTIPLE -> "× " + plain;
            default -> plain;
        };
    }

    /** What the field accepts, in its unit: "accepts ¥0 – ¥100,000,000", "a share 0 – 1 (0.3 = 30%)"; empty without a range. */
    String accepts(String path, Optional<PolicyFields.Range> range) {
        if (range.isEmpty()) {
            return "";
        }
        PolicyFields.Range r = range.get();
        String min = r.min().stripTrailingZeros().toPlainString();
        String max = r.max().stripTrailingZeros().toPlainString();
        return switch (unit(path)) {
            case SHARE -> i18n.format("policy.accepts.share", min, max);
            case MONTHS -> i18n.format("policy.accepts.months", min, max);
            case DAYS -> i18n.format("policy.accepts.days", min, max);
            case HOURS -> i18n.format("policy.accepts.hours", min, max);
            case MONEY, PERCENT -> i18n.format("policy.accepts", number(unit(path), r.min()), number(unit(path), r.max()));
            default -> i18n.format(r.integer() ? "policy.accepts.whole" : "policy.accepts", min, max);
        };
    }

    /** A share 0–1 of accounts as a percentage with one decimal. */
    String share(BigDecimal share) {
        return i18n.formats().percent(share.setScale(4, RoundingMode.HALF_UP).doubleValue());
    }

    /** A refused field in words: the field as the form labels it (with its section), the values in the field's unit. */
    String error(PolicyFields.FieldError e) {
        return refused(e).render(i18n);
    }

    /**
     * A refused field as a text for any language: the sentence of its key, with the field's path given as its label
     * with its section, a field's name as its label, and numbers as money or percentages where the field holds those.
     */
    static UiText refused(PolicyFields.FieldError e) {
        Object[] args = e.arguments().toArray();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof String s) {
                args[i] = argument(e.path(), s);
            }
        }
        return UiText.of("error." + e.key(), args);
    }

    private static Localized argument(String path, String arg) {
        if (arg.equals(path)) {
            return i18n -> new PolicyFieldTexts(i18n).fullLabel(path);
        }
        if (!arg.isEmpty() && !arg.contains(".") && Character.isLowerCase(arg.charAt(0))) {
            return i18n -> i18n.getOr("policy.field." + arg, null) != null ? new PolicyFieldTexts(i18n).label(arg) : arg;
        }
        BigDecimal number;
        try {
            number = new BigDecimal(arg);
        } catch (NumberFormatException notANumber) {
            return i18n -> arg;
        }
        Unit unit = unit(path);
        return i18n -> unit == Unit.MONEY || unit == Unit.PERCENT ? new PolicyFieldTexts(i18n).number(unit, number) : number.stripTrailingZeros().toPlainString();
    }
}
