package dev.riskdesk.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Messages;
import dev.riskdesk.common.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ErrorTextsTest {

    @Test
    void keyedFailuresAreShownInTheOperatorsLanguage() {
        UserFacingException e = UserFacingException.keyed("db.notH2", "The file /x is not a RiskDesk (H2) database; nothing was changed.", "/x");
        assertEquals("文件 /x 不是 RiskDesk(H2)数据库;未做任何修改。", ErrorTexts.of(e).render(new I18n(Messages.CHINESE)));
        assertEquals(e.getMessage(), ErrorTexts.of(e).render(new I18n(Messages.ENGLISH)));
    }

    @Test
    void amountsInKeyedFailuresReadAsMoney() {
        UserFacingException e = UserFacingException.keyed("limits.aboveCap", "The new limit 16000.00 is above the hidden cap 15000.00 of this account.",
                new java.math.BigDecimal("16000.00"), new java.math.BigDecimal("15000.00"));
        assertEquals("The new limit ¥16,000.00 is above the hidden cap ¥15,000.00 of this account.", ErrorTexts.of(e).render(new I18n(Messages.ENGLISH)));
        assertEquals("新额度 ¥16,000.00 高于该账户的隐藏上限 ¥15,000.00。", ErrorTexts.of(e).render(new I18n(Messages.CHINESE)));
    }

    @Test
    void plainFailuresFallBackToTheirEnglishSentence() {
        assertEquals("Plain.", ErrorTexts.of(new UserFacingException("Plain.")).render(new I18n(Messages.CHINESE)));
    }

    /** Every key a service raises with UserFacingException.keyed has its sentence in both bundles. */
    @Test
    void everyKeyRaisedInTheCodeHasBothTranslations() throws IOException {
        Pattern keyed = Pattern.compile("UserFacingException\\.keyed\\(\\s*\"([^\"]+)\"");
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = keyed.matcher(Files.readString(file));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        assertFalse(keys.isEmpty());
        for (Messages messages : List.of(new Messages(Messages.ENGLISH), new Messages(Messages.CHINESE))) {
            for (String key : keys) {
                assertTrue(messages.bundle().containsKey("error." + key), messages.locale() + " lacks error." + key);
            }
        }
    }
}
