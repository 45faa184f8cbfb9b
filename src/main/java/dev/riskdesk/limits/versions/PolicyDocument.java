package dev.riskdesk.limits.versions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.common.Json;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.limits.rules.RuleSet;
import dev.riskdesk.limits.rules.RuleSetService;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The content of one version as a JSON document in the format of its data/ file (data/limit-policy.json,
 * data/rules.json), and the form tree the editor and the differences work on: the policy as it is, the rule set keyed
 * by rule code ({@code OVERDUE_DECREASE.parameters.minDaysPastDue}), so a rule's fields keep their path whatever the
 * rules' order.
 */
public final class PolicyDocument {
    private final PolicyKind kind;
    private final JsonNode content;

    private PolicyDocument(PolicyKind kind, JsonNode content) {
        this.kind = kind;
        this.content = content;
    }

    /** Reads {@code json} ({@code source} names it in errors) and checks it completely; nothing is stored. */
    public static PolicyDocument parse(PolicyKind kind, String json, String source) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw UserFacingException.keyed("policy.invalidJson", "The " + label(kind) + " " + source + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""), e, source);
        }
        if (tree == null || !tree.isObject()) {
            throw UserFacingException.keyed("policy.invalidJson", "The " + label(kind) + " " + source + " is not a JSON object.", source);
        }
        PolicyDocument document = new PolicyDocument(kind, tree);
        document.check(source);
        return document;
    }

    /** A stored rule set as a document. */
    public static PolicyDocument of(RuleSet rules) {
        return new PolicyDocument(PolicyKind.RULE_SET, RuleSetService.toJson(rules.rules()));
    }

    private static String label(PolicyKind kind) {
        return kind == PolicyKind.LIMIT_POLICY ? "limit policy" : "rule set";
    }

    /** Checks that the document reads as its kind (every field known, of its type) and that every field is in range. */
    private void check(String source) {
        if (kind == PolicyKind.LIMIT_POLICY) {
            LimitPolicyService.parse(content.toString(), source);
        } else {
            RuleSetService.parse(content, source);
        }
        List<PolicyFields.FieldError> errors = PolicyFields.errors(kind, formTree());
        if (!errors.isEmpty()) {
            throw new PolicyFieldException(errors.get(0));
        }
    }

    public PolicyKind kind() {
        return kind;
    }

    /** A copy of the document in its file's format. */
    public JsonNode content() {
        return content.deepCopy();
    }

    /** The document as stored: indented JSON in its file's format. */
    public String json() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public LimitPolicy policy() {
        return LimitPolicyService.parse(content.toString(), "draft");
    }

    public RuleSet rules() {
        return RuleSetService.parse(content, "draft");
    }

    /** The tree whose leaves are the editor's fields and the differences' rows. */
    public JsonNode formTree() {
        if (kind == PolicyKind.LIMIT_POLICY) {
            return content.deepCopy();
        }
        ObjectNode byCode = Json.object();
        for (JsonNode rule : content.path("rules")) {
            ObjectNode fields = byCode.putObject(rule.path("code").asText());
            fields.put("enabled", rule.path("enabled").asBoolean(true));
            fields.set("severity", rule.path("severity").deepCopy());
            fields.set("action", rule.path("action").deepCopy());
            fields.set("parameters", rule.path("parameters").isObject() ? rule.path("parameters").deepCopy() : Json.object());
        }
        return byCode;
    }

    /**
     * This document with the form field at {@code path} set to {@code value}, checked as a whole (a value that reads
     * but does not fit, such as a severity that does not exist, is refused here naming the field).
     */
    public PolicyDocument with(String path, JsonNode value) {
        return with(Map.of(path, value));
    }

    /**
     * This document with every form field of {@code values} (path to value) set, checked once as a whole, so fields
     * that depend on each other (the score bands' order, the sub-score weights' sum) may change together.
     */
    public PolicyDocument with(Map<String, JsonNode> values) {
        JsonNode copy = content.deepCopy();
        for (Map.Entry<String, JsonNode> e : values.entrySet()) {
            set(copy, e.getKey(), e.getValue());
        }
        PolicyDocument changed = new PolicyDocument(kind, copy);
        changed.check(values.size() == 1 ? "(field " + values.keySet().iterator().next() + ")" : "(form)");
        return changed;
    }

    private void set(JsonNode copy, String path, JsonNode value) {
        if (kind == PolicyKind.LIMIT_POLICY) {
            JsonLeaves.set(copy, path, value);
            return;
        }
        int dot = path.indexOf('.');
        String code = path.substring(0, dot);
        JsonNode rule = null;
        for (JsonNode r : copy.path("rules")) {
            if (r.path("code").asText().equals(code)) {
                rule = r;
            }
        }
        if (rule == null) {
            throw new IllegalArgumentException("no rule " + code);
        }
        if (path.substring(dot + 1).equals("enabled") && !rule.has("enabled")) {
            ((ObjectNode) rule).put("enabled", true);
        }
        JsonLeaves.set(rule, path.substring(dot + 1), value);
    }
}
