package dev.riskdesk.ui.appeals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestServices;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.customers.ProfileBook;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overturn table on a book with one appealed suspension under rule DPD30. */
@Tag("db")
class RuleQualityViewModelTest {
    @TempDir
    Path dir;

    @Test
    void aManagerSeesTheRuleAndTheAppealsBehindTheSelectedLine() {
        try (TestServices t = TestServices.fresh(dir)) {
            ProfileBook.create(t.db, 20);
            t.db.dsl().execute("UPDATE APPEAL SET RULE_CODE = 'DPD30', RULE_SET_ID = 901 WHERE ID = 1"); // the suspension's rule, in ProfileBook's rule set
            RuleQualityViewModel model = new RuleQualityViewModel(t.services.appeals(), t.login("manager"), t.services.tasks());
            model.reload();
            assertFalse(model.loadingProperty().get());
            Appeals.RuleQuality dpd30 = model.rules().stream().filter(r -> r.ruleCode().equals("DPD30")).findFirst()
                    .orElseThrow(() -> new AssertionError("no DPD30 line in " + model.rules()));
            assertEquals(1, dpd30.triggers());
            assertEquals(1, dpd30.appeals());
            assertEquals(0, dpd30.decided());
            assertEquals(null, dpd30.overturnRate(), "no rate before a decision");

            model.select(dpd30);
            assertEquals(List.of("AP0000001"), model.appeals().stream().map(Appeals.InboxRow::appealNo).toList());
            model.select(null);
            assertTrue(model.appeals().isEmpty(), "no line, no appeals");
        }
    }

    @Test
    void anAgentIsRefusedAndTheTableStaysEmpty() {
        try (TestServices t = TestServices.fresh(dir)) {
            ProfileBook.create(t.db, 20);
            RuleQualityViewModel model = new RuleQualityViewModel(t.services.appeals(), t.login("agent"), t.services.tasks());
            model.reload();
            assertFalse(model.loadingProperty().get());
            assertTrue(model.rules().isEmpty());
            assertEquals("common.error.denied", model.errorProperty().get().key());
        }
    }
}
