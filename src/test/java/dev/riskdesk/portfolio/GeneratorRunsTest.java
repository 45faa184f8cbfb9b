package dev.riskdesk.portfolio;

import dev.riskdesk.common.DataFolder;
import dev.riskdesk.security.TestOperators;
import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.ACCOUNT_MONTH;
import static dev.riskdesk.db.schema.Tables.BATCH_JOB;
import static dev.riskdesk.db.schema.Tables.BILL;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.LOGIN_EVENT;
import static dev.riskdesk.db.schema.Tables.TXN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small runs: determinism, detail months, cancellation, refusal. */
@Tag("db")
class GeneratorRunsTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 22);

    @TempDir
    Path dir;

    @Test
    void theSameSeedGivesTheSameDatabaseAndAnotherSeedAnother() throws Exception {
        Map<String, String> first = generateAndHash(dir.resolve("a"), 42);
        Map<String, String> second = generateAndHash(dir.resolve("b"), 42);
        Map<String, String> other = generateAndHash(dir.resolve("c"), 43);
        assertEquals(first, second);
        for (String table : first.keySet()) {
            assertNotEquals(first.get(table), other.get(table), table);
        }
    }

    private static Map<String, String> generateAndHash(Path folder, long seed) throws Exception {
        try (Database db = TestDatabases.fresh(folder)) {
            new PortfolioGenerator(db).generate(TestOperators.batch(db), GeneratorOptions.of(300, 24, seed, AS_OF), Progress.NONE);
            Map<String, String> hashes = new LinkedHashMap<>();
            DSLContext dsl = db.dsl();
            hashes.put("CUSTOMER", hash(dsl, CUSTOMER, CUSTOMER.ID));
            hashes.put("ACCOUNT", hash(dsl, ACCOUNT, ACCOUNT.ID));
            hashes.put("BILL", hash(dsl, BILL, BILL.ID));
            hashes.put("TXN", hash(dsl, TXN, TXN.ID));
            hashes.put("ACCOUNT_MONTH", hash(dsl, ACCOUNT_MONTH, ACCOUNT_MONTH.ACCOUNT_ID, ACCOUNT_MONTH.MONTH_START));
            return hashes;
        }
    }

    /** SHA-256 over every row in key order, each value in its canonical text form. */
    static String hash(DSLContext dsl, Table<?> table, Field<?>... order) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (Cursor<? extends Record> rows = dsl.selectFrom(table).orderBy(order).fetchLazy()) {
            for (Record r : rows) {
                for (Object v : r.intoArray()) {
                    digest.update(String.valueOf(v).getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void detailMonthsKeepRawEventsOnlyForTheLastMonths() {
        try (Database db = TestDatabases.fresh(dir)) {
            new PortfolioGenerator(db).generate(TestOperators.batch(db), GeneratorOptions.of(300, 24, 5, AS_OF).withDetailMonths(3), Progress.NONE);
            DSLContext dsl = db.dsl();
            LocalDate firstDetail = LocalDate.of(2026, 9, 1);
            assertEquals(0, dsl.fetchCount(TXN, TXN.TXN_AT.lt(firstDetail.atStartOfDay())));
            assertEquals(0, dsl.fetchCount(LOGIN_EVENT, LOGIN_EVENT.LOGIN_AT.lt(firstDetail.atStartOfDay())));
            assertEquals(0, dsl.fetchCount(BILL, BILL.STATEMENT_MONTH.lt(firstDetail)));
            assertTrue(dsl.fetchCount(TXN) > 0);
            assertEquals(24, dsl.selectDistinct(ACCOUNT_MONTH.MONTH_START).from(ACCOUNT_MONTH).fetch().size());
            assertEquals(LocalDate.of(2024, 12, 1), dsl.select(DSL.min(ACCOUNT_MONTH.MONTH_START)).from(ACCOUNT_MONTH).fetchOne().value1());
        }
    }

    @Test
    void aCancelledGenerationLeavesTheDatabaseAsItWas() {
        try (Database db = TestDatabases.fresh(dir)) {
            AtomicInteger updates = new AtomicInteger();
            Progress cancelAfterFirstChunk = new Progress() {
                @Override
                public void update(String message, long done, long total) {
                    if (done > 0) {
                        updates.incrementAndGet();
                    }
                }

                @Override
                public boolean isCancelled() {
                    return updates.get() > 0;
                }
            };
            assertThrows(Progress.CancelledException.class, () -> new PortfolioGenerator(db)
                    .generate(TestOperators.batch(db), GeneratorOptions.of(3000, 24, 1, AS_OF), cancelAfterFirstChunk));
            assertEmptyAndStillUsable(db);
        }
    }

    @Test
    void aFailureAfterRowsWereCommittedLeavesTheDatabaseAsItWas() {
        // the writer commits every 1,024 rows, so by the first chunk's progress report rows are committed
        try (Database db = TestDatabases.fresh(dir)) {
            Progress failAfterFirstChunk = (message, done, total) -> {
                if (done > 0) {
                    throw new IllegalStateException("the disk is full");
                }
            };
            UserFacingException e = assertThrows(UserFacingException.class, () -> new PortfolioGenerator(db)
                    .generate(TestOperators.batch(db), GeneratorOptions.of(3000, 24, 1, AS_OF), failAfterFirstChunk));
            assertTrue(e.getMessage().contains("the disk is full"), e.getMessage());
            assertEmptyAndStillUsable(db);
        }
    }

    /** Nothing generated is left, and a full generation afterwards succeeds. */
    private static void assertEmptyAndStillUsable(Database db) {
        DSLContext dsl = db.dsl();
        for (GeneratedTables.Spec spec : GeneratedTables.INSERT_ORDER) {
            assertEquals(0, dsl.fetchCount(spec.table()), spec.table().getName());
        }
        assertEquals(0, dsl.fetchCount(BATCH_JOB));
        new PortfolioGenerator(db).generate(TestOperators.batch(db), GeneratorOptions.of(50, 13, 1, AS_OF), Progress.NONE);
        assertEquals(50, dsl.fetchCount(CUSTOMER));
    }

    @Test
    void generatingIntoANonEmptyDatabaseIsRefused() {
        try (Database db = TestDatabases.fresh(dir)) {
            new PortfolioGenerator(db).generate(TestOperators.batch(db), GeneratorOptions.of(20, 12, 1, AS_OF), Progress.NONE);
            UserFacingException e = assertThrows(UserFacingException.class,
                    () -> new PortfolioGenerator(db).generate(TestOperators.batch(db), GeneratorOptions.of(20, 12, 1, AS_OF), Progress.NONE));
            assertTrue(e.getMessage().contains("empty database"), e.getMessage());
            assertEquals(20, db.dsl().fetchCount(CUSTOMER));
        }
    }

    @Test
    void aMissingDataFolderIsOneClearSentence() {
        String old = System.getProperty(DataFolder.PROPERTY);
        System.setProperty(DataFolder.PROPERTY, dir.resolve("nowhere").toString());
        try {
            UserFacingException e = assertThrows(UserFacingException.class, () -> DataFolder.folderWith("cities.csv"));
            assertTrue(e.getMessage().contains("does not contain cities.csv"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(DataFolder.PROPERTY);
            } else {
                System.setProperty(DataFolder.PROPERTY, old);
            }
        }
    }
}
