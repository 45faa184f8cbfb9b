package dev.riskdesk.security;

import static dev.riskdesk.db.schema.Tables.OPERATOR;
import static dev.riskdesk.db.schema.Tables.ROLE_PERMISSION;

import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.OperatorRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Sign-in with lockout, the console's unlock after an idle lock, an operator's change of their own
 * password, and the demo operators.
 *
 * <p>Every password check is reserved before bcrypt runs: one transaction locks the operator's row
 * (SELECT ... FOR UPDATE), refuses while the name is locked, and counts the attempt in
 * FAILED_LOGINS; only then is the password hashed, outside any transaction, and a second
 * transaction settles the attempt (locks the row again; a wrong password locks the name once the
 * count reaches {@link SignInPolicy#maxFailedLogins()}; a right one resets the count unless the
 * name was locked meanwhile). So parallel guesses get at most that many passwords checked, and the
 * right one is refused while the name is locked, on H2 and PostgreSQL alike.
 */
public final class OperatorService {
    /** Demo operators of a demo database; their passwords are printed in the README and on the login window. */
    public static final List<DemoOperator> DEMO_OPERATORS = List.of(
            new DemoOperator("agent", "agent123", Role.AGENT, "王芳"),
            new DemoOperator("risk", "risk123", Role.RISK_OPERATOR, "李强"),
            new DemoOperator("manager", "manager123", Role.MANAGER, "陈静"),
            new DemoOperator("admin", "admin123", Role.ADMIN, "赵磊"));

    /**
     * The demo book's batch service operator (role BATCH): the demo's own batch steps (generate, score,
     * policy run, dashboard) run as it. Not shown on the login window: nobody works in the console as it.
     */
    public static final DemoOperator DEMO_BATCH = new DemoOperator("batch", "batch123", Role.BATCH, "批处理");

    private final Database database;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;

    public OperatorService(Database database, PasswordHasher hasher, AuditLog audit, Clock clock) {
        this.database = database;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A signed-in operator; {@code mustChangePassword} after an administrator's reset (the console
     * asks for a new password before anything else), {@code idleLock} is when the console locks itself.
     */
    public record SignIn(Session session, boolean mustChangePassword, Duration idleLock) {
    }

    /**
     * Signs in for the command line: like {@link #signIn}, and refused with one sentence while the
     * operator still has to change a temporary password.
     */
    public Session authenticate(String username, char[] password) {
        SignIn signIn = signIn(username, password);
        if (signIn.mustChangePassword()) {
            throw UserFacingException.keyed("signIn.mustChangePassword", "Operator " + signIn.session().username()
                    + " must first change the temporary password, in the console or with `riskdesk operators passwd`.",
                    signIn.session().username());
        }
        return signIn.session();
    }

    /** Checks a name and password (see the class comment for the lockout); success and failure are both audited. */
    public SignIn signIn(String username, char[] password) {
        return verify(requireName(username, password), password, (tx, operator, policy, now) -> {
            tx.update(OPERATOR).set(OPERATOR.LAST_LOGIN_AT, now).where(OPERATOR.ID.eq(operator.getId())).execute();
            Session session = sessionOf(tx, operator);
            audit.record(tx, session, "LOGIN", "OPERATOR", operator.getId(), null, null);
            return new SignIn(session, operator.getMustChangePassword(), policy.idleLock());
        });
    }

    /** Unlocks a console locked after idle time; a wrong password counts toward the lockout like a sign-in. */
    @SignedIn
    public void unlock(Session session, char[] password) {
        verify(requireName(session.username(), password), password, (tx, operator, policy, now) -> {
            audit.record(tx, session, "UNLOCK", "OPERATOR", operator.getId(), null, null);
            return null;
        });
    }

    /** Records that the console locked itself after idle time (audit only). */
    @SignedIn
    public void recordIdleLock(Session session) {
        database.transaction(tx -> audit.record(tx, session, "IDLE_LOCK", "OPERATOR", session.operatorId(), null, null));
    }

    /**
     * An operator changes their own password: the old one is checked like a sign-in (it counts toward
     * the lockout), the new one must meet the {@link PasswordPolicy} and differ from the old. Clears the
     * duty to change a temporary password and signs the operator in.
     */
    public SignIn changeOwnPassword(String username, char[] oldPassword, char[] newPassword) {
        String name = requireName(username, oldPassword);
        PasswordPolicy.check(name, newPassword);
        if (Arrays.equals(oldPassword, newPassword)) {
            throw UserFacingException.keyed("password.same", "The new password must differ from the old one.");
        }
        String hash = hasher.hash(newPassword);
        return verify(name, oldPassword, (tx, operator, policy, now) -> {
            tx.update(OPERATOR)
                    .set(OPERATOR.PASSWORD_HASH, hash)
                    .set(OPERATOR.MUST_CHANGE_PASSWORD, false)
                    .set(OPERATOR.LAST_LOGIN_AT, now)
                    .set(OPERATOR.VERSION, OPERATOR.VERSION.plus(1))
                    .where(OPERATOR.ID.eq(operator.getId()))
                    .execute();
            Session session = sessionOf(tx, operator);
            audit.record(tx, session, "PASSWORD_CHANGED", "OPERATOR", operator.getId(), null, "by the operator");
            audit.record(tx, session, "LOGIN", "OPERATOR", operator.getId(), null, null);
            return new SignIn(session, false, policy.idleLock());
        });
    }

    /** Records that the operator signed out of the console (audit only; sessions hold no server state). */
    @SignedIn
    public void signOut(Session session) {
        database.transaction(tx -> audit.record(tx, session, "LOGOUT", "OPERATOR", session.operatorId(), null, null));
    }

    private static String requireName(String username, char[] password) {
        String name = username == null ? "" : username.trim();
        if (name.isEmpty() || password == null || password.length == 0) {
            throw new LoginFailedException("Enter your operator name and password.", false);
        }
        return name;
    }

    /** What a checked password leads to, inside the transaction that settles the attempt. */
    @FunctionalInterface
    private interface Success<T> {
        T run(DSLContext tx, OperatorRecord operator, SignInPolicy policy, LocalDateTime now);
    }

    /** One reserved attempt: the operator as read when it was counted, or why it was refused at once. */
    private record Attempt(OperatorRecord operator, SignInPolicy policy, LoginFailedException refusal) {
    }

    /** How a checked attempt settled: the success's value, or the refusal to throw once the transaction committed its audit. */
    private record Outcome<T>(T value, LoginFailedException refusal) {
    }

    private <T> T verify(String name, char[] password, Success<T> success) {
        Attempt attempt = database.transactionResult(tx -> reserve(tx, name));
        if (attempt.refusal() != null) {
            if (!attempt.refusal().locked()) {
                hasher.matches(password, DUMMY_HASH); // same cost whether or not the name exists
            }
            throw attempt.refusal();
        }
        boolean matches = hasher.matches(password, attempt.operator().getPasswordHash());
        Outcome<T> outcome = database.transactionResult(tx -> settle(tx, attempt, matches, success));
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return outcome.value();
    }

    /**
     * Counts an attempt before its password is checked. Refuses an unknown or disabled name, and a
     * locked one; a lock that ran out starts a new count. When the attempts counted (failed or still
     * being checked) already reach the limit, the name is locked now: an attempt left counted by a
     * process that died cannot keep the name refused beyond one lockout.
     */
    private Attempt reserve(DSLContext tx, String name) {
        OperatorRecord operator = tx.selectFrom(OPERATOR).where(OPERATOR.USERNAME.eq(name)).forUpdate().fetchOne();
        if (operator == null || !operator.getActive()) {
            audit.record(tx, null, "LOGIN_FAILED", "OPERATOR", operator == null ? name : operator.getId(), null, "unknown or inactive operator");
            return new Attempt(null, null, wrongPassword());
        }
        LocalDateTime now = LocalDateTime.now(clock);
        SignInPolicy policy = SignInPolicy.read(tx);
        int counted = operator.getFailedLogins();
        LocalDateTime lockedUntil = operator.getLockedUntil();
        if (lockedUntil != null && !lockedUntil.isAfter(now)) {
            counted = 0;
            lockedUntil = null;
        }
        if (lockedUntil == null && counted >= policy.maxFailedLogins()) {
            lockedUntil = now.plus(policy.lockout());
        }
        tx.update(OPERATOR)
                .set(OPERATOR.FAILED_LOGINS, lockedUntil == null ? counted + 1 : counted)
                .set(OPERATOR.LOCKED_UNTIL, lockedUntil)
                .where(OPERATOR.ID.eq(operator.getId()))
                .execute();
        if (lockedUntil != null) {
            audit.record(tx, null, "LOGIN_FAILED", "OPERATOR", operator.getId(), null, "locked");
            return new Attempt(operator, policy, locked(lockedUntil));
        }
        return new Attempt(operator, policy, null);
    }

    /** Settles a reserved attempt once its password was checked, on the row as it is now. */
    private <T> Outcome<T> settle(DSLContext tx, Attempt attempt, boolean matches, Success<T> success) {
        LocalDateTime now = LocalDateTime.now(clock);
        OperatorRecord operator = tx.selectFrom(OPERATOR).where(OPERATOR.ID.eq(attempt.operator().getId())).forUpdate().fetchOne();
        SignInPolicy policy = attempt.policy();
        boolean locked = operator.getLockedUntil() != null && operator.getLockedUntil().isAfter(now);
        boolean unchanged = operator.getActive() && operator.getPasswordHash().equals(attempt.operator().getPasswordHash());
        if (matches && !locked && unchanged) {
            tx.update(OPERATOR).set(OPERATOR.FAILED_LOGINS, 0).set(OPERATOR.LOCKED_UNTIL, (LocalDateTime) null)
                    .where(OPERATOR.ID.eq(operator.getId())).execute();
            return new Outcome<>(success.run(tx, operator, policy, now), null);
        }
        if (matches) {
            audit.record(tx, null, "LOGIN_FAILED", "OPERATOR", operator.getId(), null,
                    locked ? "right password, but locked meanwhile" : "right password, but disabled or reset meanwhile");
            return new Outcome<>(null, locked ? locked(operator.getLockedUntil()) : wrongPassword());
        }
        boolean lockNow = !locked && operator.getFailedLogins() >= policy.maxFailedLogins();
        if (lockNow) {
            tx.update(OPERATOR).set(OPERATOR.LOCKED_UNTIL, now.plus(policy.lockout())).where(OPERATOR.ID.eq(operator.getId())).execute();
        }
        audit.record(tx, null, "LOGIN_FAILED", "OPERATOR", operator.getId(), null, lockNow ? "wrong password; locked" : "wrong password");
        if (lockNow) {
            return new Outcome<>(null, new LoginFailedException("Too many wrong passwords: this operator is locked for "
                    + policy.lockout().toMinutes() + " minutes.", true));
        }
        return new Outcome<>(null, locked ? locked(operator.getLockedUntil()) : wrongPassword());
    }

    private static LoginFailedException wrongPassword() {
        return new LoginFailedException("Unknown operator name or wrong password.", false);
    }

    private static LoginFailedException locked(LocalDateTime until) {
        return new LoginFailedException("This operator is locked after too many wrong passwords; try again after "
                + until.toLocalTime().withNano(0) + ".", true);
    }

    static Session sessionOf(DSLContext tx, OperatorRecord operator) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String p : tx.select(ROLE_PERMISSION.PERMISSION).from(ROLE_PERMISSION)
                .where(ROLE_PERMISSION.ROLE_CODE.eq(operator.getRoleCode())).fetch(ROLE_PERMISSION.PERMISSION)) {
            permissions.add(Permission.valueOf(p));
        }
        return new Session(operator.getId(), operator.getUsername(), operator.getDisplayName(),
                Role.valueOf(operator.getRoleCode()), permissions);
    }

    /**
     * Creates the demo operators (and the demo's batch service operator, {@link #DEMO_BATCH}) when the
     * database has no operator yet. Returns true if it did. The demo administrator is created first and
     * every creation is audited under that administrator: no operator appears out of nowhere.
     */
    public boolean createDemoOperatorsIfEmpty() {
        if (database.dsl().fetchCount(OPERATOR) > 0) {
            return false;
        }
        LocalDateTime now = LocalDateTime.now(clock);
        List<DemoOperator> all = demoOperatorsAdminFirst();
        List<String> hashes = all.stream().map(d -> hasher.hash(d.password().toCharArray())).toList();
        return database.transactionResult(tx -> {
            if (tx.fetchCount(OPERATOR) > 0) {
                return false; // another process made them meanwhile
            }
            Session admin = null;
            for (int i = 0; i < all.size(); i++) {
                DemoOperator demo = all.get(i);
                long id = insert(tx, demo.username(), demo.displayName(), demo.role(), hashes.get(i), now);
                if (admin == null) {
                    admin = sessionOf(tx, tx.selectFrom(OPERATOR).where(OPERATOR.ID.eq(id)).fetchOne());
                }
                audit.record(tx, admin, "OPERATOR_CREATED", "OPERATOR", id, "demo database", demo.role().name());
            }
            return true;
        });
    }

    /** The demo operators (of the login window's list) that exist and are active on this database. */
    public List<DemoOperator> existingDemoOperators() {
        Set<String> active = Set.copyOf(database.dsl().select(OPERATOR.USERNAME).from(OPERATOR)
                .where(OPERATOR.USERNAME.in(DEMO_OPERATORS.stream().map(DemoOperator::username).toList()))
                .and(OPERATOR.ACTIVE.isTrue()).fetch(OPERATOR.USERNAME));
        return DEMO_OPERATORS.stream().filter(d -> active.contains(d.username())).toList();
    }

    private static List<DemoOperator> demoOperatorsAdminFirst() {
        List<DemoOperator> all = new ArrayList<>();
        DEMO_OPERATORS.stream().filter(d -> d.role() == Role.ADMIN).forEach(all::add);
        DEMO_OPERATORS.stream().filter(d -> d.role() != Role.ADMIN).forEach(all::add);
        all.add(DEMO_BATCH);
        return all;
    }

    /**
     * Signs in one of the demo operators (or {@link #DEMO_BATCH}) with its demo password, for the demo
     * book's own steps, which run as the demo's people and its batch operator, audited under their names.
     */
    public Session signInDemoOperator(String username) {
        DemoOperator demo = demoOperatorsAdminFirst().stream().filter(d -> d.username().equals(username)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a demo operator: " + username));
        try {
            return authenticate(demo.username(), demo.password().toCharArray());
        } catch (LoginFailedException e) {
            throw new UserFacingException("The demo book is made by its demo operators, and " + username
                    + " cannot sign in with the demo password on this database (" + e.getMessage() + ")");
        }
    }

    /**
     * {@code riskdesk admin init}: the first administrator of a database that has no operator yet. The
     * database's only bootstrap: with no operator there is nobody to check a permission of, so the
     * condition is that the OPERATOR table is empty, checked in the same transaction that inserts, and
     * the event is audited under the new administrator. Refused once any operator exists.
     */
    public Session createFirstAdministrator(String username, String displayName, char[] password) {
        String name = requireValidName(username);
        PasswordPolicy.check(name, password);
        String hash = hasher.hash(password);
        return database.transactionResult(tx -> {
            if (tx.fetchCount(OPERATOR) > 0) {
                throw new UserFacingException("This database already has operators; an administrator adds more with 'riskdesk operators add'.");
            }
            String shown = displayName == null || displayName.isBlank() ? name : displayName.strip();
            long id = insert(tx, name, shown, Role.ADMIN, hash, LocalDateTime.now(clock));
            Session admin = sessionOf(tx, tx.selectFrom(OPERATOR).where(OPERATOR.ID.eq(id)).fetchOne());
            audit.record(tx, admin, "OPERATOR_CREATED", "OPERATOR", id, "first administrator (admin init)", Role.ADMIN.name());
            return admin;
        });
    }

    static String requireValidName(String username) {
        String name = username == null ? "" : username.strip();
        if (!name.matches("[A-Za-z0-9._-]{2,50}")) {
            throw UserFacingException.keyed("operator.badName", "An operator name has 2 to 50 letters, digits, dots, dashes or underscores.");
        }
        return name;
    }

    static long insert(DSLContext tx, String username, String displayName, Role role, String hash, LocalDateTime now) {
        return tx.insertInto(OPERATOR)
                .set(OPERATOR.USERNAME, username)
                .set(OPERATOR.DISPLAY_NAME, displayName)
                .set(OPERATOR.ROLE_CODE, role.name())
                .set(OPERATOR.PASSWORD_HASH, hash)
                .set(OPERATOR.CREATED_AT, now)
                .returning(OPERATOR.ID)
                .fetchOne(OPERATOR.ID);
    }

    // A valid bcrypt hash of a random string, so unknown names cost as much as wrong passwords.
    private static final String DUMMY_HASH = "$2a$11$C6UzMDM.H6dfI/f/IKcEeO7jXDNvPA7Hb8xpNwOBNXRmU4szNsq.G";
}
