package dev.riskdesk.ui.common;

import java.time.Duration;

/**
 * A duration in words, in the largest unit that keeps it readable: minutes under an hour, hours
 * under two days, days from then on ("45 min", "3 h", "10 d"), always rounded down.
 */
public final class Durations {
    private Durations() {
    }

    public static UiText words(Duration duration) {
        Duration d = duration.isNegative() ? Duration.ZERO : duration;
        if (d.compareTo(Duration.ofHours(1)) < 0) {
            return UiText.of("common.duration.minutes", d.toMinutes());
        }
        if (d.compareTo(Duration.ofHours(48)) < 0) {
            return UiText.of("common.duration.hours", d.toHours());
        }
        return UiText.of("common.duration.days", d.toDays());
    }
}
