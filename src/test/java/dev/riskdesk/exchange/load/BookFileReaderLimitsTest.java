package dev.riskdesk.exchange.load;

import static dev.riskdesk.exchange.load.BookCsv.example;
import static dev.riskdesk.exchange.load.BookCsv.exampleWith;
import static dev.riskdesk.exchange.load.BookCsv.header;
import static dev.riskdesk.exchange.load.BookCsv.read;
import static dev.riskdesk.exchange.load.BookCsv.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.exchange.BookKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input cannot exhaust memory: over-long records and fields are one problem each and are
 * not held, NUL bytes are not text, an unbalanced quote ends in one problem, and the problems of
 * one file are capped. The timeouts only guard against a hang; they assert no speed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BookFileReaderLimitsTest {
    @TempDir
    Path dir;

    @Test
    void aTenMegabyteHeaderLineIsOneProblem() throws IOException {
        Path f = dir.resolve("customers.csv");
        try (OutputStream out = Files.newOutputStream(f)) {
            byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 10; i++) {
                out.write(chunk);
            }
        }
        BookCsv.Collected c = read(BookKind.CUSTOMERS, f);
        LoadProblem p = c.only();
        assertEquals(1, p.line());
        assertEquals("x".repeat(80), p.value());
        assertEquals("expected a header line naming the columns of customers.csv, but the first line is longer than 65,536 characters.", p.message());
    }

    @Test
    void aTenMegabyteRecordIsSkippedAndTheNextOneRead() throws IOException {
        BookKind k = BookKind.LOGINS;
        Path f = dir.resolve(k.fileName());
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write((header(k) + "\n" + example(k) + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "y,".repeat(1 << 19).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 10; i++) {
                out.write(chunk);
            }
            out.write(("\n" + example(k) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        BookCsv.Collected c = read(k, f);
        LoadProblem p = c.only();
        assertEquals(new LoadProblem("logins.csv", 3, "", "y,".repeat(40),
                "expected a line of at most 65,536 characters; this record is longer and was skipped."), p);
        assertEquals(2, c.rows.size());
        assertEquals(4, c.rows.get(1).line());
    }

    @Test
    void aFieldOverFourKilobytesIsOneProblem() throws IOException {
        BookKind k = BookKind.TRANSACTIONS;
        String big = "商".repeat(5000);
        BookCsv.Collected c = read(k, write(dir, k, header(k) + "\n" + exampleWith(k, "merchant", big) + "\n" + example(k)));
        LoadProblem p = c.only();
        assertEquals(new LoadProblem("transactions.csv", 2, "merchant", "商".repeat(80),
                "expected a field of at most 4,096 characters; this one is longer and its record was skipped."), p);
        assertEquals(1, c.rows.size());
    }

    @Test
    void nulBytesAreNotText() throws IOException {
        Path f = dir.resolve("accounts.csv");
        try (OutputStream out = Files.newOutputStream(f)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 8; i++) {
                out.write(zeros);
            }
        }
        BookCsv.Collected c = read(BookKind.ACCOUNTS, f);
        LoadProblem p = c.only();
        assertEquals(1, p.line());
        assertTrue(p.message().startsWith("expected text in UTF-8 or GB18030, but the file is neither"), p.message());
    }

    @Test
    void nulBytesUnderAForcedEncodingAreFieldProblemsOrOverlongLines() throws IOException {
        Path f = dir.resolve("accounts.csv");
        Files.write(f, (header(BookKind.ACCOUNTS) + "\n" + exampleWith(BookKind.ACCOUNTS, "account_no", "A\0\0") + "\n")
                .getBytes(StandardCharsets.UTF_8));
        BookCsv.Collected c = read(BookKind.ACCOUNTS, f, StandardCharsets.UTF_8);
        assertEquals("expected text without control characters.", c.only().message());
        assertEquals("account_no", c.only().column());
    }

    @Test
    void oneUnbalancedQuoteIsOneProblem() throws IOException {
        BookCsv.Collected alone = read(BookKind.BILLS, write(dir, BookKind.BILLS, "\""));
        assertEquals(0, alone.rows.size());
        assertEquals(1, alone.problems.size(), alone.problems.toString());
        assertEquals(1, alone.only().line());

        BookKind k = BookKind.BILLS;
        StringBuilder text = new StringBuilder(header(k)).append('\n').append(exampleWith(k, "status", "\"PAID")).append('\n');
        for (int i = 0; i < 5000; i++) {
            text.append(example(k)).append('\n');
        }
        BookCsv.Collected c = read(k, write(dir, k, text.toString()));
        assertEquals(new LoadProblem("bills.csv", 2, "", FileProblems.cut(exampleWith(k, "status", "\"PAID") + example(k)),
                "expected a line of at most 65,536 characters; this record is longer and was skipped."), c.only());
        assertEquals(0, c.rows.size(), "everything after the quote belongs to the unclosed field");
    }

    @Test
    void problemsAreCappedPerFile() throws IOException {
        BookKind k = BookKind.FEEDS;
        Path f = dir.resolve(k.fileName());
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write((header(k) + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] bad = "X,Y,Z\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 60_000; i++) {
                out.write(bad);
            }
        }
        long[] count = {0};
        LoadProblem[] last = {null};
        FileReadResult r = new BookFileReader().read(k, f, null, row -> { }, p -> {
            count[0]++;
            last[0] = p;
        });
        assertEquals(100_001, count[0]);
        assertEquals(new LoadProblem("feeds.csv", 33_335, "", "",
                "expected at most 100,000 problems in a file; reading stopped here and the rest of the file was not checked."), last[0]);
        assertFalse(r.complete());
        assertTrue(r.rejected().all());
        assertEquals(100_001, r.problems());
    }
}
