package dev.riskdesk.ui.data;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.exchange.BookKind;
import dev.riskdesk.exchange.load.LoadProblem;
import dev.riskdesk.exchange.load.LoadReport;
import dev.riskdesk.exchange.load.LoadRequest;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.RunProgress;
import dev.riskdesk.ui.common.UiText;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The import wizard: choose a folder (or one file and its kind) and the options, check the files
 * (nothing is written), see every problem, then import. Import stays disabled while the check found
 * problems unless "accept partial" is ticked; changing the source or the encoding asks for a new
 * check. Checking and importing run in the background, report progress and can be cancelled; a
 * finished import refreshes the Data screen.
 */
public final class ImportWizardModel {
    /** One call of the import service (its validate or its load). */
    @FunctionalInterface
    public interface ImportCall {
        LoadReport run(Session session, LoadRequest request, Progress progress);
    }

    /**
     * The import service as the wizard uses it: its check (validate) and its load, and the folder
     * the reject files go to (created when needed; one file per check or import, named after the source).
     */
    public record Importer(ImportCall validate, ImportCall load, Path rejectsFolder) {
    }

    /** Where the wizard is. */
    public enum Step { CHOOSE, CHECKING, CHECKED, IMPORTING, IMPORTED }

    /** The encoding the files are read in: detected per file, or forced. */
    public enum Encoding {
        AUTO(null), UTF_8(StandardCharsets.UTF_8), GB18030(Charset.forName("GB18030"));

        private final Charset charset;

        Encoding(Charset charset) {
            this.charset = charset;
        }

        public Charset charset() {
            return charset;
        }
    }

    /** One file of the check or the import: its kind and name, what it would do (or did), and how many problems it has. */
    public record FileLine(BookKind kind, String fileName, LoadReport.Counts counts, long problems) {
    }

    private final Importer importer;
    private final Session session;
    private final TaskRunner tasks;
    private final Runnable onImported;

    private final ObjectProperty<Path> source = new SimpleObjectProperty<>(this, "source");
    private final BooleanProperty singleFile = new SimpleBooleanProperty(this, "singleFile");
    private final ObjectProperty<BookKind> kind = new SimpleObjectProperty<>(this, "kind");
    private final ObjectProperty<Encoding> encoding = new SimpleObjectProperty<>(this, "encoding", Encoding.AUTO);
    private final BooleanProperty acceptPartial = new SimpleBooleanProperty(this, "acceptPartial");
    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(this, "step", Step.CHOOSE);
    private final ObjectProperty<LoadReport> checked = new SimpleObjectProperty<>(this, "checked");
    private final ObjectProperty<LoadReport> imported = new SimpleObjectProperty<>(this, "imported");
    private final ObservableList<LoadProblem> problems = FXCollections.observableArrayList();
    private final ObservableList<FileLine> files = FXCollections.observableArrayList();
    private final ObjectProperty<UiText> message = new SimpleObjectProperty<>(this, "message");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");
    private final BooleanBinding canCheck;
    private final BooleanBinding canImport;
    private final BooleanBinding busy;

    private LoadRequest request;
    private RunProgress running;

    public ImportWizardModel(Importer importer, Session session, TaskRunner tasks, Runnable onImported) {
        this.importer = importer;
        this.session = session;
        this.tasks = tasks;
        this.onImported = onImported;
        busy = step.isEqualTo(Step.CHECKING).or(step.isEqualTo(Step.IMPORTING));
        canCheck = source.isNotNull().and(singleFile.not().or(kind.isNotNull())).and(busy.not());
        canImport = Bindings.createBooleanBinding(() -> step.get() == Step.CHECKED && checked.get() != null
                && (problems.isEmpty() || acceptPartial.get()) && hasValidRows(checked.get()), step, checked, problems, acceptPartial);
        source.addListener((obs, old, now) -> {
            if (now != null && singleFile.get()) {
                kind.set(guessKind(now).orElse(kind.get()));
            }
            checkAgain();
        });
        singleFile.addListener((obs, old, now) -> checkAgain());
        kind.addListener((obs, old, now) -> checkAgain());
        encoding.addListener((obs, old, now) -> checkAgain());
    }

    /** A folder, or one file when {@link #singleFileProperty()} is set. */
    public ObjectProperty<Path> sourceProperty() {
        return source;
    }

    public BooleanProperty singleFileProperty() {
        return singleFile;
    }

    /** The kind of the single file (guessed from its name: {@code repayments.csv} is repayments). */
    public ObjectProperty<BookKind> kindProperty() {
        return kind;
    }

    public ObjectProperty<Encoding> encodingProperty() {
        return encoding;
    }

    public BooleanProperty acceptPartialProperty() {
        return acceptPartial;
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step;
    }

    /** Every problem of the last check (or of the import, if it found more). */
    public ObservableList<LoadProblem> problems() {
        return problems;
    }

    /** What a problem says, in the operator's language: its bundle key, or its English sentence when it has none. */
    public static UiText text(LoadProblem problem) {
        return problem.key() == null ? UiText.literal(problem.message()) : UiText.of(problem.key(), problem.args().toArray());
    }

    /** The files of the last check or import with their counts. */
    public ObservableList<FileLine> files() {
        return files;
    }

    /** The last check's report (null before a check, and after the choice changed). */
    public ReadOnlyObjectProperty<LoadReport> checkedProperty() {
        return checked;
    }

    /** The import's report once it ran. */
    public ReadOnlyObjectProperty<LoadReport> importedProperty() {
        return imported;
    }

    /** What the wizard has to say about its step (cancelled, nothing to import, exported to …). */
    public ReadOnlyObjectProperty<UiText> messageProperty() {
        return message;
    }

    /** A failure, as one sentence. */
    public ReadOnlyObjectProperty<UiText> errorProperty() {
        return error;
    }

    public BooleanBinding canCheckProperty() {
        return canCheck;
    }

    public BooleanBinding canImportProperty() {
        return canImport;
    }

    /** True while a check or an import runs. */
    public BooleanBinding busyProperty() {
        return busy;
    }

    /** True when there are problems to export and nothing runs. */
    public BooleanBinding canExportProperty() {
        return Bindings.isNotEmpty(problems).and(busy.not());
    }

    /** Checks the chosen files without writing anything; {@code shown} is the progress the window shows. */
    public void check(Progress shown) {
        if (!canCheck.get()) {
            return;
        }
        Path chosen = source.get();
        boolean one = singleFile.get();
        BookKind oneKind = kind.get();
        Charset charset = encoding.get().charset();
        start(Step.CHECKING, shown);
        RunProgress run = running;
        tasks.submit(p -> {
            LoadRequest dry = request(chosen, one, oneKind, charset, rejects("check"));
            return new Checked(dry, importer.validate().run(session, dry, run));
        }, (Checked done) -> {
            if (run != running) {
                return;
            }
            running = null;
            request = done.request();
            checked.set(done.report());
            show(done.request(), done.report());
            message.set(done.report().problems().isEmpty() ? UiText.of("data.import.checkedClean")
                    : UiText.of("data.import.checkedProblems", done.report().problems().size()));
            step.set(Step.CHECKED);
        }, failure -> failed(run, failure, Step.CHOOSE));
    }

    /** Imports what was checked, with the options as they are now. */
    public void importBook(Progress shown) {
        if (!canImport.get()) {
            return;
        }
        LoadRequest checkedRequest = request;
        boolean partial = acceptPartial.get();
        start(Step.IMPORTING, shown);
        RunProgress run = running;
        tasks.submit(p -> {
            LoadRequest real = new LoadRequest(checkedRequest.sourceName(), checkedRequest.files(), checkedRequest.encoding(),
                    checkedRequest.asOf(), false, partial, rejects("import"));
            return importer.load().run(session, real, run);
        }, (LoadReport done) -> {
            if (run != running) {
                return;
            }
            running = null;
            imported.set(done);
            show(checkedRequest, done);
            message.set(UiText.of("data.import.done." + done.outcome().name()));
            step.set(done.outcome() == LoadReport.Outcome.REJECTED ? Step.CHECKED : Step.IMPORTED);
            onImported.run();
        }, failure -> failed(run, failure, Step.CHECKED));
    }

    /** Asks the running check or import to stop at its next safe point; an import then writes nothing. */
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    /**
     * Copies the last check's reject file (every problem as CSV: file, line, column, value, message;
     * written by the import service) to {@code target}, off the FX thread.
     */
    public void exportProblems(Path target) {
        LoadReport report = checked.get() != null ? checked.get() : imported.get();
        if (report == null || report.rejectFile() == null) {
            return;
        }
        Path rejects = Path.of(report.rejectFile());
        int count = report.problems().size();
        tasks.submit(p -> Files.copy(rejects, target, StandardCopyOption.REPLACE_EXISTING), written -> {
            error.set(null);
            message.set(UiText.of("data.import.exported", count, written.getFileName().toString()));
        }, failure -> error.set(failure instanceof IOException
                ? UiText.of("data.import.exportFailed", target.getFileName().toString()) : ErrorTexts.of(failure)));
    }

    private void start(Step busy, Progress shown) {
        error.set(null);
        message.set(null);
        running = new RunProgress(shown);
        step.set(busy);
    }

    private void failed(RunProgress run, Throwable failure, Step back) {
        if (run != running) {
            return;
        }
        running = null;
        step.set(back);
        if (failure instanceof Progress.CancelledException) {
            message.set(UiText.of(back == Step.CHOOSE ? "data.import.checkCancelled" : "data.import.importCancelled"));
        } else {
            error.set(ErrorTexts.of(failure));
        }
    }

    /** A new choice: the last check no longer holds. */
    private void checkAgain() {
        if (step.get() == Step.CHECKING || step.get() == Step.IMPORTING) {
            cancel();
            running = null;
        }
        request = null;
        checked.set(null);
        imported.set(null);
        problems.clear();
        files.clear();
        message.set(null);
        error.set(null);
        step.set(Step.CHOOSE);
    }

    private void show(LoadRequest shownRequest, LoadReport report) {
        problems.setAll(report.problems());
        List<FileLine> lines = new ArrayList<>();
        for (BookKind k : BookKind.values()) {
            Path file = shownRequest.files().get(k);
            if (file != null) {
                String name = file.getFileName().toString();
                long count = report.problems().stream().filter(pr -> name.equals(pr.file())).count();
                lines.add(new FileLine(k, name, report.counts().getOrDefault(k, new LoadReport.Counts(0, 0, 0, 0)), count));
            }
        }
        files.setAll(lines);
    }

    private static boolean hasValidRows(LoadReport report) {
        return report.counts().values().stream().anyMatch(c -> c.added() + c.changed() + c.unchanged() > 0);
    }

    /** The request for the chosen folder or file; a folder without any book file is said so. Runs off the FX thread. */
    static LoadRequest request(Path chosen, boolean one, BookKind oneKind, Charset charset, Path rejectFile) {
        Map<BookKind, Path> found = new EnumMap<>(BookKind.class);
        if (one) {
            if (!Files.isRegularFile(chosen)) {
                throw UserFacingException.keyed("importWizard.noFile", "The file " + chosen.getFileName() + " does not exist.",
                        chosen.getFileName().toString());
            }
            found.put(oneKind, chosen);
        } else {
            for (BookKind k : BookKind.values()) {
                Path file = chosen.resolve(k.fileName());
                if (Files.isRegularFile(file)) {
                    found.put(k, file);
                }
            }
            if (found.isEmpty()) {
                throw UserFacingException.keyed("importWizard.emptyFolder", "The folder " + chosen.getFileName()
                        + " holds none of the book files (customers.csv, accounts.csv, …).", chosen.getFileName().toString());
            }
        }
        Path name = chosen.getFileName();
        return new LoadRequest(name == null ? chosen.toString() : name.toString(), found, charset, null, true, false, rejectFile);
    }

    /** A new reject file's path in the rejects folder: {@code <time>-<what>.csv}. Runs off the FX thread. */
    private Path rejects(String what) throws IOException {
        Path folder = Files.createDirectories(importer.rejectsFolder());
        String stem = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + what;
        Path file = folder.resolve(stem + ".csv");
        for (int n = 2; Files.exists(file); n++) {
            file = folder.resolve(stem + "-" + n + ".csv");
        }
        return file;
    }

    /** The kind whose file name this is ({@code bills.csv} → bills), if any. */
    static Optional<BookKind> guessKind(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return BookKind.byCliName((dot < 0 ? name : name.substring(0, dot)).toLowerCase(java.util.Locale.ROOT));
    }

    private record Checked(LoadRequest request, LoadReport report) {
    }
}
