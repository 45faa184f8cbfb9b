package dev.riskdesk.security;

import dev.riskdesk.common.UserFacingException;

/** An operator tried something their role does not allow. */
public final class AccessDeniedException extends UserFacingException {
    private static final long serialVersionUID = 1L;
    private final Permission permission;

    public AccessDeniedException(String username, Permission permission) {
        super("Operator " + username + " is not allowed to do this (needs permission " + permission + ").");
        this.permission = permission;
    }

    public Permission permission() {
        return permission;
    }
}
