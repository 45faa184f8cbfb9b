package dev.riskdesk.security;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The operator signed in, with the permissions of their role. Immutable. Only the sign-in ({@link OperatorService})
 * makes one with permissions: the constructor is not public, so no other code can give itself a role
 * (ArchitectureTest keeps it so inside this package too). Tests make theirs with TestSessions.
 */
public final class Session {
    /** The actor of the audit events a new database's set-up writes (seeds): no operator, no permission. */
    private static final Session DATABASE_SET_UP = new Session(0, "database set-up", "database set-up", null, Set.of());

    private final long operatorId;
    private final String username;
    private final String displayName;
    private final Role role;
    private final Set<Permission> permissions;

    Session(long operatorId, String username, String displayName, Role role, Set<Permission> permissions) {
        this.operatorId = operatorId;
        this.username = username;
        this.displayName = displayName;
        this.role = role;
        this.permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    /**
     * The set-up of a new database, as the actor of the seeds it audits (the first limit policy and rule set): it
     * holds no permission, so no service lets it change anything.
     */
    public static Session databaseSetUp() {
        return DATABASE_SET_UP;
    }

    /**
     * The operator to store as the actor of a change: none (null) only for no session (a failed sign-in,
     * whose name is not an operator). Every change is made by a signed-in operator, people and the batch
     * service operators alike: there is no all-permission identity.
     */
    public static Long actorId(Session session) {
        // ids start at 1; a session with id 0 is no operator's (the database set-up, tests that write audit rows by name)
        return session == null || session.operatorId() <= 0 ? null : session.operatorId();
    }

    public long operatorId() {
        return operatorId;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }

    public void require(Permission permission) {
        if (!has(permission)) {
            throw new AccessDeniedException(username, permission);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Session s && s.operatorId == operatorId && Objects.equals(s.username, username)
                && Objects.equals(s.displayName, displayName) && s.role == role && s.permissions.equals(permissions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operatorId, username, displayName, role, permissions);
    }

    @Override
    public String toString() {
        return "Session[" + operatorId + ", " + username + ", " + role + "]";
    }
}
