package dev.riskdesk.security;

/** The four kinds of console user (ROLE table). */
public enum Role {
    AGENT, RISK_OPERATOR, MANAGER, ADMIN
}
