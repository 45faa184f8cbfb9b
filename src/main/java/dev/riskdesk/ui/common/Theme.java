package dev.riskdesk.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/** Light or dark: AtlantaFX Primer as the user-agent stylesheet, plus the console's app.css. */
public enum Theme {
    LIGHT, DARK;

    public static final String APP_CSS = Theme.class.getResource("app.css").toExternalForm();

    public void apply() {
        Application.setUserAgentStylesheet(this == DARK
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public Theme other() {
        return this == DARK ? LIGHT : DARK;
    }

    /** Adds app.css to a scene; call once for every scene the console shows. */
    public static Scene style(Scene scene) {
        if (!scene.getStylesheets().contains(APP_CSS)) {
            scene.getStylesheets().add(APP_CSS);
        }
        return scene;
    }
}
