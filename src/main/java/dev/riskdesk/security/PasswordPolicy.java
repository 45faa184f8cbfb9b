package dev.riskdesk.security;

import dev.riskdesk.common.UserFacingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a new or changed operator password must be: at least {@link #MIN_LENGTH} characters, not
 * containing the operator name (in any case), and not one of the common passwords of
 * {@code common-passwords.txt}. Passwords set before this policy (the demo operators') stay valid
 * until they are changed: the policy is checked only when a password is set (the first administrator
 * of {@code riskdesk admin init}, an operator an administrator adds, a reset, a change of one's own).
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 10;
    private static final String COMMON = "common-passwords.txt";

    private static final Set<String> COMMON_PASSWORDS = load();

    private PasswordPolicy() {
    }

    /** The common-password list shipped in the jar, in lower case. */
    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON)) {
            if (in == null) {
                throw new IllegalStateException(COMMON + " is missing from the jar");
            }
            Set<String> words = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws a sentence (with a bundle key for the console) naming the first rule {@code password} breaks. */
    public static void check(String username, char[] password) {
        if (password == null || password.length < MIN_LENGTH) {
            throw UserFacingException.keyed("password.tooShort",
                    "A password needs at least " + MIN_LENGTH + " characters.", MIN_LENGTH);
        }
        String lower = new String(password).toLowerCase(Locale.ROOT);
        if (username != null && !username.isBlank() && lower.contains(username.strip().toLowerCase(Locale.ROOT))) {
            throw UserFacingException.keyed("password.containsName", "A password must not contain the operator name.");
        }
        if (COMMON_PASSWORDS.contains(lower)) {
            throw UserFacingException.keyed("password.common",
                    "This password is one of the most common passwords; choose one that is harder to guess.");
        }
    }

    /** How many common passwords the policy refuses (for the docs and tests). */
    static int commonPasswords() {
        return COMMON_PASSWORDS.size();
    }
}
