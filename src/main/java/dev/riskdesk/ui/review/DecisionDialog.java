package dev.riskdesk.ui.review;

import dev.riskdesk.common.TextLimit;
import dev.riskdesk.limits.review.ProposalQueueService.Detail;
import dev.riskdesk.limits.review.ProposalQueueService.Pending;
import dev.riskdesk.ui.common.Dialogs;
import dev.riskdesk.ui.common.Combos;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.TextCounter;
import dev.riskdesk.ui.common.Theme;
import dev.riskdesk.ui.common.UiText;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The dialogs of the review queue. A decision dialog validates as the operator types (the first
 * problem in words, OK disabled until there is none; the note counts its characters against
 * {@link TextLimit#DECISION_NOTE}) and closes when the service has accepted the decision; a
 * refusal (another operator was first, a rule the service enforces) is shown in the dialog and on
 * the queue, which reads the item again, and the dialog keeps what was typed. Bulk confirmation shows what it will do before it applies, and
 * afterwards what it did (confirmed, not applied and why, left as not low-risk); when the whole
 * task fails it says why and OK can be pressed again.
 */
final class DecisionDialog {
    private DecisionDialog() {
    }

    static void show(Window owner, I18n i18n, ReviewViewModel model, DecisionForm form, Detail detail, Pending pending) {
        String action = form.action().name();
        Dialog<ButtonType> dialog = new Dialog<>();
        Dialogs.prepare(dialog, owner);
        dialog.setTitle(i18n.get("review.dialog." + action + ".title"));
        dialog.getDialogPane().setId("decisionDialog");
        dialog.getDialogPane().getStyleClass().add("decision-dialog-" + action.toLowerCase(java.util.Locale.ROOT));
        if (detail != null) {
            dialog.setHeaderText(i18n.format("review.dialog.header", i18n.get("review.type." + detail.row().type().name()), detail.row().accountNo(),
                    i18n.formats().money(detail.row().oldLimit()), i18n.formats().money(detail.row().proposedLimit())));
        } else {
            dialog.setHeaderText(i18n.format("review.dialog.approvalHeader", pending.accountNo(), i18n.formats().money(pending.oldLimit()),
                    i18n.formats().money(pending.newLimit()), pending.makerName()));
        }
        ButtonType okType = new ButtonType(i18n.get("review.dialog." + action + ".ok"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(okType, new ButtonType(i18n.get("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE));

        GridPane grid = new GridPane();
        grid.getStyleClass().add("dialog-grid");
        Control first = fields(grid, i18n, form, detail);
        VBox content = new VBox(10, grid);
        Label failure = new Label();
        failure.setId("decision-failure");
        failure.getStyleClass().add("error-text");
        failure.setWrapText(true);
        failure.setMaxWidth(460);
        failure.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        failure.managedProperty().bind(failure.textProperty().isNotEmpty());
        content.getChildren().addAll(feedback(i18n, form));
        content.getChildren().add(failure);
        content.getStyleClass().addAll("dialog-form", "decision-form");
        content.setPrefWidth(480);
        dialog.getDialogPane().setContent(content);

        Button ok = (Button) dialog.getDialogPane().lookupButton(okType);
        ok.setId("decision-ok");
        ok.disableProperty().bind(form.problemProperty().isNotNull().or(model.busyProperty()));
        ok.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume(); // close when the service has accepted; a refusal keeps the dialog and its text
            failure.setText("");
            model.decide(form, (UiText refused) -> {
                if (refused == null) {
                    dialog.close();
                } else {
                    failure.setText(refused.render(i18n));
                    dialog.getDialogPane().getScene().getWindow().sizeToScene();
                }
            });
        });
        Theme.style(dialog.getDialogPane().getScene());
        dialog.show();
        // a wrapped hint or problem takes more lines: grow the window rather than cut the buttons off
        javafx.beans.InvalidationListener resize = o -> javafx.application.Platform.runLater(() -> dialog.getDialogPane().getScene().getWindow().sizeToScene());
        form.problemProperty().addListener(resize);
        form.approvalHintProperty().addListener(resize);
        first.requestFocus();
    }

    /** The amount, reason and note rows the action asks for; returns the one to type in first. */
    private static Control fields(GridPane grid, I18n i18n, DecisionForm form, Detail detail) {
        int row = 0;
        TextField amount = new TextField();
        if (form.action().hasAmount()) {
            amount.setId("decision-amount");
            amount.textProperty().bindBidirectional(form.amountProperty());
            amount.setPromptText(i18n.format("review.dialog.amountPrompt", i18n.formats().money(detail.maxOverride())));
            Label bounds = new Label(i18n.format("review.dialog.bounds", i18n.formats().money(detail.maxOverride())));
            bounds.getStyleClass().add("text-muted");
            bounds.setWrapText(true);
            bounds.setMaxWidth(340);
            grid.addRow(row++, label(i18n, "review.dialog.amount", amount), amount);
            grid.add(bounds, 1, row++);
        }
        if (form.action().needsReason()) {
            ComboBox<String> reason = new ComboBox<>(FXCollections.observableArrayList(form.reasonChoices()));
            reason.setId("decision-reason");
            reason.valueProperty().bindBidirectional(form.reasonProperty());
            Combos.texts(reason, item -> item.isEmpty() ? null : i18n.get("review.decisionReason." + item));
            reason.setPromptText(i18n.get("review.dialog.reasonPrompt"));
            reason.setMaxWidth(Double.MAX_VALUE);
            grid.addRow(row++, label(i18n, "review.dialog.reason", reason), reason);
        }
        TextArea note = new TextArea();
        note.setId("decision-note");
        note.setPrefRowCount(3);
        note.setWrapText(true);
        note.textProperty().bindBidirectional(form.noteProperty());
        note.setPromptText(i18n.get(form.action().needsNote() ? "review.dialog.notePrompt" : "review.dialog.noteOptional"));
        grid.addRow(row++, label(i18n, "review.dialog.note", note), new TextCounter(i18n, note, TextLimit.DECISION_NOTE).under(note));
        return form.action().hasAmount() ? amount : note;
    }

    /** The approval hint and the first problem in words, both wrapping. */
    private static List<Label> feedback(I18n i18n, DecisionForm form) {
        Label problem = new Label();
        problem.setId("decision-problem");
        problem.getStyleClass().add("error-text");
        problem.setWrapText(true);
        problem.textProperty().bind(i18n.render(form.problemProperty()));
        Label hint = new Label();
        hint.setId("decision-approval-hint");
        hint.getStyleClass().add("text-muted");
        hint.setGraphic(new FontIcon("mdi2a-account-multiple-check-outline"));
        hint.setWrapText(true);
        hint.textProperty().bind(i18n.render(form.approvalHintProperty()));
        hint.visibleProperty().bind(form.approvalHintProperty().isNotNull().and(form.problemProperty().isNull()));
        hint.managedProperty().bind(hint.visibleProperty());
        for (Label l : new Label[] {hint, problem}) {
            l.setMaxWidth(460);
            l.setPrefWidth(460);
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        return List.of(hint, problem);
    }

    static void showBulk(Window owner, I18n i18n, ReviewViewModel model, ReviewViewModel.BulkPlan plan) {
        Dialog<ButtonType> dialog = new Dialog<>();
        Dialogs.prepare(dialog, owner);
        dialog.setTitle(i18n.get("review.bulk.title"));
        dialog.getDialogPane().setId("bulkDialog");
        dialog.setHeaderText(i18n.format("review.bulk.header", plan.lowRisk().size()));
        ButtonType okType = new ButtonType(i18n.format("review.bulk.ok", plan.lowRisk().size()), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancelType = new ButtonType(i18n.get("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(okType, cancelType);
        Label summary = new Label(i18n.format("review.bulk.summary", plan.lowRisk().size(), i18n.formats().money(plan.limitChange()), plan.skipped()));
        summary.setId("bulk-summary");
        summary.setWrapText(true);
        Label rule = new Label(i18n.get("review.bulk.rule"));
        rule.getStyleClass().add("text-muted");
        rule.setWrapText(true);
        Label result = new Label();
        result.setId("bulk-result");
        result.setWrapText(true);
        result.setVisible(false);
        result.managedProperty().bind(result.visibleProperty());
        TextArea note = new TextArea();
        note.setId("bulk-note");
        note.setPrefRowCount(2);
        note.setWrapText(true);
        note.setPromptText(i18n.get("review.dialog.noteOptional"));
        TextCounter counter = new TextCounter(i18n, note, TextLimit.DECISION_NOTE);
        VBox content = new VBox(10, summary, rule, counter.under(note), result);
        content.getStyleClass().addAll("dialog-form", "decision-form");
        content.setPrefWidth(460);
        dialog.getDialogPane().setContent(content);
        Button ok = (Button) dialog.getDialogPane().lookupButton(okType);
        ok.setId("bulk-ok");
        javafx.beans.property.BooleanProperty sending = new javafx.beans.property.SimpleBooleanProperty();
        ok.disableProperty().bind(sending.or(counter.tooLongProperty()).or(javafx.beans.binding.Bindings.createBooleanBinding(plan.lowRisk()::isEmpty)));
        Button cancel = (Button) dialog.getDialogPane().lookupButton(cancelType);
        cancel.setId("bulk-close");
        ok.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            sending.set(true);
            note.setEditable(false);
            model.bulkConfirm(plan, note.getText() == null ? "" : note.getText().strip(), done -> {
                // the outcome stays in front of the operator until they close the dialog
                result.getStyleClass().remove("error-text");
                result.setText(bulkOutcome(i18n, plan, done));
                result.setVisible(true);
                ok.setVisible(false);
                ok.setManaged(false);
                cancel.setText(i18n.get("review.bulk.close"));
                dialog.getDialogPane().getScene().getWindow().sizeToScene();
            }, failure -> {
                result.getStyleClass().add("error-text");
                result.setText(failure.render(i18n));
                result.setVisible(true);
                sending.set(false);
                note.setEditable(true);
                dialog.getDialogPane().getScene().getWindow().sizeToScene();
            });
        });
        Theme.style(dialog.getDialogPane().getScene());
        dialog.show();
    }

    /** "2 confirmed, 1 not applied", then why each was not applied and how many were left as not low-risk. */
    static String bulkOutcome(I18n i18n, ReviewViewModel.BulkPlan plan, ReviewViewModel.BulkResult done) {
        StringBuilder text = new StringBuilder(i18n.format("review.bulk.done", done.confirmed(), done.conflicts()));
        for (UiText problem : done.problems()) {
            text.append("\n\u2022 ").append(problem.render(i18n));
        }
        if (done.conflicts() > done.problems().size()) {
            text.append("\n\u2022 ").append(i18n.format("review.bulk.more", done.conflicts() - done.problems().size()));
        }
        if (plan.skipped() > 0) {
            text.append("\n").append(i18n.format("review.bulk.skipped", plan.skipped()));
        }
        return text.toString();
    }

    private static Label label(I18n i18n, String key, javafx.scene.Node target) {
        Label label = new Label(i18n.get(key));
        label.setLabelFor(target);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return label;
    }
}
