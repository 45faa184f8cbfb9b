package dev.riskdesk.exchange.load;

import static dev.riskdesk.exchange.load.BookCsv.example;
import static dev.riskdesk.exchange.load.BookCsv.exampleWith;
import static dev.riskdesk.exchange.load.BookCsv.header;
import static dev.riskdesk.exchange.load.BookCsv.read;
import static dev.riskdesk.exchange.load.BookCsv.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.exchange.BookKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BookFileReaderTest {
    static final Charset GB18030 = Charset.forName("GB18030");
    @TempDir
    Path dir;

    @Test
    void theExampleRowReadsAsTypedValues() throws Exception {
        Path f = write(dir, BookKind.ACCOUNTS, header(BookKind.ACCOUNTS) + "\n" + example(BookKind.ACCOUNTS) + "\n");
        BookCsv.Collected c = read(BookKind.ACCOUNTS, f);
        assertEquals(java.util.List.of(), c.problems);
        assertEquals(1, c.rows.size());
        BookRow row = c.rows.get(0);
        assertEquals(2, row.line());
        assertEquals("A00000042", row.get(0));
        assertEquals(LocalDateTime.of(2023, 5, 2, 10, 30), row.get(3));
        assertEquals(new BigDecimal("15200.50"), row.get(6));
        assertEquals(0, row.get(11));
        assertNull(row.get(12), "an empty optional cell is null");
        assertTrue(c.result.complete());
        assertEquals(1, c.result.records());
        assertEquals(1, c.result.acceptedRecords());
        assertEquals("UTF-8", c.result.encodingLabel());
        assertEquals(',', c.result.dialect().delimiter());
        assertEquals("LF", c.result.dialect().lineEnding());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))), c.result.sha256());
    }

    @Test
    void everyKindsExampleRowIsValid() throws IOException {
        for (BookKind kind : BookKind.values()) {
            Path f = write(dir, kind, header(kind) + "\r\n" + example(kind) + "\r\n");
            BookCsv.Collected c = read(kind, f);
            assertEquals(java.util.List.of(), c.problems, kind.fileName());
            assertEquals(1, c.rows.size(), kind.fileName());
        }
    }

    @Test
    void utf8WithByteOrderMarkCrlfAndSemicolons() throws IOException {
        String text = "\uFEFF" + header(BookKind.CUSTOMERS).replace(',', ';') + "\r\n" + example(BookKind.CUSTOMERS).replace(',', ';') + "\r\n";
        BookCsv.Collected c = read(BookKind.CUSTOMERS, write(dir, BookKind.CUSTOMERS, text));
        assertEquals(java.util.List.of(), c.problems);
        assertEquals("王芳", c.rows.get(0).get(1));
        assertEquals("UTF-8 BOM", c.result.encodingLabel());
        assertEquals(';', c.result.dialect().delimiter());
        assertEquals("CRLF", c.result.dialect().lineEnding());
    }

    @Test
    void gb18030WithChineseNamesAndTabs() throws IOException {
        String row = exampleWith(BookKind.CUSTOMERS, "full_name", "欧阳娜娜").replace(',', '\t');
        String text = header(BookKind.CUSTOMERS).replace(',', '\t') + "\n" + row + "\n";
        BookCsv.Collected c = read(BookKind.CUSTOMERS, write(dir, BookKind.CUSTOMERS, text, GB18030));
        assertEquals(java.util.List.of(), c.problems);
        assertEquals("欧阳娜娜", c.rows.get(0).get(1));
        assertEquals("北京", c.rows.get(0).get(6));
        assertEquals("GB18030", c.result.encodingLabel());
        assertEquals("tab", c.result.dialect().delimiterName());
    }

    @Test
    void theWholeFileDecidesTheEncoding() throws IOException {
        // 3,000 ASCII-only rows (valid UTF-8 so far), then Chinese text in GB18030
        BookKind k = BookKind.LOGINS;
        StringBuilder text = new StringBuilder(header(k)).append('\n');
        for (int i = 0; i < 3000; i++) {
            text.append(exampleWith(k, "city", "Beijing").replace("LG202611200001", "LG" + i)).append('\n');
        }
        text.append(exampleWith(k, "city", "乌鲁木齐")).append('\n');
        BookCsv.Collected c = read(k, write(dir, k, text.toString(), GB18030));
        assertEquals(java.util.List.of(), c.problems);
        assertEquals("GB18030", c.result.encodingLabel());
        assertEquals("乌鲁木齐", c.rows.get(3000).get(5));
        assertEquals(3002, c.rows.get(3000).line());
    }

    @Test
    void ideographicSpacesAroundValuesAreStripped() throws IOException {
        String row = exampleWith(BookKind.CUSTOMERS, "city", "\u3000上海\u3000").replace(",M,", ",M ,").replace(",F,", ", F,");
        BookCsv.Collected c = read(BookKind.CUSTOMERS, write(dir, BookKind.CUSTOMERS, header(BookKind.CUSTOMERS) + "\n" + row + "\n"));
        assertEquals(java.util.List.of(), c.problems);
        assertEquals("上海", c.rows.get(0).get(6));
        assertEquals("F", c.rows.get(0).get(2));
    }

    @Test
    void aForcedEncodingIsUsedAsIs() throws IOException {
        String text = header(BookKind.CUSTOMERS) + "\n" + example(BookKind.CUSTOMERS) + "\n";
        Path f = write(dir, BookKind.CUSTOMERS, text, GB18030);
        BookCsv.Collected c = read(BookKind.CUSTOMERS, f, GB18030);
        assertEquals("王芳", c.rows.get(0).get(1));
        BookCsv.Collected wrong = read(BookKind.CUSTOMERS, f, StandardCharsets.UTF_8);
        LoadProblem p = wrong.only();
        assertEquals(2, p.line());
        assertEquals("expected text in UTF-8 throughout, but this line does not decode in it.", p.message());
        assertFalse(wrong.result.complete());
        assertTrue(wrong.result.rejected().all());
    }

    @Test
    void bytesInNeitherEncodingAreOneLocatedProblem() throws IOException {
        Path f = dir.resolve("logins.csv");
        byte[] head = (header(BookKind.LOGINS) + "\n" + example(BookKind.LOGINS) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xFF, (byte) 0xFE, 0x41, '\n'};
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        Files.write(f, all);
        BookCsv.Collected c = read(BookKind.LOGINS, f);
        LoadProblem p = c.only();
        assertEquals("logins.csv", p.file());
        assertEquals(3, p.line());
        assertTrue(p.message().startsWith("expected text in UTF-8 or GB18030, but the file is neither"), p.message());
        assertTrue(c.rows.isEmpty(), "nothing is read from a file in neither encoding");
    }

    @Test
    void utf16IsNeither() throws IOException {
        String text = header(BookKind.FEEDS) + "\n" + example(BookKind.FEEDS) + "\n";
        for (Charset cs : new Charset[] {StandardCharsets.UTF_16, StandardCharsets.UTF_16LE}) {
            BookCsv.Collected c = read(BookKind.FEEDS, write(dir, BookKind.FEEDS, text, cs));
            assertEquals(1, c.problems.size(), cs.name());
            assertEquals(1, c.only().line(), cs.name());
            assertTrue(c.only().message().startsWith("expected text in UTF-8 or GB18030"), cs.name());
        }
    }

    @Test
    void slashDatesAndTimestampsWithoutSeconds() throws IOException {
        String row = "C1,李雷,M,1990/4/8,13812345678,110105199004180011,上海,,I2,工程师,2023/05/02T10:15,Y,2023-05-02 10:20";
        BookCsv.Collected c = read(BookKind.CUSTOMERS, write(dir, BookKind.CUSTOMERS, header(BookKind.CUSTOMERS) + "\n" + row));
        assertEquals(java.util.List.of(), c.problems);
        BookRow r = c.rows.get(0);
        assertEquals(LocalDate.of(1990, 4, 8), r.get(3));
        assertNull(r.get(7));
        assertEquals(LocalDateTime.of(2023, 5, 2, 10, 15), r.get(10));
        assertEquals(Boolean.TRUE, r.get(11));
        assertEquals(LocalDateTime.of(2023, 5, 2, 10, 20), r.get(12));
        assertEquals("LF", c.result.dialect().lineEnding());
    }

    @Test
    void monthsAsMonthOrFirstOfMonth() throws IOException {
        String text = header(BookKind.STATEMENTS) + "\n"
                + exampleWith(BookKind.STATEMENTS, "month", "2026/9") + "\n"
                + exampleWith(BookKind.STATEMENTS, "month", "2026-10-01") + "\n"
                + exampleWith(BookKind.STATEMENTS, "month", "2026-10-02") + "\n";
        BookCsv.Collected c = read(BookKind.STATEMENTS, write(dir, BookKind.STATEMENTS, text));
        assertEquals(LocalDate.of(2026, 9, 1), c.rows.get(0).get(1));
        assertEquals(LocalDate.of(2026, 10, 1), c.rows.get(1).get(1));
        LoadProblem p = c.only();
        assertEquals(new LoadProblem("statements.csv", 4, "month", "2026-10-02",
                "expected a month like 2026-11 or 2026/11 (or a date on the 1st)."), p);
    }

    @Test
    void eachKindOfFieldErrorIsLocated() throws IOException {
        BookKind k = BookKind.CUSTOMERS;
        String[][] cases = {
                {"customer_no", "", "expected a value; customer_no is required."},
                {"full_name", "王".repeat(41), "expected at most 40 characters, found 41."},
                {"gender", "X", "expected one of M, F."},
                {"gender", "f", "expected one of M, F."},
                {"birth_date", "1990-02-30", "expected a date like 2026-11-30 or 2026/11/30."},
                {"birth_date", "18/04/1990", "expected a date like 2026-11-30 or 2026/11/30."},
                {"phone", "1381234567", "expected a mobile number of 11 digits, like 13812345678."},
                {"phone", "1381234567a", "expected a mobile number of 11 digits, like 13812345678."},
                {"id_number", "11010519900418002Y", "expected an ID number of 17 digits and a last digit or X, like 11010519900418002X."},
                {"city_tier", "6", "expected a whole number from 1 to 5."},
                {"city_tier", "1.0", "expected a whole number from 1 to 5."},
                {"occupation", "=HYPERLINK(\"http://x\")", "expected plain text, not a spreadsheet formula (a cell starting with =, +, - or @ and then a letter or parenthesis)."},
                {"occupation", "@SUM(A1)", "expected plain text, not a spreadsheet formula (a cell starting with =, +, - or @ and then a letter or parenthesis)."},
                {"occupation", "a\u0007b", "expected text without control characters."},
                {"registered_at", "2023-05-02", "expected a time like 2026-11-30 14:05:00 (seconds optional, / or - in the date, a space or T before the time)."},
                {"registered_at", "2023-05-02 24:00", "expected a time like 2026-11-30 14:05:00 (seconds optional, / or - in the date, a space or T before the time)."},
                {"real_name_verified", "yes", "expected true or false (or 1/0, Y/N)."},
        };
        StringBuilder text = new StringBuilder(header(k)).append('\n');
        for (String[] c : cases) {
            text.append(exampleWith(k, c[0], c[1].contains("\"") ? "\"" + c[1].replace("\"", "\"\"") + "\"" : c[1])).append('\n');
        }
        BookCsv.Collected c = read(k, write(dir, k, text.toString()));
        assertEquals(cases.length, c.problems.size(), c.problems.toString());
        for (int i = 0; i < cases.length; i++) {
            assertEquals(new LoadProblem("customers.csv", i + 2, cases[i][0], FileProblems.cut(cases[i][1]), cases[i][2]), c.problems.get(i));
        }
        assertEquals(cases.length, c.rejected.size());
        assertEquals(cases.length, c.result.rejected().count());
        assertTrue(c.rows.isEmpty());
    }

    @Test
    void moneyChecks() throws IOException {
        BookKind k = BookKind.TRANSACTIONS;
        String[] bad = {"-1.00", "1.234", "1,234.00", "1234567890123", "12.", ".5", "1e3", "¥12"};
        String[] good = {"0", "7.5", "123456789012.99", "0000000000001.00"};
        StringBuilder text = new StringBuilder(header(k)).append('\n');
        for (String v : bad) {
            text.append(exampleWith(k, "amount", "\"" + v + "\"")).append('\n');
        }
        for (String v : good) {
            text.append(exampleWith(k, "amount", v)).append('\n');
        }
        BookCsv.Collected c = read(k, write(dir, k, text.toString()));
        assertEquals(bad.length, c.problems.size(), c.problems.toString());
        for (int i = 0; i < bad.length; i++) {
            LoadProblem p = c.problems.get(i);
            assertEquals(i + 2, p.line());
            assertEquals("amount", p.column());
            assertEquals(bad[i], p.value());
            assertEquals("expected an amount in CNY of at least 0 with at most 2 decimals and at most 12 digits before the point, like 1234.50.", p.message());
        }
        assertEquals(new BigDecimal("0.00"), c.rows.get(0).get(3));
        assertEquals(new BigDecimal("7.50"), c.rows.get(1).get(3));
        assertEquals(2, ((BigDecimal) c.rows.get(1).get(3)).scale());
        assertEquals(new BigDecimal("123456789012.99"), c.rows.get(2).get(3));
    }

    @Test
    void textIsTrimmedAndLowercaseXIsUpperCased() throws IOException {
        String row = exampleWith(BookKind.CUSTOMERS, "full_name", "  王芳 ").replace("11010519900418002X", "11010519900418002x");
        BookCsv.Collected c = read(BookKind.CUSTOMERS, write(dir, BookKind.CUSTOMERS, header(BookKind.CUSTOMERS) + "\n" + row + "\n"));
        assertEquals("王芳", c.rows.get(0).get(1));
        assertEquals("11010519900418002X", c.rows.get(0).get(5));
        assertEquals(java.util.List.of(), c.problems);
    }

    @Test
    void negativeNumbersAndDashesAreNotFormulas() {
        assertFalse(FieldParser.looksLikeFormula("-5"));
        assertFalse(FieldParser.looksLikeFormula("+8613812345678"));
        assertFalse(FieldParser.looksLikeFormula("-"));
        assertTrue(FieldParser.looksLikeFormula("+A1"));
        assertTrue(FieldParser.looksLikeFormula("-(1)"));
        assertTrue(FieldParser.looksLikeFormula("=cmd|' /C calc'!A0"));
    }

    @Test
    void physicalLinesCountBlankLinesAndQuotedLineBreaks() throws IOException {
        BookKind k = BookKind.TRANSACTIONS;
        String multi = exampleWith(k, "merchant", "\"美团\n外卖\r\n北京\"");
        String text = "\n" + header(k) + "\n\n   \n" + multi + "\n\n" + exampleWith(k, "channel", "FAX") + "\n";
        BookCsv.Collected c = read(k, write(dir, k, text));
        assertEquals(1, c.rows.size());
        assertEquals(5, c.rows.get(0).line(), "the record starts on line 5");
        assertEquals("美团\n外卖\n北京", c.rows.get(0).get(5));
        assertEquals(new LoadProblem("transactions.csv", 9, "channel", "FAX", "expected one of APP, ONLINE, POS, MINI_PROGRAM."), c.only());
        assertEquals(2, c.result.records(), "blank lines are not records");
    }

    @Test
    void aProblemInAMultiLineRecordNamesTheLineItStartsOn() throws IOException {
        BookKind k = BookKind.TRANSACTIONS;
        String row = "TX1,A1,\"2026-11-20\n12:31:05\",58.00,FOOD,\"美团\n外卖\",APP,,,";
        BookCsv.Collected c = read(k, write(dir, k, header(k) + "\r\n" + example(k) + "\r\n" + row + "\r\n" + example(k) + "\r\n"));
        LoadProblem p = c.only();
        assertEquals(3, p.line());
        assertEquals("txn_at", p.column());
        assertEquals(2, c.rows.size());
        assertEquals(6, c.rows.get(1).line());
    }

    @Test
    void columnsInAnotherOrderAndOptionalOnesLeftOut() throws IOException {
        String text = "feed,tolerance_hours,as_of\nBILLS,12,2026-12-01 00:00\n";
        BookCsv.Collected c = read(BookKind.FEEDS, write(dir, BookKind.FEEDS, text));
        assertEquals(java.util.List.of(), c.problems);
        assertEquals(LocalDateTime.of(2026, 12, 1, 0, 0), c.rows.get(0).get(1));
        assertEquals(12, c.rows.get(0).get(2));

        String noOptional = "login_id,customer_no,login_at,device_id,ip_address,city,new_device,new_city,success\n"
                + "LG1,C1,2026-11-20 08:02,D1,203.0.113.7,北京,0,1,1\n";
        BookCsv.Collected d = read(BookKind.LOGINS, write(dir, BookKind.LOGINS, noOptional));
        assertEquals(java.util.List.of(), d.problems);
        assertNull(d.rows.get(0).get(9), "a left-out optional column reads as empty");
    }

    @Test
    void headerProblemsNameTheColumns() throws IOException {
        String text = " FEED ,as_of,colour,as_of,extra\nBILLS,2026-12-01 00:00:00,red,x,y\n";
        BookCsv.Collected c = read(BookKind.FEEDS, write(dir, BookKind.FEEDS, text));
        assertEquals(3, c.problems.size(), c.problems.toString());
        assertEquals(new LoadProblem("feeds.csv", 1, "colour, extra", "", "expected the columns of feeds.csv; unknown: colour, extra."), c.problems.get(0));
        assertEquals(new LoadProblem("feeds.csv", 1, "as_of", "", "expected each column once; repeated: as_of."), c.problems.get(1));
        assertEquals(new LoadProblem("feeds.csv", 1, "tolerance_hours", "", "expected the columns of feeds.csv; missing: tolerance_hours."), c.problems.get(2));
        assertTrue(c.rows.isEmpty());
        assertTrue(c.result.rejected().all());
        assertFalse(c.result.complete());
    }

    @Test
    void headerOnlyIsValidAndEmptyIsNot() throws IOException {
        BookCsv.Collected headerOnly = read(BookKind.REPAYMENTS, write(dir, BookKind.REPAYMENTS, header(BookKind.REPAYMENTS) + "\r\n"));
        assertEquals(java.util.List.of(), headerOnly.problems);
        assertEquals(0, headerOnly.result.records());
        assertTrue(headerOnly.result.complete());
        for (String empty : new String[] {"", "\n\n  \r\n"}) {
            BookCsv.Collected c = read(BookKind.REPAYMENTS, write(dir, BookKind.REPAYMENTS, empty));
            assertEquals(new LoadProblem("repayments.csv", 0, "", "",
                    "expected a header line naming the columns of repayments.csv, but the file is empty."), c.only());
        }
    }

    @Test
    void fieldCountAndQuoteProblems() throws IOException {
        BookKind k = BookKind.FEEDS;
        String text = header(k) + "\n"
                + "BILLS,2026-12-01 00:00:00\n"
                + "BILLS,2026-12-01 00:00:00,24,9\n"
                + "\"BILLS\"x,2026-12-01 00:00:00,24\n"
                + "LOGINS,\"2026-12-01 00:00:00,24\n";
        BookCsv.Collected c = read(k, write(dir, k, text));
        assertEquals(4, c.problems.size(), c.problems.toString());
        assertEquals(new LoadProblem("feeds.csv", 2, "", "BILLS,2026-12-01 00:00:00", "expected 3 fields separated by ',' but found 2."), c.problems.get(0));
        assertEquals(3, c.problems.get(1).line());
        assertEquals(new LoadProblem("feeds.csv", 4, "feed", "BILLSx", "expected the delimiter or the end of the line after a closing quote."), c.problems.get(2));
        assertEquals(new LoadProblem("feeds.csv", 5, "as_of", "LOGINS,\"2026-12-01 00:00:00,24",
                "expected a closing quote for the field opened in this record, but the file ended first."), c.problems.get(3));
        assertEquals(java.util.List.of(2L, 3L, 4L, 5L), c.rejected);
    }

    @Test
    void readingAMissingFileIsOneProblem() {
        BookCsv.Collected c = read(BookKind.BILLS, dir.resolve("bills.csv"));
        LoadProblem p = c.only();
        assertEquals("bills.csv", p.file());
        assertEquals(0, p.line());
        assertTrue(p.message().startsWith("expected a readable file, but it could not be read (NoSuchFileException"), p.message());
        assertNull(c.result.sha256());
        assertEquals("unknown", c.result.encodingLabel());
    }
}
