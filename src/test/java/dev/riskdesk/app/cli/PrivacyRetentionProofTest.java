package dev.riskdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestServices;
import dev.riskdesk.common.Progress;
import dev.riskdesk.customers.CustomerQuery;
import dev.riskdesk.customers.PersonalDataService;
import dev.riskdesk.portfolio.GeneratorOptions;
import dev.riskdesk.privacy.DataKind;
import dev.riskdesk.privacy.ErasureService;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestOperators;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of retention: customers whose accounts were closed (a test-only closure, as the lifecycle's cancellation
 * would leave them), with their name, phone and ID number planted in a notice, an appeal statement and note, an
 * attachment and the audit trail, are erased by {@code riskdesk privacy retention --as-of} a day past the longest
 * retention period. A scan of every text and binary column of every table, read from the catalogue, then finds none of
 * their former names, phone numbers or ID numbers; {@code audit verify} passes; the book's totals are unchanged; search
 * finds none of them; a dry run before changed nothing.
 */
@Tag("db")
class PrivacyRetentionProofTest {
    private static final LocalDate BOOK_AS_OF = LocalDate.of(2026, 12, 1);
    private static final String CLOSED_AT = "2026-12-01 10:00:00";

    @TempDir
    Path dir;

    record Person(long customerId, String name, String phone, String idNumber) {
    }

    @Test
    void aRetentionRunPastTheLongestPeriodLeavesNoFormerIdentifierAnywhere() throws Exception {
        Path db = dir.resolve("book").resolve("riskdesk");
        List<Person> erased = new ArrayList<>();
        Map<String, Object> totalsBefore;
        try (TestServices t = TestServices.fresh(dir.resolve("book"))) {
            t.services.generator().generate(TestOperators.batch(t.db), new GeneratorOptions(200, 4, 11, 3, BOOK_AS_OF), Progress.NONE);
            try (Connection c = t.db.connection(); Statement s = c.createStatement()) {
                // customers with nothing owed and no account past due: the ones the lifecycle may close
                try (ResultSet r = s.executeQuery("SELECT C.ID, C.FULL_NAME, C.PHONE, C.ID_NUMBER FROM CUSTOMER C WHERE NOT EXISTS (SELECT 1 FROM ACCOUNT A"
                        + " WHERE A.CUSTOMER_ID = C.ID AND (A.OUTSTANDING_BALANCE > 0 OR A.CURRENT_DPD > 0)) ORDER BY C.ID LIMIT 8")) {
                    while (r.next()) {
                        erased.add(new Person(r.getLong(1), r.getString(2), r.getString(3), r.getString(4)));
                    }
                }
                assertTrue(erased.size() >= 4, "the book has customers with nothing owed: " + erased.size());
                for (Person p : erased) {
                    // test-only closure: what the lifecycle's cancellation leaves (status, zero limit, closing date)
                    s.execute("UPDATE ACCOUNT SET STATUS = 'CANCELLED', CREDIT_LIMIT = 0, AVAILABLE_AMOUNT = 0, CLOSED_AT = TIMESTAMP '" + CLOSED_AT
                            + "' WHERE CUSTOMER_ID = " + p.customerId());
                }
                // the former identifiers planted in every kind of place personal data lives
                Person p = erased.get(0);
                long account = one(s, "SELECT MIN(ID) FROM ACCOUNT WHERE CUSTOMER_ID = " + p.customerId());
                s.execute("INSERT INTO CUSTOMER_NOTICE (ACCOUNT_ID, KIND, CHANNEL, LANGUAGE_TAG, TEMPLATE_CODE, BODY, STATUS, CREATED_AT) VALUES ("
                        + account + ", 'LIFT', 'SMS', 'zh-CN', 'LIFT', '" + p.name() + "您好，您的账户已恢复。', 'EXPORTED', TIMESTAMP '2026-11-01 09:00:00')");
                s.execute("INSERT INTO APPEAL (APPEAL_NO, ACCOUNT_ID, APPEAL_TYPE, CHANNEL, CONTACT_PREFERENCE, STATEMENT, STATUS, CREATED_AT, SLA_DUE_AT)"
                        + " VALUES ('AP-PROOF-1', " + account + ", 'SUSPENSION', 'PHONE', 'SMS', '我是" + p.name() + "，电话 " + p.phone() + "，身份证 "
                        + p.idNumber() + "', 'CLOSED', TIMESTAMP '2026-10-01 09:00:00', TIMESTAMP '2026-10-03 09:00:00')");
                long appeal = one(s, "SELECT ID FROM APPEAL WHERE APPEAL_NO = 'AP-PROOF-1'");
                s.execute("INSERT INTO APPEAL_NOTE (APPEAL_ID, KIND, BODY, CREATED_AT) VALUES (" + appeal + ", 'CUSTOMER', '" + p.name()
                        + " 来电补充：" + p.phone() + "', TIMESTAMP '2026-10-01 10:00:00')");
                s.execute("INSERT INTO APPEAL_ATTACHMENT (APPEAL_ID, FILE_NAME, CONTENT_TYPE, SIZE_BYTES, CONTENT, UPLOADED_AT) VALUES (" + appeal + ", '"
                        + p.name() + "-身份证.txt', 'text/plain', 18, X'" + java.util.HexFormat.of().formatHex(p.idNumber().getBytes(StandardCharsets.UTF_8))
                        + "', TIMESTAMP '2026-10-01 10:00:00')");
            }
            // an operator's reason quoting the customer, and a detail holding the ID number: through the audited services
            Session manager = t.login("manager");
            Person q = erased.get(1);
            new PersonalDataService(t.db, new AuditLog(Clock.systemUTC())).reveal(manager, q.customerId(), Set.of(PersonalDataService.Field.PHONE),
                    q.name() + " called from " + q.phone() + " about the closure");
            t.db.transaction(tx -> new AuditLog(Clock.systemUTC()).record(tx, manager, "APPEAL_NOTE_ADDED", "APPEAL", "999", null,
                    "caller gave ID " + q.idNumber()));
            t.services.dashboard().refresh.refresh(manager, Progress.NONE);
            totalsBefore = totals(t.db);
        }

        // the dry run names what is due and changes nothing
        String[] dry = CliRuns.asBatch(db, "privacy", "retention", "--as-of", "2037-01-01", "--dry-run");
        assertEquals("0", dry[0], dry[2]);
        assertTrue(dry[1].contains("IDENTITY       would erase " + erased.size() + " customers"), dry[1]);
        List<String> before = hits(db, erased);
        assertTrue(before.size() > erased.size() * 3 && before.stream().anyMatch(h -> h.startsWith("AUDIT_EVENT.REASON"))
                && before.stream().anyMatch(h -> h.startsWith("APPEAL_ATTACHMENT.CONTENT")), "the scan finds what the dry run left: " + before);

        String[] run = CliRuns.asBatch(db, "privacy", "retention", "--as-of", "2037-01-01");
        assertEquals("0", run[0], run[2]);
        assertTrue(run[1].contains("IDENTITY       erased " + erased.size() + " customers"), run[1]);

        assertEquals(List.of(), hits(db, erased), "no former name, phone or ID number is left in any column of any table");

        String[] verify = CliRuns.run(db, "audit", "verify");
        assertEquals("0", verify[0], verify[2]);
        assertTrue(verify[1].contains("chain intact") && verify[1].contains("with personal data erased"), verify[1]);

        try (TestServices t = TestServices.fresh(db.getParent())) {
            assertEquals(totalsBefore, totals(t.db), "the ledger and the aggregates are unchanged");
            Session manager = t.login("manager");
            t.services.dashboard().refresh.refresh(manager, Progress.NONE);
            assertEquals(totalsBefore, totals(t.db), "the aggregates rebuilt from the erased book are the same");
            for (Person p : erased) {
                for (String former : List.of(p.name(), p.phone(), p.idNumber())) {
                    assertFalse(t.services.customerSearch().search(manager, CustomerQuery.text(former)).rows().stream()
                            .anyMatch(r -> r.customerId() == p.customerId()), "search finds customer " + p.customerId() + " by " + former);
                }
                ErasureService.Status status = t.services.erasure().status(manager, p.customerId());
                assertNotNull(status.identity(), "the profile can say when and under which rule");
                assertEquals("RET-IDENTITY-120M", status.identity().ruleCode());
                assertEquals(DataKind.values().length, status.erasures().size());
            }
        }
        String[] again = CliRuns.asBatch(db, "privacy", "retention", "--as-of", "2037-01-01");
        assertTrue(again[1].contains("0 customers due"), "a second run finds nothing left: " + again[1]);
    }

    private static long one(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Row counts and sums of the ledger and the dashboard's aggregates. */
    private static Map<String, Object> totals(dev.riskdesk.db.Database database) throws Exception {
        Map<String, Object> totals = new LinkedHashMap<>();
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            for (String sql : List.of("SELECT COUNT(*), SUM(CREDIT_LIMIT), SUM(OUTSTANDING_BALANCE) FROM ACCOUNT",
                    "SELECT COUNT(*), SUM(AMOUNT) FROM TXN", "SELECT COUNT(*), SUM(AMOUNT) FROM REPAYMENT",
                    "SELECT COUNT(*), SUM(STATEMENT_AMOUNT), SUM(PAID_AMOUNT) FROM BILL", "SELECT COUNT(*), SUM(SPEND), SUM(BALANCE) FROM ACCOUNT_MONTH",
                    "SELECT COUNT(*) FROM LIMIT_DECISION", "SELECT COUNT(*) FROM LIMIT_CHANGE", "SELECT COUNT(*) FROM LOGIN_EVENT",
                    "SELECT COUNT(*) FROM CUSTOMER_NOTICE", "SELECT COUNT(*) FROM CUSTOMER",
                    "SELECT COUNT(*), SUM(ACCOUNT_COUNT), SUM(TOTAL_LIMIT), SUM(EXPECTED_LOSS) FROM DASH_SEGMENT_MONTH")) {
                try (ResultSet r = s.executeQuery(sql)) {
                    r.next();
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.add(String.valueOf(r.getObject(i)));
                    }
                    totals.put(sql, row);
                }
            }
        }
        return totals;
    }

    /**
     * Every place a former name, phone or ID number of {@code people} is found: each text, character and binary column of each
     * table of the schema (from JDBC metadata, so a new table is scanned without a change here). A name found in the row of
     * another customer of the same name is theirs, not a leftover.
     */
    private static List<String> hits(Path db, List<Person> people) throws Exception {
        Set<Long> ids = new HashSet<>();
        people.forEach(p -> ids.add(p.customerId()));
        List<String> found = new ArrayList<>();
        try (TestServices t = TestServices.fresh(db.getParent()); Connection c = t.db.connection()) {
            DatabaseMetaData meta = c.getMetaData();
            Map<String, List<String>> columns = new LinkedHashMap<>();
            try (ResultSet r = meta.getColumns(c.getCatalog(), c.getSchema(), "%", "%")) {
                while (r.next()) {
                    int type = r.getInt("DATA_TYPE");
                    if (Set.of(Types.VARCHAR, Types.CHAR, Types.NVARCHAR, Types.NCHAR, Types.LONGVARCHAR, Types.CLOB, Types.NCLOB, Types.BLOB,
                            Types.VARBINARY, Types.LONGVARBINARY, Types.BINARY).contains(type)) {
                        columns.computeIfAbsent(r.getString("TABLE_NAME"), k -> new ArrayList<>()).add(r.getString("COLUMN_NAME"));
                    }
                }
            }
            assertTrue(columns.containsKey("AUDIT_EVENT") && columns.containsKey("CUSTOMER_NOTICE") && columns.containsKey("APPEAL_ATTACHMENT"),
                    "the scan covers the audit trail, the notices and the attachments: " + columns.keySet());
            try (Statement s = c.createStatement()) {
                for (var table : columns.entrySet()) {
                    boolean customers = table.getKey().equalsIgnoreCase("CUSTOMER");
                    String select = "SELECT " + (customers ? "ID, " : "") + String.join(", ", table.getValue().stream().map(n -> '"' + n + '"').toList())
                            + " FROM \"" + table.getKey() + '"';
                    try (ResultSet r = s.executeQuery(select)) {
                        while (r.next()) {
                            boolean namesake = customers && !ids.contains(r.getLong(1));
                            for (int i = customers ? 2 : 1; i <= r.getMetaData().getColumnCount(); i++) {
                                Object value = r.getObject(i);
                                String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                                        : value instanceof java.sql.Blob blob ? new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.UTF_8)
                                        : value instanceof java.sql.Clob clob ? clob.getSubString(1, (int) clob.length()) : value == null ? null : value.toString();
                                if (text == null) {
                                    continue;
                                }
                                for (Person p : people) {
                                    if (!namesake && text.contains(p.name())) {
                                        found.add(table.getKey() + "." + r.getMetaData().getColumnName(i) + ": name of " + p.customerId());
                                    }
                                    if (text.contains(p.phone())) {
                                        found.add(table.getKey() + "." + r.getMetaData().getColumnName(i) + ": phone of " + p.customerId());
                                    }
                                    if (text.contains(p.idNumber())) {
                                        found.add(table.getKey() + "." + r.getMetaData().getColumnName(i) + ": ID number of " + p.customerId());
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}
