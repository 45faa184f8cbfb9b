package dev.riskdesk.security;

import at.favre.lib.crypto.bcrypt.BCrypt;

/** Salted bcrypt hashes of operator passwords. Not final: the lockout tests count its checks. */
public class PasswordHasher {
    private final int cost;

    public PasswordHasher(int cost) {
        this.cost = cost;
    }

    public PasswordHasher() {
        this(11);
    }

    public String hash(char[] password) {
        return BCrypt.withDefaults().hashToString(cost, password);
    }

    public boolean matches(char[] password, String hash) {
        return BCrypt.verifyer().verify(password, hash).verified;
    }
}
