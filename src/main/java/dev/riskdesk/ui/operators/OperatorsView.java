package dev.riskdesk.ui.operators;

import dev.riskdesk.security.OperatorAdminService.OperatorSummary;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.SignInPolicy;
import dev.riskdesk.ui.common.Dialogs;
import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.Theme;
import dev.riskdesk.ui.common.UiText;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Callback;

/** The administrator's Operators screen: the table and its actions. Only binds to {@link OperatorsViewModel}. */
public final class OperatorsView {
    private final OperatorsViewModel model;
    private final I18n i18n;

    public OperatorsView(OperatorsViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
    }

    public Parent build() {
        TableView<OperatorSummary> table = table();
        VBox.setVgrow(table, Priority.ALWAYS);
        Label message = Controls.errorLabel(i18n, "operators-message", model.messageProperty());
        message.getStyleClass().setAll("label", "text-muted");
        VBox page = new VBox(12, actions(table), table, new HBox(12, Controls.errorLabel(i18n, "operators-error", model.errorProperty()), message),
                signInPolicy());
        page.getStyleClass().add("screen");
        page.setId("operators");
        model.reload();
        model.loadPolicy();
        return page;
    }

    // sign-in policy
    /** The sign-in policy's three values, each with its limits, and their Save (audited by the service). */
    private VBox signInPolicy() {
        Label title = Controls.text(i18n, "operators.policy.title");
        title.getStyleClass().add("section-title");
        GridPane form = form();
        form.addRow(0, Controls.fieldLabel(i18n, "operators.policy.maxFailures"),
                number("operators-policy-max-failures", SignInPolicy.MIN_FAILURES, SignInPolicy.MAX_FAILURES, model.maxFailuresProperty()),
                range(SignInPolicy.MIN_FAILURES, SignInPolicy.MAX_FAILURES));
        form.addRow(1, Controls.fieldLabel(i18n, "operators.policy.lockout"),
                number("operators-policy-lockout", SignInPolicy.MIN_MINUTES, SignInPolicy.MAX_MINUTES, model.lockoutMinutesProperty()),
                range(SignInPolicy.MIN_MINUTES, SignInPolicy.MAX_MINUTES));
        form.addRow(2, Controls.fieldLabel(i18n, "operators.policy.idleLock"),
                number("operators-policy-idle-lock", SignInPolicy.MIN_MINUTES, SignInPolicy.MAX_MINUTES, model.idleLockMinutesProperty()),
                range(SignInPolicy.MIN_MINUTES, SignInPolicy.MAX_MINUTES));
        Button save = Controls.button(i18n, "operators-policy-save", "operators.policy.save", "mdi2c-content-save-outline");
        save.disableProperty().bind(model.busyProperty());
        save.setOnAction(e -> model.savePolicy());
        Label hint = Controls.text(i18n, "operators.policy.hint");
        hint.getStyleClass().addAll("text-small", "text-muted");
        hint.setWrapText(true);
        VBox side = new VBox(8, hint, save);
        side.setMaxWidth(420);
        HBox body = new HBox(24, form, side);
        VBox section = new VBox(8, title, body);
        section.setId("operators-policy");
        return section;
    }

    /** A whole number between {@code min} and {@code max}, typed (digits only) or stepped; bound to the view model. */
    private static Spinner<Integer> number(String id, int min, int max, ObjectProperty<Integer> value) {
        Spinner<Integer> spinner = new Spinner<>(min, max, value.get() == null ? min : value.get());
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.setPrefWidth(110);
        spinner.getEditor().setTextFormatter(new TextFormatter<>(change -> change.getControlNewText().matches("\\d{0,4}") ? change : null));
        spinner.getValueFactory().valueProperty().bindBidirectional(value);
        spinner.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                spinner.commitValue(); // what was typed counts when the field is left (clamped to the limits)
            }
        });
        return spinner;
    }

    private Label range(int min, int max) {
        Label range = new Label();
        range.textProperty().bind(i18n.bind(() -> i18n.format("operators.policy.range", String.valueOf(min), String.valueOf(max))));
        range.getStyleClass().addAll("text-small", "text-muted");
        range.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the limits are never cut
        return range;
    }

    private HBox actions(TableView<OperatorSummary> table) {
        BooleanBinding none = Bindings.or(model.selectedProperty().isNull(), model.busyProperty());
        Button add = Controls.button(i18n, "operators-add", "operators.add", "mdi2a-account-plus-outline");
        add.getStyleClass().add("accent");
        add.disableProperty().bind(model.busyProperty());
        add.setOnAction(e -> addDialog(table));

        Button disable = Controls.button(i18n, "operators-disable", "operators.disable", "mdi2a-account-off-outline");
        disable.disableProperty().bind(Bindings.createBooleanBinding(() -> none.get() || !model.selectedProperty().get().active()
                || model.selectedProperty().get().username().equals(model.self()), none, model.selectedProperty()));
        disable.setOnAction(e -> confirmDisable(table, model.selectedProperty().get()));

        Button enable = Controls.button(i18n, "operators-enable", "operators.enable", "mdi2a-account-check-outline");
        enable.disableProperty().bind(Bindings.createBooleanBinding(() -> none.get() || model.selectedProperty().get().active(),
                none, model.selectedProperty()));
        enable.setOnAction(e -> model.enable(model.selectedProperty().get()));

        Button reset = Controls.button(i18n, "operators-reset", "operators.resetPassword", "mdi2l-lock-reset");
        reset.disableProperty().bind(none);
        reset.setOnAction(e -> resetDialog(table, model.selectedProperty().get()));

        Button role = Controls.button(i18n, "operators-role", "operators.changeRole", "mdi2s-shield-account-outline");
        role.disableProperty().bind(none);
        role.setOnAction(e -> roleDialog(table, model.selectedProperty().get()));

        HBox bar = new HBox(8, add, disable, enable, reset, role, Controls.spacer(), Controls.refreshButton(i18n, "operators-refresh", model::reload));
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private TableView<OperatorSummary> table() {
        TableView<OperatorSummary> table = new TableView<>(model.operators());
        table.setId("operators-table");
        table.getStyleClass().add("dense");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("operators.col.username", 120, OperatorSummary::username));
        table.getColumns().add(whole(column("operators.col.displayName", 120, OperatorSummary::displayName))); // its header is the longest
        table.getColumns().add(column("operators.col.role", 130, o -> roleText(o.role())));
        table.getColumns().add(column("operators.col.status", 190, o -> i18n.get(o.active() ? "operators.status.active" : "operators.status.disabled")
                + (o.mustChangePassword() ? " · " + i18n.get("operators.status.mustChange") : "")));
        // a date and time is never cut ("2026年12月28日 09:11"): the other columns give the room in a narrow window
        table.getColumns().add(whole(column("operators.col.lockedUntil", DATE_TIME_WIDTH,
                o -> o.lockedUntil() == null ? "" : i18n.formats().dateTime(o.lockedUntil()))));
        table.getColumns().add(whole(column("operators.col.lastLogin", DATE_TIME_WIDTH,
                o -> o.lastLoginAt() == null ? "" : i18n.formats().dateTime(o.lastLoginAt()))));
        Label placeholder = new Label();
        placeholder.textProperty().bind(i18n.bind(() -> i18n.get(model.busyProperty().get() ? "common.loading" : "operators.empty"),
                model.busyProperty()));
        table.setPlaceholder(placeholder);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedProperty().set(now));
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
            }
        });
        return table;
    }

    private String roleText(Role role) {
        return i18n.get("common.role." + role.name());
    }

    /** Wide enough for a whole date and time in either language, with the cell's padding. */
    private static final double DATE_TIME_WIDTH = 176;

    private static <S, T> TableColumn<S, T> whole(TableColumn<S, T> column) {
        column.setMinWidth(column.getPrefWidth());
        return column;
    }

    private TableColumn<OperatorSummary, String> column(String key, double width, Function<OperatorSummary, String> text) {
        TableColumn<OperatorSummary, String> column = new TableColumn<>();
        column.textProperty().bind(i18n.text(key));
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 110));
        column.setCellValueFactory(c -> i18n.bind(() -> text.apply(c.getValue())));
        return column;
    }

    private void confirmDisable(TableView<OperatorSummary> owner, OperatorSummary operator) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, i18n.format("operators.confirm.disable", operator.username()),
                ButtonType.OK, ButtonType.CANCEL);
        Dialogs.prepare(alert, owner.getScene().getWindow());
        alert.setHeaderText(null);
        alert.setTitle(i18n.get("operators.disable"));
        alert.getDialogPane().setId("operators-confirm-disable");
        Theme.style(alert.getDialogPane().getScene());
        if (alert.showAndWait().filter(ButtonType.OK::equals).isPresent()) {
            model.disable(operator);
        }
    }

    private void addDialog(TableView<OperatorSummary> owner) {
        TextField name = new TextField();
        name.setId("operators-add-name");
        TextField display = new TextField();
        display.setId("operators-add-display");
        ComboBox<Role> role = roleChoice(Role.AGENT);
        PasswordField password = passwordField("operators-add-password");
        PasswordField confirm = passwordField("operators-add-confirm");
        GridPane form = form();
        form.addRow(0, Controls.fieldLabel(i18n, "operators.field.username"), name);
        form.addRow(1, Controls.fieldLabel(i18n, "operators.field.displayName"), display);
        form.addRow(2, Controls.fieldLabel(i18n, "operators.field.role"), role);
        form.addRow(3, Controls.fieldLabel(i18n, "operators.field.password"), password);
        form.addRow(4, Controls.fieldLabel(i18n, "operators.field.confirm"), confirm);
        form.add(hint(), 1, 5);
        show(owner, i18n.get("operators.dialog.add.title"), "operators-add-dialog", form,
                done -> model.add(name.getText(), display.getText(), role.getValue(), password.getText(), confirm.getText(), done));
    }

    private void resetDialog(TableView<OperatorSummary> owner, OperatorSummary operator) {
        PasswordField password = passwordField("operators-reset-password");
        PasswordField confirm = passwordField("operators-reset-confirm");
        GridPane form = form();
        Label intro = new Label(i18n.format("operators.dialog.reset.intro", operator.username()));
        intro.setWrapText(true);
        form.add(intro, 0, 0, 2, 1);
        form.addRow(1, Controls.fieldLabel(i18n, "operators.field.temporary"), password);
        form.addRow(2, Controls.fieldLabel(i18n, "operators.field.confirm"), confirm);
        form.add(hint(), 1, 3);
        show(owner, i18n.format("operators.dialog.reset.title", operator.username()), "operators-reset-dialog", form,
                done -> model.resetPassword(operator, password.getText(), confirm.getText(), done));
    }

    private void roleDialog(TableView<OperatorSummary> owner, OperatorSummary operator) {
        ComboBox<Role> role = roleChoice(operator.role());
        GridPane form = form();
        form.addRow(0, Controls.fieldLabel(i18n, "operators.field.role"), role);
        show(owner, i18n.format("operators.dialog.role.title", operator.username()), "operators-role-dialog", form,
                done -> model.setRole(operator, role.getValue(), done));
    }

    /**
     * Shows a form whose Save hands it to {@code save}; the dialog closes only when the service said yes. A refusal
     * (a weak password, a name that exists, a change by someone else meanwhile) shows in the dialog under the form, and
     * everything typed stays for the administrator to correct.
     */
    private void show(TableView<OperatorSummary> owner, String title, String id, GridPane form, Consumer<Consumer<UiText>> save) {
        Dialog<ButtonType> dialog = new Dialog<>();
        Dialogs.prepare(dialog, owner.getScene().getWindow());
        dialog.setTitle(title);
        ButtonType ok = new ButtonType(i18n.get("operators.dialog.ok"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(i18n.get("operators.dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, cancel);
        ObjectProperty<UiText> refusal = new SimpleObjectProperty<>();
        Label refusalLabel = Controls.errorLabel(i18n, id + "-error", refusal);
        refusalLabel.setWrapText(true);
        refusalLabel.setMaxWidth(360);
        form.add(refusalLabel, 0, form.getRowCount(), 2, 1);
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().setId(id);
        Button saveButton = (Button) dialog.getDialogPane().lookupButton(ok);
        saveButton.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume(); // close only when the service said yes
            saveButton.setDisable(true);
            refusal.set(null);
            save.accept(failure -> {
                saveButton.setDisable(false);
                if (failure == null) {
                    dialog.setResult(ok);
                    dialog.close();
                } else {
                    refusal.set(failure);
                }
            });
        });
        Theme.style(dialog.getDialogPane().getScene());
        dialog.showAndWait();
    }

    private ComboBox<Role> roleChoice(Role initial) {
        ComboBox<Role> box = new ComboBox<>();
        box.getItems().setAll(model.roles());
        box.setValue(initial);
        box.setId("operators-role-choice");
        Callback<javafx.scene.control.ListView<Role>, ListCell<Role>> cells = list -> new ListCell<>() {
            @Override
            protected void updateItem(Role item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : roleText(item));
            }
        };
        box.setCellFactory(cells);
        box.setButtonCell(cells.call(null));
        return box;
    }

    private Label hint() {
        Label hint = Controls.text(i18n, "operators.passwordHint");
        hint.getStyleClass().addAll("text-small", "text-muted");
        hint.setWrapText(true);
        hint.setMaxWidth(300);
        return hint;
    }

    private static PasswordField passwordField(String id) {
        PasswordField field = new PasswordField();
        field.setId(id);
        return field;
    }

    private static GridPane form() {
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        return form;
    }
}
