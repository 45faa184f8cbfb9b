package dev.riskdesk.exchange.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.exchange.BookKind;
import dev.riskdesk.exchange.load.LoadReport.Counts;
import dev.riskdesk.exchange.load.LoadReport.Outcome;
import dev.riskdesk.security.AccessDeniedException;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestSessions;
import dev.riskdesk.security.TestOperators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import's rules on a small hand-made book: matching by natural key, all or nothing, partial loads, feeds, permission. */
@Tag("db")
class BookImportServiceDbTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Clock CLOCK = Clock.fixed(LocalDateTime.of(2026, 12, 1, 10, 0).atZone(ZONE).toInstant(), ZONE);

    @TempDir
    Path dir;

    static BookImportService service(Database db, MemoryBook book) {
        return new BookImportService(db, new AuditLog(CLOCK), CLOCK, CityTiers::load, r -> book);
    }

    @Test
    void aFirstLoadAddsEveryRowAndASecondLoadOfTheSameFilesChangesNothing() {
        try (Database db = TestDatabases.fresh(dir)) {
            MemoryBook book = MemoryBook.tiny();
            LoadReport first = service(db, book).load(TestOperators.batch(db), book.request(false, dir.resolve("r.csv")), Progress.NONE);
            assertEquals(Outcome.COMPLETED, first.outcome(), () -> first.problems().toString());
            assertEquals(new Counts(2, 0, 0, 0), first.counts().get(BookKind.CUSTOMERS));
            assertEquals(new Counts(4, 0, 0, 0), first.counts().get(BookKind.STATEMENTS));
            assertEquals(new Counts(1, 0, 0, 0), first.counts().get(BookKind.REPAYMENTS));
            DSLContext dsl = db.dsl();
            assertEquals(1, dsl.fetchValue("SELECT CITY_TIER FROM CUSTOMER WHERE CUSTOMER_NO = 'C1'"), "tier from data/cities.csv");
            assertEquals("5678", dsl.fetchValue("SELECT PHONE_LAST4 FROM CUSTOMER WHERE CUSTOMER_NO = 'C1'"));
            assertEquals("DPD1_30", dsl.fetchValue("SELECT DELINQUENCY_BUCKET FROM ACCOUNT WHERE ACCOUNT_NO = 'A2'"));
            assertEquals(dsl.fetchValue("SELECT ID FROM BILL"), dsl.fetchValue("SELECT BILL_ID FROM REPAYMENT"), "the repayment pays its bill");
            assertEquals(LocalDateTime.of(2026, 12, 1, 10, 0), dsl.fetchOne("SELECT RECEIVED_AT FROM TXN").get(0, LocalDateTime.class), "received at the load's time");
            assertEquals(2, dsl.fetchCount(dsl.selectFrom("LIMIT_CHANGE").where("SOURCE = 'ORIGINATION'")));
            assertEquals(2, dsl.fetchCount(dsl.selectFrom("CHANGED_ACCOUNT")));
            assertEquals(LocalDateTime.of(2026, 11, 20, 12, 31), dsl.fetchOne("SELECT AS_OF FROM DATA_FEED WHERE CODE = 'TRANSACTIONS'").get(0, LocalDateTime.class),
                    "no feeds.csv, no as-of: the newest transaction");
            assertEquals("COMPLETED", dsl.fetchValue("SELECT STATUS FROM DATA_LOAD"));
            assertEquals(1, dsl.fetchCount(dsl.selectFrom("AUDIT_EVENT").where("ACTION = 'BOOK_IMPORTED'")));
            String before = BookFingerprint.content(dsl, BookFingerprint.LOADED);

            LoadReport second = service(db, book).load(TestOperators.batch(db), book.request(false, dir.resolve("r.csv")), Progress.NONE);
            Counts total = LoadHistory.total(second.counts());
            assertEquals(new Counts(0, 0, 13, 0), total, "the same files again: 0 new, 0 changed, all unchanged");
            assertEquals(before, BookFingerprint.content(dsl, BookFingerprint.LOADED));
            assertEquals(Map.of(), second.feedsMoved());
        }
    }

    @Test
    void anOlderFeedsFileNeverMovesAFeedBackInTime() {
        try (Database db = TestDatabases.fresh(dir)) {
            MemoryBook book = MemoryBook.tiny().add(BookKind.FEEDS, "REPAYMENTS", MemoryBook.t("2026-11-30 00:00"), 24);
            service(db, book).load(TestOperators.batch(db), book.request(false, null), Progress.NONE);
            DSLContext dsl = db.dsl();
            String asOf = "SELECT AS_OF FROM DATA_FEED WHERE CODE = 'REPAYMENTS'";
            assertEquals(LocalDateTime.of(2026, 11, 30, 0, 0), dsl.fetchOne(asOf).get(0, LocalDateTime.class));

            MemoryBook older = MemoryBook.tiny().add(BookKind.FEEDS, "REPAYMENTS", MemoryBook.t("2026-11-01 00:00"), 24);
            LoadReport r = service(db, older).load(TestOperators.batch(db), older.request(false, null), Progress.NONE);
            assertEquals(Outcome.COMPLETED, r.outcome(), () -> r.problems().toString());
            assertEquals(LocalDateTime.of(2026, 11, 30, 0, 0), dsl.fetchOne(asOf).get(0, LocalDateTime.class), "the feed stays where it was");
            assertTrue(r.feedsMoved().isEmpty(), "nothing moved: " + r.feedsMoved());
        }
    }

    @Test
    void aChangedLimitUpdatesTheAccountBumpsItsVersionAndRecordsTheChange() {
        try (Database db = TestDatabases.fresh(dir)) {
            MemoryBook book = MemoryBook.tiny();
            service(db, book).load(TestOperators.batch(db), book.request(false, null), Progress.NONE);
            db.dsl().execute("DELETE FROM CHANGED_ACCOUNT");
            book.set(BookKind.ACCOUNTS, "A1", "credit_limit", MemoryBook.money("25000"))
                    .set(BookKind.ACCOUNTS, "A1", "last_limit_change", MemoryBook.t("2026-11-28 09:00"))
                    .set(BookKind.CUSTOMERS, "C2", "occupation", "厨师");
            LoadReport r = service(db, book).load(TestOperators.batch(db), book.request(false, null), Progress.NONE);
            assertEquals(new Counts(0, 1, 1, 0), r.counts().get(BookKind.ACCOUNTS));
            assertEquals(new Counts(0, 1, 1, 0), r.counts().get(BookKind.CUSTOMERS));
            DSLContext dsl = db.dsl();
            assertEquals(1, dsl.fetchValue("SELECT VERSION FROM ACCOUNT WHERE ACCOUNT_NO = 'A1'"));
            assertEquals(0, dsl.fetchValue("SELECT VERSION FROM ACCOUNT WHERE ACCOUNT_NO = 'A2'"));
            assertEquals(1, dsl.fetchValue("SELECT VERSION FROM CUSTOMER WHERE CUSTOMER_NO = 'C2'"));
            assertEquals("20000.00 -> 25000.00 at 2026-11-28T09:00", dsl.fetchValue(
                    "SELECT OLD_LIMIT || ' -> ' || NEW_LIMIT || ' at ' || FORMATDATETIME(CHANGED_AT, 'yyyy-MM-dd''T''HH:mm') FROM LIMIT_CHANGE WHERE SOURCE = 'IMPORT'"));
            assertEquals(List.of(1L, 2L), dsl.fetch("SELECT ACCOUNT_ID FROM CHANGED_ACCOUNT ORDER BY 1").getValues(0, Long.class),
                    "the changed account and the changed customer's account");
        }
    }

    @Test
    void oneProblemRejectsTheWholeLoadUnlessPartialIsAccepted() throws Exception {
        try (Database db = TestDatabases.fresh(dir)) {
            MemoryBook book = MemoryBook.tiny();
            book.add(BookKind.LOGINS, "LG2", "C9", MemoryBook.t("2026-11-20 09:00"), "D1", "203.0.113.8", "北京", false, false, true, null);
            Path rejects = dir.resolve("rejects.csv");
            LoadReport r = service(db, book).load(TestOperators.batch(db), book.request(false, rejects), Progress.NONE);
            assertEquals(Outcome.REJECTED, r.outcome());
            assertEquals(1, r.problems().size());
            assertEquals(new LoadProblem("logins.csv", 3, "customer_no", "C9", "customer_no C9 is not in this load's customers.csv nor in the database."),
                    r.problems().get(0));
            DSLContext dsl = db.dsl();
            assertEquals(0, dsl.fetchCount(dsl.selectFrom("CUSTOMER")), "nothing written");
            assertEquals(0, dsl.fetchCount(dsl.selectFrom("DATA_FEED")));
            assertEquals("REJECTED", dsl.fetchValue("SELECT STATUS FROM DATA_LOAD"));
            assertEquals(1, dsl.fetchCount(dsl.selectFrom("AUDIT_EVENT").where("ACTION = 'BOOK_IMPORT_REJECTED'")));
            assertEquals(List.of("file,line,column,value,message", "logins.csv,3,customer_no,C9,customer_no C9 is not in this load's customers.csv nor in the database."),
                    Files.readAllLines(rejects).stream().map(l -> l.replace("\uFEFF", "")).toList());

            LoadReport partial = service(db, book).load(TestOperators.batch(db), book.request(true, rejects), Progress.NONE);
            assertEquals(Outcome.PARTIAL, partial.outcome());
            assertEquals(new Counts(1, 0, 0, 1), partial.counts().get(BookKind.LOGINS));
            assertEquals(2, dsl.fetchCount(dsl.selectFrom("CUSTOMER")));
            assertEquals(1, dsl.fetchCount(dsl.selectFrom("LOGIN_EVENT")));
            assertEquals("PARTIAL", dsl.fetchValue("SELECT STATUS FROM DATA_LOAD ORDER BY ID DESC LIMIT 1"));
            assertEquals(1L, dsl.fetchValue("SELECT ROWS_REJECTED FROM DATA_LOAD ORDER BY ID DESC LIMIT 1"));
            assertEquals(2, Files.readAllLines(rejects).size());
        }
    }

    @Test
    void aReaderProblemInTheLastFileRejectsTheLoadAndAPartialLoadSkipsOnlyThatLine() {
        try (Database db = TestDatabases.fresh(dir)) {
            MemoryBook book = MemoryBook.tiny().problem(BookKind.LOGINS, 3, "login_at", "expected a time, got 'yesterday'.");
            LoadReport r = service(db, book).load(TestOperators.batch(db), book.request(false, dir.resolve("r.csv")), Progress.NONE);
            assertEquals(Outcome.REJECTED, r.outcome());
            assertEquals(0, db.dsl().fetchCount(db.dsl().selectFrom("TXN")));
            LoadReport partial = service(db, book).load(TestOperators.batch(db), book.request(true, dir.resolve("r.csv")), Progress.NONE);
            assertEquals(Outcome.PARTIAL, partial.outcome());
            assertEquals(new Counts(1, 0, 0, 1), partial.counts().get(BookKind.LOGINS));
        }
    }

    @Test
    void anOperatorWithoutDataImportIsRefusedAndNothingIsWritten() {
        try (Database db = TestDatabases.fresh(dir)) {
            MemoryBook book = MemoryBook.tiny();
            Session agent = TestSessions.of(1, "agent", "王芳", Role.AGENT, EnumSet.of(Permission.CUSTOMER_VIEW, Permission.APPEAL_HANDLE));
            String before = BookFingerprint.content(db.dsl(), BookFingerprint.ALL);
            assertThrows(AccessDeniedException.class, () -> service(db, book).load(agent, book.request(false, null), Progress.NONE));
            assertThrows(AccessDeniedException.class, () -> service(db, book).validate(agent, book.request(false, null), Progress.NONE));
            assertEquals(before, BookFingerprint.content(db.dsl(), BookFingerprint.ALL));
            assertEquals(0, db.dsl().fetchCount(db.dsl().selectFrom("BATCH_JOB")));
        }
    }

    @Test
    void aDryRunCountsWhatALoadWouldDoAndWritesNothing() {
        try (Database db = TestDatabases.fresh(dir)) {
            MemoryBook book = MemoryBook.tiny();
            String before = BookFingerprint.content(db.dsl(), BookFingerprint.ALL);
            LoadReport dry = service(db, book).validate(TestOperators.batch(db), book.request(false, null), Progress.NONE);
            assertEquals(Outcome.DRY_RUN, dry.outcome());
            assertEquals(new Counts(13, 0, 0, 0), LoadHistory.total(dry.counts()));
            assertEquals(2, dry.accountsTouched());
            assertEquals(before, BookFingerprint.content(db.dsl(), BookFingerprint.ALL));
            LoadReport load = service(db, book).load(TestOperators.batch(db), book.request(false, null), Progress.NONE);
            assertEquals(dry.counts(), load.counts());
            assertNotEquals(0, load.loadId());
            assertTrue(db.dsl().fetchExists(db.dsl().selectFrom("DATA_LOAD_FILE").where("FILE_NAME = 'repayments.csv'")));
        }
    }
}
