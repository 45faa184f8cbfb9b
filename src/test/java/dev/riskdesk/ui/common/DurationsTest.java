package dev.riskdesk.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A lag or tolerance reads in minutes under an hour, hours under two days, days beyond. */
class DurationsTest {
    @Test
    void durationsReadInTheLargestUsefulUnit() {
        assertEquals(UiText.of("common.duration.minutes", 45L), Durations.words(Duration.ofMinutes(45)));
        assertEquals(UiText.of("common.duration.hours", 3L), Durations.words(Duration.ofMinutes(200)));
        assertEquals(UiText.of("common.duration.hours", 47L), Durations.words(Duration.ofHours(47)));
        assertEquals(UiText.of("common.duration.days", 2L), Durations.words(Duration.ofHours(48)));
        assertEquals(UiText.of("common.duration.days", 10L), Durations.words(Duration.ofHours(250)));
        assertEquals(UiText.of("common.duration.minutes", 0L), Durations.words(Duration.ofMinutes(-5)), "ahead of the clock lags by nothing");
    }

    @Test
    void theWordsFollowTheLanguage() {
        I18n english = new I18n(java.util.Locale.ENGLISH);
        assertEquals("3 h", Durations.words(Duration.ofHours(3)).render(english));
        assertEquals("10 d", Durations.words(Duration.ofDays(10)).render(english));
        I18n chinese = new I18n(java.util.Locale.SIMPLIFIED_CHINESE);
        assertEquals("10 天", Durations.words(Duration.ofDays(10)).render(chinese));
        assertEquals("3 小时", Durations.words(Duration.ofHours(3)).render(chinese));
    }
}
