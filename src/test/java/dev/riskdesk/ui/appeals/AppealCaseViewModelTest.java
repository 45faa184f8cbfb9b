package dev.riskdesk.ui.appeals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestServices;
import dev.riskdesk.appeals.AppealOutcome;
import dev.riskdesk.appeals.AppealStatus;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.customers.ProfileBook;
import dev.riskdesk.ui.common.UiText;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One appeal (AP0000001, in review, unassigned) taken through claim, note, decision, and a lost race. */
@Tag("db")
class AppealCaseViewModelTest {
    @TempDir
    Path dir;
    TestServices t;

    @BeforeEach
    void setUp() {
        t = TestServices.fresh(dir);
        ProfileBook.create(t.db, 20);
        // the hand-made book inserts explicit ids; new rows must not collide with them
        for (String table : new String[] {"LIMIT_PROPOSAL", "LIMIT_DECISION", "SUSPENSION", "APPEAL", "RULE_HIT"}) {
            t.db.dsl().execute("ALTER TABLE " + table + " ALTER COLUMN ID RESTART WITH 1000");
        }
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    AppealCaseViewModel open(String operator) {
        AppealCaseViewModel model = new AppealCaseViewModel(t.services.appeals(), t.services.scoring(), t.login(operator), t.services.tasks(), 1);
        model.reload();
        return model;
    }

    static Appeals.InboxRow row(AppealCaseViewModel model) {
        return model.appealProperty().get().row();
    }

    @Test
    void anAgentClaimsAddsANoteAndDecides() {
        AppealCaseViewModel model = open("agent");
        assertFalse(model.loadingProperty().get());
        assertEquals(AppealStatus.IN_REVIEW, row(model).status());
        assertTrue(model.canClaim(), "nobody has it yet");
        assertTrue(model.canDecide());
        assertFalse(model.canApprove(), "nothing awaits approval");
        assertEquals(List.of(AppealStatus.AWAITING_CUSTOMER, AppealStatus.ESCALATED), model.moves());
        assertEquals("appeals.case.scoreNoPermission", model.scoreMessageProperty().get().key(), "agents do not see scores");
        assertNull(model.scoreProperty().get());

        model.claim();
        assertNull(model.errorProperty().get());
        assertEquals("agent", row(model).assignee());
        assertFalse(model.canClaim(), "it is the agent's own now");

        List<String> cleared = new java.util.ArrayList<>();
        model.addNote("x".repeat(dev.riskdesk.common.TextLimit.APPEAL_NOTE.max() + 1), () -> cleared.add("too long"));
        assertEquals("error.text.tooLong.APPEAL_NOTE", model.errorProperty().get().key(), "the service's sentence");
        assertTrue(cleared.isEmpty(), "a refused note is not cleared from the field");
        model.addNote("Called back; customer sent a bank receipt.", () -> cleared.add("stored"));
        assertEquals(List.of("stored"), cleared);
        assertNull(model.errorProperty().get());
        assertTrue(model.appealProperty().get().notes().stream().anyMatch(n -> n.body().equals("Called back; customer sent a bank receipt.")),
                model.appealProperty().get().notes().toString());

        List<UiText> answers = new java.util.ArrayList<>();
        model.decide(new Appeals.Decision(AppealOutcome.LIFTED, null, "APPEAL_CIRCUMSTANCES", "Receipt shows the bill was paid.", false, "en"),
                answers::add);
        assertEquals(java.util.Collections.singletonList(null), answers, "accepted: the dialog may close");
        assertNull(model.errorProperty().get());
        assertEquals("appeals.case.decided", model.infoProperty().get().key());
        assertEquals(AppealStatus.DECIDED, row(model).status());
        assertEquals(AppealOutcome.LIFTED, row(model).outcome());
        assertFalse(model.canDecide(), "decided once");
    }

    @Test
    void aCaseChangedMeanwhileShowsWhyAndNothingIsApplied() {
        AppealCaseViewModel agent = open("agent");
        AppealCaseViewModel risk = open("risk");
        agent.claim();

        List<UiText> answers = new java.util.ArrayList<>();
        risk.move(AppealStatus.AWAITING_CUSTOMER, "asked for a receipt", answers::add);
        assertTrue(risk.errorProperty().get().key().startsWith("error."), "a sentence, not an unexpected failure: " + risk.errorProperty().get());
        assertEquals(List.of(risk.errorProperty().get()), answers, "the dialog gets the refusal and stays open with its note");
        risk.reload();
        assertEquals(AppealStatus.IN_REVIEW, row(risk).status(), "the stale move was not applied");
        assertEquals("agent", row(risk).assignee());
    }

    @Test
    void withoutAChampionTheScoreSaysSo() {
        AppealCaseViewModel model = open("risk");
        assertNull(model.scoreProperty().get());
        assertEquals("error.scoring.noChampion", model.scoreMessageProperty().get().key());
    }
}
