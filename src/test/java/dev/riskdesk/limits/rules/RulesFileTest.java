package dev.riskdesk.limits.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped rules read as sentences an operator understands: every threshold in them is a number, none a placeholder. */
class RulesFileTest {
    /** A single letter standing for a number ("at least N days", "达到 k 次"). */
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<![\\p{L}\\d])[NnKk](?![\\p{L}\\d])");

    @Test
    void descriptionsNameTheirThresholdsInBothLanguages() {
        for (RuleDefinition rule : RuleSetService.parse(Path.of("data/rules.json")).rules()) {
            assertFalse(PLACEHOLDER.matcher(rule.descriptionEn()).find(), rule.code() + ": " + rule.descriptionEn());
            assertFalse(PLACEHOLDER.matcher(rule.descriptionZh()).find(), rule.code() + ": " + rule.descriptionZh());
        }
    }
}
