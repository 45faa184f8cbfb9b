package dev.riskdesk.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Both languages have the same keys, no empty text, and every text is a valid MessageFormat. */
class MessageBundlesTest {

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/i18n/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    /** Every bundle family of the console: the screens' messages and the scoring reason texts. */
    private static final String[] FAMILIES = {"messages", "scoring"};

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        for (String family : FAMILIES) {
            Set<String> en = new TreeSet<>(load(family + "_en.properties").stringPropertyNames());
            Set<String> zh = new TreeSet<>(load(family + "_zh_CN.properties").stringPropertyNames());
            Set<String> onlyEn = new TreeSet<>(en);
            onlyEn.removeAll(zh);
            Set<String> onlyZh = new TreeSet<>(zh);
            onlyZh.removeAll(en);
            assertEquals(Set.of(), onlyEn, "keys missing in " + family + "_zh_CN");
            assertEquals(Set.of(), onlyZh, "keys missing in " + family + "_en");
            assertFalse(en.isEmpty(), family + " is empty");
        }
    }

    @Test
    void noTextIsEmptyAndEveryTextParses() throws IOException {
        for (String family : FAMILIES) {
            for (String bundle : new String[] {family + "_en.properties", family + "_zh_CN.properties"}) {
                Properties properties = load(bundle);
                for (String key : properties.stringPropertyNames()) {
                    String value = properties.getProperty(key);
                    assertFalse(value.isBlank(), bundle + " has an empty text for " + key);
                    new MessageFormat(value); // throws on a broken pattern
                }
            }
        }
    }

    @Test
    void chineseBundleHoldsRealChineseCharacters() throws IOException {
        assertTrue(load("messages_zh_CN.properties").getProperty("login.submit").equals("登录"));
    }

    /**
     * The Policy screen's Chinese texts and errors hold no English word: only the acronyms a Chinese risk team uses
     * (JSON, LGD, CCF), a command to type as it is, and placeholders, which the screen fills with Chinese words.
     */
    @Test
    void policyTextsInChineseHoldNoEnglishWord() throws IOException {
        Properties zh = load("messages_zh_CN.properties");
        java.util.regex.Pattern word = java.util.regex.Pattern.compile("[A-Za-z]{2,}");
        Set<String> found = new TreeSet<>();
        for (String key : zh.stringPropertyNames()) {
            if (key.startsWith("policy.") || key.startsWith("error.policy.") || key.startsWith("error.rules.")) {
                String text = zh.getProperty(key).replaceAll("riskdesk [a-z ]+--file [A-Za-z.]+", "").replaceAll("JSON|LGD|CCF", "");
                if (word.matcher(text).find()) {
                    found.add(key + "=" + zh.getProperty(key));
                }
            }
        }
        assertEquals(Set.of(), found);
    }

    @Test
    void keysArePrefixedByFeature() throws IOException {
        Set<String> prefixes = Set.of("common", "changes", "error", "login", "shell", "overview", "audit", "profiles", "profile", "review", "demo", "appeals", "dashboard", "data", "operators", "backup", "lifecycle", "privacy", "policy", "models");
        for (String key : load("messages_en.properties").stringPropertyNames()) {
            assertTrue(prefixes.contains(key.substring(0, key.indexOf('.'))), "unexpected prefix: " + key);
        }
    }
}
