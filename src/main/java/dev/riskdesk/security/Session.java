package dev.riskdesk.security;

import java.util.EnumSet;
import java.util.Set;

/** The operator signed in, with the permissions of their role. Immutable. */
public record Session(long operatorId, String username, String displayName, Role role, Set<Permission> permissions) {

    public Session {
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    /**
     * The operator to store as the actor of a change: none (null) only for no session (a failed sign-in,
     * whose name is not an operator). Every change is made by a signed-in operator, people and the batch
     * service operators alike: there is no all-permission identity.
     */
    public static Long actorId(Session session) {
        // ids start at 1; a session with id 0 is no operator's (only tests that write audit rows by name make one)
        return session == null || session.operatorId() <= 0 ? null : session.operatorId();
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }

    public void require(Permission permission) {
        if (!has(permission)) {
            throw new AccessDeniedException(username, permission);
        }
    }
}
