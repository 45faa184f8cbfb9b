package dev.riskdesk.security;

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

    public SignInPolicy {
        if (maxFailedLogins < 1 || maxFailedLogins > 100) {
            throw new IllegalArgumentException("maxFailedLogins must be between 1 and 100");
        }
        if (lockout.isNegative() || lockout.isZero() || idleLock.isNegative() || idleLock.isZero()) {
            throw new IllegalArgumentException("lockout and idle lock must be positive");
        }
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
