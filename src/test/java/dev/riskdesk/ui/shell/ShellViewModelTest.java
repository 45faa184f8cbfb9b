package dev.riskdesk.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestSessions;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which screens a role sees; no JavaFX toolkit needed. */
class ShellViewModelTest {
    private static final List<ScreenEntry> SCREENS = List.of(
            new ScreenEntry("overview", "shell.nav.overview", "icon", null, () -> null),
            new ScreenEntry("audit", "shell.nav.audit", "icon", Permission.AUDIT_VIEW, () -> null));
    private static final LocalDateTime AS_OF = LocalDateTime.of(2026, 11, 22, 8, 0);

    private static ShellViewModel shell(Session session, List<Session> signedOut) {
        return new ShellViewModel(session, SCREENS, "/data/riskdesk.mv.db", () -> AS_OF, new SameThreadTaskRunner(), signedOut::add);
    }

    @Test
    void anAgentSeesOnlyTheOverview() {
        Session agent = TestSessions.of(1, "agent", "王芳", Role.AGENT, EnumSet.of(Permission.CUSTOMER_VIEW));
        ShellViewModel model = shell(agent, new ArrayList<>());
        assertEquals(List.of("overview"), model.screens().stream().map(ScreenEntry::id).toList());
        assertEquals("overview", model.selectedProperty().get().id());
        model.open("audit");
        assertEquals("overview", model.selectedProperty().get().id(), "a hidden screen cannot be opened");
    }

    @Test
    void aManagerAlsoSeesTheAuditLogAndTheStatusBarFigures() {
        Session manager = TestSessions.of(3, "manager", "陈静", Role.MANAGER, EnumSet.of(Permission.AUDIT_VIEW));
        List<Session> signedOut = new ArrayList<>();
        ShellViewModel model = shell(manager, signedOut);
        assertEquals(List.of("overview", "audit"), model.screens().stream().map(ScreenEntry::id).toList());
        model.open("audit");
        assertEquals("audit", model.selectedProperty().get().id());
        model.refreshStatus();
        assertEquals(AS_OF, model.dataAsOfProperty().get());
        assertEquals("/data/riskdesk.mv.db", model.databaseDescription());
        model.signOut();
        assertEquals(List.of(manager), signedOut);
    }
}
