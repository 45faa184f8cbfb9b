package dev.riskdesk.limits.versions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riskdesk.scoring.model.ScoreBand;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The rules that tie a limit policy's score bands together, so the policy stays monotone in risk: the bands cover the
 * score range (every band A–E is set, none that scores do not have), and going from a better band to a worse one the
 * target multiple, the ceiling and the tolerance before a cut never rise, and the usage an increase needs never falls.
 * A policy without {@code scoreBands} uses the standard bands, which keep these rules.
 */
final class ScoreBandChecks {
    /** A band field and whether a worse band may only lower it (true) or only raise it (false). */
    private record Ordered(String field, boolean fallsWithRisk) {
    }

    private static final List<Ordered> ORDERED = List.of(new Ordered("targetMultiple", true), new Ordered("ceiling", true),
            new Ordered("cutTolerancePercent", true), new Ordered("increaseMinUtilisation", false));

    /** The fields every band must set ({@code increaseMinUtilisation} falls back to the policy's). */
    private static final List<String> REQUIRED = List.of("targetMultiple", "ceiling", "cutTolerancePercent");

    private ScoreBandChecks() {
    }

    static List<PolicyFields.FieldError> errors(JsonNode policy) {
        JsonNode bands = policy.get("scoreBands");
        List<PolicyFields.FieldError> errors = new ArrayList<>();
        if (bands == null || bands.isNull()) {
            return errors;
        }
        for (Iterator<String> names = bands.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.equals("comment") && !isBand(name)) {
                errors.add(new PolicyFields.FieldError("scoreBands." + name, "policy.field.bandUnknown", List.of(name),
                        "scoreBands names a band " + name + " that scores do not have: the bands are A to E."));
            }
        }
        for (ScoreBand band : ScoreBand.values()) {
            JsonNode rule = bands.get(band.name());
            if (rule == null || !rule.isObject()) {
                errors.add(new PolicyFields.FieldError("scoreBands." + band.name(), "policy.field.bandMissing", List.of(band.name()),
                        "scoreBands has no band " + band.name() + ": the bands A to E must all be set, or the scores of " + band.name()
                                + " would fall in a gap."));
                continue;
            }
            for (String field : REQUIRED) {
                if (!rule.path(field).isNumber()) {
                    errors.add(new PolicyFields.FieldError("scoreBands." + band.name() + "." + field, "policy.field.bandFieldMissing",
                            List.of(band.name(), field), "Band " + band.name() + " needs a number for " + field + "."));
                }
            }
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        ScoreBand[] order = ScoreBand.values();
        for (int i = 1; i < order.length; i++) {
            String better = order[i - 1].name();
            String worse = order[i].name();
            for (Ordered o : ORDERED) {
                BigDecimal b = value(policy, better, o.field());
                BigDecimal w = value(policy, worse, o.field());
                if (b == null || w == null) {
                    continue;
                }
                int cmp = w.compareTo(b);
                if (o.fallsWithRisk() && cmp > 0) {
                    errors.add(notMonotone("policy.field.bandAbove", worse, better, o.field(), w, b, "is above", "higher"));
                } else if (!o.fallsWithRisk() && cmp < 0) {
                    errors.add(notMonotone("policy.field.bandBelow", worse, better, o.field(), w, b, "is below", "lower"));
                }
            }
        }
        return errors;
    }

    private static boolean isBand(String name) {
        for (ScoreBand b : ScoreBand.values()) {
            if (b.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The band's value of {@code field}; a band without its own usage requirement has the policy's. */
    private static BigDecimal value(JsonNode policy, String band, String field) {
        JsonNode v = policy.path("scoreBands").path(band).get(field);
        if ((v == null || v.isNull()) && field.equals("increaseMinUtilisation")) {
            v = policy.get("increaseMinUtilisation");
        }
        return v != null && v.isNumber() ? v.decimalValue() : null;
    }

    private static PolicyFields.FieldError notMonotone(String key, String worse, String better, String field, BigDecimal w, BigDecimal b,
            String relation, String adjective) {
        String wt = w.stripTrailingZeros().toPlainString();
        String bt = b.stripTrailingZeros().toPlainString();
        return new PolicyFields.FieldError("scoreBands." + worse + "." + field, key, List.of(worse, field, wt, better, bt),
                "Band " + worse + "'s " + field + " (" + wt + ") " + relation + " band " + better + "'s (" + bt + "): a worse band never gets a "
                        + adjective + " " + field + " than a better one.");
    }
}
