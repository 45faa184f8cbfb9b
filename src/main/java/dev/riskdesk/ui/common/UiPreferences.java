package dev.riskdesk.ui.common;

import dev.riskdesk.common.Messages;
import java.util.Locale;
import java.util.prefs.Preferences;

/** The operator's theme and language, remembered between runs (java.util.prefs). */
public final class UiPreferences {
    static final String THEME = "theme";
    static final String LANGUAGE = "language";

    private final Preferences node;

    public UiPreferences(Preferences node) {
        this.node = node;
    }

    /** The console's own node under the user's preferences. */
    public static UiPreferences forUser() {
        return new UiPreferences(Preferences.userRoot().node("dev/riskdesk/console"));
    }

    public Theme theme() {
        try {
            return Theme.valueOf(node.get(THEME, Theme.LIGHT.name()));
        } catch (IllegalArgumentException e) {
            return Theme.LIGHT;
        }
    }

    public void setTheme(Theme theme) {
        node.put(THEME, theme.name());
    }

    public Locale locale() {
        String tag = node.get(LANGUAGE, null);
        if (tag == null) {
            return Messages.defaultLocale();
        }
        return "zh".equals(Locale.forLanguageTag(tag).getLanguage()) ? Messages.CHINESE : Messages.ENGLISH;
    }

    public void setLocale(Locale locale) {
        node.put(LANGUAGE, locale.toLanguageTag());
    }
}
