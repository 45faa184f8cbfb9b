package dev.riskdesk.security;

import static dev.riskdesk.db.schema.Tables.OPERATOR;
import static dev.riskdesk.db.schema.Tables.ROLE_PERMISSION;

import dev.riskdesk.db.Database;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * Real operators for tests: one per role ({@code test.agent}, {@code test.risk_operator}, ...) stored in
 * the test database's OPERATOR table, whose session carries exactly the permissions ROLE_PERMISSION
 * gives that role. Services check and audit under them as under anyone signed in; there is no
 * all-permission identity to fall back on, so a test acts as the role whose job the call is.
 */
public final class TestOperators {
    /** Every test operator's password (not checked here: the operators are made signed in). */
    public static final String PASSWORD = "test-password-123";

    private TestOperators() {
    }

    public static Session agent(Database db) {
        return of(db, Role.AGENT);
    }

    public static Session risk(Database db) {
        return of(db, Role.RISK_OPERATOR);
    }

    public static Session manager(Database db) {
        return of(db, Role.MANAGER);
    }

    public static Session admin(Database db) {
        return of(db, Role.ADMIN);
    }

    /** The batch service operator: generate, import, score, policy run, notices export, dashboard refresh. */
    public static Session batch(Database db) {
        return of(db, Role.BATCH);
    }

    /** A second operator of {@code role} ({@code test.<role>.2}), for maker-checker steps that need someone else. */
    public static Session second(Database db, Role role) {
        return of(db, role, "test." + role.name().toLowerCase(java.util.Locale.ROOT) + ".2", "Test " + role.name() + " 2");
    }

    /** The test operator of {@code role}, created on first use, with that role's permissions from the database. */
    public static Session of(Database db, Role role) {
        return of(db, role, "test." + role.name().toLowerCase(java.util.Locale.ROOT), "Test " + role.name());
    }

    private static synchronized Session of(Database db, Role role, String username, String displayName) {
        Long id = db.dsl().select(OPERATOR.ID).from(OPERATOR).where(OPERATOR.USERNAME.eq(username)).fetchOne(OPERATOR.ID);
        if (id == null) {
            id = db.dsl().insertInto(OPERATOR)
                    .set(OPERATOR.USERNAME, username)
                    .set(OPERATOR.DISPLAY_NAME, displayName)
                    .set(OPERATOR.ROLE_CODE, role.name())
                    .set(OPERATOR.PASSWORD_HASH, HASH)
                    .set(OPERATOR.CREATED_AT, LocalDateTime.now())
                    .returning(OPERATOR.ID).fetchOne(OPERATOR.ID);
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        db.dsl().select(ROLE_PERMISSION.PERMISSION).from(ROLE_PERMISSION).where(ROLE_PERMISSION.ROLE_CODE.eq(role.name()))
                .fetch(ROLE_PERMISSION.PERMISSION).forEach(p -> permissions.add(Permission.valueOf(p)));
        return new Session(id, username, displayName, role, permissions);
    }

    private static final String HASH = new PasswordHasher(4).hash(PASSWORD.toCharArray());
}
