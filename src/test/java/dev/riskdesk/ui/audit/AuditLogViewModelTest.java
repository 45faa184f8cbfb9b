package dev.riskdesk.ui.audit;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestServices;
import dev.riskdesk.common.Progress;
import dev.riskdesk.security.AuditQueryService.AuditEntry;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.audit.AuditChainState;
import dev.riskdesk.ui.common.UiText;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log in pages of three, newest first, filtered by operator and action. */
@Tag("db")
class AuditLogViewModelTest {
    @TempDir
    Path dir;

    @Test
    void pagesFollowOneAnotherAndFiltersReloadFromTheNewest() {
        try (TestServices t = TestServices.fresh(dir)) {
            for (String operator : List.of("agent", "risk", "agent", "risk")) {
                t.login(operator);
            }
            Session manager = t.login("manager");
            AuditLogViewModel model = new AuditLogViewModel(t.services.auditQuery(), t.services.auditChain(), manager, t.services.tasks(), 3);
            model.reload();
            assertFalse(model.loadingProperty().get());
            assertEquals(3, model.entries().size());
            assertTrue(model.hasMoreProperty().get());
            assertEquals(AuditLogViewModel.ANY, model.operatorChoices().get(0));
            assertTrue(model.actionChoices().contains("LOGIN"), model.actionChoices().toString());
            assertNewestFirst(model.entries());

            int events = t.db.dsl().fetchCount(AUDIT_EVENT);
            assertTrue(events > 3, "five logins at least");
            while (model.hasMoreProperty().get()) {
                model.loadMore();
            }
            assertEquals(events, model.entries().size(), "page after page, every event");
            assertEquals(events, new HashSet<>(model.entries()).size(), "no event twice");
            assertNewestFirst(model.entries());

            String someone = model.operatorChoices().get(1);
            model.operatorFilterProperty().set(someone);
            assertFalse(model.entries().isEmpty());
            assertTrue(model.entries().stream().allMatch(e -> e.operatorName().equals(someone)), model.entries().toString());
            model.actionFilterProperty().set("LOGOUT");
            assertTrue(model.entries().isEmpty(), "nobody logged out");
            assertTrue(model.operatorChoices().contains(someone), "the chosen operator stays a choice");
        }
    }

    @Test
    void anAgentIsRefused() {
        try (TestServices t = TestServices.fresh(dir)) {
            AuditLogViewModel model = new AuditLogViewModel(t.services.auditQuery(), t.services.auditChain(), t.login("agent"), t.services.tasks(), 3);
            model.reload();
            assertFalse(model.loadingProperty().get());
            assertTrue(model.entries().isEmpty());
            assertEquals("common.error.denied", model.errorProperty().get().key());
            model.checkChain(Progress.NONE);
            assertEquals("common.error.denied", model.chainTextProperty().get().key(), "the chain's state needs AUDIT_VIEW too");
        }
    }

    @Test
    void theChainStateIsIntactWithItsCountThenNamesTheChangedEvent() {
        try (TestServices t = TestServices.fresh(dir)) {
            t.login("agent");
            Session manager = t.login("manager");
            AuditLogViewModel model = new AuditLogViewModel(t.services.auditQuery(), t.services.auditChain(), manager, t.services.tasks(), 3);
            model.checkChain(Progress.NONE);
            assertFalse(model.checkingChainProperty().get());
            assertFalse(model.chainBrokenProperty().get());
            assertEquals(UiText.of("audit.chain.intact", (long) t.db.dsl().fetchCount(AUDIT_EVENT)), model.chainTextProperty().get());

            long changed = t.db.dsl().select(AUDIT_EVENT.ID.min()).from(AUDIT_EVENT).fetchSingle().value1();
            t.db.dsl().execute("UPDATE AUDIT_EVENT SET OPERATOR_NAME = 'nobody' WHERE ID = ?", changed);
            model.checkChain(Progress.NONE);
            assertTrue(model.chainBrokenProperty().get());
            assertEquals(UiText.of("audit.chain.CHANGED", String.valueOf(changed), 0L), model.chainTextProperty().get());
        }
    }

    @Test
    void everyChainStateHasATextInBothLanguages() {
        for (String bundle : List.of("i18n/messages_en", "i18n/messages_zh_CN")) {
            java.util.Properties texts = new java.util.Properties();
            try (var in = getClass().getClassLoader().getResourceAsStream(bundle + ".properties");
                 var reader = new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)) {
                texts.load(reader);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            for (AuditChainState.Problem problem : AuditChainState.Problem.values()) {
                assertTrue(texts.containsKey("audit.chain." + problem.name()), bundle + " lacks " + problem);
            }
            for (String key : List.of("audit.chain.EMPTIED", "audit.chain.intact", "audit.chain.checking", "audit.chain.cancelled",
                    "audit.chain.check", "audit.chain.label")) {
                assertTrue(texts.containsKey(key), bundle + " lacks " + key);
            }
        }
    }

    private static void assertNewestFirst(List<AuditEntry> entries) {
        for (int i = 1; i < entries.size(); i++) {
            assertTrue(entries.get(i - 1).id() > entries.get(i).id(), "newest first: " + entries);
        }
    }
}
