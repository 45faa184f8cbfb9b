package dev.riskdesk.limits.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.DecisionStatus;
import dev.riskdesk.common.Money;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.EngineResolver;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.limits.LimitsFixture;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.limits.QueueBook;
import dev.riskdesk.limits.review.ProposalQueueService.Age;
import dev.riskdesk.limits.review.ProposalQueueService.ChangeSize;
import dev.riskdesk.limits.review.ProposalQueueService.Filter;
import dev.riskdesk.limits.review.ProposalQueueService.Page;
import dev.riskdesk.limits.review.ProposalQueueService.Row;
import dev.riskdesk.security.AccessDeniedException;
import dev.riskdesk.security.Session;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
@ExtendWith(EngineResolver.class)
class ProposalQueueServiceDbTest {
    @TempDir
    java.nio.file.Path dir;
    LimitsFixture f;
    ProposalQueueService queue;
    Session risk;

    @BeforeEach
    void open(TestDatabases.Engine engine) {
        f = new LimitsFixture(dir, engine);
        f.feeds(LimitsFixture.NOW);
        queue = new ProposalQueueService(f.db, f.policies, f.clock);
        risk = f.login("risk", "risk123");
        QueueBook.fill(f.db, LimitsFixture.NOW);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private List<Long> accounts(Filter filter) {
        return queue.page(risk, filter, null, 50).rows().stream().map(r -> Long.parseLong(r.accountNo().substring(2))).toList();
    }

    @Test
    void openProposalsComeHighestPriorityFirstAndClosedOnesNever() {
        assertEquals(List.of(1L, 3L, 2L, 4L), accounts(Filter.ALL));
        assertEquals(4, queue.count(risk, Filter.ALL));
        Row top = queue.page(risk, Filter.ALL, null, 50).rows().get(0);
        f.decisions.confirm(risk, top.proposalId(), top.version(), "checked");
        assertEquals(List.of(3L, 2L, 4L), accounts(Filter.ALL), "a decided proposal leaves the queue");
    }

    @Test
    void filtersByTypeSizeReasonAndAge() {
        assertEquals(List.of(1L, 2L), accounts(new Filter(ProposalType.DECREASE, null, null, null)));
        assertEquals(List.of(3L), accounts(new Filter(null, ChangeSize.NONE, null, null)));
        assertEquals(List.of(), accounts(new Filter(null, ChangeSize.SMALL, null, null)), "20,000 → 18,000 is 10 %: not small");
        assertEquals(List.of(2L), accounts(new Filter(null, ChangeSize.MEDIUM, null, null)));
        assertEquals(List.of(1L, 4L), accounts(new Filter(null, ChangeSize.LARGE, null, null)));
        assertEquals(List.of(2L, 4L), accounts(new Filter(null, null, "POLICY_SCORE", null)), "whole codes in a list");
        assertEquals(List.of(), accounts(new Filter(null, null, "POLICY", null)), "never a part of a code");
        assertEquals(List.of(4L), accounts(new Filter(null, null, null, Age.OLDER)));
        assertEquals(List.of(1L, 3L, 2L), accounts(new Filter(null, null, null, Age.TODAY)));
        assertEquals(1, queue.count(risk, new Filter(ProposalType.INCREASE, ChangeSize.LARGE, "POLICY_SCORE", Age.OLDER)));
        assertEquals(List.of("MULTI_LENDING", "OVERDUE_FREEZE", "POLICY_SCORE", "UTILISATION_JUMP"), queue.reasonChoices(risk));
    }

    @Test
    void keysetPagesVisitEveryProposalOnceInPriorityOrderEvenWithTies() {
        for (int i = 0; i < 23; i++) {
            long account = QueueBook.account(f.db, 100 + i, "5000", "100", LimitsFixture.NOW);
            // three priorities only, so most rows tie and the id decides
            QueueBook.proposal(f.db, account, ProposalType.DECREASE, ProposalStatus.PENDING, "5000", "4000", null, String.valueOf(100 + (i % 3)),
                    "MULTI_LENDING", LimitsFixture.NOW.minusHours(5));
        }
        List<Row> all = new ArrayList<>();
        Page page = queue.page(risk, Filter.ALL, null, 5);
        int pages = 1;
        all.addAll(page.rows());
        while (page.hasMore()) {
            page = queue.page(risk, Filter.ALL, page.next(), 5);
            all.addAll(page.rows());
            pages++;
        }
        assertEquals(27, all.size());
        assertEquals(6, pages);
        assertEquals(27, new HashSet<>(all.stream().map(Row::proposalId).toList()).size(), "no row twice");
        for (int i = 1; i < all.size(); i++) {
            Row a = all.get(i - 1);
            Row b = all.get(i);
            int c = a.priority().compareTo(b.priority());
            assertTrue(c > 0 || (c == 0 && a.proposalId() > b.proposalId()), "ordered at " + i);
        }
    }

    @Test
    void detailExplainsTheProposalAndTheOverrideBounds() {
        Row top = queue.page(risk, Filter.ALL, null, 50).rows().get(0);
        ProposalQueueService.Detail d = queue.detail(risk, top.proposalId());
        assertEquals(Money.of("15000"), d.maxOverride(), "the hidden cap bounds an override");
        assertEquals("UTILISATION_JUMP", d.ruleHits().get(0).ruleCode());
        assertEquals("36600", d.ruleHits().get(0).evidence().get("outstanding"), "numbers in plain notation");
        assertEquals(List.of("MAX_STEP_DOWN"), d.guardrails());
        assertEquals(LimitsFixture.NOW.minusHours(2).toString(), d.dataAsOf().get("TRANSACTIONS"));
        assertTrue(d.needsApproval(Money.of("12000"), true), "raising above the proposal needs a second person");
        assertFalse(d.needsApproval(Money.of("8000"), true));
        assertTrue(top.lowRisk());
        Row freeze = queue.page(risk, new Filter(ProposalType.FREEZE, null, null, null), null, 5).rows().get(0);
        assertFalse(freeze.decidable());
        assertFalse(freeze.lowRisk());
    }

    @Test
    void managersSeeDecisionsAwaitingApprovalAndTheirOwnAreMarked() {
        Session manager = f.login("manager", "manager123");
        Session manager2 = f.login("manager2", "quiet-harbor-42");
        Row top = queue.page(risk, Filter.ALL, null, 50).rows().get(0);
        LimitDecisionService.Outcome o = f.decisions.override(manager, top.proposalId(), top.version(), Money.of("12000"), "RISK_JUDGEMENT",
                "customer income verified by phone");
        assertEquals(DecisionStatus.AWAITING_APPROVAL, o.decisionStatus());
        assertThrows(AccessDeniedException.class, () -> queue.awaitingApproval(risk));
        ProposalQueueService.Pending own = queue.awaitingApproval(manager).get(0);
        assertTrue(own.mine());
        assertEquals("陈静", own.makerName());
        ProposalQueueService.Pending other = queue.awaitingApproval(manager2).get(0);
        assertFalse(other.mine());
        assertEquals(Money.of("12000"), other.newLimit());
        assertEquals(ProposalStatus.AWAITING_APPROVAL, queue.detail(manager2, top.proposalId()).row().status());
        assertEquals(own.decisionId(), queue.detail(manager2, top.proposalId()).awaiting().decisionId());
        f.decisions.approve(manager2, other.decisionId(), other.version(), "ok");
        assertTrue(queue.awaitingApproval(manager2).isEmpty());
    }

    @Test
    void aLostRaceNamesWhoWasFirstAndWhen() {
        Session risk2 = f.login("risk2", "quiet-harbor-43");
        Row top = queue.page(risk, Filter.ALL, null, 50).rows().get(0);
        f.decisions.confirm(risk2, top.proposalId(), top.version(), "first");
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> f.decisions.override(risk, top.proposalId(), top.version(), Money.of("8000"), "RISK_JUDGEMENT", "second"));
        assertEquals("limits.proposalChangedBy", e.messageKey());
        assertEquals("risk2", e.arguments()[1]);
        assertEquals("2025-03-20 00:00:00", e.arguments()[2]);
        assertTrue(e.getMessage().startsWith("Proposal " + top.proposalId() + " was changed by risk2 at 2025-03-20 00:00:00"));
        assertNull(queue.page(risk, Filter.ALL, null, 50).rows().stream().filter(r -> r.proposalId() == top.proposalId()).findFirst()
                .orElse(null), "the confirmed proposal is gone from the queue");
    }

    @Test
    void anAgentMayNotReadTheQueue() {
        Session agent = f.login("agent", "agent123");
        assertThrows(AccessDeniedException.class, () -> queue.page(agent, Filter.ALL, null, 10));
        assertThrows(AccessDeniedException.class, () -> queue.detail(agent, 1));
    }
}
