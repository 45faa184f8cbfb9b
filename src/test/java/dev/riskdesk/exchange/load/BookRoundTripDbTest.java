package dev.riskdesk.exchange.load;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.exchange.BookKind;
import dev.riskdesk.exchange.export.BookExportService;
import dev.riskdesk.exchange.load.LoadReport.Counts;
import dev.riskdesk.exchange.load.LoadReport.Outcome;
import dev.riskdesk.portfolio.GeneratorOptions;
import dev.riskdesk.portfolio.PortfolioGenerator;
import dev.riskdesk.scoring.ScoringService;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.scoring.model.TrainingService;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.TestOperators;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import against the generator and the export: a generated book, exported and imported into an
 * empty database, is the same book (counts, sums, counts by status and bucket, feeds) and scores the
 * same after the same training; loading the same folder again changes nothing; a first load of all
 * but the last day followed by the last day's delta gives the same book as the full import.
 */
@Tag("db")
class BookRoundTripDbTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);
    static final GeneratorOptions BOOK = new GeneratorOptions(300, 20, 7, 3, AS_OF);

    @TempDir
    static Path dir;
    static Database generated;
    static Database imported;
    static Path export;
    static LoadReport firstImport;

    @BeforeAll
    static void generateExportAndImport() {
        generated = open("generated");
        new PortfolioGenerator(generated).generate(TestOperators.batch(generated), BOOK, Progress.NONE);
        export = dir.resolve("export");
        new BookExportService(generated, new AuditLog(BookImportServiceDbTest.CLOCK)).export(TestOperators.manager(generated), export, false, Progress.NONE);
        imported = open("imported");
        firstImport = importFolder(imported, export);
    }

    @AfterAll
    static void close() {
        generated.close();
        imported.close();
    }

    static Database open(String name) {
        return Database.open(DatabaseLocation.ofPath(dir.resolve(name).resolve("riskdesk")));
    }

    static LoadReport importFolder(Database db, Path folder) {
        return importFolder(db, folder, null);
    }

    static LoadReport importFolder(Database db, Path folder, LocalDateTime asOf) {
        LoadRequest request = new LoadRequest(BookFolder.sourceName(folder), BookFolder.files(folder), null, asOf, false, false,
                dir.resolve("rejects.csv"));
        return new BookImportService(db, new AuditLog(BookImportServiceDbTest.CLOCK), BookImportServiceDbTest.CLOCK)
                .load(TestOperators.batch(db), request, Progress.NONE);
    }

    @Test
    void theImportedBookIsTheGeneratedOne() {
        assertEquals(Outcome.COMPLETED, firstImport.outcome(), () -> firstImport.problems().subList(0, Math.min(5, firstImport.problems().size())).toString());
        assertEquals(BookFingerprint.figures(generated.dsl()), BookFingerprint.figures(imported.dsl()));
        assertEquals(300, imported.dsl().fetchCount(imported.dsl().selectFrom("LIMIT_CHANGE").where("SOURCE = 'ORIGINATION'")));
        assertEquals(300, imported.dsl().fetchCount(imported.dsl().selectFrom("CHANGED_ACCOUNT")));
    }

    @Test
    void theSameFolderAgainIsAllUnchangedAndChangesNothing() {
        List<String> book = new ArrayList<>(BookFingerprint.LOADED);
        book.addAll(List.of("LIMIT_CHANGE", "CHANGED_ACCOUNT"));
        String before = BookFingerprint.content(imported.dsl(), book);
        LoadReport again = importFolder(imported, export);
        Counts total = LoadHistory.total(again.counts());
        assertEquals(new Counts(0, 0, LoadHistory.total(firstImport.counts()).added(), 0), total);
        assertEquals(Map.of(), again.feedsMoved());
        assertEquals(before, BookFingerprint.content(imported.dsl(), book));
    }

    /**
     * {@code model train} on the imported book (labels from its statements), its champions copied to the generated book (training
     * twice would double the slowest part of this test): every account scores the same on both books.
     */
    @Test
    void aModelTrainedOnTheImportedBookScoresEveryAccountAsOnTheGeneratedOne() {
        AuditLog audit = new AuditLog(BookImportServiceDbTest.CLOCK);
        ModelRepository models = new ModelRepository(imported, BookImportServiceDbTest.CLOCK);
        TrainingService.Report r = new TrainingService(imported, models, audit).train(TestOperators.manager(imported),
                new TrainingService.Options(0, 0, 300_000, 11), Progress.NONE);
        assertTrue(r.scorecardTest().auc() > 0.5, "out-of-time AUC " + r.scorecardTest().auc());
        var governance = new dev.riskdesk.scoring.governance.ModelGovernanceService(imported, models, audit, BookImportServiceDbTest.CLOCK);
        governance.requestPromotion(TestOperators.manager(imported), r.scorecardId(), "round trip");
        governance.requestPromotion(TestOperators.manager(imported), r.thinFileId(), "round trip");
        for (var model : imported.dsl().selectFrom(MODEL).fetch()) {
            model.changed(true);
            generated.dsl().insertInto(MODEL).set(model).execute();
        }
        Map<String, Integer> onImported = scores(imported);
        assertEquals(300, onImported.size());
        assertEquals(onImported, scores(generated));
    }

    /** Every account's score by the champions, by account number. */
    static Map<String, Integer> scores(Database db) {
        ScoringService scoring = new ScoringService(db, new ModelRepository(db, BookImportServiceDbTest.CLOCK));
        Map<String, Integer> scores = new TreeMap<>();
        for (Record2<Long, String> a : db.dsl().select(ACCOUNT.ID, ACCOUNT.ACCOUNT_NO).from(ACCOUNT).fetch()) {
            scores.put(a.value2(), scoring.scoreAccount(TestOperators.risk(imported), a.value1()).result().score());
        }
        return scores;
    }

    @Test
    void allButTheLastDayThenTheLastDaysDeltaGiveTheFullImport() throws IOException {
        LocalDateTime lastDay = AS_OF.minusDays(1).atStartOfDay();
        Path first = dir.resolve("first");
        Path delta = dir.resolve("delta");
        Files.createDirectories(first);
        Files.createDirectories(delta);
        List<String> deltaRepaymentAccounts = new ArrayList<>();
        for (BookKind kind : BookKind.values()) {
            Path file = export.resolve(kind.fileName());
            // a day's delta holds the events the lender's system received that day
            String time = kind.feed().isPresent() && kind != BookKind.BILLS ? "received_at" : null;
            if (time == null) {
                Files.copy(file, delta.resolve(kind.fileName()));
                if (kind == BookKind.FEEDS) {
                    // the first load covers a little less than the full book, so the delta moves every feed
                    split(file, first.resolve(kind.fileName()), null, r -> true, r -> earlier(r.get("as_of"), lastDay));
                } else {
                    Files.copy(file, first.resolve(kind.fileName()));
                }
            } else {
                split(file, first.resolve(kind.fileName()), delta.resolve(kind.fileName()), r -> at(r.get(time)).isBefore(lastDay), null);
                if (kind == BookKind.REPAYMENTS) {
                    readRows(delta.resolve(kind.fileName())).forEach(r -> deltaRepaymentAccounts.add(r.get("account_no")));
                }
            }
        }
        assertTrue(!deltaRepaymentAccounts.isEmpty(), "the last day has repayments");
        try (Database db = open("daily")) {
            LoadReport firstLoad = importFolder(db, first);
            assertEquals(Outcome.COMPLETED, firstLoad.outcome(), () -> firstLoad.problems().toString());
            db.dsl().execute("DELETE FROM CHANGED_ACCOUNT"); // as a policy run would after the first load
            LoadReport daily = importFolder(db, delta);
            assertEquals(Outcome.COMPLETED, daily.outcome(), () -> daily.problems().toString());
            for (BookKind master : List.of(BookKind.CUSTOMERS, BookKind.ACCOUNTS, BookKind.STATEMENTS, BookKind.BILLS)) {
                Counts c = daily.counts().get(master);
                assertEquals(0, c.added() + c.changed(), master + " unchanged in the delta: " + c);
            }
            assertEquals(BookFingerprint.figures(imported.dsl()), BookFingerprint.figures(db.dsl()));
            assertTrue(daily.feedsMoved().containsKey("REPAYMENTS"), daily.feedsMoved()::toString);
            DSLContext dsl = db.dsl();
            List<String> marked = dsl.fetch("SELECT A.ACCOUNT_NO FROM CHANGED_ACCOUNT C JOIN ACCOUNT A ON A.ID = C.ACCOUNT_ID").getValues(0, String.class);
            assertTrue(marked.containsAll(deltaRepaymentAccounts), "every account whose repayment arrived is re-evaluated");
        }
    }

    private static boolean earlier(String time, LocalDateTime limit) {
        return at(time).isBefore(limit);
    }

    private static LocalDateTime at(String time) {
        return LocalDateTime.parse(time.length() == 16 ? time + ":00" : time, java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }

    private static List<CSVRecord> readRows(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }

    /**
     * Writes the rows of {@code from} for which {@code keep} holds to {@code to} and the others to {@code rest} (if given);
     * with {@code asOfOnly}, rows are kept whole but an as_of after the limit is replaced by the limit (feeds of the first load).
     */
    private static void split(Path from, Path to, Path rest, java.util.function.Predicate<CSVRecord> keep,
            java.util.function.Predicate<CSVRecord> asOfOnly) throws IOException {
        List<CSVRecord> rows = readRows(from);
        List<String> header;
        try (Reader r = Files.newBufferedReader(from, StandardCharsets.UTF_8)) {
            header = CSVFormat.DEFAULT.builder().setHeader().build().parse(r).getHeaderNames();
        }
        try (Writer a = Files.newBufferedWriter(to, StandardCharsets.UTF_8);
             CSVPrinter keepOut = new CSVPrinter(a, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build());
             Writer b = rest == null ? Writer.nullWriter() : Files.newBufferedWriter(rest, StandardCharsets.UTF_8);
             CSVPrinter restOut = new CSVPrinter(b, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build())) {
            for (CSVRecord row : rows) {
                List<String> values = new ArrayList<>(row.toList());
                if (asOfOnly != null) {
                    LocalDateTime asOf = asOfOnly.test(row) ? at(row.get("as_of")) : AS_OF.minusDays(1).atStartOfDay();
                    values.set(header.indexOf("as_of"), asOf.minusMinutes(1).toString().replace('T', ' '));
                    keepOut.printRecord(values);
                } else if (keep.test(row)) {
                    keepOut.printRecord(values);
                } else {
                    restOut.printRecord(values);
                }
            }
        }
    }
}
