package dev.riskdesk.security;

import java.util.Set;

/**
 * Sessions for tests that need one without a database operator behind it (view models, audit rows written by name).
 * The program makes sessions only by signing in; this factory lives beside the package-private constructor in the
 * test sources, so the shipped program has no way to make one by hand.
 */
public final class TestSessions {
    private TestSessions() {
    }

    public static Session of(long operatorId, String username, String displayName, Role role, Set<Permission> permissions) {
        return new Session(operatorId, username, displayName, role, permissions);
    }
}
