package dev.riskdesk.ui.common;

import java.util.Arrays;

/**
 * A text a view model wants shown: a bundle key with arguments, or a sentence that is already
 * final (a service's message). Views render it with the current language, so a language switch
 * re-renders it too.
 */
public record UiText(String key, Object[] args, String literal) {

    public static UiText of(String key, Object... args) {
        return new UiText(key, args, null);
    }

    public static UiText literal(String sentence) {
        return new UiText(null, new Object[0], sentence);
    }

    public String render(I18n i18n) {
        return key == null ? literal : i18n.format(key, args);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UiText t && java.util.Objects.equals(key, t.key) && Arrays.equals(args, t.args)
                && java.util.Objects.equals(literal, t.literal);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(key, Arrays.hashCode(args), literal);
    }

    @Override
    public String toString() {
        return key == null ? literal : key + Arrays.toString(args);
    }
}
