package dev.riskdesk.ui.appeals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.customers.ProfileBook;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.security.PasswordHasher;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.appeals.AppealsInboxViewModel.AssigneeChoice;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbox view model on a real book with one appeal: the assignee filter offers supervisors the named handlers. */
@Tag("db")
class AppealsInboxViewModelTest {
    @TempDir
    Path dir;
    Database db;
    AppServices services;

    @BeforeEach
    void setUp() {
        db = TestDatabases.fresh(dir);
        services = new AppServices(db, Clock.system(AppServices.BUSINESS_ZONE), new PasswordHasher(4), new SameThreadTaskRunner());
        services.operators().createDemoOperatorsIfEmpty();
        ProfileBook.create(db, 20);
    }

    @AfterEach
    void tearDown() {
        services.close();
    }

    AppealsInboxViewModel model(String user, String password) {
        Session session = services.operators().authenticate(user, password.toCharArray());
        AppealsInboxViewModel model = new AppealsInboxViewModel(services.appeals(), session, services.tasks());
        model.reload();
        return model;
    }

    static AssigneeChoice handler(AppealsInboxViewModel model, String username) {
        return model.assigneeChoices().stream().filter(c -> c.handler() != null && c.handler().username().equals(username)).findFirst()
                .orElseThrow(() -> new AssertionError("no handler " + username + " in " + model.assigneeChoices()));
    }

    @Test
    void aSupervisorFiltersTheInboxByANamedHandler() {
        AppealsInboxViewModel manager = model("manager", "manager123");
        assertEquals(List.of(AssigneeChoice.ANY, AssigneeChoice.MINE, AssigneeChoice.UNASSIGNED), manager.assigneeChoices().subList(0, 3));
        assertTrue(manager.assigneeChoices().size() > 3, "the named handlers follow: " + manager.assigneeChoices());
        Appeals.InboxRow row = manager.rows().get(0);
        List<dev.riskdesk.ui.common.UiText> answers = new java.util.ArrayList<>();
        manager.assign(row, handler(manager, "agent").handler(), "workload", answers::add);
        assertEquals(java.util.Collections.singletonList(null), answers, "accepted: the dialog may close");

        manager.assigneeFilterProperty().set(handler(manager, "agent"));
        assertEquals(List.of(row.id()), manager.rows().stream().map(Appeals.InboxRow::id).toList());
        manager.assigneeFilterProperty().set(handler(manager, "risk"));
        assertTrue(manager.rows().isEmpty(), "risk has no appeal");
        assertTrue(manager.assigneeChoices().contains(manager.assigneeFilterProperty().get()), "the choice survives the reload");

        AppealsInboxViewModel agent = model("agent", "agent123");
        assertEquals(List.of(AssigneeChoice.ANY, AssigneeChoice.MINE, AssigneeChoice.UNASSIGNED), agent.assigneeChoices(),
                "agents do not filter by other handlers");
    }

    @Test
    void anotherOperatorsClaimReloadsTheInboxWithAnUpdatedMarker() {
        AppealsInboxViewModel agent = model("agent", "agent123");
        AppealsInboxViewModel manager = model("manager", "manager123");
        agent.changes().poll();
        assertNull(agent.changes().updatedAtProperty().get(), "nothing changed yet");
        Appeals.InboxRow row = manager.rows().get(0);
        manager.claim(row);
        assertEquals(row.version(), agent.rows().get(0).version(), "the agent still shows what it read");
        agent.changes().poll();
        assertNotNull(agent.changes().updatedAtProperty().get());
        assertTrue(agent.rows().get(0).version() > row.version(), "the inbox was read again without a manual refresh");
        manager.changes().poll();
        assertNull(manager.changes().updatedAtProperty().get(), "the manager's own claim raises no marker");
    }
}
