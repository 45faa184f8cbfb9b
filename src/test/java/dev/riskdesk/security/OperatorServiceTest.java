package dev.riskdesk.security;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import java.nio.file.Path;
import dev.riskdesk.common.UserFacingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class OperatorServiceTest {
    @TempDir
    Path dir;

    private Database db;
    private OperatorService operators;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T02:00:00Z"));

    @BeforeEach
    void setUp() {
        db = TestDatabases.fresh(dir);
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("Asia/Shanghai");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        operators = new OperatorService(db, new PasswordHasher(4), new AuditLog(clock), clock);
        assertTrue(operators.createDemoOperatorsIfEmpty());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void demoOperatorsAreCreatedOnceWithHashedPasswords() {
        assertFalse(operators.createDemoOperatorsIfEmpty());
        String hash = db.dsl().select(dev.riskdesk.db.schema.Tables.OPERATOR.PASSWORD_HASH).from(dev.riskdesk.db.schema.Tables.OPERATOR).where(dev.riskdesk.db.schema.Tables.OPERATOR.USERNAME.eq("agent")).fetchOne().value1();
        assertTrue(hash.startsWith("$2"), "bcrypt hash");
        assertFalse(hash.contains("agent123"));
    }

    @Test
    void correctPasswordGivesSessionWithTheRolesPermissions() {
        Session agent = operators.authenticate("agent", "agent123".toCharArray());
        assertEquals(Role.AGENT, agent.role());
        assertTrue(agent.has(Permission.APPEAL_HANDLE));
        assertFalse(agent.has(Permission.PII_REVEAL_ID_NUMBER), "an agent never sees full ID numbers");
        assertFalse(agent.has(Permission.LIMIT_APPROVE));
        Session manager = operators.authenticate("manager", "manager123".toCharArray());
        assertTrue(manager.has(Permission.LIMIT_APPROVE));
        assertTrue(manager.has(Permission.MODEL_PROMOTE));
        assertEquals(1, db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("LOGIN").and(AUDIT_EVENT.OPERATOR_NAME.eq("agent"))));
    }

    @Test
    void wrongPasswordAndUnknownNameGiveTheSameSentence() {
        LoginFailedException wrong = assertThrows(LoginFailedException.class, () -> operators.authenticate("agent", "nope".toCharArray()));
        LoginFailedException unknown = assertThrows(LoginFailedException.class, () -> operators.authenticate("ghost", "nope".toCharArray()));
        assertEquals(wrong.getMessage(), unknown.getMessage());
        assertEquals(2, db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("LOGIN_FAILED")));
    }

    @Test
    void fiveWrongPasswordsLockTheOperatorForFifteenMinutes() {
        for (int i = 1; i < SignInPolicy.DEFAULT.maxFailedLogins(); i++) {
            assertFalse(assertThrows(LoginFailedException.class, () -> operators.authenticate("risk", "bad".toCharArray())).locked());
        }
        assertTrue(assertThrows(LoginFailedException.class, () -> operators.authenticate("risk", "bad".toCharArray())).locked());
        // even the right password is refused while locked
        assertTrue(assertThrows(LoginFailedException.class, () -> operators.authenticate("risk", "risk123".toCharArray())).locked());
        now.set(now.get().plusSeconds(16 * 60));
        assertEquals(Role.RISK_OPERATOR, operators.authenticate("risk", "risk123".toCharArray()).role());
    }

    @Test
    void onlyAnAdministratorCreatesOperators() {
        Session manager = operators.authenticate("manager", "manager123".toCharArray());
        assertThrows(AccessDeniedException.class,
                () -> new OperatorAdminService(db, new PasswordHasher(4), new AuditLog(Clock.systemUTC()), Clock.systemUTC()).add(manager, "lin", "林", Role.AGENT, "Harbour-Lights-9".toCharArray()));
        Session admin = operators.authenticate("admin", "admin123".toCharArray());
        long lin = new OperatorAdminService(db, new PasswordHasher(4), new AuditLog(Clock.systemUTC()), Clock.systemUTC()).add(admin, "lin", "林", Role.AGENT, "Harbour-Lights-9".toCharArray());
        assertEquals(Role.AGENT, operators.authenticate("lin", "Harbour-Lights-9".toCharArray()).role());
        assertEquals(1, db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("OPERATOR_CREATED").and(AUDIT_EVENT.OPERATOR_NAME.eq("admin"))
                .and(AUDIT_EVENT.ENTITY_ID.eq(String.valueOf(lin)))));
    }

    @Test
    void demoOperatorsAreAuditedUnderTheDemoAdministratorAndTheBatchOperatorHasTheBatchRole() {
        long admin = db.dsl().select(dev.riskdesk.db.schema.Tables.OPERATOR.ID).from(dev.riskdesk.db.schema.Tables.OPERATOR)
                .where(dev.riskdesk.db.schema.Tables.OPERATOR.USERNAME.eq("admin")).fetchOne().value1();
        assertEquals(OperatorService.DEMO_OPERATORS.size() + 1, db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("OPERATOR_CREATED")
                .and(AUDIT_EVENT.OPERATOR_ID.eq(admin))), "every demo operator, the batch one too, is created by the demo administrator");
        assertEquals(0, db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.OPERATOR_ID.isNull().and(AUDIT_EVENT.ACTION.eq("OPERATOR_CREATED"))));
        Session batch = operators.signInDemoOperator("batch");
        assertEquals(Role.BATCH, batch.role());
        assertTrue(batch.has(Permission.POLICY_RUN));
        assertFalse(batch.has(Permission.CUSTOMER_VIEW), "the batch operator views nothing");
    }

    @Test
    void theFirstAdministratorIsRefusedOnceOperatorsExist() {
        assertThrows(dev.riskdesk.common.UserFacingException.class,
                () -> operators.createFirstAdministrator("lin", "林", "a long password".toCharArray()));
    }

    @Test
    void aSuccessBeforeTheLimitStartsTheCountAgain() {
        for (int i = 1; i < SignInPolicy.DEFAULT.maxFailedLogins(); i++) {
            assertThrows(LoginFailedException.class, () -> operators.authenticate("risk", "bad".toCharArray()));
        }
        operators.authenticate("risk", "risk123".toCharArray());
        for (int i = 1; i < SignInPolicy.DEFAULT.maxFailedLogins(); i++) {
            assertFalse(assertThrows(LoginFailedException.class, () -> operators.authenticate("risk", "bad".toCharArray())).locked());
        }
        assertEquals(Role.RISK_OPERATOR, operators.authenticate("risk", "risk123".toCharArray()).role());
    }

    @Test
    void theLockoutFollowsTheSignInPolicyAndItsChangeIsAudited() {
        Session admin = operators.authenticate("admin", "admin123".toCharArray());
        OperatorAdminService adminService = new OperatorAdminService(db, new PasswordHasher(4), new AuditLog(Clock.systemUTC()), Clock.systemUTC());
        adminService.changeSignInPolicy(admin, new SignInPolicy(2, Duration.ofMinutes(3), Duration.ofMinutes(5)));
        assertEquals(new SignInPolicy(2, Duration.ofMinutes(3), Duration.ofMinutes(5)), adminService.signInPolicy(admin));
        assertEquals(1, db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("SIGN_IN_POLICY_CHANGED").and(AUDIT_EVENT.OPERATOR_NAME.eq("admin"))));

        assertFalse(assertThrows(LoginFailedException.class, () -> operators.authenticate("risk", "bad".toCharArray())).locked());
        assertTrue(assertThrows(LoginFailedException.class, () -> operators.authenticate("risk", "bad".toCharArray())).locked());
        now.set(now.get().plusSeconds(2 * 60));
        assertTrue(assertThrows(LoginFailedException.class, () -> operators.authenticate("risk", "risk123".toCharArray())).locked());
        now.set(now.get().plusSeconds(61));
        assertEquals(Duration.ofMinutes(5), operators.signIn("risk", "risk123".toCharArray()).idleLock());
    }

    @Test
    void aDisabledOperatorCannotSignInAndGetsTheSameSentenceAsAnUnknownName() {
        Session admin = operators.authenticate("admin", "admin123".toCharArray());
        OperatorAdminService adminService = new OperatorAdminService(db, new PasswordHasher(4), new AuditLog(Clock.systemUTC()), Clock.systemUTC());
        adminService.disable(admin, "agent", null);
        LoginFailedException disabled = assertThrows(LoginFailedException.class, () -> operators.authenticate("agent", "agent123".toCharArray()));
        assertEquals("Unknown operator name or wrong password.", disabled.getMessage());
        adminService.enable(admin, "agent", null);
        assertEquals(Role.AGENT, operators.authenticate("agent", "agent123".toCharArray()).role());
    }

    @Test
    void afterAResetTheOperatorMustChangeThePasswordBeforeWorking() {
        Session admin = operators.authenticate("admin", "admin123".toCharArray());
        OperatorAdminService adminService = new OperatorAdminService(db, new PasswordHasher(4), new AuditLog(Clock.systemUTC()), Clock.systemUTC());
        adminService.resetPassword(admin, "agent", null, "Temporary-4711".toCharArray());
        assertTrue(operators.signIn("agent", "Temporary-4711".toCharArray()).mustChangePassword());
        UserFacingException cli = assertThrows(UserFacingException.class, () -> operators.authenticate("agent", "Temporary-4711".toCharArray()));
        assertTrue(cli.getMessage().contains("riskdesk operators passwd"), cli.getMessage());

        assertEquals("password.common", assertThrows(UserFacingException.class,
                () -> operators.changeOwnPassword("agent", "Temporary-4711".toCharArray(), "1qaz2wsx3edc".toCharArray())).messageKey());
        assertEquals("password.same", assertThrows(UserFacingException.class,
                () -> operators.changeOwnPassword("agent", "Temporary-4711".toCharArray(), "Temporary-4711".toCharArray())).messageKey());
        assertThrows(LoginFailedException.class, () -> operators.changeOwnPassword("agent", "wrong-old-one".toCharArray(), "Blue-Lantern-88".toCharArray()));

        OperatorService.SignIn changed = operators.changeOwnPassword("agent", "Temporary-4711".toCharArray(), "Blue-Lantern-88".toCharArray());
        assertFalse(changed.mustChangePassword());
        assertEquals(Role.AGENT, operators.authenticate("agent", "Blue-Lantern-88".toCharArray()).role());
        assertThrows(LoginFailedException.class, () -> operators.authenticate("agent", "Temporary-4711".toCharArray()));
        assertEquals(1, db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("PASSWORD_CHANGED").and(AUDIT_EVENT.OPERATOR_NAME.eq("agent"))));
        assertEquals(1, db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("PASSWORD_RESET").and(AUDIT_EVENT.OPERATOR_NAME.eq("admin"))));
    }

    @Test
    void unlockingAnIdleConsoleChecksThePasswordAndCountsWrongOnes() {
        Session risk = operators.authenticate("risk", "risk123".toCharArray());
        operators.recordIdleLock(risk);
        for (int i = 1; i < SignInPolicy.DEFAULT.maxFailedLogins(); i++) {
            assertThrows(LoginFailedException.class, () -> operators.unlock(risk, "bad".toCharArray()));
        }
        operators.unlock(risk, "risk123".toCharArray());
        assertEquals(1, db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("UNLOCK").and(AUDIT_EVENT.OPERATOR_NAME.eq("risk"))));
        for (int i = 0; i < SignInPolicy.DEFAULT.maxFailedLogins(); i++) {
            assertThrows(LoginFailedException.class, () -> operators.unlock(risk, "bad".toCharArray()));
        }
        assertTrue(assertThrows(LoginFailedException.class, () -> operators.unlock(risk, "risk123".toCharArray())).locked());
    }
}
