package dev.riskdesk.exchange.export;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.ACCOUNT_MONTH;
import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.BILL;
import static dev.riskdesk.db.schema.Tables.CREDIT_INQUIRY;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;
import static dev.riskdesk.db.schema.Tables.LOGIN_EVENT;
import static dev.riskdesk.db.schema.Tables.REPAYMENT;
import static dev.riskdesk.db.schema.Tables.TXN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestServices;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.exchange.BookFolder;
import dev.riskdesk.exchange.BookKind;
import dev.riskdesk.exchange.load.BookFileReader;
import dev.riskdesk.exchange.load.FileReadResult;
import dev.riskdesk.exchange.load.LoadProblem;
import dev.riskdesk.portfolio.GeneratorOptions;
import dev.riskdesk.security.AccessDeniedException;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestOperators;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class BookExportServiceDbTest {
    private static final Map<BookKind, Table<? extends Record>> TABLES = Map.of(BookKind.CUSTOMERS, CUSTOMER, BookKind.ACCOUNTS, ACCOUNT,
            BookKind.STATEMENTS, ACCOUNT_MONTH, BookKind.BILLS, BILL, BookKind.TRANSACTIONS, TXN, BookKind.REPAYMENTS, REPAYMENT,
            BookKind.INQUIRIES, CREDIT_INQUIRY, BookKind.LOGINS, LOGIN_EVENT, BookKind.FEEDS, DATA_FEED);

    @TempDir
    Path dir;
    TestServices t;
    BookExportService export;
    DSLContext dsl;

    @BeforeEach
    void book() {
        t = TestServices.fresh(dir.resolve("db"));
        t.services.generator().generate(TestOperators.batch(t.db), new GeneratorOptions(40, 4, 11, 3, LocalDate.of(2026, 12, 1)), Progress.NONE);
        export = t.services.bookExport();
        dsl = t.db.dsl();
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void writesEveryKindWithItsHeaderEveryRowAndResolvableReferences() throws IOException {
        // a row that came from a lender keeps its id; generated rows get a letter and their row id
        long txn = dsl.select(TXN.ID).from(TXN).orderBy(TXN.ID).limit(1).fetchOne().value1();
        dsl.update(TXN).set(TXN.EXTERNAL_ID, "TX-LENDER-1").where(TXN.ID.eq(txn)).execute();
        Path out = dir.resolve("book out");

        BookExportReport report = export.export(t.login("manager"), out, false, Progress.NONE);

        BookFolder book = BookFolder.read(out);
        for (BookKind kind : BookKind.values()) {
            int inTable = dsl.fetchCount(TABLES.get(kind));
            assertTrue(inTable > 0, kind + " is empty in the generated book");
            assertEquals(inTable, book.rows.get(kind).size(), kind.fileName());
            assertEquals(inTable, report.rows().get(kind), kind.fileName());
        }
        book.assertSpelling();
        book.assertKeysAndReferences();
        if (dev.riskdesk.common.PrivateFiles.posix(out)) { // the book's personal data is its owner's only
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
            for (BookKind kind : BookKind.values()) {
                assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(out.resolve(kind.fileName()))), kind.fileName());
            }
        }
        for (BookKind kind : BookKind.values()) { // what the import reads: every field valid
            List<LoadProblem> problems = new ArrayList<>();
            FileReadResult read = new BookFileReader().read(kind, out.resolve(kind.fileName()), null, row -> { }, problems::add);
            assertEquals(List.of(), problems, kind.fileName());
            assertEquals(book.rows.get(kind).size(), read.records(), kind.fileName());
        }
        assertEquals("TX-LENDER-1", book.column(BookKind.TRANSACTIONS, "txn_id").get(0));
        long secondTxn = dsl.select(TXN.ID).from(TXN).where(TXN.ID.gt(txn)).orderBy(TXN.ID).limit(1).fetchOne().value1();
        assertEquals("T" + secondTxn, book.column(BookKind.TRANSACTIONS, "txn_id").get(1));
        assertEquals("R" + dsl.select(REPAYMENT.ID).from(REPAYMENT).orderBy(REPAYMENT.ID).limit(1).fetchOne().value1(),
                book.column(BookKind.REPAYMENTS, "repayment_id").get(0));
        assertEquals(dsl.select(CUSTOMER.FULL_NAME).from(CUSTOMER).orderBy(CUSTOMER.ID).limit(1).fetchOne().value1(),
                book.column(BookKind.CUSTOMERS, "full_name").get(0));
        assertEquals(dsl.select(org.jooq.impl.DSL.sum(ACCOUNT.CREDIT_LIMIT)).from(ACCOUNT).fetchOne().value1(),
                sum(book.column(BookKind.ACCOUNTS, "credit_limit")));
        assertEquals(dsl.select(org.jooq.impl.DSL.sum(REPAYMENT.AMOUNT)).from(REPAYMENT).fetchOne().value1(),
                sum(book.column(BookKind.REPAYMENTS, "amount")));
        assertEquals(dsl.fetchCount(REPAYMENT, REPAYMENT.BILL_ID.isNotNull()),
                book.column(BookKind.REPAYMENTS, "statement_month").stream().filter(m -> !m.isEmpty()).count());
        assertEquals(List.of(), leftovers(out), "temporary files left behind");
        if (out.getFileSystem().supportedFileAttributeViews().contains("posix")) { // personal data: the owner's only
            assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
                    Files.getPosixFilePermissions(out.resolve(BookKind.CUSTOMERS.fileName())));
        }

        var event = dsl.selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.eq("BOOK_EXPORTED")).fetchSingle();
        assertEquals("manager", event.getOperatorName());
        assertTrue(event.getDetails().startsWith("customers 40, accounts 40, statements "), event.getDetails());
        assertTrue(event.getDetails().endsWith("rows into folder book out"), event.getDetails());
    }

    private static BigDecimal sum(List<String> money) {
        return money.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void agentsAndRiskOperatorsAreRefusedAndNothingIsWritten() {
        for (String operator : List.of("agent", "risk")) {
            Path out = dir.resolve(operator);
            Session session = t.login(operator);
            AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> export.export(session, out, false, Progress.NONE));
            assertEquals(dev.riskdesk.security.Permission.DATA_EXPORT, e.permission());
            assertFalse(Files.exists(out), operator);
        }
        assertEquals(0, dsl.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("BOOK_EXPORTED")));
    }

    @Test
    void aCancelledExportLeavesNoFileUnderABookNameAndKeepsTheOlderBook() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("customers.csv"), "the older export\n");
        Progress cancelInTransactions = new Progress() {
            private volatile boolean cancelled;

            @Override
            public void update(String message, long done, long total) {
                cancelled |= message.contains("transactions");
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }
        };

        assertThrows(Progress.CancelledException.class, () -> export.export(TestOperators.manager(t.db), out, true, cancelInTransactions));

        assertEquals(List.of("customers.csv"), names(out));
        assertEquals("the older export\n", Files.readString(out.resolve("customers.csv")));
        assertEquals(0, dsl.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("BOOK_EXPORTED")));
    }

    @Test
    void aFolderHoldingBookFilesIsRefusedUnlessOverwriting() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("repayments.csv"), "mine\n");
        Files.writeString(out.resolve("notes.txt"), "mine too\n");

        UserFacingException e = assertThrows(UserFacingException.class, () -> export.export(TestOperators.manager(t.db), out, false, Progress.NONE));
        assertEquals("The folder " + out + " already holds book files (repayments.csv); choose an empty folder or use --overwrite to replace them.",
                e.getMessage());
        assertEquals("mine\n", Files.readString(out.resolve("repayments.csv")));

        export.export(TestOperators.manager(t.db), out, true, Progress.NONE);
        assertEquals(dsl.fetchCount(REPAYMENT), BookFolder.read(out).rows.get(BookKind.REPAYMENTS).size());
        assertEquals("mine too\n", Files.readString(out.resolve("notes.txt")));
    }

    private static List<String> leftovers(Path folder) throws IOException {
        return names(folder).stream().filter(n -> n.endsWith(".part")).toList();
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
