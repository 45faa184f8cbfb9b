package dev.riskdesk.limits.rules;

/** What a rule asks for, in increasing order of severity (RULE.ACTION). */
public enum RuleAction {
    FLAG, ADJUST, DECREASE, FREEZE, SUSPEND;

    public boolean isMoreSevereThan(RuleAction other) {
        return other == null || ordinal() > other.ordinal();
    }
}
