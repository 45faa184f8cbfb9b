package dev.riskdesk.security;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many guesses sent at once against one name: the attempts are counted before their passwords are
 * checked, so no more passwords are checked than the lockout allows, and the right one is refused
 * once the name is locked.
 */
@Tag("db")
class ParallelSignInTest {
    private static final int GUESSES = 40;

    @TempDir
    Path dir;

    private Database db;
    private OperatorService operators;
    private final AtomicInteger checked = new AtomicInteger();

    @BeforeEach
    void setUp() {
        db = TestDatabases.fresh(dir);
        Clock clock = Clock.system(ZoneId.of("Asia/Shanghai"));
        PasswordHasher counting = new PasswordHasher(4) {
            @Override
            public boolean matches(char[] password, String hash) {
                checked.incrementAndGet();
                return super.matches(password, hash);
            }
        };
        operators = new OperatorService(db, counting, new AuditLog(clock), clock);
        operators.createDemoOperatorsIfEmpty();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    /** Sends the passwords at once, each from its own thread; returns how each ended: null for a session, else the refusal. */
    private List<LoginFailedException> guess(List<String> passwords) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(passwords.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<LoginFailedException>> results = new ArrayList<>();
            for (String password : passwords) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        operators.authenticate("risk", password.toCharArray());
                        return null;
                    } catch (LoginFailedException refused) {
                        return refused;
                    }
                }));
            }
            start.countDown();
            List<LoginFailedException> outcomes = new ArrayList<>();
            for (Future<LoginFailedException> result : results) {
                outcomes.add(result.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fortyWrongGuessesAtOnceCheckAtMostFivePasswordsAndLockTheName() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < GUESSES; i++) {
            wrong.add("guess-" + i);
        }
        guess(wrong);
        int max = SignInPolicy.DEFAULT.maxFailedLogins();
        assertTrue(checked.get() <= max, checked.get() + " passwords checked");
        assertNotNull(db.dsl().select(OPERATOR.LOCKED_UNTIL).from(OPERATOR).where(OPERATOR.USERNAME.eq("risk")).fetchOne().value1());
        assertEquals(GUESSES, db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("LOGIN_FAILED")));

        int before = checked.get();
        LoginFailedException right = org.junit.jupiter.api.Assertions.assertThrows(LoginFailedException.class,
                () -> operators.authenticate("risk", "risk123".toCharArray()));
        assertTrue(right.locked(), "the right password is refused while the name is locked");
        assertEquals(before, checked.get(), "a locked name's password is not even checked");
    }

    @Test
    void theRightPasswordAmongFortyGuessesGetsInOnlyWithinTheAllowance() throws Exception {
        List<String> passwords = new ArrayList<>();
        for (int i = 0; i < GUESSES - 1; i++) {
            passwords.add("guess-" + i);
        }
        passwords.add(GUESSES / 2, "risk123");
        List<LoginFailedException> outcomes = guess(passwords);
        int max = SignInPolicy.DEFAULT.maxFailedLogins();
        boolean signedIn = outcomes.get(GUESSES / 2) == null;
        // the wrong passwords checked before the right one was let in: fewer than the allowance
        long login = signedIn ? db.dsl().select(AUDIT_EVENT.ID).from(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.eq("LOGIN")
                .and(AUDIT_EVENT.OPERATOR_NAME.eq("risk"))).fetchOne().value1() : Long.MAX_VALUE;
        int wrongChecked = db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("LOGIN_FAILED")
                .and(AUDIT_EVENT.DETAILS.startsWith("wrong password")).and(AUDIT_EVENT.ID.lt(login)));
        assertTrue(wrongChecked <= (signedIn ? max - 1 : max), wrongChecked + " wrong passwords checked before the right one");
        if (!signedIn) {
            assertTrue(checked.get() <= max, checked.get() + " passwords checked");
            assertTrue(outcomes.get(GUESSES / 2).locked(), "the right password was refused because the name was locked");
        }
        for (int i = 0; i < GUESSES; i++) {
            if (i != GUESSES / 2) {
                assertNotNull(outcomes.get(i), "a wrong password never signs in");
            }
        }
    }
}
