package dev.riskdesk.ui.profile;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Theme;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A customer's profile: a header with the figures an operator checks first, then tabs for the
 * risk timeline, limits, activity, flags, suspensions, appeals, notices and audit. Extra tabs
 * (the score) are plugged in by the composition root.
 */
public final class ProfileView {
    /** A tab added from outside (e.g. the score breakdown): title key, id and content. */
    public record ExtraTab(String titleKey, String id, Supplier<Node> content) {
    }

    private final ProfileViewModel model;
    private final I18n i18n;
    private final TaskRunner tasks;
    private final ObservableValue<Theme> theme;
    private final Runnable onBack;
    private final List<ExtraTab> extraTabs;
    /** Bars from other features shown between the header's figures and the tabs (the privacy bar). */
    private final List<Supplier<Node>> bars;

    public ProfileView(ProfileViewModel model, I18n i18n, TaskRunner tasks, ObservableValue<Theme> theme, Runnable onBack,
                       List<ExtraTab> extraTabs) {
        this(model, i18n, tasks, theme, onBack, extraTabs, List.of());
    }

    public ProfileView(ProfileViewModel model, I18n i18n, TaskRunner tasks, ObservableValue<Theme> theme, Runnable onBack,
                       List<ExtraTab> extraTabs, List<Supplier<Node>> bars) {
        this.model = model;
        this.i18n = i18n;
        this.tasks = tasks;
        this.theme = theme;
        this.onBack = onBack;
        this.extraTabs = List.copyOf(extraTabs);
        this.bars = List.copyOf(bars);
    }

    public Parent build() {
        ProfileBinder ui = new ProfileBinder(model, i18n);
        ProfileTexts texts = new ProfileTexts(i18n);
        RecordTabs records = new RecordTabs(ui, texts);
        TabPane tabs = new TabPane();
        tabs.setId("profile-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(
                ui.tab("profile.tab.timeline", "profile-tab-timeline", new TimelineTab(ui, texts).build()),
                ui.tab("profile.tab.limits", "profile-tab-limits", new LimitsTab(ui, texts, tasks, theme).build()));
        extraTabs.forEach(extra -> tabs.getTabs().add(lazyTab(extra)));
        tabs.getTabs().addAll(
                ui.tab("profile.tab.activity", "profile-tab-activity", new ActivityTab(ui, texts).build()),
                ui.tab("profile.tab.flags", "profile-tab-flags", records.flags()),
                ui.tab("profile.tab.suspensions", "profile-tab-suspensions", records.suspensions()),
                ui.tab("profile.tab.appeals", "profile-tab-appeals", records.appeals()),
                ui.tab("profile.tab.notices", "profile-tab-notices", records.notices()));
        Tab audit = ui.tab("profile.tab.audit", "profile-tab-audit", records.audit());
        tabs.getTabs().add(audit);
        model.profileProperty().addListener((obs, old, p) -> {
            if (p != null && !p.auditVisible()) {
                tabs.getTabs().remove(audit);
            }
        });
        VBox.setVgrow(tabs, Priority.ALWAYS);
        ProfileHeader header = new ProfileHeader(ui, texts);
        VBox page = new VBox(10, header.topBar(onBack), header.figures());
        bars.forEach(bar -> page.getChildren().add(bar.get()));
        page.getChildren().add(tabs);
        page.getStyleClass().add("screen");
        page.setId("profile");
        model.load();
        return page;
    }

    /** An extra tab builds its content the first time it is selected. */
    private Tab lazyTab(ExtraTab extra) {
        Tab t = new Tab();
        t.setId(extra.id());
        t.textProperty().bind(i18n.text(extra.titleKey()));
        t.setOnSelectionChanged(e -> {
            if (t.isSelected() && t.getContent() == null) {
                t.setContent(extra.content().get());
            }
        });
        return t;
    }
}
