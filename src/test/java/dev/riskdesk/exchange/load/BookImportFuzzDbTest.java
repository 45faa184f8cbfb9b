package dev.riskdesk.exchange.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.exchange.load.LoadReport.Outcome;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.TestOperators;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz test's malformed books ({@link BookMutants}, seeded) loaded for real, each through
 * {@link BookImportService#load} into the same empty database: every one is REJECTED with located
 * problems, nothing escapes as an exception, and after each the book is still empty.
 */
@Tag("db")
class BookImportFuzzDbTest {
    static final int MUTANTS = 1_000;

    @TempDir
    Path dir;

    @Test
    void everyMutantLoadedForRealIsRejectedAndLeavesTheBookAsItWas() throws java.io.IOException {
        try (Database db = TestDatabases.fresh(dir.resolve("db"))) {
            BookImportService imports = new BookImportService(db, new AuditLog(BookImportServiceDbTest.CLOCK), BookImportServiceDbTest.CLOCK);
            Map<String, Long> before = book(db.dsl());
            BookMutants mutants = BookMutants.ofSamples(BookFuzzTest.SEED);
            List<BookMutants.Mutant> all = new ArrayList<>();
            for (BookMutants.Damage d : BookMutants.Damage.values()) {
                all.add(mutants.next(d));
            }
            while (all.size() < MUTANTS) {
                all.add(mutants.next());
            }
            Path rejects = dir.resolve("rejects.csv");
            Path scratch = java.nio.file.Files.createDirectories(dir.resolve("scratch"));
            for (BookMutants.Mutant m : all) {
                LoadRequest request = new LoadRequest("mutant-" + m.number(), m.files(scratch), null, BookMutants.AS_OF, false, false, rejects);
                LoadReport r;
                try {
                    r = imports.load(TestOperators.batch(db), request, Progress.NONE);
                } catch (RuntimeException | Error e) {
                    throw new AssertionError(m + " (seed " + BookFuzzTest.SEED + ") escaped with " + e, e);
                }
                assertEquals(Outcome.REJECTED, r.outcome(), m::toString);
                BookFuzzTest.check(m, r.problems());
                assertEquals(before, book(db.dsl()), () -> m + " changed the book");
            }
            assertEquals(MUTANTS, db.dsl().fetchCount(db.dsl().selectFrom("DATA_LOAD").where("STATUS = 'REJECTED'")));
            System.out.println("BookImportFuzzDbTest: " + all.size() + " mutants loaded through BookImportService.load, all rejected, the book unchanged (seed "
                    + BookFuzzTest.SEED + ")");
        }
    }

    /** A cheap fingerprint of the book: rows per table a load writes, and the sum of the versions. */
    static Map<String, Long> book(DSLContext dsl) {
        Map<String, Long> f = new TreeMap<>();
        for (String t : List.of("CUSTOMER", "ACCOUNT", "ACCOUNT_MONTH", "BILL", "TXN", "REPAYMENT", "LOGIN_EVENT", "CREDIT_INQUIRY", "DATA_FEED",
                "LIMIT_CHANGE", "CHANGED_ACCOUNT")) {
            f.put(t, ((Number) dsl.fetchValue("SELECT COUNT(*) FROM " + t)).longValue());
        }
        f.put("versions", ((Number) dsl.fetchValue("SELECT COALESCE(SUM(VERSION), 0) FROM ACCOUNT")).longValue());
        return f;
    }
}
