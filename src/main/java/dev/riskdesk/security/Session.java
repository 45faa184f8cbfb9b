package dev.riskdesk.security;

import java.util.EnumSet;
import java.util.Set;

/** The operator signed in, with the permissions of their role. Immutable. */
public record Session(long operatorId, String username, String displayName, Role role, Set<Permission> permissions) {

    public Session {
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    /** The batch jobs' identity: CLI commands run as the system with every permission. */
    public static Session system() {
        return new Session(0, "system", "System", Role.ADMIN, EnumSet.allOf(Permission.class));
    }

    public boolean isSystem() {
        return operatorId == 0;
    }

    /** The operator to store as the actor of a change: none (null) for the system and for no session. */
    public static Long actorId(Session session) {
        return session == null || session.isSystem() ? null : session.operatorId();
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
