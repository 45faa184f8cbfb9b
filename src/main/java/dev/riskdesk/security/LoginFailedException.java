package dev.riskdesk.security;

import dev.riskdesk.common.UserFacingException;

/** Sign-in refused. The message never says whether the name or the password was wrong. */
public final class LoginFailedException extends UserFacingException {
    private static final long serialVersionUID = 1L;
    private final boolean locked;

    public LoginFailedException(String message, boolean locked) {
        super(message);
        this.locked = locked;
    }

    public boolean locked() {
        return locked;
    }
}
