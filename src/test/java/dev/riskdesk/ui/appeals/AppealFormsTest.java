package dev.riskdesk.ui.appeals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.appeals.AppealOutcome;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.customers.ProfileBook;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.security.PasswordHasher;
import dev.riskdesk.security.Session;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The register and decide forms on a real book with one appeal: what OK waits for, and what the form hands on. */
@Tag("db")
class AppealFormsTest {
    @TempDir
    Path dir;
    Database db;
    AppServices services;
    Session manager;

    @BeforeEach
    void setUp() {
        db = TestDatabases.fresh(dir);
        services = new AppServices(db, Clock.system(AppServices.BUSINESS_ZONE), new PasswordHasher(4), new SameThreadTaskRunner());
        services.operators().createDemoOperatorsIfEmpty();
        ProfileBook.create(db, 20);
        manager = services.operators().authenticate("manager", "manager123".toCharArray());
    }

    @AfterEach
    void tearDown() {
        services.close();
    }

    AppealsInboxViewModel inbox(Session session) {
        AppealsInboxViewModel model = new AppealsInboxViewModel(services.appeals(), session, services.tasks());
        model.reload();
        return model;
    }

    @Test
    void theDecisionFormWaitsForALimitOnAPartialLiftAndHandsOnWhatWasTyped() {
        Appeals.AppealCase appeal = services.appeals().queries().detail(manager, inbox(manager).rows().get(0).id());
        AppealDecisionForm form = new AppealDecisionForm(appeal);
        assertFalse(form.readyProperty().get(), "nothing chosen yet");
        form.outcomeProperty().set(AppealOutcome.PARTIALLY_LIFTED);
        form.reasonProperty().set(form.reasons().get(0));
        form.noteProperty().set("checked the bank statement");
        assertFalse(form.readyProperty().get(), "a partial lift needs its new limit");
        form.limitProperty().set(" 12,000 ");
        assertTrue(form.readyProperty().get());
        Appeals.Decision decision = form.decision();
        assertEquals(0, new BigDecimal("12000").compareTo(decision.newLimit()));
        assertEquals("checked the bank statement", decision.note());
        assertEquals("zh_CN", decision.language());

        form.limitProperty().set("twelve");
        assertEquals(BigDecimal.valueOf(-1), form.decision().newLimit(), "a limit that is not a number goes on for the service to refuse");
        form.outcomeProperty().set(AppealOutcome.UPHELD);
        assertNull(form.decision().newLimit(), "only a partial lift carries a limit");
    }

    @Test
    void theRegistrationFormSaysWhenTheAccountIsUnknown() {
        Session agent = services.operators().authenticate("agent", "agent123".toCharArray());
        AppealRegistrationForm form = inbox(agent).registrationForm("NO-SUCH-ACCOUNT");
        form.statementProperty().set("I paid on time");
        form.lookUp();
        assertNotNull(form.errorProperty().get());
        assertEquals("error.appeal.noAccount", form.errorProperty().get().key());
        assertTrue(form.contestable().isEmpty());
        assertFalse(form.readyProperty().get(), "nothing to contest, nothing to register");
    }
}
