package dev.riskdesk.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riskdesk.common.Messages;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class FormatsTest {
    private final Formats en = new Formats(Messages.ENGLISH);
    private final Formats zh = new Formats(Messages.CHINESE);

    @Test
    void moneyIsYuanWithThousandsSeparatorsAndTwoDecimals() {
        assertEquals("¥1,234,567.50", en.money(new BigDecimal("1234567.5")));
        assertEquals("¥1,234,567.50", zh.money(new BigDecimal("1234567.5")));
        assertEquals("¥0.00", en.money(BigDecimal.ZERO));
        assertEquals("-¥12.35", en.money(new BigDecimal("-12.345")));
    }

    @Test
    void numbersAndPercentages() {
        assertEquals("10,000", en.integer(10_000));
        assertEquals("10,000", zh.integer(10_000));
        assertEquals("44.6%", en.percent(0.4462));
        assertEquals("31", en.hours(Duration.ofMinutes(31 * 60 + 59)));
    }

    @Test
    void datesFollowTheLanguage() {
        LocalDateTime t = LocalDateTime.of(2026, 11, 22, 9, 5, 7);
        assertEquals("22 Nov 2026, 09:05", en.dateTime(t));
        assertEquals("2026年11月22日 09:05", zh.dateTime(t));
        assertEquals("2026-11-22 09:05:07", zh.timestamp(t));
        assertEquals("—", en.dateTime(null));
    }
}
