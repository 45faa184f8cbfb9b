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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/** Operators: sign-in with lockout, demo operators, and creation by an administrator. */
public final class OperatorService {
    public static final int MAX_FAILED_LOGINS = 5;
    public static final Duration LOCKOUT = Duration.ofMinutes(15);

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
     * Checks a name and password. Five wrong passwords in a row lock the operator for fifteen
     * minutes. Success and failure are both audited.
     */
    public Session authenticate(String username, char[] password) {
        String name = username == null ? "" : username.trim();
        if (name.isEmpty() || password == null || password.length == 0) {
            throw new LoginFailedException("Enter your operator name and password.", false);
        }
        // Hashing happens outside the transaction so a slow bcrypt never holds a lock.
        OperatorRecord operator = database.dsl().selectFrom(OPERATOR).where(OPERATOR.USERNAME.eq(name)).fetchOne();
        LocalDateTime now = LocalDateTime.now(clock);
        if (operator == null || !operator.getActive()) {
            hasher.matches(password, DUMMY_HASH); // same cost whether or not the name exists
            database.transaction(tx -> audit.record(tx, null, "LOGIN_FAILED", "OPERATOR", name, null, "unknown or inactive operator"));
            throw new LoginFailedException("Unknown operator name or wrong password.", false);
        }
        if (operator.getLockedUntil() != null && operator.getLockedUntil().isAfter(now)) {
            database.transaction(tx -> audit.record(tx, null, "LOGIN_FAILED", "OPERATOR", operator.getId(), null, "locked"));
            throw new LoginFailedException("This operator is locked after too many wrong passwords; try again after "
                    + operator.getLockedUntil().toLocalTime().withNano(0) + ".", true);
        }
        if (hasher.matches(password, operator.getPasswordHash())) {
            return database.transactionResult(tx -> succeed(tx, operator, now));
        }
        // The failure is counted and audited in its own committed transaction, then reported.
        throw database.transactionResult(tx -> fail(tx, operator, now));
    }

    private Session succeed(DSLContext tx, OperatorRecord operator, LocalDateTime now) {
        tx.update(OPERATOR)
                .set(OPERATOR.FAILED_LOGINS, 0)
                .set(OPERATOR.LOCKED_UNTIL, (LocalDateTime) null)
                .set(OPERATOR.LAST_LOGIN_AT, now)
                .where(OPERATOR.ID.eq(operator.getId()))
                .execute();
        Session session = sessionOf(tx, operator);
        audit.record(tx, session, "LOGIN", "OPERATOR", operator.getId(), null, null);
        return session;
    }

    private LoginFailedException fail(DSLContext tx, OperatorRecord operator, LocalDateTime now) {
        int failures = tx.select(OPERATOR.FAILED_LOGINS).from(OPERATOR).where(OPERATOR.ID.eq(operator.getId())).fetchOne(OPERATOR.FAILED_LOGINS) + 1;
        boolean lock = failures >= MAX_FAILED_LOGINS;
        tx.update(OPERATOR)
                .set(OPERATOR.FAILED_LOGINS, lock ? 0 : failures)
                .set(OPERATOR.LOCKED_UNTIL, lock ? now.plus(LOCKOUT) : null)
                .where(OPERATOR.ID.eq(operator.getId()))
                .execute();
        audit.record(tx, null, "LOGIN_FAILED", "OPERATOR", operator.getId(), null, lock ? "wrong password; locked" : "wrong password");
        return new LoginFailedException(lock
                ? "Too many wrong passwords: this operator is locked for " + LOCKOUT.toMinutes() + " minutes."
                : "Unknown operator name or wrong password.", lock);
    }

    private static Session sessionOf(DSLContext tx, OperatorRecord operator) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String p : tx.select(ROLE_PERMISSION.PERMISSION).from(ROLE_PERMISSION)
                .where(ROLE_PERMISSION.ROLE_CODE.eq(operator.getRoleCode())).fetch(ROLE_PERMISSION.PERMISSION)) {
            permissions.add(Permission.valueOf(p));
        }
        return new Session(operator.getId(), operator.getUsername(), operator.getDisplayName(),
                Role.valueOf(operator.getRoleCode()), permissions);
    }

    /** Records that the operator signed out of the console (audit only; sessions hold no server state). */
    public void signOut(Session session) {
        database.transaction(tx -> audit.record(tx, session, "LOGOUT", "OPERATOR", session.operatorId(), null, null));
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

    private static String requireValidName(String username) {
        String name = username == null ? "" : username.strip();
        if (!name.matches("[A-Za-z0-9._-]{2,50}")) {
            throw new UserFacingException("An operator name has 2 to 50 letters, digits, dots, dashes or underscores.");
        }
        return name;
    }

    /** An administrator adds an operator. */
    public long createOperator(Session actor, String username, String displayName, Role role, char[] password) {
        actor.require(Permission.OPERATOR_ADMIN);
        requireValidName(username);
        PasswordPolicy.check(username, password);
        String hash = hasher.hash(password);
        return database.transactionResult(tx -> {
            if (tx.fetchExists(OPERATOR, OPERATOR.USERNAME.eq(username))) {
                throw new UserFacingException("An operator named " + username + " already exists.");
            }
            long id = insert(tx, username, displayName, role, hash, LocalDateTime.now(clock));
            audit.record(tx, actor, "OPERATOR_CREATED", "OPERATOR", id, null, role.name());
            return id;
        });
    }

    private static long insert(DSLContext tx, String username, String displayName, Role role, String hash, LocalDateTime now) {
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
