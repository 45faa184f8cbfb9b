package dev.riskdesk.ui.backup;

import dev.riskdesk.backup.BackupService;
import dev.riskdesk.backup.BackupService.Summary;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.RunProgress;
import dev.riskdesk.ui.common.UiText;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Backup screen for administrators: a backup of the open database to a new file, and a restore of a
 * backup into a new database. Both run in the background, report progress and can be cancelled; one at a time.
 */
public final class BackupViewModel {
    private final BackupService service;
    private final Session session;
    private final TaskRunner tasks;

    private final StringProperty backupFile = new SimpleStringProperty(this, "backupFile", "");
    private final StringProperty restoreFrom = new SimpleStringProperty(this, "restoreFrom", "");
    private final StringProperty restoreInto = new SimpleStringProperty(this, "restoreInto", "");
    // an encrypted backup: on by default, and required, when the database file itself is encrypted
    private final BooleanProperty encrypt = new SimpleBooleanProperty(this, "encrypt");
    private final StringProperty backupPassword = new SimpleStringProperty(this, "backupPassword", "");
    private final StringProperty backupPasswordAgain = new SimpleStringProperty(this, "backupPasswordAgain", "");
    private final StringProperty restorePassword = new SimpleStringProperty(this, "restorePassword", "");
    private final boolean databaseEncrypted;
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final ObjectProperty<UiText> message = new SimpleObjectProperty<>(this, "message");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");
    private volatile RunProgress current;

    public BackupViewModel(BackupService service, Session session, TaskRunner tasks) {
        this.service = service;
        this.session = session;
        this.tasks = tasks;
        this.databaseEncrypted = service.databaseEncrypted();
        encrypt.set(databaseEncrypted);
    }

    /** True when the open database file is encrypted: its backups must be too (the choice is fixed on). */
    public boolean databaseEncrypted() {
        return databaseEncrypted;
    }

    public BooleanProperty encryptProperty() {
        return encrypt;
    }

    public StringProperty backupPasswordProperty() {
        return backupPassword;
    }

    public StringProperty backupPasswordAgainProperty() {
        return backupPasswordAgain;
    }

    /** The backup password of the backup to restore; left empty for a plain backup. */
    public StringProperty restorePasswordProperty() {
        return restorePassword;
    }

    public StringProperty backupFileProperty() {
        return backupFile;
    }

    public StringProperty restoreFromProperty() {
        return restoreFrom;
    }

    public StringProperty restoreIntoProperty() {
        return restoreInto;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    /** What the last backup or restore did (written to, restored into, cancelled). */
    public ReadOnlyObjectProperty<UiText> messageProperty() {
        return message;
    }

    public ReadOnlyObjectProperty<UiText> errorProperty() {
        return error;
    }

    public BooleanBinding canBackUp() {
        return Bindings.createBooleanBinding(() -> !running.get() && !backupFile.get().isBlank()
                && (!encrypt.get() || !backupPassword.get().isEmpty() && !backupPasswordAgain.get().isEmpty()),
                running, backupFile, encrypt, backupPassword, backupPasswordAgain);
    }

    public BooleanBinding canRestore() {
        return Bindings.createBooleanBinding(() -> !running.get() && !restoreFrom.get().isBlank() && !restoreInto.get().isBlank(),
                running, restoreFrom, restoreInto);
    }

    /** Writes the backup to the chosen file; {@code shown} is the window's progress. */
    public void backUp(Progress shown) {
        Path file = path(backupFile.get(), "backup.error.path");
        if (file == null) {
            return;
        }
        char[] password = null;
        if (encrypt.get()) {
            if (!backupPassword.get().equals(backupPasswordAgain.get())) {
                error.set(UiText.of("backup.error.passwordMismatch"));
                return;
            }
            password = backupPassword.get().toCharArray();
        }
        char[] given = password;
        start(shown, run -> service.backup(session, file, given, run),
                done -> UiText.of(given == null ? "backup.done" : "backup.doneEncrypted", done.rows(), done.rowCounts().size(), done.file().toString()));
    }

    /** Restores the chosen backup into the chosen new database. */
    public void restore(Progress shown) {
        Path from = path(restoreFrom.get(), "backup.error.path");
        Path into = path(restoreInto.get(), "backup.error.path");
        if (from == null || into == null) {
            return;
        }
        char[] password = restorePassword.get().isEmpty() ? null : restorePassword.get().toCharArray();
        start(shown, run -> service.restoreInto(session, from, into, password, run), done -> done.chain().intact()
                ? UiText.of("backup.restored", done.rows(), done.rowCounts().size(), done.file().toString(), done.chain().events())
                : UiText.of("backup.restoredBroken", done.rows(), done.rowCounts().size(), done.file().toString(),
                        String.valueOf(done.chain().broken().eventId())));
    }

    /** Stops the backup or restore that runs; nothing it wrote is kept. */
    public void cancel() {
        RunProgress run = current;
        if (run != null) {
            run.cancel();
        }
    }

    private Path path(String text, String errorKey) {
        try {
            return Path.of(text.strip());
        } catch (InvalidPathException e) {
            error.set(UiText.of(errorKey, text));
            return null;
        }
    }

    private void start(Progress shown, TaskRunner.Work<Summary> work, java.util.function.Function<Summary, UiText> success) {
        RunProgress run = new RunProgress(shown);
        current = run;
        running.set(true);
        message.set(null);
        error.set(null);
        tasks.submit(progress -> work.run(run), done -> {
            finish(run);
            message.set(success.apply(done));
        }, failure -> {
            finish(run);
            if (failure instanceof Progress.CancelledException) {
                message.set(UiText.of("backup.cancelled"));
            } else {
                error.set(ErrorTexts.of(failure));
            }
        });
    }

    private void finish(RunProgress run) {
        if (current == run) {
            current = null;
        }
        running.set(false);
    }
}
