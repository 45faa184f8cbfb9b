package dev.riskdesk.ui.appeals;

import dev.riskdesk.appeals.AppealOutcome;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.common.TextLimit;
import java.math.BigDecimal;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The decide-appeal form: outcome, the new limit of a partial lift, reason, note, identity
 * re-verification (fraud) and the notice language. OK is allowed once outcome, reason and note
 * are there (and the limit for a partial lift) and the note fits {@link TextLimit#APPEAL_DECISION_NOTE};
 * the service judges the limit itself.
 */
public final class AppealDecisionForm {
    private final Appeals.AppealCase appeal;
    private final ObjectProperty<AppealOutcome> outcome = new SimpleObjectProperty<>(this, "outcome");
    private final StringProperty limit = new SimpleStringProperty(this, "limit", "");
    private final StringProperty reason = new SimpleStringProperty(this, "reason");
    private final StringProperty note = new SimpleStringProperty(this, "note", "");
    private final BooleanProperty identityVerified = new SimpleBooleanProperty(this, "identityVerified");
    private final StringProperty language = new SimpleStringProperty(this, "language", "zh_CN");
    private final BooleanBinding ready;

    public AppealDecisionForm(Appeals.AppealCase appeal) {
        this.appeal = appeal;
        if (appeal.dataCheck().stale()) {
            reason.set("APPEAL_STALE_DATA");
        }
        ready = outcome.isNotNull().and(reason.isNotNull()).and(note.isNotEmpty())
                .and(Bindings.createBooleanBinding(() -> TextLimit.APPEAL_DECISION_NOTE.fits(note.get()), note))
                .and(outcome.isEqualTo(AppealOutcome.PARTIALLY_LIFTED).and(limit.isEmpty()).not());
    }

    public Appeals.AppealCase appeal() {
        return appeal;
    }

    public List<AppealOutcome> outcomes() {
        return List.of(AppealOutcome.values());
    }

    public List<String> reasons() {
        return AppealOutcome.REASON_CODES;
    }

    public List<String> languages() {
        return List.of("zh_CN", "en");
    }

    /** Identity re-verification is asked for, and explained, only on a fraud appeal. */
    public boolean fraud() {
        return appeal.fraud();
    }

    public ObjectProperty<AppealOutcome> outcomeProperty() {
        return outcome;
    }

    public StringProperty limitProperty() {
        return limit;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public StringProperty noteProperty() {
        return note;
    }

    public BooleanProperty identityVerifiedProperty() {
        return identityVerified;
    }

    public StringProperty languageProperty() {
        return language;
    }

    public BooleanBinding readyProperty() {
        return ready;
    }

    /** The decision as the form stands; a limit that is not a number goes as -1, which the service refuses with a sentence. */
    public Appeals.Decision decision() {
        BigDecimal newLimit = null;
        if (outcome.get() == AppealOutcome.PARTIALLY_LIFTED) {
            try {
                newLimit = new BigDecimal(limit.get().trim().replace(",", ""));
            } catch (NumberFormatException e) {
                newLimit = BigDecimal.valueOf(-1);
            }
        }
        return new Appeals.Decision(outcome.get(), newLimit, reason.get(), note.get(), identityVerified.get(), language.get());
    }
}
