package dev.riskdesk.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riskdesk.common.Messages;
import org.junit.jupiter.api.Test;

/** Rule evidence as the operator reads it in the review side panel. */
class EvidenceTextsTest {
    private final Formats en = new Formats(Messages.ENGLISH);
    private final Formats zh = new Formats(Messages.CHINESE);

    @Test
    void amountsAreMoneyAndRatiosArePercentages() {
        assertEquals("¥36,600.00", EvidenceTexts.value(en, "limit", "36600"));
        assertEquals("¥1,234.50", EvidenceTexts.value(en, "outstanding", "1234.5"));
        assertEquals("5.4%", EvidenceTexts.value(en, "utilisationThen", "0.0543"));
        assertEquals("1,200", EvidenceTexts.value(en, "windowHours", "1200"));
        assertEquals("\u00d70.85", EvidenceTexts.value(en, "macroFactor", "0.8500"));
    }

    @Test
    void datesAndMonthsFollowTheLanguage() {
        assertEquals("Mar 2025", EvidenceTexts.value(en, "thenMonth", "2025-03"));
        assertEquals("2025年3月", EvidenceTexts.value(zh, "thenMonth", "2025-03"));
        assertEquals("5 Apr 2025", EvidenceTexts.value(en, "dueDate", "2025-04-05"));
        assertEquals("2025年4月5日", EvidenceTexts.value(zh, "dueDate", "2025-04-05"));
    }

    @Test
    void unknownKeysAndUnexpectedValuesAreShownAsStored() {
        assertEquals("B-17", EvidenceTexts.value(en, "billId", "B-17"));
        assertEquals("soon", EvidenceTexts.value(en, "dueDate", "soon"));
        assertEquals("—", EvidenceTexts.value(en, "limit", ""));
    }

    @Test
    void everyFieldTheRulesWriteHasALabelInBothLanguagesAndFlagsReadAsYesOrNo() {
        I18n zhText = new I18n(Messages.CHINESE);
        String lines = EvidenceTexts.lines(zhText, "{\"recentDays\":7,\"multiplier\":3.0,\"stale\":false,"
                + "\"txns\":[{\"txnId\":5,\"at\":\"2026-11-02T10:15:00\",\"amount\":3200.5}]}");
        assertEquals("近期天数: 7\n相对平常消费的倍数: \u00d73\n数据超过容忍时限: 否\n消费\n消费编号: 5\n时间: 2026年11月2日 10:15\n金额: ¥3,200.50",
                lines);
        assertEquals("Yes", EvidenceTexts.value(new I18n(Messages.ENGLISH), "stale", "true"));
        assertEquals("Repayments as of 3 Dec 2026, 11:23, older than its 24 h tolerance; Bills: no as-of time",
                EvidenceTexts.value(new I18n(Messages.ENGLISH), "staleReason",
                        "REPAYMENTS as of 2026-12-03T11:23:08 is older than its 24 h tolerance; BILLS has no as-of time"));
    }

    @Test
    void storedEvidenceReadsAsLabelledLinesNotJson() {
        I18n i18n = new I18n(Messages.ENGLISH);
        String json = "{\"ruleHits\":[{\"rule\":\"OVERDUE_FREEZE\",\"evidence\":{\"bill\":{\"limit\":36600,\"daysPastDue\":37}}}]}";
        String lines = EvidenceTexts.lines(i18n, json);
        assertEquals(false, lines.contains("{"), lines);
        assertEquals(true, lines.contains(i18n.getOr("review.evidence.limit", "limit") + ": ¥36,600.00"), lines);
        assertEquals(false, lines.contains("OVERDUE_FREEZE"), lines);
        assertEquals(true, lines.contains("A bill is long overdue: freeze the credit line."), "the rule in words: " + lines);
        assertEquals("not json", EvidenceTexts.lines(i18n, "not json"));
    }
}
