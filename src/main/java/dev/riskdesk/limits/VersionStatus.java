package dev.riskdesk.limits;

/**
 * RULE_SET.STATUS and LIMIT_POLICY.STATUS. A manager's DRAFT is SUBMITTED, APPROVED by another manager and then
 * ACTIVE (one at a time; the one before it RETIRED); a draft sent back is a DRAFT again; a maker may WITHDRAW a
 * draft or a submitted version. Only the seed of a new database is stored ACTIVE directly.
 */
public enum VersionStatus {
    DRAFT, SUBMITTED, APPROVED, ACTIVE, RETIRED, WITHDRAWN
}
