package dev.riskdesk.ui.review;

import dev.riskdesk.common.TextLimit;
import dev.riskdesk.limits.review.ProposalQueueService.Detail;
import dev.riskdesk.limits.review.ProposalQueueService;
import dev.riskdesk.ui.common.Formats;
import dev.riskdesk.ui.common.UiText;
import java.math.BigDecimal;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The fields of a confirm, override, reject, approve or decline dialog, validated as the
 * operator types: the first problem is shown in words and OK stays disabled until there is
 * none (a note longer than {@link TextLimit#DECISION_NOTE} is one, in the service's sentence).
 * The service checks everything again; this only saves a round trip.
 */
public final class DecisionForm {
    public enum Action {
        CONFIRM, OVERRIDE, REJECT, APPROVE, DECLINE;

        public boolean hasAmount() {
            return this == OVERRIDE;
        }

        public boolean needsReason() {
            return this == OVERRIDE || this == REJECT;
        }

        public boolean needsNote() {
            return this == OVERRIDE || this == DECLINE;
        }
    }

    private final Action action;
    private final Detail detail;
    private final Formats formats;
    private final StringProperty amount = new SimpleStringProperty(this, "amount", "");
    private final StringProperty reason = new SimpleStringProperty(this, "reason", "");
    private final StringProperty note = new SimpleStringProperty(this, "note", "");
    private final ObjectBinding<UiText> problem;
    private final ObjectBinding<UiText> approvalHint;

    /** {@code detail} is the proposal decided on (null for approve and decline); amounts in messages use {@code formats}. */
    public DecisionForm(Action action, Detail detail, Formats formats) {
        this.action = action;
        this.detail = detail;
        this.formats = formats;
        this.problem = Bindings.createObjectBinding(this::validate, amount, reason, note);
        this.approvalHint = Bindings.createObjectBinding(this::hint, amount);
    }

    /** The reason codes an override or rejection may give. */
    public List<String> reasonChoices() {
        return ProposalQueueService.DECISION_REASONS;
    }

    public Action action() {
        return action;
    }

    /** The proposal the form decides on, as it was when the dialog opened (null for approve and decline). */
    public Detail detail() {
        return detail;
    }

    public StringProperty amountProperty() {
        return amount;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public StringProperty noteProperty() {
        return note;
    }

    /** The first thing wrong, or null when the form may be sent. */
    public ObjectBinding<UiText> problemProperty() {
        return problem;
    }

    /** "A manager must approve this" when the amount is above the operator's authority; null otherwise. */
    public ObjectBinding<UiText> approvalHintProperty() {
        return approvalHint;
    }

    /** The amount typed, in yuan with two decimals; null when it is not a valid amount. */
    public BigDecimal parsedAmount() {
        String text = amount.get() == null ? "" : amount.get().strip().replace(",", "").replace("¥", "");
        if (text.isEmpty()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            return value.scale() > 2 ? null : value.setScale(2);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private UiText validate() {
        if (action.hasAmount()) {
            if (amount.get() == null || amount.get().isBlank()) {
                return UiText.of("review.form.amountMissing");
            }
            BigDecimal value = parsedAmount();
            if (value == null) {
                return UiText.of("review.form.amountInvalid");
            }
            if (value.signum() < 0) {
                return UiText.of("review.form.amountNegative");
            }
            if (value.compareTo(detail.maxOverride()) > 0) {
                return UiText.of("review.form.amountAboveCap", formats.money(detail.maxOverride()));
            }
            if (value.compareTo(detail.row().oldLimit()) == 0) {
                return UiText.of("review.form.amountUnchanged");
            }
        }
        if (action.needsReason() && (reason.get() == null || reason.get().isBlank())) {
            return UiText.of("review.form.reasonMissing");
        }
        if (!TextLimit.DECISION_NOTE.fits(note.get())) {
            return UiText.of("error." + TextLimit.DECISION_NOTE.messageKey(), note.get().length(), TextLimit.DECISION_NOTE.max());
        }
        if (action.needsNote() && (note.get() == null || note.get().isBlank())) {
            return UiText.of("review.form.noteMissing");
        }
        return null;
    }

    private UiText hint() {
        if (!action.hasAmount() || detail == null) {
            return null;
        }
        BigDecimal value = parsedAmount();
        return value != null && detail.needsApproval(value, true) ? UiText.of("review.form.needsApproval") : null;
    }
}
