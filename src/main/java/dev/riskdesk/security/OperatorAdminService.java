package dev.riskdesk.security;

import static dev.riskdesk.db.schema.Tables.OPERATOR;

import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.AppSettings;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.OperatorRecord;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DSLContext;

/**
 * An administrator manages operators: list, add, disable, enable, reset a password, change the role,
 * and the sign-in policy. Each change needs {@link Permission#OPERATOR_ADMIN}, is audited in its own
 * transaction and, when the caller passes the version it saw, refused if the operator changed since.
 * The last active administrator can be neither disabled nor given another role.
 */
public final class OperatorAdminService {
    private final Database database;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;

    public OperatorAdminService(Database database, PasswordHasher hasher, AuditLog audit, Clock clock) {
        this.database = database;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    /** One operator as the Operators screen and {@code riskdesk operators list} show it. */
    public record OperatorSummary(long id, String username, String displayName, Role role, boolean active,
                                  LocalDateTime lockedUntil, LocalDateTime lastLoginAt, boolean mustChangePassword, int version) {
    }

    /** Every operator, by name. */
    @Requires(Permission.OPERATOR_ADMIN)
    public List<OperatorSummary> list(Session actor) {
        actor.require(Permission.OPERATOR_ADMIN);
        return database.dsl().selectFrom(OPERATOR).orderBy(OPERATOR.USERNAME).fetch(OperatorAdminService::summary);
    }

    /** Adds an operator with a first password that meets the {@link PasswordPolicy}. */
    @Requires(Permission.OPERATOR_ADMIN)
    public long add(Session actor, String username, String displayName, Role role, char[] password) {
        actor.require(Permission.OPERATOR_ADMIN);
        String name = OperatorService.requireValidName(username);
        String display = displayName == null || displayName.isBlank() ? name : displayName.strip();
        if (display.length() > 100) {
            throw UserFacingException.keyed("operator.displayNameTooLong", "A display name has at most 100 characters.");
        }
        if (role == null) {
            throw UserFacingException.keyed("operator.noRole", "Choose the operator's role.");
        }
        PasswordPolicy.check(name, password);
        String hash = hasher.hash(password);
        return database.transactionResult(tx -> {
            if (tx.fetchExists(OPERATOR, OPERATOR.USERNAME.eq(name))) {
                throw UserFacingException.keyed("operator.exists", "An operator named " + name + " already exists.", name);
            }
            long id = OperatorService.insert(tx, name, display, role, hash, LocalDateTime.now(clock));
            audit.record(tx, actor, "OPERATOR_CREATED", "OPERATOR", id, null, role.name());
            return id;
        });
    }

    /**
     * Disables an operator: they can no longer sign in. {@code version} is the one the caller saw
     * (null: whatever it is now, as the command line does).
     */
    @Requires(Permission.OPERATOR_ADMIN)
    public void disable(Session actor, String username, Integer version) {
        change(actor, username, version, "OPERATOR_DISABLED", null, (tx, operator) -> {
            if (operator.getActive()) {
                requireAnotherAdmin(tx, operator);
            }
            tx.update(OPERATOR).set(OPERATOR.ACTIVE, false).where(OPERATOR.ID.eq(operator.getId())).execute();
        });
    }

    @Requires(Permission.OPERATOR_ADMIN)
    public void enable(Session actor, String username, Integer version) {
        change(actor, username, version, "OPERATOR_ENABLED", null,
                (tx, operator) -> tx.update(OPERATOR).set(OPERATOR.ACTIVE, true).where(OPERATOR.ID.eq(operator.getId())).execute());
    }

    /**
     * Gives an operator a temporary password (it must meet the {@link PasswordPolicy}) that they must
     * change at their next sign-in; also lifts a lockout.
     */
    @Requires(Permission.OPERATOR_ADMIN)
    public void resetPassword(Session actor, String username, Integer version, char[] temporaryPassword) {
        actor.require(Permission.OPERATOR_ADMIN);
        PasswordPolicy.check(username == null ? null : username.strip(), temporaryPassword);
        String hash = hasher.hash(temporaryPassword);
        change(actor, username, version, "PASSWORD_RESET", null, (tx, operator) -> tx.update(OPERATOR)
                .set(OPERATOR.PASSWORD_HASH, hash)
                .set(OPERATOR.MUST_CHANGE_PASSWORD, true)
                .set(OPERATOR.FAILED_LOGINS, 0)
                .set(OPERATOR.LOCKED_UNTIL, (LocalDateTime) null)
                .where(OPERATOR.ID.eq(operator.getId()))
                .execute());
    }

    /** Gives an operator another role (an operator has one role). */
    @Requires(Permission.OPERATOR_ADMIN)
    public void setRole(Session actor, String username, Integer version, Role role) {
        actor.require(Permission.OPERATOR_ADMIN);
        if (role == null) {
            throw UserFacingException.keyed("operator.noRole", "Choose the operator's role.");
        }
        change(actor, username, version, "OPERATOR_ROLE_CHANGED", role.name(), (tx, operator) -> {
            if (operator.getActive() && role != Role.ADMIN) {
                requireAnotherAdmin(tx, operator);
            }
            tx.update(OPERATOR).set(OPERATOR.ROLE_CODE, role.name()).where(OPERATOR.ID.eq(operator.getId())).execute();
        });
    }

    /** The lockout and idle-lock settings in force. */
    @Requires(Permission.OPERATOR_ADMIN)
    public SignInPolicy signInPolicy(Session actor) {
        actor.require(Permission.OPERATOR_ADMIN);
        return SignInPolicy.read(database.dsl());
    }

    /** Changes the lockout threshold and duration and the console's idle lock (audited with old and new values). */
    @Requires(Permission.OPERATOR_ADMIN)
    public void changeSignInPolicy(Session actor, SignInPolicy policy) {
        actor.require(Permission.OPERATOR_ADMIN);
        database.transaction(tx -> {
            SignInPolicy old = SignInPolicy.read(tx);
            LocalDateTime now = LocalDateTime.now(clock);
            AppSettings.put(tx, SignInPolicy.MAX_FAILED_LOGINS, String.valueOf(policy.maxFailedLogins()), now);
            AppSettings.put(tx, SignInPolicy.LOCKOUT, policy.lockout().toString(), now);
            AppSettings.put(tx, SignInPolicy.IDLE_LOCK, policy.idleLock().toString(), now);
            audit.record(tx, actor, "SIGN_IN_POLICY_CHANGED", "APP_SETTING", "security.signIn", null, "was: " + old + "; now: " + policy);
        });
    }

    /** A change to one operator, inside one transaction with its audit event and version bump. */
    @FunctionalInterface
    private interface Change {
        void apply(DSLContext tx, OperatorRecord operator);
    }

    private void change(Session actor, String username, Integer version, String action, String details, Change change) {
        actor.require(Permission.OPERATOR_ADMIN);
        String name = username == null ? "" : username.strip();
        database.transaction(tx -> {
            // the active administrators first, always in the same order, so two demotions cannot deadlock
            tx.select(OPERATOR.ID).from(OPERATOR).where(OPERATOR.ROLE_CODE.eq(Role.ADMIN.name()).and(OPERATOR.ACTIVE.isTrue()))
                    .orderBy(OPERATOR.ID).forUpdate().fetch();
            OperatorRecord operator = tx.selectFrom(OPERATOR).where(OPERATOR.USERNAME.eq(name)).forUpdate().fetchOne();
            if (operator == null) {
                throw UserFacingException.keyed("operator.unknown", "There is no operator named " + name + ".", name);
            }
            if (version != null && operator.getVersion() != version.intValue()) {
                throw UserFacingException.keyed("operator.changedMeanwhile",
                        "Operator " + name + " was changed by someone else meanwhile; reload and try again.", name);
            }
            change.apply(tx, operator);
            tx.update(OPERATOR).set(OPERATOR.VERSION, OPERATOR.VERSION.plus(1)).where(OPERATOR.ID.eq(operator.getId())).execute();
            audit.record(tx, actor, action, "OPERATOR", operator.getId(), null, details);
        });
    }

    private static void requireAnotherAdmin(DSLContext tx, OperatorRecord operator) {
        if (!Role.ADMIN.name().equals(operator.getRoleCode())) {
            return;
        }
        int others = tx.fetchCount(OPERATOR, OPERATOR.ROLE_CODE.eq(Role.ADMIN.name()).and(OPERATOR.ACTIVE.isTrue())
                .and(OPERATOR.ID.ne(operator.getId())));
        if (others == 0) {
            throw UserFacingException.keyed("operator.lastAdmin", operator.getUsername()
                    + " is the last active administrator: add or enable another administrator first.", operator.getUsername());
        }
    }

    private static OperatorSummary summary(OperatorRecord r) {
        return new OperatorSummary(r.getId(), r.getUsername(), r.getDisplayName(), Role.valueOf(r.getRoleCode()), r.getActive(),
                r.getLockedUntil(), r.getLastLoginAt(), r.getMustChangePassword(), r.getVersion());
    }
}
