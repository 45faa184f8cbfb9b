package dev.riskdesk.ui.dashboard;

import dev.riskdesk.ui.common.Controls;
import dev.riskdesk.ui.common.I18n;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/** The dashboard's small controls: labels and buttons with bundle texts, filter choices, the save dialog. */
final class DashboardControls {
    private final I18n i18n;

    DashboardControls(I18n i18n) {
        this.i18n = i18n;
    }

    Label label(String key) {
        Label l = Controls.text(i18n, key);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** A label that wraps within its panel. */
    Label wrapping(String key) {
        Label l = label(key);
        l.setWrapText(true);
        l.setMinWidth(0);
        return l;
    }

    Button button(String id, String key, String icon) {
        Button b = Controls.button(i18n, id, key, icon);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /** A narrow button: a short label, the full text as its tooltip. */
    Button shortButton(String id, String key, String tipKey, String icon) {
        Button b = button(id, key, icon);
        tip(b, tipKey);
        return b;
    }

    void tip(javafx.scene.control.Control control, String key) {
        control.setTooltip(new Tooltip());
        control.getTooltip().textProperty().bind(i18n.text(key));
    }

    static Region gap() {
        Region r = new Region();
        r.setMinWidth(8);
        return r;
    }

    /** A filter's choice: "all" (null) first, then the values by their names. */
    <T> ComboBox<T> choice(String id, List<T> values, Function<T, String> name) {
        List<T> items = new ArrayList<>();
        items.add(null);
        items.addAll(values);
        ComboBox<T> box = new ComboBox<>(FXCollections.observableArrayList(items));
        box.setId(id);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? i18n.get("dashboard.filter.all") : name.apply(value);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
        java.util.function.Supplier<ListCell<T>> button = () -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(box.getConverter().toString(item));
            }
        };
        box.setButtonCell(button.get());
        // a new button cell draws the chosen value ("All" among them) in the new language
        i18n.messagesProperty().addListener((obs, old, now) -> box.setButtonCell(button.get()));
        box.setValue(null);
        return box;
    }

    /** The save dialog over {@code owner}'s window, offering the export's name and type. */
    static SaveAs saveAs(Node owner) {
        return (name, extension) -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName(name + "." + extension);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase(Locale.ROOT), "*." + extension));
            return chooser.showSaveDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
        };
    }
}
