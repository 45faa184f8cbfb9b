package dev.riskdesk.db;

import static dev.riskdesk.db.schema.Tables.ROLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.UserFacingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void freshDatabaseGetsTheWholeSchemaAndReferenceData() {
        try (Database db = TestDatabases.fresh(dir)) {
            assertEquals(TestDatabases.latestMigration(), db.schemaVersion());
            assertTrue(TestDatabases.compareVersions(db.schemaVersion(), "3") >= 0);
            assertEquals(5, db.dsl().fetchCount(ROLE), "AGENT, RISK_OPERATOR, MANAGER, ADMIN and (V9_3) BATCH");
            // the migrated database has exactly the tables jOOQ generated code for
            var generated = new java.util.TreeSet<String>();
            dev.riskdesk.db.schema.DefaultSchema.DEFAULT_SCHEMA.getTables().forEach(t -> generated.add(t.getName()));
            var migrated = new java.util.TreeSet<>(db.dsl().fetchValues(
                    "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME <> 'flyway_schema_history'")
                    .stream().map(Object::toString).toList());
            assertEquals(generated, migrated);
            assertTrue(Files.exists(dir.resolve("riskdesk.mv.db")));
        }
    }

    @Test
    void reopeningMigratesNothingAndKeepsData() {
        try (Database db = TestDatabases.fresh(dir)) {
            db.dsl().execute("INSERT INTO APP_SETTING VALUES ('k', 'v', CURRENT_TIMESTAMP)");
        }
        try (Database db = TestDatabases.fresh(dir)) {
            assertEquals(1, db.dsl().fetchCount(dev.riskdesk.db.schema.Tables.APP_SETTING));
        }
    }

    @Test
    void checkConstraintsRejectUnknownStatuses() {
        try (Database db = TestDatabases.fresh(dir)) {
            db.dsl().execute("INSERT INTO CUSTOMER (CUSTOMER_NO, FULL_NAME, GENDER, BIRTH_DATE, PHONE, PHONE_LAST4, ID_NUMBER, CITY, CITY_TIER,"
                    + " INCOME_BAND, OCCUPATION, REGISTERED_AT, REAL_NAME_VERIFIED) VALUES ('C1', '张三', 'M', DATE '1990-01-01',"
                    + " '13800001234', '1234', '110101199001011234', '北京', 1, 'I3', '职员', CURRENT_TIMESTAMP, TRUE)");
            String account = "INSERT INTO ACCOUNT (ACCOUNT_NO, CUSTOMER_ID, PRODUCT, OPENED_AT, STATUS, CREDIT_LIMIT, AVAILABLE_AMOUNT,"
                    + " OUTSTANDING_BALANCE) VALUES ('A1', (SELECT ID FROM CUSTOMER), 'CREDIT_PAY', CURRENT_TIMESTAMP, '%s', 1000.00, %s, 0)";
            assertThrows(RuntimeException.class, () -> db.dsl().execute(account.formatted("BROKEN", "1000.00")));
            assertThrows(RuntimeException.class, () -> db.dsl().execute(account.formatted("ACTIVE", "-1.00")));
            db.dsl().execute(account.formatted("ACTIVE", "1000.00"));
        }
    }

    @Test
    void fileThatIsNotAnH2DatabaseIsRefusedAndLeftUnchanged() throws Exception {
        Path file = dir.resolve("riskdesk.mv.db");
        byte[] garbage = "this is a spreadsheet, not a database".getBytes(StandardCharsets.UTF_8);
        Files.write(file, garbage);
        UserFacingException e = assertThrows(UserFacingException.class, () -> TestDatabases.fresh(dir));
        assertTrue(e.getMessage().contains("not a RiskDesk (H2) database"), e.getMessage());
        assertArrayEquals(garbage, Files.readAllBytes(file));
    }

    @Test
    void schemaNewerThanTheProgramIsRefusedAndNothingChanges() throws Exception {
        TestDatabases.fresh(dir).close();
        DatabaseLocation location = DatabaseLocation.ofPath(dir.resolve("riskdesk"));
        String url = location.jdbcUrl();
        String history = "SELECT \"installed_rank\", \"version\", \"checksum\", \"success\" FROM \"flyway_schema_history\" ORDER BY 1";
        try (Connection c = DriverManager.getConnection(url, H2Credentials.USER, H2Credentials.password(location)); Statement s = c.createStatement()) {
            s.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", \"script\","
                    + " \"checksum\", \"installed_by\", \"installed_on\", \"execution_time\", \"success\")"
                    + " VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 0, 'sa', CURRENT_TIMESTAMP, 1, TRUE)");
        }
        String before = dump(location, history);
        UserFacingException e = assertThrows(UserFacingException.class, () -> TestDatabases.fresh(dir));
        assertTrue(e.getMessage().contains("newer than this RiskDesk"), e.getMessage());
        assertEquals(before, dump(location, history), "schema history untouched");
        assertTrue(before.contains("|99|"), before);
    }

    private static String dump(DatabaseLocation location, String sql) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection c = DriverManager.getConnection(location.jdbcUrl(), H2Credentials.USER, H2Credentials.password(location)); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    text.append('|').append(rs.getString(i));
                }
                text.append("|\n");
            }
        }
        return text.toString();
    }

    @Test
    void folderThatCannotBeCreatedIsRefusedWithOneSentence() throws Exception {
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> Database.open(DatabaseLocation.ofPath(blocker.resolve("sub").resolve("riskdesk"))));
        assertTrue(e.getMessage().startsWith("Cannot create the database folder"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    /** Refused files keep every byte and get no trace file beside them. */
    private void assertRefusedUnchanged(String expected) throws Exception {
        Path file = dir.resolve("riskdesk.mv.db");
        byte[] before = Files.readAllBytes(file);
        UserFacingException e = assertThrows(UserFacingException.class, () -> TestDatabases.fresh(dir));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "the file's bytes must not change");
        assertFalse(Files.exists(dir.resolve("riskdesk.trace.db")), "no trace file beside a refused file");
    }

    @Test
    void newerSchemaKeepsEveryByte() throws Exception {
        TestDatabases.fresh(dir).close();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("riskdesk"), H2Credentials.USER,
                H2Credentials.password(DatabaseLocation.ofPath(dir.resolve("riskdesk")))); Statement s = c.createStatement()) {
            s.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", \"script\","
                    + " \"checksum\", \"installed_by\", \"installed_on\", \"execution_time\", \"success\")"
                    + " VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 0, 'sa', CURRENT_TIMESTAMP, 1, TRUE)");
        }
        assertRefusedUnchanged("newer than this RiskDesk");
    }

    @Test
    void anotherProgramsDatabaseKeepsEveryByte() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("riskdesk"), "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE INVOICE (ID INT PRIMARY KEY, AMOUNT DECIMAL(10, 2))");
            s.execute("INSERT INTO INVOICE VALUES (1, 9.99)");
        }
        assertRefusedUnchanged("holds tables of another program");
        assertFalse(Files.exists(dir.resolve("riskdesk.key")), "no key file beside a refused file");
    }

    @Test
    void anotherProgramsPasswordKeepsEveryByte() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("riskdesk"), "owner", "secret")) {
            c.createStatement().execute("CREATE TABLE NOTE (ID INT)");
        }
        assertRefusedUnchanged("belongs to another program");
    }

    @Test
    void aReopenedOrDoublyOpenedDatabaseStaysWritable() {
        TestDatabases.fresh(dir).close();
        String insert = "INSERT INTO APP_SETTING (SETTING_KEY, SETTING_VALUE, UPDATED_AT) VALUES (?, 'x', CURRENT_TIMESTAMP)";
        try (Database first = TestDatabases.fresh(dir)) {
            first.transaction(tx -> tx.execute(insert, "probe.first"));
            try (Database second = TestDatabases.fresh(dir)) {
                second.transaction(tx -> tx.execute(insert, "probe.second"));
            }
            assertEquals(2, first.dsl().fetch("SELECT * FROM APP_SETTING WHERE SETTING_KEY LIKE 'probe.%'").size());
        }
    }
}
