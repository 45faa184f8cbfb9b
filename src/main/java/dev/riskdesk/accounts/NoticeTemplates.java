package dev.riskdesk.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskdesk.common.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Customer notice texts (data/notice-templates.json) in Simplified Chinese and English: one
 * template per kind and channel, plain-word reasons per rule or reason code, and the appeal line.
 */
public final class NoticeTemplates {
    public static final String ZH_CN = "zh_CN";
    public static final String EN = "en";
    private final JsonNode root;

    private NoticeTemplates(JsonNode root) {
        this.root = root;
    }

    public static NoticeTemplates load(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readString(file));
            for (NoticeKind kind : NoticeKind.values()) {
                for (String channel : List.of("SMS", "APP")) {
                    for (String lang : List.of(ZH_CN, EN)) {
                        if (root.path("templates").path(kind.name()).path(channel).path(lang).asText().isBlank()) {
                            throw new UserFacingException("The notice templates " + file + " lack " + kind + "/" + channel + "/" + lang + ".");
                        }
                    }
                }
            }
            return new NoticeTemplates(root);
        } catch (IOException e) {
            throw new UserFacingException("Cannot read the notice templates " + file + ": " + e.getMessage(), e);
        }
    }

    static String language(String requested) {
        return EN.equals(requested) ? EN : ZH_CN; // customers are Chinese: anything else falls back to zh_CN
    }

    /** Plain words for the first two reasons the templates know; a generic sentence when none is known. */
    public String reasonText(List<String> codes, String language) {
        String lang = language(language);
        List<String> texts = new ArrayList<>();
        for (String code : codes) {
            String text = root.path("reasons").path(code).path(lang).asText();
            if (!text.isBlank() && !texts.contains(text) && texts.size() < 2) {
                texts.add(text);
            }
        }
        if (texts.isEmpty()) {
            texts.add(root.path("reasons").path("DEFAULT").path(lang).asText());
        }
        return String.join(ZH_CN.equals(lang) ? "；" : "; ", texts);
    }

    /** The decision in plain words (LIFTED, PARTIALLY_LIFTED, UPHELD). */
    public String outcomeText(String outcome, String language) {
        return root.path("outcomes").path(outcome).path(language(language)).asText(outcome);
    }

    public String render(NoticeKind kind, String channel, String language, Map<String, String> values) {
        String lang = language(language);
        String text = root.path("templates").path(kind.name()).path(channel).path(lang).asText();
        text = text.replace("{appeal}", root.path("appeal").path(lang).asText());
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("{" + e.getKey() + "}", e.getValue() == null ? "" : e.getValue());
        }
        return text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
