package dev.riskdesk.ui.dashboard;

import dev.riskdesk.dashboard.DashboardData;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Theme;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * How the charts are drawn for the screen as it is now: texts, theme and locale, captured on the
 * FX thread and handed to work that draws off it.
 */
public record ChartLook(Function<String, String> text, boolean dark, Locale locale) {
    /** Screen charts are drawn at 1.5 times their logical size, sharp on scaled displays. */
    static final double SCREEN_SCALE = 1.5;

    static ChartLook of(I18n i18n, Theme theme) {
        DashboardTexts texts = new DashboardTexts(i18n);
        return new ChartLook(texts::text, theme == Theme.DARK, i18n.locale());
    }

    /** Draws every chart of the dashboard's data in this look. */
    Function<DashboardData, Map<String, DashboardImages.Rendered>> renderer() {
        return data -> DashboardImages.render(data, text, dark, locale, SCREEN_SCALE, true);
    }
}
