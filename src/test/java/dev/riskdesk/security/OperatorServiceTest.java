package dev.riskdesk.security;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
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
        for (int i = 1; i < OperatorService.MAX_FAILED_LOGINS; i++) {
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
                () -> operators.createOperator(manager, "lin", "林", Role.AGENT, "password10".toCharArray()));
        Session admin = operators.authenticate("admin", "admin123".toCharArray());
        long lin = operators.createOperator(admin, "lin", "林", Role.AGENT, "password10".toCharArray());
        assertEquals(Role.AGENT, operators.authenticate("lin", "password10".toCharArray()).role());
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
}
