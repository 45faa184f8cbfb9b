package dev.riskdesk.ui.profile;

import dev.riskdesk.customers.CustomerProfile;
import dev.riskdesk.ui.common.Controls;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.StringBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The top of a profile: who the customer is (with back and refresh), then the figures an
 * operator checks first — status, limit, balance, utilisation, days past due, score, the
 * sub-scores and the open rule hits and appeal.
 */
final class ProfileHeader extends ProfilePart {
    ProfileHeader(ProfileBinder ui, ProfileTexts texts) {
        super(ui, texts);
    }

    HBox topBar(Runnable onBack) {
        Button back = new Button();
        back.setId("profile-back");
        back.textProperty().bind(i18n.text("profile.back"));
        back.setGraphic(new FontIcon("mdi2a-arrow-left"));
        back.getStyleClass().add("flat");
        back.setOnAction(e -> onBack.run());
        back.setCancelButton(true);

        Label title = new Label();
        title.setId("profile-title");
        title.getStyleClass().add("title-4");
        title.textProperty().bind(ui.text(p -> i18n.format("profile.title", p.header().accountNo(),
                orErased(p.header().maskedName()))));
        Label sub = new Label();
        sub.setId("profile-subtitle");
        sub.getStyleClass().add("text-muted");
        sub.textProperty().bind(ui.text(p -> i18n.format("profile.subtitle", p.header().customerNo(), orErased(p.header().maskedPhone()),
                orErased(p.header().city()), p.header().cityTier(), i18n.get("profile.product." + p.header().product()),
                f().date(p.header().openedAt().toLocalDate()))));

        Label error = new Label();
        error.setId("profile-error");
        error.getStyleClass().add("error-text");
        error.textProperty().bind(i18n.render(model.errorProperty()));
        error.managedProperty().bind(model.errorProperty().isNotNull());

        Button refresh = Controls.refreshButton(i18n, "profile-refresh", model::load);
        refresh.disableProperty().bind(model.loadingProperty());
        HBox bar = new HBox(12, back, title, sub, error, Controls.spacer(), refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    Node figures() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("profile-figures");
        grid.add(caption("profile.h.status"), 0, 0);
        grid.add(status(), 0, 1);
        grid.add(caption("profile.h.limit"), 1, 0);
        grid.add(value("profile-limit", ui.text(p -> f().money(p.header().creditLimit()))), 1, 1);
        grid.add(caption("profile.h.available"), 2, 0);
        grid.add(value("profile-available", ui.text(p -> f().money(p.header().available()))), 2, 1);
        grid.add(caption("profile.h.balance"), 3, 0);
        grid.add(value("profile-balance", ui.text(p -> f().money(p.header().balance()))), 3, 1);
        grid.add(caption("profile.h.utilisation"), 4, 0);
        grid.add(utilisation(), 4, 1);
        grid.add(caption("profile.h.dpd"), 5, 0);
        grid.add(value("profile-dpd", ui.text(p -> p.header().daysPastDue() == 0 ? i18n.get("common.bucket.CURRENT")
                : i18n.format("profile.dpdValue", p.header().daysPastDue()))), 5, 1);
        grid.add(caption("profile.h.score"), 6, 0);
        grid.add(value("profile-score", ui.text(p -> p.header().score() == null ? i18n.get("profile.noScore")
                : i18n.format("profile.scoreValue", f().integer(p.header().score()), p.header().scoreBand()))), 6, 1);

        FlowPane subs = new FlowPane(6, 4);
        subs.setId("profile-subscores");
        model.profileProperty().addListener((obs, old, p) -> renderSubScores(subs, p));
        i18n.messagesProperty().addListener((obs, old, now) -> renderSubScores(subs, ui.profile()));

        FlowPane flags = new FlowPane(6, 4);
        flags.setId("profile-flags");
        model.profileProperty().addListener((obs, old, p) -> renderFlags(flags, p));
        i18n.messagesProperty().addListener((obs, old, now) -> renderFlags(flags, ui.profile()));

        VBox subsBox = new VBox(2, caption("profile.h.subscores"), subs);
        VBox flagsBox = new VBox(2, caption("profile.h.flags"), flags);
        HBox.setHgrow(flagsBox, Priority.ALWAYS);
        HBox second = new HBox(28, subsBox, flagsBox);
        VBox header = new VBox(8, grid, second);
        header.getStyleClass().add("profile-header");
        header.setId("profile-header");
        return header;
    }

    private Label status() {
        Label status = new Label();
        status.setId("profile-status");
        status.getStyleClass().add("status-chip");
        status.setMinWidth(Region.USE_PREF_SIZE);
        status.textProperty().bind(ui.text(p -> i18n.get("common.status." + p.header().status())));
        model.profileProperty().addListener((obs, old, p) -> {
            status.getStyleClass().removeIf(c -> c.startsWith("status-chip-"));
            if (p != null) {
                status.getStyleClass().add("status-chip-" + p.header().status().name().toLowerCase(Locale.ROOT));
            }
        });
        return status;
    }

    private HBox utilisation() {
        ProgressBar util = new ProgressBar(0);
        util.setId("profile-utilisation-bar");
        util.getStyleClass().add("utilisation-bar");
        util.setPrefWidth(110);
        util.setMinWidth(80);
        model.profileProperty().addListener((obs, old, p) -> {
            double u = p == null ? 0 : Math.min(1, p.header().utilisation());
            util.setProgress(u);
            util.getStyleClass().remove("bar-danger");
            if (u >= 0.9) {
                util.getStyleClass().add("bar-danger");
            }
        });
        Label utilText = value("profile-utilisation", ui.text(p -> f().percent(p.header().utilisation())));
        HBox utilBox = new HBox(8, util, utilText);
        utilBox.setAlignment(Pos.CENTER_LEFT);
        return utilBox;
    }

    private void renderSubScores(FlowPane pane, CustomerProfile p) {
        pane.getChildren().clear();
        if (p == null) {
            return;
        }
        CustomerProfile.SubScores s = p.header().subScores();
        if (s == null) {
            pane.getChildren().add(muted("profile.noSubscores"));
            return;
        }
        pane.getChildren().addAll(subChip("credit", s.credit()), subChip("capacity", s.capacity()),
                subChip("stability", s.stability()), subChip("security", s.security()));
    }

    private Label subChip(String name, int value) {
        String band = CustomerProfile.SubScores.band(value);
        Label chip = new Label(i18n.format("profile.sub." + name, band, value));
        chip.setId("profile-sub-" + name);
        chip.getStyleClass().addAll("band-chip", "band-" + band.toLowerCase(Locale.ROOT));
        return chip;
    }

    private void renderFlags(FlowPane pane, CustomerProfile p) {
        pane.getChildren().clear();
        if (p == null) {
            return;
        }
        if (p.header().openFlags() == 0 && p.header().openAppeal() == null) {
            pane.getChildren().add(muted("profile.noFlags"));
        }
        Map<String, CustomerProfile.Flag> open = new LinkedHashMap<>();
        p.flags().stream().filter(CustomerProfile.Flag::open).forEach(x -> open.putIfAbsent(x.ruleCode(), x));
        open.forEach((code, flag) -> {
            Label chip = new Label(texts.flagWords(flag));
            chip.setTooltip(new Tooltip(code));
            chip.getStyleClass().addAll("flag-chip");
            chip.setGraphic(new FontIcon("mdi2f-flag-outline"));
            pane.getChildren().add(chip);
        });
        CustomerProfile.Appeal appeal = p.header().openAppeal();
        if (appeal != null) {
            Label chip = new Label(i18n.format("profile.openAppeal", appeal.appealNo(), i18n.get("profile.appealStatus." + appeal.status()),
                    f().dateTime(appeal.slaDueAt())));
            chip.setId("profile-open-appeal");
            chip.getStyleClass().add("appeal-chip");
            chip.setGraphic(new FontIcon("mdi2m-message-alert-outline"));
            pane.getChildren().add(chip);
        }
    }

    private Label muted(String key) {
        Label none = new Label(i18n.get(key));
        none.getStyleClass().add("text-muted");
        return none;
    }

    private Label caption(String key) {
        Label label = new Label();
        label.textProperty().bind(i18n.text(key));
        label.getStyleClass().add("header-caption");
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label value(String id, StringBinding text) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("header-value");
        label.textProperty().bind(text);
        label.setMinWidth(Region.USE_PREF_SIZE); // figures are never cut short: the gaps give way first
        return label;
    }

    /** A personal value, or the word for an erased one (privacy: erased after the retention period or on request). */
    private String orErased(String value) {
        return value == null ? i18n.get("privacy.erasedValue") : value;
    }
}
