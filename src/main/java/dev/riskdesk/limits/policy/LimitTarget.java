package dev.riskdesk.limits.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** The policy's target limit for one account and the hidden cap it may never exceed, with the working. */
public record LimitTarget(BigDecimal target, BigDecimal hiddenCap, ObjectNode working) {
}
