package dev.riskdesk.limits.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/** One monitoring rule as stored in RULE: operator-readable texts, severity, action and parameters. */
public record RuleDefinition(String code, String descriptionZh, String descriptionEn, String severity, RuleAction action,
        JsonNode parameters, List<String> feeds, boolean enabled) {

    public int intParam(String name, int fallback) {
        JsonNode node = parameters == null ? null : parameters.get(name);
        return node == null || node.isNull() ? fallback : node.asInt();
    }

    public BigDecimal decimalParam(String name, String fallback) {
        JsonNode node = parameters == null ? null : parameters.get(name);
        return node == null || node.isNull() ? new BigDecimal(fallback) : new BigDecimal(node.asText());
    }

    public String textParam(String name, String fallback) {
        JsonNode node = parameters == null ? null : parameters.get(name);
        return node == null || node.isNull() ? fallback : node.asText();
    }
}
