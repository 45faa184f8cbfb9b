package dev.riskdesk.ui.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.limits.LimitsFixture;
import dev.riskdesk.privacy.ErasureService;
import dev.riskdesk.ui.common.UiText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile's privacy bar without the toolkit: the manager's erasure on request, refused under a hold, then the status line. */
@Tag("db")
class ErasureViewModelTest {
    @TempDir
    Path dir;

    @Test
    void aManagerErasesAClosedAccountsCustomerAndTheBarSaysWhenAndUnderWhichRule() {
        try (LimitsFixture f = new LimitsFixture(dir)) {
            ErasureService service = new ErasureService(f.db, f.audit, f.clock);
            long account = f.account("10000", "120.00", "I3", 1);
            f.db.dsl().execute("UPDATE ACCOUNT SET STATUS = 'CANCELLED', CREDIT_LIMIT = 0, AVAILABLE_AMOUNT = 0, CLOSED_AT = TIMESTAMP '2026-11-01 10:00:00'"
                    + " WHERE ID = ?", account); // a test-only closure
            long customer = f.customerOf(account);

            ErasureViewModel agent = new ErasureViewModel(service, f.login("agent", "agent123"), new SameThreadTaskRunner());
            agent.load(customer);
            assertNull(agent.statusProperty().get(), "nothing erased: no status line");
            assertFalse(agent.canEraseProperty().get(), "an agent is not offered the erasure");

            ErasureViewModel manager = new ErasureViewModel(service, f.login("manager", "manager123"), new SameThreadTaskRunner());
            int[] reloads = {0};
            manager.setOnErased(() -> reloads[0]++);
            manager.load(customer);
            assertTrue(manager.canEraseProperty().get());
            assertFalse(manager.reasonLongEnough(" ok "));
            List<UiText> results = new ArrayList<>();
            manager.erase("customer's letter of 2026-11-20", results::add);
            assertEquals("privacy.hold.UNPAID_BALANCE", results.get(0).key() == null ? null : results.get(0).key().replace("error.", ""),
                    "the refusal names the hold: " + results.get(0));
            assertEquals(0, reloads[0]);

            f.db.dsl().execute("UPDATE ACCOUNT SET OUTSTANDING_BALANCE = 0 WHERE ID = ?", account); // paid off
            manager.erase("customer's letter of 2026-11-20", results::add);
            assertNull(results.get(1), "erased");
            assertEquals(1, reloads[0], "the profile reloads");
            assertEquals("privacy.status.erased", manager.statusProperty().get().key());
            assertEquals("REQUEST", manager.statusProperty().get().args()[1]);
            assertFalse(manager.canEraseProperty().get(), "nothing left to erase");
        }
    }
}
