package dev.riskdesk.ui.common;

import java.time.format.DateTimeFormatter;
import javafx.scene.control.Label;
import org.kordamp.ikonli.javafx.FontIcon;

/** The "updated" marker of a shared list: when it last reloaded because another operator changed it. */
public final class ChangeMarker {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private ChangeMarker() {
    }

    /** A label shown once {@code watch} reloaded for someone else's change; it also starts the watch's polling while it is shown. */
    public static Label of(I18n i18n, ChangeWatch watch, String id) {
        Label marker = new Label();
        marker.setId(id);
        marker.getStyleClass().add("text-muted");
        marker.setGraphic(new FontIcon("mdi2r-refresh"));
        marker.textProperty().bind(i18n.bind(() -> watch.updatedAtProperty().get() == null ? ""
                : i18n.format("changes.updated", TIME.format(watch.updatedAtProperty().get())), watch.updatedAtProperty()));
        marker.visibleProperty().bind(watch.updatedAtProperty().isNotNull());
        marker.managedProperty().bind(marker.visibleProperty());
        watch.pollWhileShown(marker);
        return marker;
    }
}
