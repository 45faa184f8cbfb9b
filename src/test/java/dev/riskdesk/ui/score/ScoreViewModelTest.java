package dev.riskdesk.ui.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestServices;
import dev.riskdesk.common.Progress;
import dev.riskdesk.customers.ProfileBook;
import dev.riskdesk.scoring.ScoreBreakdown;
import dev.riskdesk.scoring.SyntheticBooks;
import dev.riskdesk.scoring.model.TrainingService;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.TestOperators;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One account's score breakdown: shown once read; without a champion or the permission, the reason instead. */
@Tag("db")
class ScoreViewModelTest {
    @TempDir
    Path dir;

    @Test
    void withoutTheModelPermissionTheTabSaysSo() {
        assertNoBreakdown("agent", "common.error.denied");
    }

    @Test
    void withoutAChampionTheTabSaysThereIsNone() {
        assertNoBreakdown("risk", "error.scoring.noChampion");
    }

    /** On a book without a champion, {@code operator} opening the rich account's tab is told {@code errorKey}. */
    private void assertNoBreakdown(String operator, String errorKey) {
        try (TestServices t = TestServices.fresh(dir)) {
            ProfileBook.create(t.db, 5);
            ScoreViewModel model = new ScoreViewModel(t.services.scoring(), t.login(operator), t.services.tasks(), ProfileBook.RICH);
            model.load();
            assertFalse(model.loadingProperty().get());
            assertNull(model.breakdownProperty().get());
            assertEquals(errorKey, model.errorProperty().get().key());
        }
    }

    @Test
    void theBreakdownOfAScoredAccountIsShownWithItsHistory() {
        try (TestServices t = TestServices.fresh(dir)) {
            SyntheticBooks.fill(t.db, 800, 20, 11);
            Clock clock = t.services.clock();
            AuditLog audit = new AuditLog(clock);
            TrainingService.Report report = new TrainingService(t.db, t.services.models(), audit)
                    .train(TestOperators.manager(t.db), TrainingService.Options.defaults(), Progress.NONE);
            t.services.modelGovernance().requestPromotion(TestOperators.manager(t.db), report.scorecardId(), "test champion");
            t.services.scoreRun().scoreAll(TestOperators.batch(t.db), 2000, Progress.NONE);
            long account = t.db.dsl().select(dev.riskdesk.db.schema.Tables.SCORE.ACCOUNT_ID).from(dev.riskdesk.db.schema.Tables.SCORE)
                    .limit(1).fetchOne().value1();

            ScoreViewModel model = new ScoreViewModel(t.services.scoring(), t.login("risk"), t.services.tasks(), account);
            model.load();
            assertFalse(model.loadingProperty().get());
            assertNull(model.errorProperty().get());
            ScoreBreakdown b = model.breakdownProperty().get();
            assertNotNull(b);
            assertNotNull(b.explanation(), "the score now, explained");
            assertTrue(!b.history().isEmpty(), "the stored score is in the history");
        }
    }
}
