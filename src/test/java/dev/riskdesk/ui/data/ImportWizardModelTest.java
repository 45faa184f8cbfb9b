package dev.riskdesk.ui.data;

import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.DATA_LOAD;
import static dev.riskdesk.db.schema.Tables.REPAYMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.TestServices;
import dev.riskdesk.common.Messages;
import dev.riskdesk.common.Progress;
import dev.riskdesk.exchange.BookKind;
import dev.riskdesk.exchange.load.LoadProblem;
import dev.riskdesk.exchange.load.LoadReport.Outcome;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.shell.ShellViewModel;
import dev.riskdesk.ui.data.ImportWizardModel.Encoding;
import dev.riskdesk.ui.data.ImportWizardModel.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import wizard's steps on a real database with the real import service and the sample book:
 * a check writes nothing; problems keep Import disabled until a partial load is accepted; cancel
 * stops a run and writes nothing; a finished import refreshes the Data screen.
 */
@Tag("db")
class ImportWizardModelTest {
    static final Path SAMPLES = Path.of("data", "samples");

    @TempDir
    Path dir;

    private static DataViewModel screen(TestServices t, String role) {
        return DataViewModelTest.screen(t, role);
    }

    @Test
    void aCleanBookChecksWithoutWritingThenImportsAndTheScreenShowsTheLoad() throws IOException {
        Path book = copyOfSamples();
        try (TestServices t = TestServices.fresh(dir.resolve("db"))) {
            DataViewModel screen = screen(t, "manager");
            screen.reload();
            assertTrue(screen.loads().isEmpty());
            ImportWizardModel wizard = screen.newImport();
            assertFalse(wizard.canCheckProperty().get(), "nothing chosen yet");
            wizard.sourceProperty().set(book);
            assertTrue(wizard.canCheckProperty().get());

            wizard.check(Progress.NONE);
            assertEquals(Step.CHECKED, wizard.stepProperty().get());
            assertNull(wizard.errorProperty().get());
            assertTrue(wizard.problems().isEmpty(), () -> wizard.problems().toString());
            assertEquals(0, t.db.dsl().fetchCount(CUSTOMER), "a check writes nothing");
            assertEquals(0, t.db.dsl().fetchCount(DATA_LOAD), "a check records no load");
            long customers = lines(book.resolve("customers.csv")) - 1;
            var customerFile = wizard.files().stream().filter(f -> f.kind() == BookKind.CUSTOMERS).findFirst().orElseThrow();
            assertEquals(customers, customerFile.counts().added(), "the check says what the import would add");
            assertTrue(wizard.canImportProperty().get());

            wizard.importBook(Progress.NONE);
            assertEquals(Step.IMPORTED, wizard.stepProperty().get());
            assertEquals(Outcome.COMPLETED, wizard.importedProperty().get().outcome());
            assertEquals(customers, t.db.dsl().fetchCount(CUSTOMER));
            assertFalse(wizard.canImportProperty().get(), "imported once");
            assertEquals(1, screen.loads().size(), "the Data screen refreshed after the import");
            assertEquals(Outcome.COMPLETED, screen.loads().get(0).outcome());
            assertEquals(book.getFileName().toString(), screen.loads().get(0).sourceName());
            assertEquals(wizard.files().size(), screen.files().size(), "one recorded file per file loaded");
            assertFalse(screen.feeds().isEmpty(), "the load moved the feeds");
        }
    }

    @Test
    void theShellsDataAsOfFollowsAnImportFromTheWizard() throws IOException {
        Path book = copyOfSamples();
        try (TestServices t = TestServices.fresh(dir.resolve("db"))) {
            Session session = t.login("manager");
            ShellViewModel shell = new ShellViewModel(session, List.of(), "test", t.services.portfolioSummary()::dataAsOf,
                    t.services.tasks(), s -> { });
            shell.refreshStatus();
            assertNull(shell.dataAsOfProperty().get(), "an empty book has no as-of");
            DataViewModel screen = new DataViewModel(t.services.dataHistory(), new ImportWizardModel.Importer(t.services.bookImport()::validate,
                    t.services.bookImport()::load, t.services.importRejectsFolder()), session, t.services.tasks(), shell::refreshStatus);
            ImportWizardModel wizard = screen.newImport();
            wizard.sourceProperty().set(book);
            wizard.check(Progress.NONE);
            assertNull(shell.dataAsOfProperty().get(), "a check changes nothing");
            wizard.importBook(Progress.NONE);
            assertEquals(Outcome.COMPLETED, wizard.importedProperty().get().outcome());
            assertEquals(t.services.portfolioSummary().dataAsOf(), shell.dataAsOfProperty().get());
            assertTrue(shell.dataAsOfProperty().get() != null, "the status bar shows the imported book's as-of");
        }
    }

    @Test
    void problemsKeepImportDisabledUntilAPartialLoadIsAccepted() throws IOException {
        Path book = copyOfSamples();
        long badLine = breakOneRepayment(book);
        try (TestServices t = TestServices.fresh(dir.resolve("db"))) {
            DataViewModel screen = screen(t, "admin");
            ImportWizardModel wizard = screen.newImport();
            wizard.sourceProperty().set(book);
            wizard.check(Progress.NONE);

            assertEquals(Step.CHECKED, wizard.stepProperty().get());
            LoadProblem problem = wizard.problems().stream().filter(p -> p.file().equals("repayments.csv")).findFirst().orElseThrow();
            assertEquals(badLine, problem.line());
            assertEquals("amount", problem.column());
            assertEquals("twelve", problem.value());
            String english = ImportWizardModel.text(problem).render(new I18n(Messages.ENGLISH));
            assertEquals(problem.message(), english, "the English screen shows the sentence the CLI and reject file show");
            String chinese = ImportWizardModel.text(problem).render(new I18n(Messages.CHINESE));
            assertTrue(chinese.contains("人民币金额") && chinese.contains("12"), "the Chinese screen shows the problem in Chinese: " + chinese);
            assertEquals("a sentence without a key", ImportWizardModel.text(new LoadProblem("x.csv", 0, "", "", "a sentence without a key"))
                    .render(new I18n(Messages.CHINESE)));
            var repayments = wizard.files().stream().filter(f -> f.kind() == BookKind.REPAYMENTS).findFirst().orElseThrow();
            assertEquals(1, repayments.problems());
            assertFalse(wizard.canImportProperty().get(), "problems: no import unless partial is accepted");
            Path rejects = Path.of(wizard.checkedProperty().get().rejectFile());
            assertEquals(t.services.importRejectsFolder(), rejects.getParent(), "rejects beside the database, never beside the files");
            assertTrue(wizard.canExportProperty().get());

            Path exported = dir.resolve("problems.csv");
            wizard.exportProblems(exported);
            assertNull(wizard.errorProperty().get());
            String csv = Files.readString(exported, StandardCharsets.UTF_8);
            assertTrue(csv.contains("repayments.csv," + badLine + ",amount,twelve,"), csv);

            wizard.acceptPartialProperty().set(true);
            assertTrue(wizard.canImportProperty().get());
            wizard.importBook(Progress.NONE);
            assertEquals(Step.IMPORTED, wizard.stepProperty().get());
            assertEquals(Outcome.PARTIAL, wizard.importedProperty().get().outcome());
            assertEquals(lines(book.resolve("repayments.csv")) - 2, t.db.dsl().fetchCount(REPAYMENT), "every repayment but the bad one");
            assertEquals(Outcome.PARTIAL, screen.loads().get(0).outcome());
            assertEquals(1, screen.loads().get(0).rowsRejected());
            assertEquals(t.services.importRejectsFolder(), Path.of(screen.loads().get(0).rejectFile()).getParent());
            try (Stream<Path> left = Files.list(book)) {
                assertEquals(sampleNames(), left.map(f -> f.getFileName().toString()).sorted().toList(), "the book folder only read");
            }
        }
    }

    @Test
    void aNewChoiceAsksForANewCheck() throws IOException {
        Path book = copyOfSamples();
        try (TestServices t = TestServices.fresh(dir.resolve("db"))) {
            ImportWizardModel wizard = screen(t, "manager").newImport();
            wizard.sourceProperty().set(book);
            wizard.check(Progress.NONE);
            assertTrue(wizard.canImportProperty().get());
            wizard.encodingProperty().set(Encoding.UTF_8);
            assertEquals(Step.CHOOSE, wizard.stepProperty().get());
            assertFalse(wizard.canImportProperty().get(), "checked with other options");
            assertTrue(wizard.files().isEmpty());

            wizard.singleFileProperty().set(true);
            assertFalse(wizard.canCheckProperty().get(), "one file needs its kind");
            wizard.sourceProperty().set(book.resolve("repayments.csv"));
            assertEquals(BookKind.REPAYMENTS, wizard.kindProperty().get(), "the kind from the file's name");
            assertTrue(wizard.canCheckProperty().get());
        }
    }

    @Test
    void aFolderWithoutBookFilesIsSaidInOneSentence() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("nothing-here"));
        try (TestServices t = TestServices.fresh(dir.resolve("db"))) {
            ImportWizardModel wizard = screen(t, "manager").newImport();
            wizard.sourceProperty().set(empty);
            wizard.check(Progress.NONE);
            assertEquals(Step.CHOOSE, wizard.stepProperty().get());
            assertEquals("error.importWizard.emptyFolder", wizard.errorProperty().get().key());
        }
    }

    @Test
    void cancelStopsTheCheckAndTheImportAndNothingIsWritten() throws IOException {
        Path book = copyOfSamples();
        try (TestServices t = TestServices.fresh(dir.resolve("db"))) {
            ImportWizardModel wizard = screen(t, "manager").newImport();
            Progress cancelling = new Progress() {
                @Override
                public void update(String message, long done, long total) {
                    wizard.cancel(); // the operator presses Cancel as soon as the first progress shows
                }
            };
            wizard.sourceProperty().set(book);
            wizard.check(cancelling);
            assertEquals(Step.CHOOSE, wizard.stepProperty().get());
            assertEquals("data.import.checkCancelled", wizard.messageProperty().get().key());
            assertNull(wizard.errorProperty().get());

            wizard.check(Progress.NONE);
            assertTrue(wizard.canImportProperty().get());
            wizard.importBook(cancelling);
            assertEquals(Step.CHECKED, wizard.stepProperty().get(), "back to the checked files");
            assertEquals("data.import.importCancelled", wizard.messageProperty().get().key());
            assertEquals(0, t.db.dsl().fetchCount(CUSTOMER), "a cancelled import writes nothing");
            assertTrue(wizard.canImportProperty().get(), "and can be started again");
        }
    }

    @Test
    void anAgentCannotCheck() throws IOException {
        Path book = copyOfSamples();
        try (TestServices t = TestServices.fresh(dir.resolve("db"))) {
            ImportWizardModel wizard = screen(t, "agent").newImport();
            wizard.sourceProperty().set(book);
            wizard.check(Progress.NONE);
            assertEquals("common.error.denied", wizard.errorProperty().get().key());
            assertEquals(Step.CHOOSE, wizard.stepProperty().get());
        }
    }

    /** The sample book copied to a folder of the test's own (the samples themselves are never touched). */
    private Path copyOfSamples() throws IOException {
        Path book = Files.createDirectories(dir.resolve("book-sample"));
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, book.resolve(f.getFileName()));
            }
        }
        return book;
    }

    private static List<String> sampleNames() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Makes the last repayment's amount a word; returns that line's number (1 is the header). */
    static long breakOneRepayment(Path book) throws IOException {
        Path file = book.resolve("repayments.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        int last = lines.size() - 1;
        String[] cells = lines.get(last).split(",", -1);
        cells[3] = "twelve"; // repayment_id,account_no,statement_month,amount,...
        lines.set(last, String.join(",", cells));
        Files.write(file, lines, StandardCharsets.UTF_8);
        return last + 1;
    }

    private static long lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).count();
    }
}
