package dev.riskdesk.ui.common;

import java.util.function.Function;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.util.Callback;

/** Choice boxes that show their items in words: the list and the button use one text function. */
public final class Combos {
    private Combos() {
    }

    /** Shows each item as {@code text} gives it (null shows nothing); the text is asked again whenever a cell is redrawn. */
    public static <T> void texts(ComboBox<T> box, Function<T, String> text) {
        Callback<ListView<T>, ListCell<T>> cells = list -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        };
        box.setCellFactory(cells);
        box.setButtonCell(cells.call(null));
    }

    /**
     * Shows each item as {@code text} gives it, a null item included (a filter's "any"), and
     * redraws the chosen value when the language changes.
     */
    public static <T> void textsFollowingLanguage(ComboBox<T> box, Function<T, String> text, I18n i18n) {
        Callback<ListView<T>, ListCell<T>> cells = list -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : text.apply(item));
            }
        };
        box.setCellFactory(cells);
        box.setButtonCell(cells.call(null));
        // a new button cell redraws the chosen value in the new language
        i18n.messagesProperty().addListener((obs, old, now) -> box.setButtonCell(cells.call(null)));
    }
}
