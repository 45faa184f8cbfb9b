package dev.riskdesk.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableObjectValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small controls every screen builds the same way; texts come from the bundles and follow the language. */
public final class Controls {
    private Controls() {
    }

    /** A label whose text is the bundle's {@code key}. */
    public static Label text(I18n i18n, String key) {
        Label label = new Label();
        label.textProperty().bind(i18n.text(key));
        return label;
    }

    /** A field's or filter's label: never cut, whatever room its row leaves (the fields beside it give way). */
    public static Label fieldLabel(I18n i18n, String key) {
        Label label = text(i18n, key);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /** A button with a bundle text and an icon; {@code id} may be null. */
    public static Button button(I18n i18n, String id, String key, String icon) {
        Button b = new Button();
        b.setId(id);
        b.textProperty().bind(i18n.text(key));
        b.setGraphic(new FontIcon(icon));
        return b;
    }

    /** The "Refresh" button of a screen's top bar; {@code id} may be null. */
    public static Button refreshButton(I18n i18n, String id, Runnable refresh) {
        Button b = button(i18n, id, "common.refresh", "mdi2r-refresh");
        b.setOnAction(e -> refresh.run());
        return b;
    }

    /** A screen's error in words, taking room only while there is one; {@code id} may be null. */
    public static Label errorLabel(I18n i18n, String id, ObservableObjectValue<UiText> error) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("error-text");
        label.textProperty().bind(i18n.render(error));
        label.visibleProperty().bind(Bindings.isNotNull(error));
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    /** Grows to push what follows it in a bar to the right. */
    public static Region spacer() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }
}
