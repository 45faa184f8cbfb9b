package dev.riskdesk.ui.operators;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestServices;
import dev.riskdesk.security.OperatorAdminService.OperatorSummary;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.SignInPolicy;
import dev.riskdesk.ui.common.UiText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class OperatorsViewModelTest {
    @TempDir
    Path dir;
    TestServices t;
    OperatorsViewModel model;

    @BeforeEach
    void setUp() {
        t = TestServices.fresh(dir);
        model = new OperatorsViewModel(t.services.operatorAdmin(), t.login("admin"), t.services.tasks());
        model.reload();
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private OperatorSummary row(String name) {
        return model.operators().stream().filter(o -> o.username().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void changesReloadTheListAndRefusalsBecomeOneSentence() {
        List<UiText> answers = new ArrayList<>();
        model.add("zhou", "周敏", Role.AGENT, "Copper-Kettle-71", "Copper-Kettle-71", answers::add);
        assertEquals(Role.AGENT, row("zhou").role());
        assertEquals(UiText.of("operators.saved", "zhou"), model.messageProperty().get());
        assertNull(answers.get(0), "saved: the dialog may close");

        // a dialog's refusals come back to the dialog (it stays open with what was typed), not under the table
        model.add("lin", "林", Role.AGENT, "Copper-Kettle-71", "Copper-Kettle-72", answers::add);
        assertEquals(UiText.of("operators.error.mismatch"), answers.get(1));
        model.add("zhou", "周", Role.AGENT, "Copper-Kettle-71", "Copper-Kettle-71", answers::add);
        assertEquals(UiText.of("error.operator.exists", "zhou"), answers.get(2));
        model.resetPassword(row("zhou"), "password", "password", answers::add);
        assertEquals("error.password.tooShort", answers.get(3).key());
        assertNull(model.errorProperty().get());
        assertTrue(model.operators().stream().noneMatch(o -> o.username().equals("lin")), "nothing added");
        assertFalse(row("zhou").mustChangePassword(), "no password reset");

        OperatorSummary seen = row("zhou");
        model.setRole(seen, Role.MANAGER, answers::add);
        assertNull(answers.get(4));
        assertEquals(Role.MANAGER, row("zhou").role());
        model.disable(seen); // the version the list showed before the role change
        assertEquals(UiText.of("error.operator.changedMeanwhile", "zhou"), model.errorProperty().get());
        assertTrue(row("zhou").active(), "nothing changed, and the list shows the operator as it is now");

        model.disable(row("zhou"));
        assertNull(model.errorProperty().get());
        assertFalse(row("zhou").active());
        model.disable(row("admin"));
        assertEquals(UiText.of("error.operator.lastAdmin", "admin"), model.errorProperty().get());
        assertFalse(model.busyProperty().get());
    }

    @Test
    void theSignInPolicyIsReadChangedWithinItsLimitsAndAudited() {
        model.loadPolicy();
        assertEquals(5, model.maxFailuresProperty().get());
        assertEquals(15, model.lockoutMinutesProperty().get());
        assertEquals(15, model.idleLockMinutesProperty().get());

        model.maxFailuresProperty().set(3);
        model.idleLockMinutesProperty().set(5);
        model.savePolicy();
        assertNull(model.errorProperty().get());
        assertEquals(UiText.of("operators.policy.saved"), model.messageProperty().get());
        SignInPolicy stored = t.services.operatorAdmin().signInPolicy(t.login("admin"));
        assertEquals(SignInPolicy.ofMinutes(3, 15, 5), stored);
        assertEquals("was: 5 wrong passwords lock a name for 15 min; idle lock after 15 min; now: 3 wrong passwords lock a name for 15 min;"
                + " idle lock after 5 min", t.db.dsl().select(AUDIT_EVENT.DETAILS).from(AUDIT_EVENT)
                .where(AUDIT_EVENT.ACTION.eq("SIGN_IN_POLICY_CHANGED")).fetchSingle().value1());

        model.lockoutMinutesProperty().set(2000); // a field left empty or beyond its limit: refused in words, nothing stored
        model.savePolicy();
        assertEquals(UiText.of("error.signInPolicy.lockout", "1", "1440", "2000"), model.errorProperty().get());
        assertEquals(stored, t.services.operatorAdmin().signInPolicy(t.login("admin")));
    }
}
