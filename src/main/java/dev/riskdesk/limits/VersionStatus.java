package dev.riskdesk.limits;

/** RULE_SET.STATUS and LIMIT_POLICY.STATUS: one ACTIVE version at a time, the ones before it RETIRED. */
public enum VersionStatus {
    DRAFT, ACTIVE, RETIRED
}
