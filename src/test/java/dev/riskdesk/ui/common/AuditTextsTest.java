package dev.riskdesk.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riskdesk.common.Messages;
import org.junit.jupiter.api.Test;

/** Audit actions and details in words: no action code, ISO time, plain decimal or arrow left as stored. */
class AuditTextsTest {
    private final I18n en = new I18n(Messages.ENGLISH);
    private final I18n zh = new I18n(Messages.CHINESE);

    @Test
    void actionsReadAsWordsInBothLanguagesAndAnUnknownCodeAsItsWords() {
        assertEquals("Book imported", AuditTexts.action(en, "BOOK_IMPORTED"));
        assertEquals("账册已导入", AuditTexts.action(zh, "BOOK_IMPORTED"));
        assertEquals("Limit increased", AuditTexts.action(en, "LIMIT_INCREASE"));
        assertEquals("Policy draft approved", AuditTexts.action(en, "POLICY_DRAFT_APPROVED"), "a code from a newer version");
    }

    @Test
    void detailsShowMoneyTimesAndStatesAsTheRestOfTheConsoleDoes() {
        assertEquals("¥17,300.00 → ¥40,000.00 temporary until 31 Dec 2026, 00:00; proposal 12; decision 7",
                AuditTexts.details(en, "17300.00 -> 40000.00 temporary until 2026-12-31T00:00; proposal 12; decision 7"));
        assertEquals("New → In review", AuditTexts.details(en, "NEW → IN_REVIEW"));
        assertEquals("新申诉 → 审核中", AuditTexts.details(zh, "NEW → IN_REVIEW"));
        assertEquals("Override to ¥40,000.00; decision 3", AuditTexts.details(en, "OVERRIDE to 40000.00; decision 3"));
        assertEquals("", AuditTexts.details(en, null));
        assertEquals("payslips checked", AuditTexts.details(en, "payslips checked"));
    }
}
