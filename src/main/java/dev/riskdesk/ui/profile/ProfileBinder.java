package dev.riskdesk.ui.profile;

import dev.riskdesk.customers.CustomerProfile;
import dev.riskdesk.ui.common.Formats;
import dev.riskdesk.ui.common.I18n;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.StringBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** What the header and the tabs of a profile share: the loaded profile, texts that follow it and the language, and tab plumbing. */
final class ProfileBinder {
    private final ProfileViewModel model;
    private final I18n i18n;

    ProfileBinder(ProfileViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
    }

    ProfileViewModel model() {
        return model;
    }

    I18n i18n() {
        return i18n;
    }

    CustomerProfile profile() {
        return model.profileProperty().get();
    }

    Formats f() {
        return i18n.formats();
    }

    /** A text that follows the language and the loaded profile; "—" until it is there. */
    StringBinding text(Function<CustomerProfile, String> text) {
        return i18n.bind(() -> profile() == null ? "—" : text.apply(profile()), model.profileProperty());
    }

    /** Rows of the loaded profile, replaced whenever another profile is loaded. */
    <T> ObservableList<T> listOf(Function<CustomerProfile, List<T>> rows) {
        ObservableList<T> list = FXCollections.observableArrayList();
        model.profileProperty().addListener((obs, old, p) -> list.setAll(p == null ? List.of() : rows.apply(p)));
        return list;
    }

    Tab tab(String key, String id, Node content) {
        Tab t = new Tab();
        t.setId(id);
        t.textProperty().bind(i18n.text(key));
        t.setContent(content);
        return t;
    }

    /** A table filling a tab's body. */
    static Node tabBody(TableView<?> table) {
        VBox box = new VBox(table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.getStyleClass().add("tab-body");
        return box;
    }
}
