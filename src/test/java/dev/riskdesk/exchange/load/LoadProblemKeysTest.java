package dev.riskdesk.exchange.load;

import static dev.riskdesk.exchange.load.BookCsv.example;
import static dev.riskdesk.exchange.load.BookCsv.exampleWith;
import static dev.riskdesk.exchange.load.BookCsv.header;
import static dev.riskdesk.exchange.load.BookCsv.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Messages;
import dev.riskdesk.exchange.BookKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every import problem has a bundle key in English and Chinese, and the English text formats to the
 * sentence the CLI, the reject file and the log show.
 */
class LoadProblemKeysTest {
    static final LocalDateTime AS_OF = LocalDateTime.of(2026, 12, 1, 0, 0);
    static final CityTiers CITIES = CityTiers.read(Path.of("data/cities.csv"));
    static final Messages ENGLISH = new Messages(Messages.ENGLISH);
    static final Messages CHINESE = new Messages(Messages.CHINESE);

    @TempDir
    Path dir;
    final List<LoadProblem> problems = new ArrayList<>();

    @Test
    void problemsOfBadFilesAreKeyedAndTheirEnglishTextIsTheMessage() throws IOException {
        LoadValidator v = new LoadValidator(AS_OF, LoadValidatorTest.database(Set.of("C_DB"), Set.of(), Set.of()), CITIES, problems::add);
        BookKind c = BookKind.CUSTOMERS;
        BookKind a = BookKind.ACCOUNTS;
        BookKind s = BookKind.STATEMENTS;
        BookKind l = BookKind.LOGINS;
        BookKind b = BookKind.BILLS;
        BookKind r = BookKind.REPAYMENTS;
        v.check(c, write(dir, c, header(c) + "\n"
                + exampleWith(c, "gender", "Q") + "\n"
                + exampleWith(c, "birth_date", "30.11.2026").replace("C00000042", "C2") + "\n"
                + exampleWith(c, "registered_at", "yesterday").replace("C00000042", "C3") + "\n"
                + exampleWith(c, "full_name", "=SUM(A1)").replace("C00000042", "C4") + "\n"
                + exampleWith(c, "occupation", "a\u0001b").replace("C00000042", "C5") + "\n"
                + exampleWith(c, "full_name", "x".repeat(300)).replace("C00000042", "C6") + "\n"
                + exampleWith(c, "phone", "12345").replace("C00000042", "C7") + "\n"
                + exampleWith(c, "id_number", "123").replace("C00000042", "C8") + "\n"
                + exampleWith(c, "city_tier", "9").replace("C00000042", "C9") + "\n"
                + exampleWith(c, "real_name_verified", "maybe").replace("C00000042", "C10") + "\n"
                + exampleWith(c, "customer_no", "") + "\n"
                + exampleWith(c, "city_tier", "").replace("C00000042", "C11").replace("北京", "火星城") + "\n"
                + "C12,only,two\n"
                + exampleWith(c, "full_name", "\"a\"b").replace("C00000042", "C13") + "\n"
                + example(c) + "\n"), null);
        v.check(a, write(dir, a, header(a) + "\n"
                + exampleWith(a, "credit_limit", "12.345") + "\n"
                + exampleWith(a, "temp_limit_expires", "").replace("A00000042", "A2") + "\n"
                + exampleWith(a, "closed_at", "2026-11-01 00:00").replace("A00000042", "A3") + "\n"
                + exampleWith(a, "available_amount", "99999.00").replace("A00000042", "A4") + "\n"
                + exampleWith(a, "temp_limit", "").replace("A00000042", "A5").replace("15200.50", "20000.01") + "\n"
                + exampleWith(a, "customer_no", "C_NOWHERE").replace("A00000042", "A6") + "\n"
                + exampleWith(a, "customer_no", "C_DB").replace("A00000042", "A8") + "\n"), null);
        v.check(s, write(dir, s, header(s) + "\n" + exampleWith(s, "account_no", "A8") + "\n"
                + exampleWith(s, "account_no", "A8") + "\n"), null);
        v.check(b, write(dir, b, header(b) + "\n" + exampleWith(b, "due_date", "2026/11/04") + "\n"
                + exampleWith(b, "account_no", "A8") + "\n"), null);
        BookKind t = BookKind.TRANSACTIONS;
        v.check(t, write(dir, t, header(t) + ",colour," + header(t).substring(0, header(t).indexOf(',')) + "\n"), null);
        v.check(r, write(dir, r, header(r) + "\n" + exampleWith(r, "account_no", "A8") + "\n"
                + exampleWith(r, "statement_month", "2026-09").replace("RP202611200001", "R3").replace("A00000042", "A8") + "\n"
                + exampleWith(r, "received_at", "2026/12/01 00:01").replace("RP202611200001", "R4").replace(",2026-11,", ",,") + "\n"), null);
        BookKind i = BookKind.INQUIRIES;
        v.check(i, write(dir, i, header(i).substring(header(i).indexOf(',') + 1) + "\n"), null);
        v.check(l, write(dir, l, header(l) + "\n" + exampleWith(l, "customer_no", "C_DB") + "\n"
                + exampleWith(l, "customer_no", "C_DB") + "\n"), null);
        BookKind f = BookKind.FEEDS;
        v.check(f, write(dir, f, "\n\n"), null);

        Map<String, LoadProblem> byKey = new TreeMap<>();
        for (LoadProblem p : problems) {
            assertNotNull(p.key(), p.toString());
            byKey.putIfAbsent(p.key(), p);
        }
        for (LoadProblem p : byKey.values()) {
            assertInBothBundles(p.key());
            assertEquals(p.message(), ENGLISH.format(p.key(), p.args().toArray()), p.key());
            String chinese = CHINESE.format(p.key(), p.args().toArray());
            for (String arg : p.args()) {
                assertTrue(chinese.contains(arg), p.key() + " in Chinese shows " + arg + ": " + chinese);
            }
        }
        Set<String> expected = Set.of("data.problem.code", "data.problem.date", "data.problem.time", "data.problem.formula",
                "data.problem.control", "data.problem.textLength", "data.problem.phone", "data.problem.idNumber",
                "data.problem.integer", "data.problem.boolean", "data.problem.required", "data.problem.city",
                "data.problem.fieldCount", "data.problem.strayQuote", "data.problem.money", "data.problem.tempExpires",
                "data.problem.closedAt", "data.problem.availableTemp", "data.problem.available", "data.problem.customerMissing",
                "data.problem.afterAsOf", "data.problem.duplicateKey", "data.problem.duplicateKey2", "data.problem.dueDate",
                "data.problem.accountRejected", "data.problem.billMissing", "data.problem.unknownColumns",
                "data.problem.repeatedColumns", "data.problem.missingColumns", "data.problem.empty");
        TreeSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(byKey.keySet());
        assertEquals(Set.of(), missing, "keys not seen; problems: " + problems);
    }

    /** The problems hard to provoke with a small file: the key's English text against the sentence the code used to write out. */
    @Test
    void theOtherKeysFormatToTheirSentences() {
        Map<LoadProblem.Text, String> sentences = Map.ofEntries(
                Map.entry(LoadProblem.Text.of("data.problem.encoding", "byte 0xFF at offset 12"),
                        "expected text in UTF-8 or GB18030, but the file is neither (byte 0xFF at offset 12)."),
                Map.entry(LoadProblem.Text.of("data.problem.unreadable", "AccessDeniedException: x.csv"),
                        "expected a readable file, but it could not be read (AccessDeniedException: x.csv)."),
                Map.entry(LoadProblem.Text.of("data.problem.malformed", "GB18030"),
                        "expected text in GB18030 throughout, but this line does not decode in it."),
                Map.entry(LoadProblem.Text.of("data.problem.headerTooLong", "bills.csv", "1,000,000"),
                        "expected a header line naming the columns of bills.csv, but the first line is longer than 1,000,000 characters."),
                Map.entry(LoadProblem.Text.of("data.problem.headerQuote", "bills.csv"),
                        "expected a header line naming the columns of bills.csv, but it opens a quote that is never closed."),
                Map.entry(LoadProblem.Text.of("data.problem.lineTooLong", "1,000,000"),
                        "expected a line of at most 1,000,000 characters; this record is longer and was skipped."),
                Map.entry(LoadProblem.Text.of("data.problem.unclosedQuote"),
                        "expected a closing quote for the field opened in this record, but the file ended first."),
                Map.entry(LoadProblem.Text.of("data.problem.fieldCountTab", 13, 2),
                        "expected 13 fields separated by tab but found 2."),
                Map.entry(LoadProblem.Text.of("data.problem.fieldTooLong", "100,000"),
                        "expected a field of at most 100,000 characters; this one is longer and its record was skipped."),
                Map.entry(LoadProblem.Text.of("data.problem.tooMany", "100,000"),
                        "expected at most 100,000 problems in a file; reading stopped here and the rest of the file was not checked."),
                Map.entry(LoadProblem.Text.of("data.problem.month"),
                        "expected a month like 2026-11 or 2026/11 (or a date on the 1st)."),
                Map.entry(LoadProblem.Text.of("data.problem.customerRejected", "customer_no", "C1", "customers.csv"),
                        "expected customer_no to name a customer that loads, but the row of C1 in customers.csv was rejected."),
                Map.entry(LoadProblem.Text.of("data.problem.accountMissing", "account_no", "accounts.csv", "A1"),
                        "expected account_no to name an account in accounts.csv or in the database, but A1 is in neither."),
                Map.entry(LoadProblem.Text.of("data.problem.billRejected", "A1", "2026-10"),
                        "expected statement_month to name a bill that loads, but the bill of A1 for 2026-10 in bills.csv was rejected."),
                Map.entry(LoadProblem.Text.of("data.problem.cityTier", "火星城"),
                        "city_tier is empty and the city 火星城 is not in data/cities.csv; give the city's tier (1 to 5)."),
                Map.entry(LoadProblem.Text.of("data.problem.noBill", "A1", "2026-10"),
                        "no bill of account A1 for statement month 2026-10 in this load or the database."),
                Map.entry(LoadProblem.Text.of("data.problem.unresolved", "account_no", "A1", "accounts.csv"),
                        "account_no A1 is not in this load's accounts.csv nor in the database."),
                Map.entry(LoadProblem.Text.of("data.problem.changed"),
                        "the file changed while it was being loaded; load it again."));
        sentences.forEach((text, sentence) -> {
            assertInBothBundles(text.key());
            assertEquals(sentence, text.english(), text.key());
            assertFalse(CHINESE.format(text.key(), text.args().toArray()).contains("{"), text.key());
        });
    }

    @Test
    void everyProblemKeyIsInBothBundles() throws IOException {
        Set<String> english = keys("messages_en.properties");
        Set<String> chinese = keys("messages_zh_CN.properties");
        assertFalse(english.isEmpty());
        assertEquals(english, chinese);
    }

    private static void assertInBothBundles(String key) {
        assertTrue(ENGLISH.bundle().containsKey(key), "en: " + key);
        assertTrue(CHINESE.bundle().containsKey(key) && !CHINESE.get(key).equals(ENGLISH.get(key)), "zh-CN: " + key);
    }

    private static Set<String> keys(String file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = LoadProblemKeysTest.class.getResourceAsStream("/i18n/" + file)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Set<String> keys = new TreeSet<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("data.problem.")) {
                keys.add(k);
            }
        }
        return keys;
    }
}
