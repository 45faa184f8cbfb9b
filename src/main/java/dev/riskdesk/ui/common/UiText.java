package dev.riskdesk.ui.common;

import java.util.Arrays;

/**
 * A text a view model wants shown: a bundle key with arguments, or a sentence that is already
 * final (a service's message). Views render it with the current language, so a language switch
 * re-renders it too. An argument that is itself {@link Localized} (another UiText, say a status's name) is rendered in
 * the same language first, so no code or English word ends up inside a sentence of another language.
 */
public record UiText(String key, Object[] args, String literal) implements Localized {

    public static UiText of(String key, Object... args) {
        return new UiText(key, args, null);
    }

    public static UiText literal(String sentence) {
        return new UiText(null, new Object[0], sentence);
    }

    @Override
    public String render(I18n i18n) {
        if (key == null) {
            return literal;
        }
        Object[] shown = args.clone();
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] instanceof Localized l) {
                shown[i] = l.render(i18n);
            }
        }
        return i18n.format(key, shown);
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
