package dev.riskdesk.limits.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * The policy's target limit for one account and the hidden cap it may never exceed, with the working; {@code cutTo}
 * the level the policy lowers the line to (null when it keeps or raises it) and {@code drivers} what sets the change,
 * the binding one first (empty when the policy asks no change).
 */
public record LimitTarget(BigDecimal target, BigDecimal hiddenCap, ObjectNode working, BigDecimal cutTo, List<LimitDriver> drivers) {
}
