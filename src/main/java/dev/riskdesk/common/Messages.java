package dev.riskdesk.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every visible text, from the {@code i18n/messages} bundles (Simplified Chinese and English).
 * Keys are prefixed by feature: {@code login.title}, {@code shell.nav.profiles}.
 */
public final class Messages {
    public static final String BUNDLE = "i18n.messages";
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;

    private final Locale locale;
    private final ResourceBundle bundle;

    public Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public Locale locale() {
        return locale;
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    public String get(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
    }

    public String format(String key, Object... args) {
        return new MessageFormat(get(key), locale).format(args);
    }

    /** The locale to start in: the saved choice, else the system's language when it is Chinese, else English. */
    public static Locale defaultLocale() {
        return "zh".equals(Locale.getDefault().getLanguage()) ? CHINESE : ENGLISH;
    }
}
