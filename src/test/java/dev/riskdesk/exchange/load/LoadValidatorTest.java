package dev.riskdesk.exchange.load;

import static dev.riskdesk.exchange.load.BookCsv.example;
import static dev.riskdesk.exchange.load.BookCsv.exampleWith;
import static dev.riskdesk.exchange.load.BookCsv.header;
import static dev.riskdesk.exchange.load.BookCsv.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.exchange.BookKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadValidatorTest {
    static final Path SAMPLES = Path.of("data/samples");
    static final LocalDateTime AS_OF = LocalDateTime.of(2026, 12, 1, 0, 0);
    static final CityTiers CITIES = CityTiers.read(Path.of("data/cities.csv"));

    @TempDir
    Path dir;
    final List<LoadProblem> problems = new ArrayList<>();

    LoadValidator validator(KnownKeys known) {
        return new LoadValidator(AS_OF, known, CITIES, problems::add);
    }

    /** The database side as plain sets (customer numbers, account numbers, "account month" bills). */
    static KnownKeys database(Set<String> customers, Set<String> accounts, Set<String> bills) {
        return new KnownKeys() {
            @Override
            public boolean customer(String no) {
                return customers.contains(no);
            }

            @Override
            public boolean account(String no) {
                return accounts.contains(no);
            }

            @Override
            public boolean bill(String accountNo, LocalDate month) {
                return bills.contains(accountNo + " " + month);
            }
        };
    }

    @Test
    void theSampleBookValidatesCleanlyAndEveryRowIsHandedOn() throws IOException {
        LoadValidator v = validator(KnownKeys.NONE);
        for (BookKind kind : BookKind.values()) {
            List<BookRow> accepted = new ArrayList<>();
            FileReadResult r = v.check(kind, SAMPLES.resolve(kind.fileName()), null, accepted::add);
            long lines;
            try (var s = Files.lines(SAMPLES.resolve(kind.fileName()))) {
                lines = s.count() - 1;
            }
            assertEquals(lines, r.records(), kind.fileName());
            assertEquals(lines, accepted.size(), kind.fileName());
            assertTrue(r.rejected().none(), kind.fileName());
        }
        assertEquals(List.of(), problems);
        assertTrue(v.clean());
        assertEquals(BookKind.values().length, v.results().size());
    }

    @Test
    void theDialectSamplesValidateInPlaceOfTheirSampleFile() {
        for (String name : new String[] {"customers.csv", "transactions.csv", "repayments.csv"}) {
            BookKind dialectKind = BookKind.byCliName(name.replace(".csv", "")).orElseThrow();
            LoadValidator v = validator(KnownKeys.NONE);
            for (BookKind kind : BookKind.values()) {
                Path file = kind == dialectKind ? SAMPLES.resolve("dialects").resolve(name) : SAMPLES.resolve(kind.fileName());
                FileReadResult r = v.check(kind, file, null);
                assertTrue(r.complete() && r.records() > 0, file.toString());
            }
            assertEquals(List.of(), problems, name);
        }
    }

    @Test
    void duplicateKeysAreRejectedAfterTheFirst() throws IOException {
        LoadValidator v = validator(database(Set.of("C00000042"), Set.of("A00000042"), Set.of()));
        BookKind s = BookKind.STATEMENTS;
        Path statements = write(dir, s, header(s) + "\n" + example(s) + "\n"
                + exampleWith(s, "month", "2026/11/01") + "\n" + exampleWith(s, "month", "2026-10") + "\n");
        FileReadResult r = v.check(s, statements, null);
        assertEquals(List.of(new LoadProblem("statements.csv", 3, "account_no", "A00000042 2026-11-01",
                "expected each account_no and month once in the load, but A00000042 2026-11-01 is on an earlier line too.")), problems);
        assertFalse(r.rejected().contains(2));
        assertTrue(r.rejected().contains(3));
        assertFalse(r.rejected().contains(4));

        problems.clear();
        BookKind t = BookKind.TRANSACTIONS;
        v.check(t, write(dir, t, header(t) + "\n" + example(t) + "\n" + exampleWith(t, "amount", "1.00") + "\n"), null);
        assertEquals(List.of(new LoadProblem("transactions.csv", 3, "txn_id", "TX202611200001",
                "expected each txn_id once in the load, but TX202611200001 is on an earlier line too.")), problems);
    }

    @Test
    void referencesMustBeInTheLoadOrTheDatabase() throws IOException {
        LoadValidator v = validator(database(Set.of("C_DB"), Set.of(), Set.of()));
        BookKind a = BookKind.ACCOUNTS;
        Path accounts = write(dir, a, header(a) + "\n"
                + exampleWith(a, "customer_no", "C_DB") + "\n"
                + exampleWith(a, "customer_no", "C_NOWHERE").replace("A00000042", "A2") + "\n");
        FileReadResult r = v.check(a, accounts, null);
        assertEquals(List.of(new LoadProblem("accounts.csv", 3, "customer_no", "C_NOWHERE",
                "expected customer_no to name a customer in customers.csv or in the database, but C_NOWHERE is in neither.")), problems);
        assertEquals(1, r.rejected().count());

        problems.clear();
        BookKind l = BookKind.LOGINS;
        v.check(l, write(dir, l, header(l) + "\n" + exampleWith(l, "customer_no", "C_DB") + "\n"
                + exampleWith(l, "customer_no", "C9").replace("LG202611200001", "LG2") + "\n"), null);
        assertEquals(1, problems.size());
        assertEquals(3, problems.get(0).line());
        assertEquals("customer_no", problems.get(0).column());
    }

    @Test
    void aRowReferringToARejectedRowIsRejectedToo() throws IOException {
        LoadValidator v = validator(database(Set.of("C00000042"), Set.of("A00000042"), Set.of()));
        BookKind c = BookKind.CUSTOMERS;
        v.check(c, write(dir, c, header(c) + "\n" + exampleWith(c, "gender", "Q") + "\n"), null);
        BookKind a = BookKind.ACCOUNTS;
        FileReadResult accounts = v.check(a, write(dir, a, header(a) + "\n"
                + exampleWith(a, "available_amount", "99999.00") + "\n"
                + exampleWith(a, "account_no", "A2") + "\n"), null);
        BookKind t = BookKind.TRANSACTIONS;
        FileReadResult txns = v.check(t, write(dir, t, header(t) + "\n" + example(t) + "\n"), null);
        assertEquals(List.of(
                new LoadProblem("customers.csv", 2, "gender", "Q", "expected one of M, F."),
                new LoadProblem("accounts.csv", 2, "customer_no", "C00000042",
                        "expected customer_no to name a customer that loads, but the row of C00000042 in customers.csv was rejected."),
                new LoadProblem("accounts.csv", 2, "available_amount", "99999.00",
                        "expected an available_amount of at most the credit_limit plus temp_limit (45000.00)."),
                new LoadProblem("accounts.csv", 3, "customer_no", "C00000042",
                        "expected customer_no to name a customer that loads, but the row of C00000042 in customers.csv was rejected."),
                new LoadProblem("transactions.csv", 2, "account_no", "A00000042",
                        "expected account_no to name an account that loads, but the row of A00000042 in accounts.csv was rejected.")),
                problems);
        assertEquals(2, accounts.rejected().count());
        assertTrue(txns.rejected().contains(2));
    }

    @Test
    void aFileRejectedWholeRejectsWhatRefersIntoIt() throws IOException {
        LoadValidator v = validator(KnownKeys.NONE);
        BookKind c = BookKind.CUSTOMERS;
        v.check(c, write(dir, c, header(c) + ",colour\n" + example(c) + ",red\n"), null);
        BookKind a = BookKind.ACCOUNTS;
        v.check(a, write(dir, a, header(a) + "\n" + example(a) + "\n"), null);
        assertEquals(2, problems.size(), problems.toString());
        assertEquals("expected customer_no to name a customer in customers.csv or in the database, but C00000042 is in neither.",
                problems.get(1).message());
    }

    @Test
    void eventTimesAfterTheAsOfAreRejected() throws IOException {
        LoadValidator v = validator(database(Set.of("C00000042"), Set.of("A00000042"), Set.of()));
        BookKind b = BookKind.BILLS;
        v.check(b, write(dir, b, header(b) + "\n"
                + exampleWith(b, "statement_date", "2026-12-02").replace("2026-11-25", "2026-12-25") + "\n"), null);
        BookKind r = BookKind.REPAYMENTS;
        v.check(r, write(dir, r, header(r) + "\n"
                + exampleWith(r, "paid_at", "2026-12-01 00:00:00").replace(",2026-11,", ",,") + "\n"
                + exampleWith(r, "received_at", "2026/12/01 00:01").replace("RP202611200001", "RP2").replace(",2026-11,", ",,") + "\n"), null);
        assertEquals(List.of(
                new LoadProblem("bills.csv", 2, "statement_date", "2026-12-02", "expected a time not after the load's as-of 2026-12-01 00:00:00."),
                new LoadProblem("repayments.csv", 3, "received_at", "2026-12-01 00:01:00",
                        "expected a time not after the load's as-of 2026-12-01 00:00:00.")), problems);
    }

    @Test
    void rowRules() throws IOException {
        LoadValidator v = validator(database(Set.of("C00000042"), Set.of(), Set.of()));
        BookKind c = BookKind.CUSTOMERS;
        v.check(c, write(dir, c, header(c) + "\n"
                + exampleWith(c, "city_tier", "") + "\n"
                + exampleWith(c, "city", "火星城").replace("C00000042", "C2") + "\n"
                + exampleWith(c, "city_tier", "").replace("C00000042", "C3").replace("北京", "火星城") + "\n"), null);
        BookKind a = BookKind.ACCOUNTS;
        v.check(a, write(dir, a, header(a) + "\n"
                + exampleWith(a, "temp_limit_expires", "") + "\n"
                + exampleWith(a, "closed_at", "2026-11-01 00:00").replace("A00000042", "A2") + "\n"
                + exampleWith(a, "closed_at", "2026-11-01 00:00").replace("A00000042", "A3").replace("ACTIVE", "CANCELLED") + "\n"
                + exampleWith(a, "temp_limit", "").replace("A00000042", "A4").replace("15200.50", "20000.01") + "\n"), null);
        BookKind b = BookKind.BILLS;
        v.check(b, write(dir, b, header(b) + "\n" + exampleWith(b, "due_date", "2026/11/04") + "\n"), null);
        assertEquals(List.of(
                new LoadProblem("customers.csv", 4, "city", "火星城", "expected a city listed in data/cities.csv, or a city_tier for it."),
                new LoadProblem("accounts.csv", 2, "temp_limit_expires", "", "expected temp_limit_expires when temp_limit is given."),
                new LoadProblem("accounts.csv", 3, "closed_at", "2026-11-01 00:00:00",
                        "expected closed_at only on a CANCELLED account, but this one is ACTIVE."),
                new LoadProblem("accounts.csv", 5, "available_amount", "20000.01",
                        "expected an available_amount of at most the credit_limit (20000.00)."),
                new LoadProblem("bills.csv", 2, "account_no", "A00000042",
                        "expected account_no to name an account that loads, but the row of A00000042 in accounts.csv was rejected."),
                new LoadProblem("bills.csv", 2, "due_date", "2026-11-04", "expected a due_date on or after the statement_date 2026-11-05.")),
                problems);
    }

    @Test
    void aRepaymentsStatementMonthNamesABill() throws IOException {
        LoadValidator v = validator(database(Set.of(), Set.of("A00000042", "A9"), Set.of("A9 2026-10-01")));
        BookKind b = BookKind.BILLS;
        v.check(b, write(dir, b, header(b) + "\n" + example(b) + "\n"
                + exampleWith(b, "status", "LOST").replace("2026-11,", "2026-10,") + "\n"), null);
        BookKind r = BookKind.REPAYMENTS;
        String[] rows = {
                example(r),                                                              // the bill in the load
                exampleWith(r, "statement_month", "2026-10").replace("RP202611200001", "R2"), // its bill was rejected
                exampleWith(r, "statement_month", "2026-09").replace("RP202611200001", "R3"), // no bill anywhere
                exampleWith(r, "statement_month", "2026-10").replace("RP202611200001", "R4").replace("A00000042", "A9"), // in the database
                exampleWith(r, "statement_month", "").replace("RP202611200001", "R5"),   // no bill named
        };
        FileReadResult result = v.check(r, write(dir, r, header(r) + "\n" + String.join("\n", rows) + "\n"), null);
        assertEquals(3, problems.size(), problems.toString());
        assertEquals(new LoadProblem("repayments.csv", 3, "statement_month", "2026-10",
                "expected statement_month to name a bill that loads, but the bill of A00000042 for 2026-10 in bills.csv was rejected."), problems.get(1));
        assertEquals(new LoadProblem("repayments.csv", 4, "statement_month", "2026-09",
                "expected statement_month to name a bill of A00000042 in bills.csv or in the database, but there is none for 2026-09."), problems.get(2));
        assertEquals(2, result.rejected().count());
    }

    @Test
    void kindsComeInLoadOrder() throws IOException {
        LoadValidator v = validator(KnownKeys.NONE);
        v.check(BookKind.ACCOUNTS, write(dir, BookKind.ACCOUNTS, header(BookKind.ACCOUNTS) + "\n"), null);
        assertThrows(IllegalStateException.class, () -> v.check(BookKind.CUSTOMERS, dir.resolve("customers.csv"), null));
        assertThrows(IllegalStateException.class, () -> v.check(BookKind.ACCOUNTS, dir.resolve("accounts.csv"), null));
    }

    @Test
    void cityTiers() {
        assertEquals(1, CITIES.tier("北京").getAsInt());
        assertTrue(CITIES.tier("Atlantis").isEmpty());
        assertFalse(CityTiers.of(Map.of("北京", 1)).known("上海"));
    }
}
