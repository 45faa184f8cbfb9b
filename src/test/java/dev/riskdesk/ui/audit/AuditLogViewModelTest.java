package dev.riskdesk.ui.audit;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestServices;
import dev.riskdesk.security.AuditQueryService.AuditEntry;
import dev.riskdesk.security.Session;
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
            AuditLogViewModel model = new AuditLogViewModel(t.services.auditQuery(), manager, t.services.tasks(), 3);
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
            AuditLogViewModel model = new AuditLogViewModel(t.services.auditQuery(), t.login("agent"), t.services.tasks(), 3);
            model.reload();
            assertFalse(model.loadingProperty().get());
            assertTrue(model.entries().isEmpty());
            assertEquals("common.error.denied", model.errorProperty().get().key());
        }
    }

    private static void assertNewestFirst(List<AuditEntry> entries) {
        for (int i = 1; i < entries.size(); i++) {
            assertTrue(entries.get(i - 1).id() > entries.get(i).id(), "newest first: " + entries);
        }
    }
}
