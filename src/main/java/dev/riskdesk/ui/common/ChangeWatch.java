package dev.riskdesk.ui.common;

import dev.riskdesk.common.TaskRunner;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.util.Duration;

/**
 * Notices that other operators changed a shared list (a queue, an inbox) without a manual refresh, on
 * H2 and PostgreSQL alike: every few seconds it reads a cheap stamp of the list (counts, highest ids,
 * summed versions) off the FX thread, and when the stamp differs from the one read with the last load it
 * asks for a reload and sets {@link #updatedAtProperty()}, which the screen shows as an "updated" marker.
 * A screen's own reload reads the stamp first ({@link #read()}, in its background work) and hands it over
 * when its rows arrive ({@link #settle}), so the operator's own changes never raise the marker.
 */
public final class ChangeWatch {
    /** How often a showing screen looks for changes. */
    public static final Duration EVERY = Duration.seconds(5);

    private final TaskRunner tasks;
    private final Supplier<Object> stamp;
    private final Runnable reload;
    private final Clock clock;
    private final SimpleObjectProperty<LocalDateTime> updatedAt = new SimpleObjectProperty<>(this, "updatedAt");
    private Object known;
    private boolean polling;

    public ChangeWatch(TaskRunner tasks, Supplier<Object> stamp, Runnable reload, Clock clock) {
        this.tasks = tasks;
        this.stamp = stamp;
        this.reload = reload;
        this.clock = clock;
    }

    /** The stamp as it is now; called off the FX thread by a reload, before it reads the rows. */
    public Object read() {
        return stamp.get();
    }

    /** The stamp read with the rows just shown (on the FX thread). */
    public void settle(Object readWithRows) {
        known = readWithRows;
    }

    /** When the list was last reloaded because someone else changed it; null until then. */
    public ReadOnlyObjectProperty<LocalDateTime> updatedAtProperty() {
        return updatedAt;
    }

    /** Reads the stamp once (off the FX thread) and reloads when it moved since the last load. */
    public void poll() {
        if (polling || known == null) {
            return;
        }
        polling = true;
        tasks.submit(p -> stamp.get(), now -> {
            polling = false;
            if (known != null && !Objects.equals(known, now)) {
                known = now;
                updatedAt.set(LocalDateTime.now(clock));
                reload.run();
            }
        }, failure -> polling = false); // a failed look is retried at the next tick; the reload shows errors
    }

    /**
     * Polls every {@link #EVERY} while {@code node} is in a scene (the screen is open), and stops when it
     * leaves it or its window is no longer showing (signed out, closed).
     */
    public void pollWhileShown(Node node) {
        Timeline ticks = new Timeline();
        ticks.getKeyFrames().add(new KeyFrame(EVERY, e -> {
            if (node.getScene() == null || node.getScene().getWindow() == null || !node.getScene().getWindow().isShowing()) {
                ticks.stop();
            } else {
                poll();
            }
        }));
        ticks.setCycleCount(Timeline.INDEFINITE);
        node.sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                ticks.stop();
            } else {
                ticks.play();
            }
        });
        if (node.getScene() != null) {
            ticks.play();
        }
    }
}
