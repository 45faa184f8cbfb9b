package dev.riskdesk.limits.versions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.riskdesk.common.Json;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that knows the ranges of the limit policy's and the rule set's numeric fields: the editor's form rows
 * take their limits from here, the service refuses a version outside them, and both name the field. Paths are those of
 * {@link PolicyDocument#formTree} with {@code *} for any key or index. A numeric field not listed (one a later policy
 * adds) is still edited as a number, only without a range, so new fields need no change here to be edited.
 */
public final class PolicyFields {
    /** A numeric field's range; {@code integer} when it counts (months, days, accounts). */
    public record Range(String pattern, BigDecimal min, BigDecimal max, boolean integer) {
        boolean matches(String path) {
            String[] p = pattern.split("\\.");
            String[] x = path.split("\\.");
            if (p.length != x.length) {
                return false;
            }
            for (int i = 0; i < p.length; i++) {
                if (!p[i].equals("*") && !p[i].equals(x[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Why a field's value is refused: a bundle key with its arguments, and the same in an English sentence. */
    public record FieldError(String path, String key, List<Object> arguments, String message) {
    }

    private static final String MONEY_MAX = "100000000";

    private static final List<Range> LIMIT_POLICY = List.of(
            decimal("incomeMonthly.*", "0", "1000000"),
            decimal("incomeMultiple", "0", "20"),
            decimal("spendMultiple", "0", "20"),
            integer("spendMonths", 1, 24),
            decimal("subScoreWeights.*", "0", "1"),
            decimal("scoreFactorMin", "0", "5"),
            decimal("scoreFactorMax", "0", "5"),
            decimal("hiddenCapMonths.*", "0", "36"),
            decimal("debtBurdenMax", "0", "5"),
            decimal("debtBurdenCapFactor", "0", "1"),
            decimal("utilisationBands.*.below", "0", "100"),
            decimal("utilisationBands.*.factor", "0", "2"),
            decimal("macroFactors.*.factor", "0", "2"),
            decimal("minChangePercent", "0", "100"),
            decimal("increaseMinUtilisation", "0", "1"),
            integer("increaseUtilisationMonths", 1, 24),
            integer("increaseMinHistoryMonths", 0, 120),
            decimal("increaseDeadBandPercent", "0", "100"),
            decimal("increaseDeadBandAmount", "0", "1000000"),
            decimal("maxStepUpPercent", "0", "1000"),
            decimal("maxStepDownPercent", "0", "100"),
            integer("minDaysBetweenChanges", 0, 365),
            decimal("roundTo", "1", "100000"),
            decimal("pdWhenUnscored", "0", "1"),
            decimal("lgd", "0", "1"),
            decimal("ccf", "0", "1"),
            decimal("temporaryLimit.percent", "0", "100"),
            integer("temporaryLimit.days", 1, 365),
            decimal("temporaryLimit.maxPd", "0", "1"),
            decimal("authority.autoDecreaseMaxPercent", "0", "100"),
            decimal("authority.autoIncreaseMaxPercent", "0", "1000"),
            decimal("authority.autoIncreaseMaxAmount", "0", MONEY_MAX),
            decimal("authority.autoIncreaseMaxPd", "0", "1"),
            decimal("authority.approvalAboveLimit", "0", MONEY_MAX),
            decimal("authority.approvalAboveIncreaseAmount", "0", MONEY_MAX),
            decimal("scoreBands.*.targetMultiple", "0", "20"),
            decimal("scoreBands.*.ceiling", "0", MONEY_MAX),
            decimal("scoreBands.*.cutTolerancePercent", "0", "100"),
            decimal("scoreBands.*.increaseMinUtilisation", "0", "1"));

    private static final List<Range> RULE_SET = List.of(
            integer("*.parameters.minDaysPastDue", 1, 365),
            integer("*.parameters.graceDays", 0, 30),
            decimal("*.parameters.decreasePercent", "0", "100"),
            integer("*.parameters.recentDays", 1, 90),
            integer("*.parameters.baselineDays", 1, 365),
            decimal("*.parameters.multiplier", "1", "100"),
            decimal("*.parameters.minRecentAmount", "0", MONEY_MAX),
            integer("*.parameters.windowDays", 1, 365),
            integer("*.parameters.minInquiries", 1, 100),
            integer("*.parameters.lookbackDays", 1, 90),
            integer("*.parameters.windowHours", 1, 720),
            decimal("*.parameters.minTxnAmount", "0", MONEY_MAX),
            integer("*.parameters.minTxnCount", 1, 100),
            integer("*.parameters.maxLogins", 1, 1000),
            integer("*.parameters.monthsBack", 1, 24),
            decimal("*.parameters.minJumpPoints", "0", "100"),
            decimal("*.parameters.minUtilisation", "0", "1"),
            decimal("*.parameters.factorBelow", "0", "2"));

    /**
     * A field whose value is one of a few codes ({@code many}: a list of them): the codes the form offers, in the order
     * it offers them. The console shows each code in words and the operator picks, never types, a code.
     */
    public record Choices(List<String> codes, boolean many) {
    }

    /** Attributes a policy may protect: the default three, and characteristics a model may use that a policy may add. */
    private static final List<String> ATTRIBUTES = List.of("AGE", "GENDER", "MARITAL_STATUS", "OCCUPATION", "CITY_TIER");
    private static final List<String> ACTIONS = java.util.Arrays.stream(dev.riskdesk.limits.rules.RuleAction.values()).map(Enum::name).toList();
    private static final List<String> SEVERITIES = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
    private static final List<String> SUSPENSIONS = java.util.Arrays.stream(dev.riskdesk.accounts.SuspensionKind.values()).map(Enum::name).toList();

    private PolicyFields() {
    }

    /** The codes the field at {@code path} takes, if it takes codes. */
    public static Optional<Choices> choices(PolicyKind kind, String path) {
        if (kind == PolicyKind.LIMIT_POLICY) {
            return switch (path) {
                case "protectedAttributes" -> Optional.of(new Choices(ATTRIBUTES, true));
                case "authority.autoRuleActions" -> Optional.of(new Choices(ACTIONS, true));
                default -> Optional.empty();
            };
        }
        String[] parts = path.split("\\.");
        if (parts.length == 2 && parts[1].equals("action")) {
            return Optional.of(new Choices(ACTIONS, false));
        }
        if (parts.length == 2 && parts[1].equals("severity")) {
            return Optional.of(new Choices(SEVERITIES, false));
        }
        if (parts.length == 3 && parts[1].equals("parameters") && parts[2].equals("suspensionKind")) {
            return Optional.of(new Choices(SUSPENSIONS, false));
        }
        return Optional.empty();
    }

    private static Range decimal(String pattern, String min, String max) {
        return new Range(pattern, new BigDecimal(min), new BigDecimal(max), false);
    }

    private static Range integer(String pattern, int min, int max) {
        return new Range(pattern, BigDecimal.valueOf(min), BigDecimal.valueOf(max), true);
    }

    /** The range of the field at {@code path}, if it has one. */
    public static Optional<Range> range(PolicyKind kind, String path) {
        return (kind == PolicyKind.LIMIT_POLICY ? LIMIT_POLICY : RULE_SET).stream().filter(r -> r.matches(path)).findFirst();
    }

    /**
     * Reads the text typed for the field at {@code path} whose current value is {@code original}, as a value of the
     * same kind (number, true/false, text, list), or the error that names the field.
     */
    public static Parsed parse(PolicyKind kind, String path, JsonNode original, String text) {
        String typed = text == null ? "" : text.trim();
        if (original.isNumber()) {
            if (typed.isEmpty()) {
                return Parsed.error(new FieldError(path, "policy.field.required", List.of(path), path + " needs a number."));
            }
            BigDecimal value;
            try {
                value = new BigDecimal(typed);
            } catch (NumberFormatException e) {
                return Parsed.error(new FieldError(path, "policy.field.notNumber", List.of(path, typed), path + " must be a number, not '" + typed + "'."));
            }
            Optional<FieldError> error = check(kind, path, value);
            if (error.isPresent()) {
                return Parsed.error(error.get());
            }
            return Parsed.of(original.isIntegralNumber() && value.scale() <= 0 ? IntNode.valueOf(value.intValueExact()) : DecimalNode.valueOf(value));
        }
        if (original.isBoolean()) {
            if (!typed.equals("true") && !typed.equals("false")) {
                return Parsed.error(new FieldError(path, "policy.field.notBoolean", List.of(path), path + " must be true or false."));
            }
            return Parsed.of(BooleanNode.valueOf(Boolean.parseBoolean(typed)));
        }
        if (original.isArray() && (original.isEmpty() ? choices(kind, path).isPresent() : original.get(0).isTextual())) {
            com.fasterxml.jackson.databind.node.ArrayNode list = Json.MAPPER.createArrayNode(); // codes: "AGE, GENDER"
            for (String part : typed.replace("[", "").replace("]", "").split(",")) {
                if (!part.isBlank()) {
                    list.add(part.strip().replace("\"", ""));
                }
            }
            return Parsed.of(list);
        }
        if (original.isArray()) {
            try {
                JsonNode list = Json.MAPPER.readTree(typed.startsWith("[") ? typed : "[" + typed + "]");
                return Parsed.of(list);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | UncheckedIOException e) {
                return Parsed.error(new FieldError(path, "policy.field.notList", List.of(path), path + " must be a list such as [4, 5] or [\"I1\", \"I2\"]."));
            }
        }
        Optional<Choices> choices = choices(kind, path);
        if (choices.isPresent() && !choices.get().many() && !choices.get().codes().contains(typed)) {
            return Parsed.error(new FieldError(path, "policy.field.notChoice", List.of(path, typed), path + " must be one of "
                    + String.join(", ", choices.get().codes()) + ", not '" + typed + "'."));
        }
        String name = path.substring(path.lastIndexOf('.') + 1);
        if ((name.equals("fromMonth") || name.equals("toMonth")) && !reads(() -> java.time.YearMonth.parse(typed))) {
            return Parsed.error(new FieldError(path, "policy.field.notMonth", List.of(path, typed), path + " must be a month such as 2026-01, not '"
                    + typed + "'."));
        }
        if (path.contains(".windows.") && (name.equals("from") || name.equals("to")) && !reads(() -> java.time.MonthDay.parse("--" + typed))) {
            return Parsed.error(new FieldError(path, "policy.field.notDay", List.of(path, typed), path + " must be a day of the year such as 06-18, not '"
                    + typed + "'."));
        }
        return Parsed.of(TextNode.valueOf(typed));
    }

    private static boolean reads(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** A typed value read by {@link #parse}: the value, or why it was refused. */
    public record Parsed(JsonNode value, FieldError error) {
        static Parsed of(JsonNode value) {
            return new Parsed(value, null);
        }

        static Parsed error(FieldError error) {
            return new Parsed(null, error);
        }

        public boolean ok() {
            return error == null;
        }
    }

    /** The range error of {@code value} for the field at {@code path}, if any. */
    public static Optional<FieldError> check(PolicyKind kind, String path, BigDecimal value) {
        Optional<Range> range = range(kind, path);
        if (range.isEmpty()) {
            return Optional.empty();
        }
        Range r = range.get();
        if (r.integer() && value.stripTrailingZeros().scale() > 0) {
            return Optional.of(new FieldError(path, "policy.field.notInteger", List.of(path, value.toPlainString()),
                    path + " must be a whole number, not " + value.toPlainString() + "."));
        }
        if (value.compareTo(r.min()) < 0 || value.compareTo(r.max()) > 0) {
            String min = r.min().toPlainString();
            String max = r.max().toPlainString();
            return Optional.of(new FieldError(path, "policy.field.range", List.of(path, min, max, value.toPlainString()),
                    path + " must be between " + min + " and " + max + ", not " + value.toPlainString() + "."));
        }
        return Optional.empty();
    }

    /** Every field error of a whole version (its form tree): ranges, and the rules that tie fields together. */
    public static List<FieldError> errors(PolicyKind kind, JsonNode formTree) {
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> leaf : JsonLeaves.of(formTree).entrySet()) {
            if (leaf.getValue().isNumber()) {
                check(kind, leaf.getKey(), leaf.getValue().decimalValue()).ifPresent(errors::add);
            }
        }
        if (kind == PolicyKind.LIMIT_POLICY) {
            JsonNode min = formTree.get("scoreFactorMin");
            JsonNode max = formTree.get("scoreFactorMax");
            if (min != null && max != null && min.isNumber() && max.isNumber() && min.decimalValue().compareTo(max.decimalValue()) > 0) {
                errors.add(new FieldError("scoreFactorMin", "policy.field.minAboveMax", List.of("scoreFactorMin", "scoreFactorMax"),
                        "scoreFactorMin must not be above scoreFactorMax."));
            }
            JsonNode weights = formTree.get("subScoreWeights");
            if (weights != null && weights.isObject()) {
                BigDecimal sum = BigDecimal.ZERO;
                for (JsonNode w : weights) {
                    sum = sum.add(w.isNumber() ? w.decimalValue() : BigDecimal.ZERO);
                }
                if (sum.compareTo(BigDecimal.ONE) != 0) {
                    errors.add(new FieldError("subScoreWeights", "policy.field.weightsSum", List.of("subScoreWeights", sum.toPlainString()),
                            "subScoreWeights must add up to 1, not " + sum.toPlainString() + "."));
                }
            }
            errors.addAll(ScoreBandChecks.errors(formTree));
        }
        return errors;
    }
}
