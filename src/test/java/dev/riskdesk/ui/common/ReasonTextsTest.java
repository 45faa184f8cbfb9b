package dev.riskdesk.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riskdesk.common.Messages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule and reason codes in words, with the code kept for the tooltip. */
class ReasonTextsTest {
    private final I18n en = new I18n(Messages.ENGLISH);

    @Test
    void storedCodeListsReadAsWordsAndUnknownCodesStayCodes() {
        assertEquals("A bill is overdue: decrease the limit.; Utilisation rose sharply.",
                ReasonTexts.wordsOf(en, "OVERDUE_DECREASE, UTILISATION_JUMP"));
        assertEquals("Identity re-verified; activity was the customer", ReasonTexts.words(en, "APPEAL_IDENTITY_VERIFIED"));
        assertEquals("NEW_RULE_X", ReasonTexts.words(en, "NEW_RULE_X"));
        assertEquals("", ReasonTexts.wordsOf(en, null));
        assertEquals("OVERDUE_FREEZE: " + ReasonTexts.words(en, "OVERDUE_FREEZE"), ReasonTexts.tooltip(en, List.of("OVERDUE_FREEZE")));
    }

    @Test
    void wordsFollowTheLanguage() {
        I18n zh = new I18n(Messages.CHINESE);
        assertEquals(zh.get("review.reason.SPENDING_SPIKE"), ReasonTexts.words(zh, "SPENDING_SPIKE"));
        assertEquals("近3个月在其他机构多次申请借贷。", ReasonTexts.words(zh, "INQUIRIES_3M"));
    }

    @Test
    void scorecardReasonCodesReadAsTheScoringTexts() {
        I18n en = new I18n(Messages.ENGLISH);
        assertEquals("Several credit applications with other lenders in the last 3 months.", ReasonTexts.words(en, "INQUIRIES_3M"));
    }
}
