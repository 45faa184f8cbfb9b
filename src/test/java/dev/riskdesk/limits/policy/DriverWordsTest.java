package dev.riskdesk.limits.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.NoticeTemplates;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Every driver of a limit change has words for the customer (the notice, zh and en) and for the operator (the review
 * screen and the appeal case, both bundles), and only the score's words speak of a credit assessment.
 */
class DriverWordsTest {
    private static final NoticeTemplates NOTICES = NoticeTemplates.load(Path.of("data/notice-templates.json"));

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = DriverWordsTest.class.getResourceAsStream("/i18n/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static boolean speaksOfCreditAssessment(String text) {
        return text.contains("信用评估") || text.toLowerCase(java.util.Locale.ROOT).contains("credit assessment");
    }

    @Test
    void everyDriverHasItsOwnNoticeWordsInBothLanguages() {
        for (String lang : List.of(NoticeTemplates.ZH_CN, NoticeTemplates.EN)) {
            String fallback = NOTICES.reasonText(List.of("NO_SUCH_CODE"), lang);
            for (LimitDriver d : LimitDriver.values()) {
                String text = NOTICES.reasonText(List.of(d.code()), lang);
                assertNotEquals(fallback, text, d + " " + lang + " falls back to the generic reason");
                assertTrue(d.isScore() || !speaksOfCreditAssessment(text), d + " " + lang + ": " + text);
            }
            assertTrue(speaksOfCreditAssessment(NOTICES.reasonText(List.of("POLICY_SCORE"), lang)), "the score's cut is a credit assessment");
        }
    }

    @Test
    void everyDriverHasReviewAndAppealWordsInBothBundles() throws IOException {
        for (String name : List.of("messages_en.properties", "messages_zh_CN.properties")) {
            Properties p = bundle(name);
            for (LimitDriver d : LimitDriver.values()) {
                for (String prefix : List.of("review.reason.", "appeals.reason.")) {
                    String text = p.getProperty(prefix + d.code());
                    assertTrue(text != null && !text.isBlank(), name + " lacks " + prefix + d.code());
                    assertFalse(!d.isScore() && speaksOfCreditAssessment(text), name + " " + prefix + d.code() + ": " + text);
                }
            }
            assertTrue(p.getProperty("review.detail.binding", "").contains("{0}"), name);
        }
    }

    /** Capacity and low usage say so to the customer in words the review screen also uses. */
    @Test
    void aCapacityOrLowUsageCutSaysWhatBinds() {
        assertTrue(NOTICES.reasonText(List.of("POLICY_CAPACITY"), NoticeTemplates.ZH_CN).contains("收入"));
        assertTrue(NOTICES.reasonText(List.of("POLICY_CAPACITY"), NoticeTemplates.EN).contains("income"));
        assertTrue(NOTICES.reasonText(List.of("POLICY_LOW_USAGE"), NoticeTemplates.ZH_CN).contains("使用较少"));
        assertTrue(NOTICES.reasonText(List.of("POLICY_LOW_USAGE"), NoticeTemplates.EN).contains("little used"));
    }
}
