package dev.riskdesk.security;

/** A demo operator of a demo database, whose password the login window may show. */
public record DemoOperator(String username, String password, Role role, String displayName) {
}
