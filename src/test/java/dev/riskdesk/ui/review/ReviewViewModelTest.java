package dev.riskdesk.ui.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestServices;
import dev.riskdesk.common.Messages;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.limits.QueueBook;
import dev.riskdesk.limits.review.ProposalQueueService.Row;
import dev.riskdesk.ui.common.Formats;
import dev.riskdesk.ui.common.UiText;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review queue on four open proposals (two decreases, a freeze awaiting data, an increase):
 * pages, filters, a decision that moves on to the next proposal, and a lost race.
 */
@Tag("db")
class ReviewViewModelTest {
    private static final Formats EN = new Formats(Messages.ENGLISH);
    @TempDir
    Path dir;
    TestServices t;

    @BeforeEach
    void setUp() {
        t = TestServices.fresh(dir);
        QueueBook.fill(t.db, LocalDateTime.now(t.services.clock()));
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    ReviewViewModel queue(String operator, int pageSize) {
        ReviewViewModel model = new ReviewViewModel(t.services.limits().queue, t.services.limits().decisions, t.login(operator),
                t.services.tasks(), pageSize);
        model.reload();
        return model;
    }

    static List<Long> ids(List<Row> rows) {
        return rows.stream().map(Row::proposalId).toList();
    }

    @Test
    void theQueueReadsInPagesAndEveryFilterReadsItAgain() {
        ReviewViewModel model = queue("risk", 2);
        assertFalse(model.loadingProperty().get());
        assertEquals(4, model.totalProperty().get());
        assertEquals(2, model.rows().size());
        assertTrue(model.hasMoreProperty().get());
        model.loadMore();
        assertEquals(4, model.rows().size());
        assertFalse(model.hasMoreProperty().get());
        assertEquals(4, ids(model.rows()).stream().distinct().count(), "no proposal twice");
        assertEquals(ReviewViewModel.ANY, model.reasonChoices().get(0));
        assertTrue(model.reasonChoices().containsAll(List.of("UTILISATION_JUMP", "POLICY_SCORE", "OVERDUE_FREEZE")), model.reasonChoices().toString());

        model.typeFilterProperty().set(ProposalType.DECREASE);
        assertEquals(2, model.totalProperty().get());
        assertTrue(model.rows().stream().allMatch(r -> r.type() == ProposalType.DECREASE));
        model.reasonFilterProperty().set("POLICY_SCORE");
        assertEquals(1, model.totalProperty().get());
        assertTrue(model.rows().get(0).reasonCodes().contains("POLICY_SCORE"));
        model.typeFilterProperty().set(null);
        assertEquals(2, model.totalProperty().get(), "the decrease and the increase for the policy score");
        assertNull(model.errorProperty().get());
    }

    @Test
    void anAgentHasNoQueue() {
        ReviewViewModel model = queue("agent", 2);
        assertFalse(model.canDecide());
        assertTrue(model.rows().isEmpty());
        assertEquals(0, model.totalProperty().get());
        assertNull(model.errorProperty().get(), "nothing was asked for");
    }

    @Test
    void aConfirmationSaysWhatHappenedAndSelectsTheNextProposal() {
        ReviewViewModel model = queue("risk", 50);
        model.selectNext(1);
        Row first = model.selectedProperty().get();
        assertEquals(model.rows().get(0), first);
        assertNotNull(model.detailProperty().get(), "the selection's detail is read");
        assertEquals(first.proposalId(), model.detailProperty().get().row().proposalId());

        DecisionForm form = new DecisionForm(DecisionForm.Action.CONFIRM, model.detailProperty().get(), EN);
        form.noteProperty().set("checked the bills");
        List<UiText> done = new ArrayList<>();
        model.decide(form, done::add);
        assertEquals(1, done.size());
        assertNull(done.get(0), "the decision went through");
        assertFalse(model.busyProperty().get());
        assertTrue(model.messageProperty().get().key().startsWith("review.done.") && model.messageProperty().get().key().endsWith(".CONFIRM"),
                model.messageProperty().get().key());
        assertFalse(ids(model.rows()).contains(first.proposalId()), "the decided proposal left the queue");
        assertEquals(3, model.totalProperty().get());
        assertEquals(model.rows().get(0), model.selectedProperty().get(), "the next proposal is selected");
    }

    @Test
    void aDecisionOnAProposalSomeoneElseDecidedSaysWhoAndReadsTheQueueAgain() {
        ReviewViewModel risk = queue("risk", 50);
        ReviewViewModel manager = queue("manager", 50);
        risk.selectNext(1);
        manager.selectNext(1);
        long id = risk.selectedProperty().get().proposalId();
        assertEquals(id, manager.selectedProperty().get().proposalId());

        DecisionForm managers = new DecisionForm(DecisionForm.Action.CONFIRM, manager.detailProperty().get(), EN);
        manager.decide(managers, text -> assertNull(text));
        DecisionForm stale = new DecisionForm(DecisionForm.Action.CONFIRM, risk.detailProperty().get(), EN);
        List<UiText> done = new ArrayList<>();
        risk.decide(stale, done::add);
        assertEquals("error.limits.proposalChangedBy", done.get(0).key());
        assertEquals(done.get(0), risk.errorProperty().get(), "the queue shows the sentence after the dialog closed");
        assertFalse(ids(risk.rows()).contains(id), "the queue was read again");
        assertFalse(risk.busyProperty().get());
    }

    @Test
    void anotherOperatorsDecisionReloadsTheQueueWithAnUpdatedMarkerButOnesOwnDoesNot() {
        ReviewViewModel risk = queue("risk", 50);
        ReviewViewModel manager = queue("manager", 50);
        risk.changes().poll();
        assertNull(risk.changes().updatedAtProperty().get(), "nothing changed yet");

        manager.selectNext(1);
        long id = manager.selectedProperty().get().proposalId();
        manager.decide(new DecisionForm(DecisionForm.Action.CONFIRM, manager.detailProperty().get(), EN), text -> assertNull(text));
        assertTrue(ids(risk.rows()).contains(id), "risk still shows what it read");
        risk.changes().poll();
        assertNotNull(risk.changes().updatedAtProperty().get(), "the marker says the list was updated");
        assertFalse(ids(risk.rows()).contains(id), "the queue was read again without a manual refresh");
        assertEquals(3, risk.totalProperty().get());

        manager.changes().poll();
        assertNull(manager.changes().updatedAtProperty().get(), "the manager's own decision raises no marker");
    }
}
