package dev.riskdesk.security;

import dev.riskdesk.common.UserFacingException;
import java.util.Locale;

/**
 * What a new operator password must be: at least {@value #MIN_LENGTH} characters and not the
 * operator's name. The one place every new password is checked (the first administrator of
 * {@code riskdesk admin init}, an operator an administrator adds). The demo operators' printed
 * passwords are the demo's, not new passwords, and are not checked.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 10;

    private PasswordPolicy() {
    }

    /** Refuses a password that breaks the policy with one sentence naming the rule. */
    public static void check(String username, char[] password) {
        if (password == null || password.length < MIN_LENGTH) {
            throw new UserFacingException("A password needs at least " + MIN_LENGTH + " characters.");
        }
        String lower = new String(password).toLowerCase(Locale.ROOT);
        if (username != null && lower.equals(username.strip().toLowerCase(Locale.ROOT))) {
            throw new UserFacingException("A password must not be the operator's name.");
        }
    }
}
