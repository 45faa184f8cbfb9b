package dev.riskdesk.exchange.load;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.BILL;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestServices;
import dev.riskdesk.security.TestOperators;
import dev.riskdesk.common.Progress;
import dev.riskdesk.exchange.BookKind;
import dev.riskdesk.portfolio.GeneratorOptions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database side of validation: the keys a book holds, and a generated book's export validating against an empty and a full database. */
@Tag("db")
class LoadValidatorDbTest {
    static final LocalDateTime AS_OF = LocalDateTime.of(2026, 12, 1, 0, 0);
    @TempDir
    Path dir;
    TestServices t;
    DSLContext dsl;
    Path export;

    @BeforeEach
    void book() {
        t = TestServices.fresh(dir.resolve("db"));
        t.services.generator().generate(TestOperators.batch(t.db), new GeneratorOptions(40, 4, 11, 3, AS_OF.toLocalDate()), Progress.NONE);
        dsl = t.db.dsl();
        export = dir.resolve("export");
        t.services.bookExport().export(t.login("manager"), export, false, Progress.NONE);
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void theDatabasesKeysAreKnown() {
        KnownKeys known = DatabaseKnownKeys.read(dsl);
        String customer = dsl.select(CUSTOMER.CUSTOMER_NO).from(CUSTOMER).limit(1).fetchOne().value1();
        var bill = dsl.select(ACCOUNT.ACCOUNT_NO, BILL.STATEMENT_MONTH).from(BILL).join(ACCOUNT).on(ACCOUNT.ID.eq(BILL.ACCOUNT_ID))
                .limit(1).fetchOne();
        assertTrue(known.customer(customer));
        assertFalse(known.customer(customer + "X"));
        assertTrue(known.account(bill.value1()));
        assertFalse(known.account("NO-SUCH"));
        assertTrue(known.bill(bill.value1(), bill.value2()));
        assertFalse(known.bill(bill.value1(), LocalDate.of(1999, 1, 1)));
    }

    @Test
    void theExportValidatesIntoAnEmptyDatabaseAndAgainstItsOwn() {
        for (KnownKeys known : new KnownKeys[] {KnownKeys.NONE, DatabaseKnownKeys.read(dsl)}) {
            List<LoadProblem> problems = new ArrayList<>();
            LoadValidator v = new LoadValidator(AS_OF, known, CityTiers.read(Path.of("data/cities.csv")), problems::add);
            long rows = 0;
            for (BookKind kind : BookKind.values()) {
                FileReadResult r = v.check(kind, export.resolve(kind.fileName()), null);
                assertTrue(r.complete(), kind.fileName());
                assertEquals("UTF-8", r.encodingLabel());
                rows += r.acceptedRecords();
            }
            assertEquals(List.of(), problems);
            assertTrue(rows > 500, rows + " rows");
        }
    }

    @Test
    void aDeltaOfEventsValidatesAgainstTheDatabaseAlone() {
        List<LoadProblem> problems = new ArrayList<>();
        LoadValidator v = new LoadValidator(null, DatabaseKnownKeys.read(dsl), CityTiers.read(Path.of("data/cities.csv")), problems::add);
        for (BookKind kind : new BookKind[] {BookKind.TRANSACTIONS, BookKind.REPAYMENTS, BookKind.LOGINS}) {
            assertTrue(v.check(kind, export.resolve(kind.fileName()), null).rejected().none(), kind.fileName());
        }
        assertEquals(List.of(), problems);
    }
}
