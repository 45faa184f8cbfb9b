package dev.riskdesk.security;

import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.AppSettings;
import java.time.Duration;
import org.jooq.DSLContext;

/**
 * How sign-in guards a name: after {@code maxFailedLogins} wrong passwords in a row the name is
 * locked for {@code lockout}; the console locks itself after {@code idleLock} without input.
 * Stored in APP_SETTING (changed by an administrator, audited); a database that never set them
 * uses {@link #DEFAULT}. Reading never writes.
 */
public record SignInPolicy(int maxFailedLogins, Duration lockout, Duration idleLock) {
    public static final SignInPolicy DEFAULT = new SignInPolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(15));
    static final String MAX_FAILED_LOGINS = "security.signIn.maxFailedLogins";
    static final String LOCKOUT = "security.signIn.lockout";
    static final String IDLE_LOCK = "security.signIn.idleLock";

    /** The limits an administrator may choose within (the Operators screen and the command line show them). */
    public static final int MIN_FAILURES = 1;
    public static final int MAX_FAILURES = 100;
    public static final int MIN_MINUTES = 1;
    /** A day: a longer lockout is a disabled operator, a longer idle lock no lock. */
    public static final int MAX_MINUTES = 1440;

    public SignInPolicy {
        if (maxFailedLogins < MIN_FAILURES || maxFailedLogins > MAX_FAILURES) {
            throw new IllegalArgumentException("maxFailedLogins must be between 1 and 100");
        }
        if (lockout.isNegative() || lockout.isZero() || idleLock.isNegative() || idleLock.isZero()) {
            throw new IllegalArgumentException("lockout and idle lock must be positive");
        }
    }

    /**
     * A policy as an administrator enters it, in whole minutes; a value outside its limits is refused with a sentence
     * that names the field and its limits.
     */
    public static SignInPolicy ofMinutes(int maxFailedLogins, int lockoutMinutes, int idleLockMinutes) {
        if (maxFailedLogins < MIN_FAILURES || maxFailedLogins > MAX_FAILURES) {
            throw UserFacingException.keyed("signInPolicy.maxFailures", "Wrong passwords before a lockout must be between "
                    + MIN_FAILURES + " and " + MAX_FAILURES + ", not " + maxFailedLogins + ".", String.valueOf(MIN_FAILURES), String.valueOf(MAX_FAILURES), String.valueOf(maxFailedLogins));
        }
        if (lockoutMinutes < MIN_MINUTES || lockoutMinutes > MAX_MINUTES) {
            throw UserFacingException.keyed("signInPolicy.lockout", "The lockout must be between " + MIN_MINUTES + " and "
                    + MAX_MINUTES + " minutes, not " + lockoutMinutes + ".", String.valueOf(MIN_MINUTES), String.valueOf(MAX_MINUTES), String.valueOf(lockoutMinutes));
        }
        if (idleLockMinutes < MIN_MINUTES || idleLockMinutes > MAX_MINUTES) {
            throw UserFacingException.keyed("signInPolicy.idleLock", "The idle lock must be between " + MIN_MINUTES + " and "
                    + MAX_MINUTES + " minutes, not " + idleLockMinutes + ".", String.valueOf(MIN_MINUTES), String.valueOf(MAX_MINUTES), String.valueOf(idleLockMinutes));
        }
        return new SignInPolicy(maxFailedLogins, Duration.ofMinutes(lockoutMinutes), Duration.ofMinutes(idleLockMinutes));
    }

    /** The policy in force, inside the caller's transaction when {@code dsl} is one. */
    static SignInPolicy read(DSLContext dsl) {
        String max = AppSettings.get(dsl, MAX_FAILED_LOGINS);
        String lockout = AppSettings.get(dsl, LOCKOUT);
        String idle = AppSettings.get(dsl, IDLE_LOCK);
        return new SignInPolicy(max == null ? DEFAULT.maxFailedLogins : Integer.parseInt(max),
                lockout == null ? DEFAULT.lockout : Duration.parse(lockout),
                idle == null ? DEFAULT.idleLock : Duration.parse(idle));
    }

    @Override
    public String toString() {
        return maxFailedLogins + " wrong passwords lock a name for " + lockout.toMinutes() + " min; idle lock after " + idleLock.toMinutes() + " min";
    }
}
