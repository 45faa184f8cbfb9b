package dev.riskdesk.ui.score;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.scoring.ScoreBreakdown;
import dev.riskdesk.scoring.ScoringService;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/** One account's score breakdown, read off the FX thread when the Score tab is first opened. */
public final class ScoreViewModel {
    private final ScoringService scoring;
    private final Session session;
    private final TaskRunner tasks;
    private final long accountId;
    private final ObjectProperty<ScoreBreakdown> breakdown = new SimpleObjectProperty<>(this, "breakdown");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");

    public ScoreViewModel(ScoringService scoring, Session session, TaskRunner tasks, long accountId) {
        this.scoring = scoring;
        this.session = session;
        this.tasks = tasks;
        this.accountId = accountId;
    }

    public ObjectProperty<ScoreBreakdown> breakdownProperty() {
        return breakdown;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public ObjectProperty<UiText> errorProperty() {
        return error;
    }

    public void load() {
        loading.set(true);
        tasks.submit(progress -> scoring.breakdown(session, accountId), b -> {
            loading.set(false);
            error.set(null);
            breakdown.set(b);
        }, failure -> {
            loading.set(false);
            error.set(ErrorTexts.of(failure));
        });
    }
}
