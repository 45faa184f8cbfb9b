package dev.riskdesk.ui.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.riskdesk.common.Messages;
import dev.riskdesk.common.Money;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.limits.review.ProposalQueueService;
import dev.riskdesk.ui.common.Formats;
import dev.riskdesk.ui.common.UiText;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dialogs' validation as the operator types, without a toolkit. */
class DecisionFormTest {
    private static final Formats EN = new Formats(Messages.ENGLISH);
    static ProposalQueueService.Detail decrease() {
        ProposalQueueService.Row row = new ProposalQueueService.Row(7, 0, 1, "QA1", ProposalType.DECREASE, ProposalStatus.PENDING, Money.of("10000"),
                Money.of("7000"), Money.of("9000"), 0.05, new BigDecimal("450"), List.of("UTILISATION_JUMP"), 600, "C", LocalDateTime.now());
        LimitPolicy.Authority authority = new LimitPolicy.Authority(new BigDecimal("10"), new BigDecimal("20"), Money.of("5000"),
                new BigDecimal("0.02"), List.of(), Money.of("50000"), Money.of("10000"));
        return new ProposalQueueService.Detail(row, Money.of("15000"), List.of(), List.of(), Map.of(), Money.of("15000"), authority, false, null, null);
    }

    @Test
    void anOverrideNeedsAValidAmountWithinTheCapAReasonAndANote() {
        DecisionForm form = new DecisionForm(DecisionForm.Action.OVERRIDE, decrease(), EN);
        assertEquals(UiText.of("review.form.amountMissing"), form.problemProperty().get());
        form.amountProperty().set("8,000.555");
        assertEquals(UiText.of("review.form.amountInvalid"), form.problemProperty().get());
        form.amountProperty().set("-1");
        assertEquals(UiText.of("review.form.amountNegative"), form.problemProperty().get());
        form.amountProperty().set("15000.01");
        assertEquals(UiText.of("review.form.amountAboveCap", "¥15,000.00"), form.problemProperty().get(), "the cap as the console shows money");
        form.amountProperty().set("10000");
        assertEquals(UiText.of("review.form.amountUnchanged"), form.problemProperty().get());
        form.amountProperty().set("¥8,000");
        assertEquals(UiText.of("review.form.reasonMissing"), form.problemProperty().get());
        assertNull(form.approvalHintProperty().get(), "below the proposal's old limit: no second approval");
        form.reasonProperty().set("RISK_JUDGEMENT");
        assertEquals(UiText.of("review.form.noteMissing"), form.problemProperty().get());
        form.noteProperty().set("called the customer");
        assertNull(form.problemProperty().get());
        assertEquals(Money.of("8000"), form.parsedAmount());
        form.amountProperty().set("12000");
        assertEquals(UiText.of("review.form.needsApproval"), form.approvalHintProperty().get());
    }

    @Test
    void aConfirmNeedsNothingAndARejectOnlyAReason() {
        assertNull(new DecisionForm(DecisionForm.Action.CONFIRM, decrease(), EN).problemProperty().get());
        DecisionForm reject = new DecisionForm(DecisionForm.Action.REJECT, decrease(), EN);
        assertEquals(UiText.of("review.form.reasonMissing"), reject.problemProperty().get());
        reject.reasonProperty().set("DATA_CORRECTED");
        assertNull(reject.problemProperty().get());
        DecisionForm decline = new DecisionForm(DecisionForm.Action.DECLINE, null, EN);
        assertEquals(UiText.of("review.form.noteMissing"), decline.problemProperty().get());
    }
}
