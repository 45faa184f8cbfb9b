package dev.riskdesk.ui.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.LoginFailedException;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.security.PasswordHasher;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.UiText;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The login view model without the JavaFX toolkit, on a real database. */
@Tag("db")
class LoginViewModelTest {
    @TempDir
    Path dir;
    Database database;
    OperatorService operators;
    List<Session> signedIn = new ArrayList<>();
    LoginViewModel model;

    @BeforeEach
    void open() {
        database = TestDatabases.fresh(dir);
        Clock clock = Clock.systemDefaultZone();
        operators = new OperatorService(database, new PasswordHasher(4), new AuditLog(clock), clock);
        operators.createDemoOperatorsIfEmpty();
        model = new LoginViewModel(operators, new SameThreadTaskRunner(), OperatorService.DEMO_OPERATORS, s -> signedIn.add(s.session()));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aDemoOperatorSignsIn() {
        model.fill(OperatorService.DEMO_OPERATORS.get(2));
        model.signIn();
        assertEquals(1, signedIn.size());
        assertEquals(Role.MANAGER, signedIn.get(0).role());
        assertNull(model.errorProperty().get());
        assertEquals("", model.passwordProperty().get(), "the password does not linger in memory");
        assertFalse(model.busyProperty().get());
    }

    @Test
    void aWrongPasswordIsOneSentence() {
        model.usernameProperty().set("agent");
        model.passwordProperty().set("nope");
        model.signIn();
        assertEquals(List.of(), signedIn);
        assertEquals(UiText.of("login.error.wrong"), model.errorProperty().get());
    }

    @Test
    void emptyFieldsAreRefusedBeforeAnyCheck() {
        model.usernameProperty().set("  ");
        model.signIn();
        assertEquals(UiText.of("login.error.empty"), model.errorProperty().get());
    }

    @Test
    void aLockedOperatorIsToldSo() {
        // OperatorService's own lockout is tested there; here only how the refusal reads.
        assertEquals(UiText.of("login.error.locked"), LoginViewModel.textOf(new LoginFailedException("locked", true)));
        assertEquals(UiText.of("login.error.wrong"), LoginViewModel.textOf(new LoginFailedException("wrong", false)));
        assertEquals(UiText.literal("The database is gone."), LoginViewModel.textOf(new UserFacingException("The database is gone.")));
        assertEquals(UiText.of("common.error.unexpected"), LoginViewModel.textOf(new IllegalStateException("boom")));
    }

    @Test
    void aSignInAskedForWhileTheDatabaseOpensWaitsAndThenGoesAhead() {
        LoginViewModel opening = new LoginViewModel(new SameThreadTaskRunner(), s -> signedIn.add(s.session()));
        assertFalse(opening.connectedProperty().get());
        assertEquals(List.of(), opening.demoOperators(), "no demo operators before the database says it is a demo");
        opening.usernameProperty().set("risk");
        opening.passwordProperty().set("risk123");
        opening.signIn();
        assertEquals(List.of(), signedIn);
        assertTrue(opening.busyProperty().get(), "the window shows the sign-in is on its way");

        opening.connect(operators, OperatorService.DEMO_OPERATORS);
        assertEquals(1, signedIn.size());
        assertEquals(Role.RISK_OPERATOR, signedIn.get(0).role());
        assertFalse(opening.busyProperty().get());
        assertEquals(OperatorService.DEMO_OPERATORS, opening.demoOperators());
    }

    @Test
    void aWrongPasswordGivenWhileTheDatabaseOpensIsRefusedOnceItIsOpen() {
        LoginViewModel opening = new LoginViewModel(new SameThreadTaskRunner(), s -> signedIn.add(s.session()));
        opening.usernameProperty().set("agent");
        opening.passwordProperty().set("nope");
        opening.signIn();
        opening.connect(operators, List.of());
        assertEquals(List.of(), signedIn);
        assertEquals(UiText.of("login.error.wrong"), opening.errorProperty().get());
        assertFalse(opening.busyProperty().get());
    }
}
