package dev.riskdesk.ui.review;

import dev.riskdesk.limits.review.ProposalQueueService.Pending;
import dev.riskdesk.ui.common.AuditTexts;
import dev.riskdesk.ui.common.Formats;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Tables;
import java.util.function.LongConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/** The managers' tab of the review screen: decisions awaiting a second approval, with approve and decline. */
final class ApprovalsTab {
    private final ReviewViewModel model;
    private final I18n i18n;
    private final LongConsumer openProfile;
    private Node root;

    ApprovalsTab(ReviewViewModel model, I18n i18n, LongConsumer openProfile) {
        this.model = model;
        this.i18n = i18n;
        this.openProfile = openProfile;
    }

    private Formats f() {
        return i18n.formats();
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    Node build() {
        TableView<Pending> t = Tables.table("approvals-table", model.approvals());
        t.getColumns().add(Tables.column(i18n, "review.col.decided", 160, p -> f().dateTime(p.decidedAt())));
        t.getColumns().add(Tables.column(i18n, "review.col.account", 150, Pending::accountNo));
        t.getColumns().add(Tables.numeric(i18n, "review.col.old", 118, p -> f().money(p.oldLimit())));
        t.getColumns().add(Tables.numeric(i18n, "review.col.new", 90, p -> f().money(p.newLimit())));
        t.getColumns().add(Tables.numeric(i18n, "review.col.proposed", 90, p -> f().money(p.proposedLimit())));
        t.getColumns().add(Tables.column(i18n, "review.col.maker", 70, p -> p.mine() ? i18n.format("review.maker.me", p.makerName()) : p.makerName()));
        t.getColumns().add(Tables.column(i18n, "review.col.reason", 160, p -> p.reasonCode() == null ? "—"
                : i18n.getOr("review.decisionReason." + p.reasonCode(), AuditTexts.words(i18n, p.reasonCode())),
                p -> p.reasonCode() == null ? null : p.reasonCode()));
        t.getColumns().add(Tables.column(i18n, "review.col.note", 150, p -> p.note() == null ? "" : p.note()));
        t.setPlaceholder(Tables.placeholder(i18n, "review.approvals.empty", null));
        t.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedApprovalProperty().set(now));
        model.selectedApprovalProperty().addListener((obs, old, now) -> {
            if (now != t.getSelectionModel().getSelectedItem()) {
                if (now == null) {
                    t.getSelectionModel().clearSelection();
                } else {
                    t.getSelectionModel().select(now);
                }
            }
        });
        VBox.setVgrow(t, Priority.ALWAYS);

        BooleanBinding notAllowed = Bindings.createBooleanBinding(() -> model.selectedApprovalProperty().get() == null
                || model.selectedApprovalProperty().get().mine(), model.selectedApprovalProperty()).or(model.busyProperty());
        Button approve = ReviewView.actionButton(i18n, "approval-approve", "review.action.approve", "mdi2c-check-decagram-outline", notAllowed,
                () -> DecisionDialog.show(window(), i18n, model, new DecisionForm(DecisionForm.Action.APPROVE, null, f()), null,
                        model.selectedApprovalProperty().get()));
        approve.getStyleClass().add("success");
        Button decline = ReviewView.actionButton(i18n, "approval-decline", "review.action.decline", "mdi2u-undo-variant", notAllowed,
                () -> DecisionDialog.show(window(), i18n, model, new DecisionForm(DecisionForm.Action.DECLINE, null, f()), null,
                        model.selectedApprovalProperty().get()));
        Button profile = ReviewView.actionButton(i18n, "approval-profile", "review.openProfile", "mdi2a-account-details-outline",
                model.selectedApprovalProperty().isNull(), () -> openProfile.accept(model.selectedApprovalProperty().get().accountId()));
        Label own = new Label();
        own.setId("approval-own");
        own.getStyleClass().add("text-muted");
        own.setGraphic(new FontIcon("mdi2e-eye-off-outline"));
        own.textProperty().bind(i18n.text("review.approvals.own"));
        own.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.selectedApprovalProperty().get() != null
                && model.selectedApprovalProperty().get().mine(), model.selectedApprovalProperty()));
        own.setWrapText(true);
        HBox.setHgrow(own, Priority.ALWAYS);
        HBox bar = new HBox(8, approve, decline, profile, own);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label explain = new Label();
        explain.getStyleClass().add("text-muted");
        explain.textProperty().bind(i18n.text("review.approvals.explain"));
        explain.setWrapText(true);
        VBox box = new VBox(8, explain, t, bar);
        box.getStyleClass().add("tab-body");
        root = box;
        return box;
    }
}
