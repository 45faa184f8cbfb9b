package dev.riskdesk.ui.common;

import dev.riskdesk.common.Progress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A {@link Progress} that workers update from any thread and views bind to on the FX thread.
 * Updates are coalesced: however fast a worker reports, the FX thread handles the latest only.
 */
public final class FxProgress implements Progress {
    private record Update(String message, double fraction) {
    }

    private final AtomicReference<Update> pending = new AtomicReference<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final DoubleProperty fraction = new SimpleDoubleProperty(this, "fraction", -1);

    @Override
    public void update(String text, long done, long total) {
        double value = total <= 0 ? -1 : Math.min(1.0, Math.max(0.0, (double) done / total));
        if (pending.getAndSet(new Update(text, value)) == null) {
            Platform.runLater(() -> {
                Update latest = pending.getAndSet(null);
                if (latest != null) {
                    if (latest.message() != null) {
                        message.set(latest.message());
                    }
                    fraction.set(latest.fraction());
                }
            });
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    public void cancel() {
        cancelled.set(true);
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** 0..1, or -1 while the total is unknown. */
    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction;
    }
}
