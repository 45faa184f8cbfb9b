package dev.riskdesk.security;

/**
 * The kinds of operator (ROLE table): four people's roles in the console, and the service operator
 * that scheduled batch work signs in as, with only the batch permissions (migration V9_3).
 */
public enum Role {
    AGENT, RISK_OPERATOR, MANAGER, ADMIN, BATCH
}
