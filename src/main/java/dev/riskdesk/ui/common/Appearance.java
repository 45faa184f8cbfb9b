package dev.riskdesk.ui.common;

import dev.riskdesk.common.Messages;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;

/** The operator's language and theme: applied at once everywhere and remembered for the next run. */
public final class Appearance {
    private final I18n i18n;
    private final UiPreferences preferences;
    private final ObjectProperty<Theme> theme;

    public Appearance(I18n i18n, UiPreferences preferences) {
        this.i18n = i18n;
        this.preferences = preferences;
        this.theme = new SimpleObjectProperty<>(this, "theme", preferences.theme());
    }

    /** Starts in the remembered language and theme. */
    public static Appearance load(UiPreferences preferences) {
        return new Appearance(new I18n(preferences.locale()), preferences);
    }

    /** The operator's remembered settings (the main window's placement among them). */
    public UiPreferences preferences() {
        return preferences;
    }

    public I18n i18n() {
        return i18n;
    }

    public void setLocale(Locale locale) {
        i18n.setLocale(locale);
        preferences.setLocale(locale);
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public void applyTheme() {
        theme.get().apply();
    }

    public void setTheme(Theme value) {
        theme.set(value);
        value.apply();
        preferences.setTheme(value);
    }

    /** 中文 | English, as a segmented pair of toggles. */
    public HBox languageSwitch() {
        ToggleGroup group = new ToggleGroup();
        ToggleButton zh = new ToggleButton("中文");
        zh.setId("languageZh");
        zh.getStyleClass().addAll("left-pill", "small");
        ToggleButton en = new ToggleButton("English");
        en.setId("languageEn");
        en.getStyleClass().addAll("right-pill", "small");
        zh.setToggleGroup(group);
        en.setToggleGroup(group);
        Runnable sync = () -> group.selectToggle("zh".equals(i18n.locale().getLanguage()) ? zh : en);
        sync.run();
        i18n.messagesProperty().addListener((obs, old, now) -> sync.run());
        // A segmented switch never ends up with nothing selected.
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                sync.run();
            } else {
                setLocale(now == zh ? Messages.CHINESE : Messages.ENGLISH);
            }
        });
        HBox box = new HBox(zh, en);
        box.setAlignment(Pos.CENTER_RIGHT);
        return box;
    }
}
