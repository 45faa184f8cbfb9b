package dev.riskdesk.ui.data;

import static dev.riskdesk.db.schema.Tables.DATA_FEED;
import static dev.riskdesk.db.schema.Tables.DATA_LOAD;
import static dev.riskdesk.db.schema.Tables.DATA_LOAD_FILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestServices;
import dev.riskdesk.exchange.history.DataHistoryService.Load;
import dev.riskdesk.exchange.load.LoadReport.Outcome;
import dev.riskdesk.portfolio.PortfolioSummaryService.FeedStatus;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Data screen's feeds and load history on a real database; only importers may read them. */
@Tag("db")
class DataViewModelTest {
    @TempDir
    Path dir;

    static DataViewModel screen(TestServices t, String role) {
        return new DataViewModel(t.services.dataHistory(), new ImportWizardModel.Importer(t.services.bookImport()::validate,
                t.services.bookImport()::load, t.services.importRejectsFolder()), t.login(role), t.services.tasks());
    }

    @Test
    void feedsCarryTheirLagAndLoadsComeNewestFirstWithTheirFiles() {
        try (TestServices t = TestServices.fresh(dir)) {
            DSLContext dsl = t.db.dsl();
            LocalDateTime now = LocalDateTime.now(t.services.clock());
            feed(dsl, "REPAYMENTS", now.minusHours(3), 24);
            feed(dsl, "BILLS", now.minusDays(10), 48);
            long first = load(dsl, now.minusDays(2), "COMPLETED", true, 120, 0, 0, 0);
            file(dsl, first, "customers.csv", "CUSTOMERS", 20);
            file(dsl, first, "accounts.csv", "ACCOUNTS", 100);
            long second = load(dsl, now.minusHours(1), "PARTIAL", false, 3, 2, 115, 1);
            file(dsl, second, "repayments.csv", "REPAYMENTS", 3);

            DataViewModel model = screen(t, "manager");
            model.reload();
            assertFalse(model.loadingProperty().get());
            assertNull(model.errorProperty().get());

            List<String> codes = model.feeds().stream().map(FeedStatus::code).toList();
            assertEquals(List.of("BILLS", "REPAYMENTS"), codes, "screen order, only feeds that delivered");
            FeedStatus bills = model.feeds().get(0);
            assertFalse(bills.withinTolerance(), "ten days behind a two-day tolerance is stale");
            assertEquals(10, bills.lag().toDays());
            FeedStatus repayments = model.feeds().get(1);
            assertTrue(repayments.withinTolerance());
            assertEquals(3, repayments.lag().toHours());

            assertEquals(List.of(second, first), model.loads().stream().map(Load::id).toList(), "newest first");
            Load partial = model.loads().get(0);
            assertEquals(Outcome.PARTIAL, partial.outcome());
            assertEquals(List.of(3L, 2L, 115L, 1L),
                    List.of(partial.rowsNew(), partial.rowsChanged(), partial.rowsUnchanged(), partial.rowsRejected()));
            assertEquals(partial, model.selectedLoadProperty().get(), "the newest load is selected at first");
            assertEquals(List.of("repayments.csv"), model.files().stream().map(f -> f.fileName()).toList());

            model.selectedLoadProperty().set(model.loads().get(1));
            assertEquals(List.of("accounts.csv", "customers.csv"), model.files().stream().map(f -> f.fileName()).toList());
            assertEquals("a".repeat(64), model.files().get(0).sha256());

            long third = load(dsl, now, "REJECTED", false, 0, 0, 0, 7);
            model.reload();
            assertEquals(List.of(third, second, first), model.loads().stream().map(Load::id).toList());
            assertEquals(first, model.selectedLoadProperty().get().id(), "a reload keeps the load the operator chose");
            assertEquals(2, model.files().size());
        }
    }

    @Test
    void anEmptyHistoryShowsNothingSelected() {
        try (TestServices t = TestServices.fresh(dir)) {
            DataViewModel model = screen(t, "admin");
            model.reload();
            assertNull(model.errorProperty().get());
            assertTrue(model.loads().isEmpty());
            assertNull(model.selectedLoadProperty().get());
            assertTrue(model.files().isEmpty());
        }
    }

    @Test
    void roleWithoutImportIsRefused() {
        try (TestServices t = TestServices.fresh(dir)) {
            for (String role : List.of("agent", "risk")) {
                DataViewModel model = screen(t, role);
                model.reload();
                assertFalse(model.loadingProperty().get());
                assertEquals("common.error.denied", model.errorProperty().get().key(), role);
                assertTrue(model.loads().isEmpty());
            }
        }
    }

    private static void feed(DSLContext dsl, String code, LocalDateTime asOf, int toleranceHours) {
        dsl.insertInto(DATA_FEED).set(DATA_FEED.CODE, code).set(DATA_FEED.AS_OF, asOf)
                .set(DATA_FEED.TOLERANCE_HOURS, toleranceHours).set(DATA_FEED.UPDATED_AT, asOf).execute();
    }

    private static long load(DSLContext dsl, LocalDateTime at, String status, boolean firstLoad,
                             long added, long changed, long unchanged, long rejected) {
        return dsl.insertInto(DATA_LOAD).set(DATA_LOAD.STARTED_AT, at).set(DATA_LOAD.FINISHED_AT, at.plusMinutes(1))
                .set(DATA_LOAD.OPERATOR_NAME, "manager").set(DATA_LOAD.SOURCE_NAME, "book-2026-12-06").set(DATA_LOAD.STATUS, status)
                .set(DATA_LOAD.FIRST_LOAD, firstLoad).set(DATA_LOAD.ROWS_NEW, added).set(DATA_LOAD.ROWS_CHANGED, changed)
                .set(DATA_LOAD.ROWS_UNCHANGED, unchanged).set(DATA_LOAD.ROWS_REJECTED, rejected)
                .returningResult(DATA_LOAD.ID).fetchOne().value1();
    }

    private static void file(DSLContext dsl, long load, String name, String kind, long added) {
        dsl.insertInto(DATA_LOAD_FILE).set(DATA_LOAD_FILE.LOAD_ID, load).set(DATA_LOAD_FILE.FILE_NAME, name)
                .set(DATA_LOAD_FILE.KIND, kind).set(DATA_LOAD_FILE.SHA256, "a".repeat(64)).set(DATA_LOAD_FILE.ENCODING, "UTF-8")
                .set(DATA_LOAD_FILE.ROWS_NEW, added).execute();
    }
}
