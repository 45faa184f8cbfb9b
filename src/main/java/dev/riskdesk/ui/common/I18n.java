package dev.riskdesk.ui.common;

import dev.riskdesk.common.Messages;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

/**
 * The console's current language. Views bind their texts to it, so switching the language
 * re-renders every text at once; formats follow the language too.
 */
public final class I18n {
    private final ObjectProperty<Messages> messages;
    private final ObjectProperty<Formats> formats;

    public I18n(Locale locale) {
        this.messages = new SimpleObjectProperty<>(this, "messages", new Messages(locale));
        this.formats = new SimpleObjectProperty<>(this, "formats", new Formats(locale));
    }

    public void setLocale(Locale locale) {
        if (!locale.equals(locale())) {
            formats.set(new Formats(locale));
            messages.set(new Messages(locale));
        }
    }

    public Locale locale() {
        return messages.get().locale();
    }

    /** Changes whenever the language changes; depend on it to re-render. */
    public ReadOnlyObjectProperty<Messages> messagesProperty() {
        return messages;
    }

    public Formats formats() {
        return formats.get();
    }

    public String get(String key) {
        return messages.get().get(key);
    }

    /** The text of {@code key}, or {@code fallback} when the bundle has no such key (e.g. a new action code). */
    public String getOr(String key, String fallback) {
        return messages.get().bundle().containsKey(key) ? messages.get().get(key) : fallback;
    }

    public String format(String key, Object... args) {
        return args == null || args.length == 0 ? get(key) : messages.get().format(key, args);
    }

    /** A text that follows the language. */
    public StringBinding text(String key) {
        return Bindings.createStringBinding(() -> get(key), messages);
    }

    /** A text computed from the language and other values, re-computed when any of them changes. */
    public StringBinding bind(Supplier<String> text, Observable... dependencies) {
        Observable[] all = new Observable[dependencies.length + 1];
        all[0] = messages;
        System.arraycopy(dependencies, 0, all, 1, dependencies.length);
        return Bindings.createStringBinding(text::get, all);
    }

    /** Renders a view model's {@link UiText} (empty when null). */
    public StringBinding render(ObservableValue<UiText> text) {
        return bind(() -> text.getValue() == null ? "" : text.getValue().render(this), text);
    }
}
