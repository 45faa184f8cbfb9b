package dev.riskdesk.security;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.security.OperatorAdminService.OperatorSummary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class OperatorAdminServiceTest {
    @TempDir
    Path dir;

    private Database db;
    private OperatorService operators;
    private OperatorAdminService admin;
    private Session administrator;

    @BeforeEach
    void setUp() {
        db = TestDatabases.fresh(dir);
        Clock clock = Clock.system(ZoneId.of("Asia/Shanghai"));
        AuditLog audit = new AuditLog(clock);
        operators = new OperatorService(db, new PasswordHasher(4), audit, clock);
        admin = new OperatorAdminService(db, new PasswordHasher(4), audit, clock);
        operators.createDemoOperatorsIfEmpty();
        administrator = operators.authenticate("admin", "admin123".toCharArray());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private int audited(String action) {
        return db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq(action).and(AUDIT_EVENT.OPERATOR_NAME.eq("admin")));
    }

    private OperatorSummary row(String name) {
        return admin.list(administrator).stream().filter(o -> o.username().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyChangeNeedsTheOperatorAdminPermission() {
        Session manager = operators.authenticate("manager", "manager123".toCharArray());
        assertThrows(AccessDeniedException.class, () -> admin.list(manager));
        assertThrows(AccessDeniedException.class, () -> admin.add(manager, "lin", "林", Role.AGENT, "Harbour-Lights-9".toCharArray()));
        assertThrows(AccessDeniedException.class, () -> admin.disable(manager, "agent", null));
        assertThrows(AccessDeniedException.class, () -> admin.enable(manager, "agent", null));
        assertThrows(AccessDeniedException.class, () -> admin.resetPassword(manager, "agent", null, "Harbour-Lights-9".toCharArray()));
        assertThrows(AccessDeniedException.class, () -> admin.setRole(manager, "agent", null, Role.MANAGER));
        assertThrows(AccessDeniedException.class, () -> admin.changeSignInPolicy(manager, SignInPolicy.DEFAULT));
        assertTrue(row("agent").active());
        assertEquals(Role.AGENT, row("agent").role());
    }

    @Test
    void anAdministratorAddsAnOperatorWithAPasswordThatMeetsThePolicy() {
        assertEquals("password.tooShort", assertThrows(UserFacingException.class,
                () -> admin.add(administrator, "lin", "林", Role.AGENT, "short1".toCharArray())).messageKey());
        assertEquals("password.containsName", assertThrows(UserFacingException.class,
                () -> admin.add(administrator, "lin", "林", Role.AGENT, "my-LIN-password".toCharArray())).messageKey());
        assertEquals("password.common", assertThrows(UserFacingException.class,
                () -> admin.add(administrator, "lin", "林", Role.AGENT, "Password123".toCharArray())).messageKey());
        int before = audited("OPERATOR_CREATED");
        admin.add(administrator, "lin", "林", Role.AGENT, "Harbour-Lights-9".toCharArray());
        assertEquals("operator.exists", assertThrows(UserFacingException.class,
                () -> admin.add(administrator, "lin", "林", Role.AGENT, "Harbour-Lights-9".toCharArray())).messageKey());
        assertEquals(Role.AGENT, operators.authenticate("lin", "Harbour-Lights-9".toCharArray()).role());
        assertEquals(before + 1, audited("OPERATOR_CREATED"));
    }

    @Test
    void rolesChangeWithTheVersionTheAdministratorSaw() {
        int seen = row("agent").version();
        admin.setRole(administrator, "agent", seen, Role.RISK_OPERATOR);
        assertEquals(Role.RISK_OPERATOR, operators.authenticate("agent", "agent123".toCharArray()).role());
        assertEquals("operator.changedMeanwhile", assertThrows(UserFacingException.class,
                () -> admin.setRole(administrator, "agent", seen, Role.MANAGER)).messageKey());
        assertEquals(Role.RISK_OPERATOR, row("agent").role());
        assertEquals(1, audited("OPERATOR_ROLE_CHANGED"));
        assertEquals("operator.unknown", assertThrows(UserFacingException.class,
                () -> admin.disable(administrator, "ghost", null)).messageKey());
    }

    @Test
    void theLastActiveAdministratorCanBeNeitherDisabledNorDemoted() {
        assertEquals("operator.lastAdmin", assertThrows(UserFacingException.class,
                () -> admin.disable(administrator, "admin", null)).messageKey());
        assertEquals("operator.lastAdmin", assertThrows(UserFacingException.class,
                () -> admin.setRole(administrator, "admin", null, Role.MANAGER)).messageKey());
        admin.add(administrator, "second", "第二", Role.ADMIN, "Harbour-Lights-9".toCharArray());
        admin.disable(administrator, "second", null);
        assertEquals("operator.lastAdmin", assertThrows(UserFacingException.class,
                () -> admin.setRole(administrator, "admin", null, Role.MANAGER)).messageKey(), "a disabled administrator does not count");
        admin.enable(administrator, "second", null);
        admin.setRole(administrator, "admin", null, Role.MANAGER);
        assertEquals(Role.MANAGER, row("admin").role());
        assertFalse(row("second").mustChangePassword());
        assertEquals(1, audited("OPERATOR_DISABLED"));
        assertEquals(1, audited("OPERATOR_ENABLED"));
    }

    @Test
    void aResetLiftsTheLockoutAndAsksForANewPassword() {
        for (int i = 0; i < SignInPolicy.DEFAULT.maxFailedLogins(); i++) {
            assertThrows(LoginFailedException.class, () -> operators.authenticate("risk", "bad".toCharArray()));
        }
        assertTrue(row("risk").lockedUntil() != null);
        admin.resetPassword(administrator, "risk", row("risk").version(), "Temporary-4711".toCharArray());
        assertTrue(row("risk").mustChangePassword());
        assertEquals(null, row("risk").lockedUntil());
        assertTrue(operators.signIn("risk", "Temporary-4711".toCharArray()).mustChangePassword());
    }
}
