package dev.riskdesk.ui.dashboard;

import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Theme;
import javafx.beans.value.ObservableValue;
import javafx.scene.Parent;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/** The manager dashboard: the portfolio tab and, for those allowed to run them, the stress tests. */
public final class DashboardView {
    private final DashboardViewModel model;
    private final I18n i18n;
    private final ObservableValue<Theme> theme;

    public DashboardView(DashboardViewModel model, I18n i18n, ObservableValue<Theme> theme) {
        this.model = model;
        this.i18n = i18n;
        this.theme = theme;
    }

    public Parent build() {
        TabPane tabs = new TabPane();
        tabs.setId("dashboard");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        PortfolioTab portfolio = new PortfolioTab(model, i18n, this::look);
        tabs.getTabs().add(tab(null, "dashboard.tab.portfolio", portfolio.build()));
        StressTestViewModel stress = model.stress();
        if (stress.canRun()) {
            StressTestView view = new StressTestView(stress, i18n, this::look);
            tabs.getTabs().add(tab("dashboard-stress-tab", "dashboard.tab.stress", view.build()));
            theme.addListener((o, old, now) -> view.redraw());
            stress.open();
        }
        model.loadedProperty().addListener((o, old, now) -> portfolio.show(now));
        theme.addListener((o, old, now) -> reload());
        i18n.messagesProperty().addListener((o, old, now) -> reload());
        reload();
        return tabs;
    }

    private Tab tab(String id, String key, javafx.scene.Node content) {
        Tab tab = new Tab();
        tab.setId(id);
        tab.textProperty().bind(i18n.text(key));
        tab.setContent(content);
        return tab;
    }

    /** The charts' look as the screen is now, captured on the FX thread for work that draws off it. */
    private ChartLook look() {
        return ChartLook.of(i18n, theme.getValue());
    }

    private void reload() {
        model.load(look().renderer());
    }
}
