package dev.riskdesk.ui.common;

import dev.riskdesk.common.Messages;
import java.util.Locale;
import java.util.Optional;
import java.util.prefs.Preferences;

/** The operator's theme, language and main-window placement, remembered between runs (java.util.prefs). */
public final class UiPreferences {
    static final String THEME = "theme";
    static final String LANGUAGE = "language";
    static final String MAIN_WINDOW = "mainWindow";

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

    /** Where the main window was when the operator last left it, if known. */
    public Optional<WindowPlacement> mainWindow() {
        String[] parts = node.get(MAIN_WINDOW, "").split(";");
        if (parts.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(new WindowPlacement(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]),
                    Double.parseDouble(parts[3]), Boolean.parseBoolean(parts[4])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void setMainWindow(WindowPlacement placement) {
        node.put(MAIN_WINDOW, placement.x() + ";" + placement.y() + ";" + placement.width() + ";" + placement.height() + ";" + placement.maximized());
    }
}
