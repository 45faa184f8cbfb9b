package dev.riskdesk.ui.appeals;

import dev.riskdesk.appeals.AppealOutcome;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.common.TextLimit;
import dev.riskdesk.ui.common.Dialogs;
import dev.riskdesk.ui.common.Combos;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.TextCounter;
import dev.riskdesk.ui.common.UiText;
import java.io.File;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.Property;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The appeal dialogs: register, decide, assign, and a note or reason for a move; every text shows its count against its {@link TextLimit}. */
final class AppealDialogs {
    private AppealDialogs() {
    }

    record Assignment(Appeals.Handler handler, String reason) {
    }

    private static <T> Dialog<T> dialog(I18n i18n, Window owner, String titleKey, String id) {
        Dialog<T> d = new Dialog<>();
        Dialogs.prepare(d, owner);
        d.setTitle(i18n.get(titleKey));
        d.setHeaderText(i18n.get(titleKey));
        d.getDialogPane().setId(id);
        ButtonType ok = new ButtonType(i18n.get("appeals.ok"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(i18n.get("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        d.getDialogPane().getButtonTypes().setAll(ok, cancel);
        return d;
    }

    private static Node okButton(Dialog<?> d) {
        return d.getDialogPane().lookupButton(d.getDialogPane().getButtonTypes().get(0));
    }

    private static GridPane form() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.getStyleClass().add("dialog-form");
        return g;
    }

    private static Label label(I18n i18n, String key) {
        Label label = new Label(i18n.get(key));
        label.setMinWidth(Region.USE_PREF_SIZE); // a field's name is never cut ("Outco…")
        return label;
    }

    /** The register-appeal dialog over {@code form}; OK sends the registration through {@code send} (see {@link #sendOnOk}). */
    static void register(I18n i18n, AppealRegistrationForm form, Window owner, BiConsumer<AppealRegistrationForm.Registered, Consumer<UiText>> send) {
        Dialog<AppealRegistrationForm.Registered> d = dialog(i18n, owner, "appeals.register.title", "appeal-register-dialog");
        TextField account = new TextField();
        account.setId("appeal-register-account");
        account.textProperty().bindBidirectional(form.accountProperty());
        account.setPromptText(i18n.get("appeals.register.accountPrompt"));
        Button find = new Button(i18n.get("appeals.register.find"));
        find.setId("appeal-register-find");
        ListView<Appeals.Contestable> contested = contestedList(i18n, form);
        Label error = new Label();
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setMaxWidth(520);
        error.textProperty().bind(i18n.render(form.errorProperty()));
        find.setOnAction(e -> form.lookUp());
        account.setOnAction(e -> form.lookUp());
        ComboBox<String> channel = channelCombo(i18n, "appeal-register-channel", form.channels(), form.channelProperty());
        ComboBox<String> contact = channelCombo(i18n, "appeal-register-contact", form.contactPreferences(), form.contactProperty());
        TextArea statement = new TextArea();
        statement.setId("appeal-register-statement");
        statement.textProperty().bindBidirectional(form.statementProperty());
        statement.setPromptText(i18n.get("appeals.register.statementPrompt"));
        statement.setPrefRowCount(4);
        statement.setWrapText(true);
        GridPane g = form();
        g.addRow(0, label(i18n, "appeals.register.account"), new HBox(8, account, find));
        g.addRow(1, label(i18n, "appeals.register.contested"), contested);
        g.addRow(2, label(i18n, "appeals.register.channel"), channel);
        g.addRow(3, label(i18n, "appeals.register.contact"), contact);
        g.addRow(4, label(i18n, "appeals.register.statement"), new TextCounter(i18n, statement, TextLimit.APPEAL_STATEMENT).under(statement));
        g.addRow(5, label(i18n, "appeals.register.files"), filesRow(i18n, form, d));
        g.add(error, 1, 6);
        contested.setPrefWidth(520);
        d.getDialogPane().setContent(g);
        okButton(d).disableProperty().bind(form.readyProperty().not());
        if (!form.accountProperty().get().isEmpty()) {
            form.lookUp();
        }
        sendOnOk(i18n, d, form::registered, send);
        d.showAndWait();
    }

    /** The decisions and suspensions the account can contest, its selection tied to the form's. */
    private static ListView<Appeals.Contestable> contestedList(I18n i18n, AppealRegistrationForm form) {
        ListView<Appeals.Contestable> contested = new ListView<>(form.contestable());
        contested.setId("appeal-register-contested");
        contested.setPrefHeight(110);
        Label nothing = new Label(i18n.get("appeals.register.nothing"));
        nothing.setWrapText(true); // the hint whole in a list narrower than its sentence
        contested.setPlaceholder(nothing);
        contested.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Appeals.Contestable c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : contestedText(i18n, c));
            }
        });
        contested.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> form.contestedProperty().set(now));
        form.contestedProperty().addListener((obs, old, now) -> contested.getSelectionModel().select(now));
        return contested;
    }

    /** A combo of channel codes shown in the operator's language, bound both ways to {@code value}. */
    private static ComboBox<String> channelCombo(I18n i18n, String id, List<String> channels, Property<String> value) {
        ComboBox<String> combo = new ComboBox<>(FXCollections.observableArrayList(channels));
        combo.setId(id);
        Combos.texts(combo, c -> AppealTexts.channel(i18n, c));
        combo.valueProperty().bindBidirectional(value);
        return combo;
    }

    /** The attached files' names and sizes with a button to add one. */
    private static HBox filesRow(I18n i18n, AppealRegistrationForm form, Dialog<?> d) {
        ObservableList<Appeals.Attachment> files = form.files();
        Label fileList = new Label();
        fileList.textProperty().bind(Bindings.createStringBinding(() -> files.isEmpty() ? i18n.get("appeals.register.noFiles")
                : String.join(", ", files.stream().map(f -> f.fileName() + " (" + (f.content().length + 1023) / 1024 + " KB)").toList()), files));
        Button addFile = new Button(i18n.get("appeals.register.addFile"));
        addFile.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF, JPEG, PNG", "*.pdf", "*.jpg", "*.jpeg", "*.png"));
            File file = chooser.showOpenDialog(d.getDialogPane().getScene().getWindow());
            if (file != null) {
                form.addFile(file);
            }
        });
        return new HBox(8, addFile, fileList);
    }

    private static String contestedText(I18n i18n, Appeals.Contestable c) {
        return AppealTexts.type(i18n, c.type()) + " · " + i18n.formats().dateTime(c.since()) + " · "
                + AppealTexts.reasons(i18n, List.of(c.reasonCodes().split(",")))
                + (c.decisionId() == null ? "" : " · " + i18n.formats().money(c.oldLimit()) + " → " + i18n.formats().money(c.newLimit()));
    }

    /**
     * OK sends the dialog's value through {@code send} and closes the dialog once it is accepted;
     * a refusal is shown under the form and everything typed stays.
     */
    private static <T> void sendOnOk(I18n i18n, Dialog<?> d, Supplier<T> value, BiConsumer<T, Consumer<UiText>> send) {
        Label failure = new Label();
        failure.setId(d.getDialogPane().getId() + "-failure");
        failure.getStyleClass().add("error-text");
        failure.setWrapText(true);
        failure.setMaxWidth(520);
        failure.managedProperty().bind(failure.textProperty().isNotEmpty());
        d.getDialogPane().setContent(new VBox(8, d.getDialogPane().getContent(), failure));
        okButton(d).addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            failure.setText("");
            send.accept(value.get(), refused -> {
                if (refused == null) {
                    d.close();
                } else {
                    failure.setText(refused.render(i18n));
                    d.getDialogPane().getScene().getWindow().sizeToScene();
                }
            });
        });
    }

    /**
     * What a partial lift may set the limit to, as the workflow checks it: for a suspension, less than
     * the current limit; for a decrease, above the current limit and at most the limit before the
     * decrease (nothing, when the limit is back there).
     */
    static String limitPrompt(I18n i18n, Appeals.AppealCase c) {
        var f = i18n.formats();
        if (c.suspensionKind() != null || c.contestedOldLimit() == null) {
            return i18n.format("appeals.decide.limitPromptSuspension", f.money(c.currentLimit()));
        }
        return c.currentLimit().compareTo(c.contestedOldLimit()) < 0
                ? i18n.format("appeals.decide.limitPrompt", f.money(c.currentLimit()), f.money(c.contestedOldLimit()))
                : i18n.format("appeals.decide.limitPromptNone", f.money(c.currentLimit()));
    }

    /** The decide-appeal dialog over {@code form}; OK sends the decision through {@code send} (see {@link #sendOnOk}). */
    static void decide(I18n i18n, AppealDecisionForm form, Window owner, BiConsumer<Appeals.Decision, Consumer<UiText>> send) {
        Appeals.AppealCase c = form.appeal();
        Dialog<Appeals.Decision> d = dialog(i18n, owner, "appeals.decide.title", "appeal-decide-dialog");
        ComboBox<AppealOutcome> outcome = new ComboBox<>(FXCollections.observableArrayList(form.outcomes()));
        outcome.setId("appeal-decide-outcome");
        Combos.texts(outcome, o -> AppealTexts.outcome(i18n, o));
        outcome.valueProperty().bindBidirectional(form.outcomeProperty());
        TextField limit = new TextField();
        limit.setId("appeal-decide-limit");
        limit.textProperty().bindBidirectional(form.limitProperty());
        limit.setPromptText(limitPrompt(i18n, c));
        limit.disableProperty().bind(outcome.valueProperty().isNotEqualTo(AppealOutcome.PARTIALLY_LIFTED));
        ComboBox<String> reason = new ComboBox<>(FXCollections.observableArrayList(form.reasons()));
        reason.setId("appeal-decide-reason");
        Combos.texts(reason, r -> AppealTexts.reason(i18n, r));
        reason.valueProperty().bindBidirectional(form.reasonProperty());
        TextArea note = new TextArea();
        note.setId("appeal-decide-note");
        note.setPrefRowCount(3);
        note.setWrapText(true);
        note.setPromptText(i18n.get("appeals.decide.notePrompt"));
        note.textProperty().bindBidirectional(form.noteProperty());
        CheckBox identity = new CheckBox(i18n.get("appeals.decide.identity"));
        identity.setId("appeal-decide-identity");
        identity.selectedProperty().bindBidirectional(form.identityVerifiedProperty());
        identity.setVisible(form.fraud());
        identity.setManaged(form.fraud());
        ComboBox<String> language = new ComboBox<>(FXCollections.observableArrayList(form.languages()));
        language.setId("appeal-decide-language");
        Combos.texts(language, l -> i18n.get("appeals.decide.language." + l));
        language.valueProperty().bindBidirectional(form.languageProperty());
        Label fraudHint = new Label(i18n.get("appeals.decide.fraudHint"));
        fraudHint.setWrapText(true);
        fraudHint.setMaxWidth(460);
        fraudHint.getStyleClass().add("text-muted");
        fraudHint.setVisible(form.fraud());
        fraudHint.setManaged(form.fraud());
        GridPane g = form();
        g.addRow(0, label(i18n, "appeals.decide.outcome"), outcome);
        g.addRow(1, label(i18n, "appeals.decide.limit"), limit);
        g.addRow(2, label(i18n, "appeals.decide.reason"), reason);
        g.addRow(3, label(i18n, "appeals.decide.note"), new TextCounter(i18n, note, TextLimit.APPEAL_DECISION_NOTE).under(note));
        g.addRow(4, label(i18n, "appeals.decide.languageLabel"), language);
        g.add(identity, 1, 5);
        g.add(fraudHint, 1, 6);
        d.getDialogPane().setContent(g);
        okButton(d).disableProperty().bind(form.readyProperty().not());
        sendOnOk(i18n, d, form::decision, send);
        d.showAndWait();
    }

    /** The assign dialog; OK sends the choice through {@code send} (see {@link #sendOnOk}). */
    static void assign(I18n i18n, List<Appeals.Handler> handlers, Window owner, BiConsumer<Assignment, Consumer<UiText>> send) {
        Dialog<Assignment> d = dialog(i18n, owner, "appeals.assign.title", "appeal-assign-dialog");
        ComboBox<Appeals.Handler> who = new ComboBox<>(FXCollections.observableArrayList(handlers));
        who.setId("appeal-assign-handler");
        Combos.texts(who, h -> h.username() + " · " + h.displayName() + " · " + i18n.getOr("common.role." + h.role(), h.role()));
        TextField reason = new TextField();
        reason.setId("appeal-assign-reason");
        reason.setPromptText(i18n.get("appeals.assign.reasonPrompt"));
        TextCounter counter = new TextCounter(i18n, reason, TextLimit.APPEAL_ASSIGN_REASON);
        GridPane g = form();
        g.addRow(0, label(i18n, "appeals.assign.handler"), who);
        g.addRow(1, label(i18n, "appeals.assign.reason"), counter.under(reason));
        d.getDialogPane().setContent(g);
        okButton(d).disableProperty().bind(who.valueProperty().isNull().or(counter.tooLongProperty()));
        sendOnOk(i18n, d, () -> new Assignment(who.getValue(), reason.getText()), send);
        d.showAndWait();
    }

    /** A note for a move or an approval, counted against {@code limit} (required when {@code required}); OK sends it through {@code send}. */
    static void note(I18n i18n, String titleKey, boolean required, TextLimit limit, Window owner, BiConsumer<String, Consumer<UiText>> send) {
        Dialog<String> d = dialog(i18n, owner, titleKey, "appeal-note-dialog");
        TextArea note = new TextArea();
        note.setId("appeal-note-text");
        note.setPrefRowCount(3);
        note.setPrefColumnCount(40);
        note.setWrapText(true);
        TextCounter counter = new TextCounter(i18n, note, limit);
        d.getDialogPane().setContent(counter.under(note));
        okButton(d).disableProperty().bind(required ? note.textProperty().isEmpty().or(counter.tooLongProperty()) : counter.tooLongProperty());
        sendOnOk(i18n, d, note::getText, send);
        d.showAndWait();
    }
}
