package dev.riskdesk.limits.rules;

import java.util.List;

/** A versioned set of rules (RULE_SET with its RULE rows). {@code id} is null for an unsaved candidate. */
public record RuleSet(Long id, int versionNo, List<RuleDefinition> rules) {

    public RuleDefinition rule(String code) {
        return rules.stream().filter(r -> r.code().equals(code)).findFirst().orElse(null);
    }
}
