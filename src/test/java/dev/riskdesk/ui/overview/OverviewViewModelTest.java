package dev.riskdesk.ui.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.riskdesk.app.TestServices;
import dev.riskdesk.customers.ProfileBook;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overview's figures come from the book; a failed read shows the error and stops loading. */
class OverviewViewModelTest {
    @TempDir
    Path dir;

    @Test
    @Tag("db")
    void loadShowsTheBooksFiguresAndAFailureShowsItsText() {
        try (TestServices t = TestServices.fresh(dir)) {
            ProfileBook.create(t.db, 20);
            OverviewViewModel model = new OverviewViewModel(t.services.portfolioSummary(), t.services.tasks());
            model.load();
            assertFalse(model.loadingProperty().get());
            assertNull(model.errorProperty().get());
            assertNotNull(model.summaryProperty().get());
            assertEquals(t.db.dsl().fetchCount(dev.riskdesk.db.schema.Tables.ACCOUNT), model.summaryProperty().get().accounts());
            assertEquals(t.db.dsl().fetchCount(dev.riskdesk.db.schema.Tables.CUSTOMER), model.summaryProperty().get().customers());

            t.db.dsl().execute("DROP ALL OBJECTS");
            model.load();
            assertFalse(model.loadingProperty().get(), "a failure ends the loading");
            assertEquals("common.error.unexpected", model.errorProperty().get().key());
        }
    }

    @Test
    void shareIsThePartOfTheWholeAndZeroOfNothing() {
        assertEquals(0.25, OverviewViewModel.share(1, 4));
        assertEquals(0.0, OverviewViewModel.share(3, 0));
    }
}
