package dev.riskdesk.ui.review;

import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.review.ProposalQueueService.Detail;
import dev.riskdesk.limits.review.ProposalQueueService.Row;
import dev.riskdesk.limits.review.ProposalQueueService;
import dev.riskdesk.ui.common.EvidenceTexts;
import dev.riskdesk.ui.common.Formats;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.ReasonTexts;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The review queue's side panel: the selected proposal's figures, why it was proposed (reasons,
 * rule evidence, guardrails), how fresh its data was, and why it cannot be decided when it cannot.
 */
final class ReviewDetailPanel {
    private final ReviewViewModel model;
    private final I18n i18n;
    private final LongConsumer openProfile;

    ReviewDetailPanel(ReviewViewModel model, I18n i18n, LongConsumer openProfile) {
        this.model = model;
        this.i18n = i18n;
        this.openProfile = openProfile;
    }

    private Formats f() {
        return i18n.formats();
    }

    Node build() {
        VBox box = new VBox(10);
        box.setId("review-detail");
        box.getStyleClass().add("review-detail");
        Label empty = new Label();
        empty.getStyleClass().add("text-muted");
        empty.textProperty().bind(i18n.text("review.detail.none"));
        empty.setWrapText(true);
        box.getChildren().add(empty);
        Runnable render = () -> renderDetail(box, model.detailProperty().get());
        model.detailProperty().addListener((obs, old, d) -> render.run());
        i18n.messagesProperty().addListener((obs, old, now) -> render.run());
        return box;
    }

    private void renderDetail(VBox box, Detail d) {
        box.getChildren().clear();
        if (d == null) {
            Label empty = new Label(i18n.get("review.detail.none"));
            empty.getStyleClass().add("text-muted");
            empty.setWrapText(true);
            box.getChildren().add(empty);
            return;
        }
        Row r = d.row();
        box.getChildren().addAll(heading(r));
        box.getChildren().add(figures(d));
        box.getChildren().addAll(why(d));
        box.getChildren().add(section("review.detail.asOf"));
        Label asOf = new Label(d.dataAsOf().isEmpty() ? "—" : String.join("\n", d.dataAsOf().entrySet().stream()
                .map(e -> i18n.getOr("review.feed." + e.getKey(), e.getKey()) + ": " + dateText(e.getValue())).toList()));
        asOf.setId("review-detail-asof");
        asOf.setWrapText(true);
        box.getChildren().add(asOf);
        if (!r.decidable()) {
            Label why = new Label(i18n.get(r.status() == ProposalStatus.AWAITING_DATA ? "review.detail.awaitingData" : "review.detail.notOpen"));
            why.getStyleClass().add("text-muted");
            why.setWrapText(true);
            box.getChildren().add(why);
        }
    }

    /** The proposal's type and account, its status chip and the way to the customer's profile. */
    private List<Node> heading(Row r) {
        Label title = new Label(i18n.format("review.detail.title", i18n.get("review.type." + r.type().name()), r.accountNo()));
        title.setId("review-detail-title");
        title.getStyleClass().add("title-4");
        title.setWrapText(true);
        title.setMaxWidth(ReviewView.SIDE_WIDTH - 40); // wraps inside the side panel; unbounded, its last line ran 2 px past it
        Label status = new Label(i18n.get("review.status." + r.status()));
        status.getStyleClass().addAll("status-chip", r.status() == ProposalStatus.PENDING ? "status-chip-active" : "status-chip-dormant");
        Button profile = new Button();
        profile.setId("review-open-profile");
        profile.setText(i18n.get("review.openProfile"));
        profile.setGraphic(new FontIcon("mdi2a-account-details-outline"));
        profile.getStyleClass().add("flat");
        profile.setOnAction(e -> openProfile.accept(r.accountId()));
        status.setMinWidth(Region.USE_PREF_SIZE);
        profile.setMinWidth(Region.USE_PREF_SIZE);
        FlowPane head = new FlowPane(8, 4, status, profile);
        head.setAlignment(Pos.CENTER_LEFT);
        return List.of(title, head);
    }

    private GridPane figures(Detail d) {
        Row r = d.row();
        GridPane grid = new GridPane();
        grid.getStyleClass().add("review-figures");
        int row = 0;
        row = figure(grid, row, "review.detail.old", f().money(r.oldLimit()), "review-detail-old");
        // the change on a row of its own: beside a large limit it made the panel wider than its place and scroll sideways
        row = figure(grid, row, "review.detail.proposed", f().money(r.proposedLimit()), "review-detail-proposed");
        row = figure(grid, row, "review.detail.change", ReviewFigures.change(f(), r), "review-detail-change");
        row = figure(grid, row, "review.detail.cap", d.hiddenCap() == null ? "—" : f().money(d.hiddenCap()), "review-detail-cap");
        row = figure(grid, row, "review.detail.exposure", f().money(r.exposure()), "review-detail-exposure");
        row = figure(grid, row, "review.detail.score", r.score() == null ? "—" : r.score() + " (" + r.band() + ")", "review-detail-score");
        row = figure(grid, row, "review.detail.pd", r.pd() == null ? i18n.get("review.detail.pdUnknown") : f().percent(r.pd()), "review-detail-pd");
        row = figure(grid, row, "review.detail.priority", ReviewFigures.priority(f(), r.priority()), "review-detail-priority");
        row = figure(grid, row, "review.detail.created", f().dateTime(r.createdAt()), "review-detail-created", true);
        if (d.temporary()) {
            figure(grid, row, "review.detail.expires", f().dateTime(d.expiresAt()), "review-detail-expires");
        }
        return grid;
    }

    /** Why it was proposed: the reasons in words, each rule's evidence, the guardrails that held it. */
    private List<Node> why(Detail d) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(section("review.detail.why"));
        VBox reasons = new VBox(4);
        reasons.setId("review-detail-reasons");
        boolean first = true;
        for (String code : d.row().reasonCodes()) {
            // the first reason is what binds the amount: the customer's notice names it too
            String words = reasonWords(i18n, code, d);
            Label reason = new Label("• " + (first ? i18n.format("review.detail.binding", words) : words));
            first = false;
            reason.setWrapText(true);
            reasons.getChildren().add(reason);
        }
        nodes.add(reasons);

        if (!d.ruleHits().isEmpty()) {
            nodes.add(section("review.detail.evidence"));
            for (ProposalQueueService.RuleHit hit : d.ruleHits()) {
                nodes.add(ruleHit(hit));
            }
        }
        if (!d.guardrails().isEmpty()) {
            nodes.add(section("review.detail.guardrails"));
            // one chip a line, wrapping: a flow pane is at least as wide as its widest chip's one-line text, and "Increase capped
            // at the largest step" made the panel scroll sideways
            VBox chips = new VBox(4);
            d.guardrails().forEach(g -> {
                Label chip = new Label(i18n.getOr("review.guardrail." + g, g));
                chip.getStyleClass().add("flag-chip");
                chip.setWrapText(true);
                chips.getChildren().add(chip);
            });
            nodes.add(chips);
        }
        return nodes;
    }

    private int figure(GridPane grid, int row, String key, String value, String id) {
        return figure(grid, row, key, value, id, false);
    }

    /** {@code wrap}: a long figure (a date and time) may break; amounts never do. */
    private int figure(GridPane grid, int row, String key, String value, String id, boolean wrap) {
        Label caption = new Label(i18n.get(key));
        caption.getStyleClass().add("header-caption");
        // the caption wraps, the figure never does: "¥15,300.\n00" is unreadable, and Chinese
        // captions such as 优先级（敞口 × 违约概率） are long
        caption.setWrapText(true);
        caption.setMinWidth(70);
        Label v = new Label(value);
        v.setId(id);
        v.getStyleClass().add("review-figure");
        if (wrap) {
            v.setWrapText(true);
        } else {
            v.setMinWidth(Region.USE_PREF_SIZE);
        }
        grid.add(caption, 0, row);
        grid.add(v, 1, row);
        return row + 1;
    }

    private Label section(String key) {
        Label title = new Label(i18n.get(key));
        title.getStyleClass().add("section-title");
        return title;
    }

    private Node ruleHit(ProposalQueueService.RuleHit hit) {
        String words = "zh".equals(i18n.locale().getLanguage()) ? hit.descriptionZh() : hit.descriptionEn();
        Label name = new Label(words == null || words.isBlank() ? ReasonTexts.words(i18n, hit.ruleCode()) : words);
        name.setTooltip(new javafx.scene.control.Tooltip(hit.ruleCode())); // the code, for a look-up in the rule set
        name.getStyleClass().add("text-bold");
        name.setWrapText(true);
        name.setMaxWidth(ReviewView.SIDE_WIDTH - 40); // wraps inside the side panel instead of widening it
        VBox box = new VBox(2, name);
        if (hit.stale()) {
            Label stale = new Label(i18n.get("review.detail.stale"));
            stale.getStyleClass().add("flag-chip");
            stale.setGraphic(new FontIcon("mdi2c-clock-alert-outline"));
            stale.setWrapText(true);
            stale.setMaxWidth(ReviewView.SIDE_WIDTH - 60);
            box.getChildren().add(stale);
        }
        for (Map.Entry<String, String> e : hit.evidence().entrySet()) {
            Label line = new Label(i18n.getOr("review.evidence." + e.getKey(), e.getKey()) + ": " + EvidenceTexts.value(i18n, e.getKey(), e.getValue()));
            line.getStyleClass().add("text-muted");
            line.setWrapText(true);
            box.getChildren().add(line);
        }
        box.getStyleClass().add("rule-hit");
        return box;
    }

    /** A reason code in words: the rule's description when a rule hit carries it, else the bundle's text, else the code. */
    static String reasonWords(I18n i18n, String code, Detail d) {
        if (d != null) {
            for (ProposalQueueService.RuleHit hit : d.ruleHits()) {
                if (hit.ruleCode().equals(code)) {
                    return "zh".equals(i18n.locale().getLanguage()) ? hit.descriptionZh() : hit.descriptionEn();
                }
            }
        }
        return ReasonTexts.words(i18n, code);
    }

    private String dateText(String isoTime) {
        try {
            return f().dateTime(LocalDateTime.parse(isoTime));
        } catch (RuntimeException e) {
            return isoTime;
        }
    }
}
