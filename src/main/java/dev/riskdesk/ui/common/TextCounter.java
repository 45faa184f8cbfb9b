package dev.riskdesk.ui.common;

import dev.riskdesk.common.TextLimit;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.IntegerBinding;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.VBox;

/**
 * The live "123 / 2,000" under a free-text field, from the field's {@link TextLimit}. It never
 * cuts what is typed or pasted: a longer text stays in the field, the counter and the field turn
 * to the danger style and {@link #tooLongProperty()} lets the dialog disable its save action.
 */
public final class TextCounter extends Label {
    private static final PseudoClass OVER = PseudoClass.getPseudoClass("danger");
    private final BooleanBinding tooLong;

    public TextCounter(I18n i18n, TextInputControl field, TextLimit limit) {
        IntegerBinding length = Bindings.createIntegerBinding(() -> field.getText() == null ? 0 : field.getText().length(), field.textProperty());
        tooLong = length.greaterThan(limit.max());
        textProperty().bind(i18n.bind(() -> tooLong.get()
                ? i18n.format("common.text.counterTooLong", length.get(), limit.max(), length.get() - limit.max())
                : i18n.format("common.text.counter", length.get(), limit.max()), length));
        getStyleClass().add("text-counter");
        if (field.getId() != null) {
            setId(field.getId() + "-counter");
        }
        setMaxWidth(Double.MAX_VALUE);
        setAlignment(Pos.CENTER_RIGHT);
        setFocusTraversable(false);
        tooLong.addListener((o, was, now) -> {
            pseudoClassStateChanged(OVER, now);
            field.pseudoClassStateChanged(OVER, now);
        });
    }

    /** True while the field holds more than its limit. */
    public BooleanBinding tooLongProperty() {
        return tooLong;
    }

    /** {@code field} with this counter under it at the right edge; the box is what goes into the form. */
    public VBox under(TextInputControl field) {
        VBox box = new VBox(2, field, this);
        box.setFillWidth(true);
        return box;
    }
}
