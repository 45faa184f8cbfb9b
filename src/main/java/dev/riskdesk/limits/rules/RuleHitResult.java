package dev.riskdesk.limits.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.common.Json;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * A rule that fired for one account: its evidence (the events that triggered it), the as-of
 * time of every feed it relied on, and whether those feeds were too old to act on.
 */
public record RuleHitResult(RuleDefinition rule, ObjectNode evidence, Map<String, LocalDateTime> feedAsOf, boolean stale,
        String staleReason) {

    public RuleAction action() {
        return rule.action();
    }

    public BigDecimal decreasePercent() {
        return rule.decimalParam("decreasePercent", "0");
    }

    public String feedAsOfJson() {
        ObjectNode node = Json.object();
        feedAsOf.forEach((feed, asOf) -> node.put(feed, asOf == null ? null : asOf.toString()));
        return Json.write(node);
    }
}
