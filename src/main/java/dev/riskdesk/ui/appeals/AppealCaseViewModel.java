package dev.riskdesk.ui.appeals;

import dev.riskdesk.appeals.AppealServices;
import dev.riskdesk.appeals.AppealStatus;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.scoring.AccountScore;
import dev.riskdesk.scoring.ScoringService;
import dev.riskdesk.scoring.model.Explanation;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One appeal: the case with its data check, notes and earlier appeals, the score breakdown
 * (re-scored on demand), and the moves, decision, approval, notes and attachments. After each
 * change the case is read again, so the screen shows what the database holds.
 */
public final class AppealCaseViewModel {
    private final AppealServices service;
    private final ScoringService scoring;
    private final Session session;
    private final TaskRunner tasks;
    private final long appealId;
    private final ObjectProperty<Appeals.AppealCase> appeal = new SimpleObjectProperty<>(this, "appeal");
    private final ObjectProperty<Explanation> score = new SimpleObjectProperty<>(this, "score");
    private final ObjectProperty<UiText> scoreMessage = new SimpleObjectProperty<>(this, "scoreMessage");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");
    private final ObjectProperty<UiText> info = new SimpleObjectProperty<>(this, "info");

    public AppealCaseViewModel(AppealServices service, ScoringService scoring, Session session, TaskRunner tasks, long appealId) {
        this.service = service;
        this.scoring = scoring;
        this.session = session;
        this.tasks = tasks;
        this.appealId = appealId;
    }

    public ReadOnlyObjectProperty<Appeals.AppealCase> appealProperty() {
        return appeal;
    }

    public ReadOnlyObjectProperty<Explanation> scoreProperty() {
        return score;
    }

    public ReadOnlyObjectProperty<UiText> scoreMessageProperty() {
        return scoreMessage;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyObjectProperty<UiText> errorProperty() {
        return error;
    }

    public ReadOnlyObjectProperty<UiText> infoProperty() {
        return info;
    }

    /** The moves the operator's role may make from the current status (besides deciding). */
    public List<AppealStatus> moves() {
        Appeals.AppealCase c = appeal.get();
        if (c == null || c.pendingDecisionId() != null) {
            return List.of();
        }
        AppealStatus from = c.row().status();
        return from.next().stream().filter(to -> to != AppealStatus.DECIDED)
                .filter(to -> session.has(from.permissionTo(to))).sorted().toList();
    }

    public boolean canDecide() {
        Appeals.AppealCase c = appeal.get();
        if (c == null || c.pendingDecisionId() != null) {
            return false;
        }
        AppealStatus from = c.row().status();
        return from.canMoveTo(AppealStatus.DECIDED) && session.has(from.permissionTo(AppealStatus.DECIDED));
    }

    public boolean canApprove() {
        Appeals.AppealCase c = appeal.get();
        return c != null && c.pendingDecisionId() != null && session.has(Permission.LIMIT_APPROVE);
    }

    public boolean canClaim() {
        Appeals.AppealCase c = appeal.get();
        return c != null && c.row().status().open()
                && (c.row().assigneeId() == null || c.row().assigneeId() != session.operatorId());
    }

    public void reload() {
        loading.set(true);
        tasks.submit(p -> service.queries().detail(session, appealId), c -> {
            loading.set(false);
            appeal.set(c);
            if (score.get() == null && scoreMessage.get() == null) {
                rescore();
            }
        }, failure -> {
            loading.set(false);
            error.set(ErrorTexts.of(failure));
        });
    }

    /** Scores the account now with the champion (nothing is written). */
    public void rescore() {
        Appeals.AppealCase c = appeal.get();
        if (c == null) {
            return;
        }
        if (!session.has(Permission.MODEL_VIEW)) {
            scoreMessage.set(UiText.of("appeals.case.scoreNoPermission"));
            return;
        }
        scoreMessage.set(UiText.of("common.loading"));
        long accountId = c.row().accountId();
        tasks.submit(p -> {
            AccountScore s = scoring.scoreAccount(session, accountId);
            return s == null ? null : s.explanation();
        }, e -> {
            score.set(e);
            scoreMessage.set(e == null ? UiText.of("appeals.case.scoreNone") : null);
        }, failure -> scoreMessage.set(ErrorTexts.of(failure)));
    }

    private int version() {
        return appeal.get().row().version();
    }

    public void claim() {
        act(() -> service.workflow().claim(session, appealId, version()), null, refused -> { });
    }

    /** Moves the appeal; {@code answered} gets null once it is done, or the refusal's sentence (the dialog then keeps the note). */
    public void move(AppealStatus to, String note, Consumer<UiText> answered) {
        act(() -> service.workflow().move(session, appealId, version(), to, note), null, answered);
    }

    /** Decides the appeal; {@code answered} as for {@link #move}. */
    public void decide(Appeals.Decision decision, Consumer<UiText> answered) {
        tasks.submit(p -> service.workflow().decide(session, appealId, version(), decision), done -> {
            error.set(null);
            info.set(UiText.of(done ? "appeals.case.decided" : "appeals.case.awaitingApproval"));
            reload();
            answered.accept(null);
        }, failure -> {
            error.set(ErrorTexts.of(failure));
            answered.accept(error.get());
        });
    }

    /** Approves the lift the appeal waits for; {@code answered} as for {@link #move}. */
    public void approve(String note, String language, Consumer<UiText> answered) {
        act(() -> service.workflow().approveLift(session, appealId, version(), note, language), "appeals.case.decided", answered);
    }

    /** Appends a note; {@code added} runs once it is stored (a refused note stays where it was typed). */
    public void addNote(String body, Runnable added) {
        act(() -> service.workflow().addNote(session, appealId, body), null, refused -> {
            if (refused == null) {
                added.run();
            }
        });
    }

    /** Attaches a picked file, read off the FX thread; one that cannot be read goes as an empty file, which the service refuses in words. */
    public void addAttachment(File file) {
        act(() -> service.registration().addAttachment(session, appealId, readOrEmpty(file)), null, refused -> { });
    }

    /** Writes a copy of one attachment to {@code target}, off the FX thread; the read is audited by the service. */
    public void saveAttachment(long attachmentId, File target) {
        tasks.submit(p -> {
            Appeals.Attachment a = service.registration().readAttachment(session, attachmentId);
            try {
                java.nio.file.Files.write(target.toPath(), a.content());
            } catch (IOException ex) {
                throw dev.riskdesk.common.UserFacingException.keyed("appeal.attachmentNotSaved", "The file " + target + " could not be written.", ex, target.getName());
            }
            return a.fileName();
        }, saved -> {
            error.set(null);
            info.set(UiText.of("appeals.case.fileSaved", target.getName()));
        }, failure -> error.set(ErrorTexts.of(failure)));
    }

    private static Appeals.Attachment readOrEmpty(File file) {
        try {
            return AppealAttachments.read(file);
        } catch (IOException | RuntimeException ex) {
            return new Appeals.Attachment(file.getName(), "application/octet-stream", new byte[0]);
        }
    }

    private void act(Runnable change, String infoKey, Consumer<UiText> answered) {
        tasks.submit(p -> {
            change.run();
            return null;
        }, done -> {
            error.set(null);
            info.set(infoKey == null ? null : UiText.of(infoKey));
            reload();
            answered.accept(null);
        }, failure -> {
            error.set(ErrorTexts.of(failure));
            answered.accept(error.get());
        });
    }
}
