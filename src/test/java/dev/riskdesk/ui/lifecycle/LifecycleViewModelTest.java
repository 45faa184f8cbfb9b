package dev.riskdesk.ui.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.lifecycle.LifecycleQueries;
import dev.riskdesk.lifecycle.LifecycleRunService;
import dev.riskdesk.lifecycle.LifecycleServices;
import dev.riskdesk.lifecycle.LifecycleStage;
import dev.riskdesk.limits.LimitsFixture;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestOperators;
import dev.riskdesk.ui.common.UiText;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lifecycle screen's view model on a real database: filters, figures, keep on request, approval, a refused decision. */
@Tag("db")
class LifecycleViewModelTest {
    static final LocalDate TODAY = LimitsFixture.NOW.toLocalDate();

    @TempDir
    java.nio.file.Path dir;
    LimitsFixture f;
    LifecycleServices lifecycle;

    @BeforeEach
    void open() {
        f = new LimitsFixture(dir);
        f.feeds(LimitsFixture.NOW);
        lifecycle = new LifecycleServices(f.db, f.policies, f.notices, f.audit, f.clock);
        f.account("5000", "0", "I3", 1);
        f.account("6000", "0", "I3", 1);
        f.account("45000", "0", "I5", 1);
        lifecycle.runs.run(TestOperators.batch(f.db), new LifecycleRunService.Options(TODAY, false), Progress.NONE);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private LifecycleViewModel model(Session session) {
        LifecycleViewModel model = new LifecycleViewModel(lifecycle.queries, lifecycle.cases, session, new SameThreadTaskRunner());
        model.reload();
        return model;
    }

    @Test
    void aRiskOperatorKeepsAnAccountOnRequestAndMayNotApprove() {
        LifecycleViewModel model = model(f.login("risk", "risk123"));
        assertEquals(3, model.rows().size());
        assertEquals(3L, model.figuresProperty().get().accounts().get(LifecycleQueries.Stage.GRACE));
        assertFalse(model.mayApprove());
        model.selectedProperty().set(model.rows().get(0));
        assertFalse(model.canKeep().get(), "a reason is needed");
        model.reasonProperty().set("Customer called 95188: keeps the line for a trip");
        assertTrue(model.canKeep().get());
        model.keep();
        assertEquals(UiText.of("lifecycle.done.kept", model.rows().stream().filter(r -> r.stage() == LifecycleStage.KEPT).findFirst().orElseThrow().accountNo()),
                model.messageProperty().get());
        assertEquals("", model.reasonProperty().get());
        assertEquals(LifecycleStage.KEPT, model.selectedProperty().get().stage(), "the selection follows the reloaded case");
        assertFalse(model.canKeep().get(), "a closed case cannot be kept again");

        model.stageFilterProperty().set(LifecycleStage.GRACE);
        assertEquals(2, model.rows().size());
        assertNull(model.selectedProperty().get());
    }

    @Test
    void aManagerApprovesTheLargeLimitAndARefusalKeepsTheReasonTyped() {
        LifecycleViewModel model = model(f.login("manager", "manager123"));
        model.needsApprovalFilterProperty().set(true);
        assertEquals(1, model.rows().size(), "only the 45,000 line needs a manager");
        model.selectedProperty().set(model.rows().get(0));
        assertTrue(model.canApprove().get());
        model.approve();
        assertNull(model.errorProperty().get());
        assertEquals(0, model.rows().size(), "approved: no longer waiting");

        model.needsApprovalFilterProperty().set(false);
        LifecycleQueries.CaseRow stale = model.rows().get(0);
        lifecycle.cases.keepOnRequest(f.login("risk", "risk123"), stale.id(), stale.version(), "asked by phone");
        model.selectedProperty().set(stale);
        model.reasonProperty().set("customer asked in the app");
        model.keep();
        assertEquals("error.lifecycle.changedBy", model.errorProperty().get().key());
        assertEquals("customer asked in the app", model.reasonProperty().get(), "what was typed is kept");
        assertEquals(LifecycleStage.KEPT, model.selectedProperty().get().stage(), "the case is shown as it is now");
    }
}
