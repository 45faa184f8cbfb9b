package dev.riskdesk.scoring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riskdesk.scoring.features.Feature;
import dev.riskdesk.scoring.features.MonthRow;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which month monitoring compares, and drift that the passage of time explains. */
class MonitoringDriftTest {
    static final int DEC_2026 = MonthRow.index(LocalDate.of(2026, 12, 1));

    @Test
    void midMonthTheLastCompleteMonthIsMonitoredNotTheRunningOne() {
        LocalDateTime seventhOfDecember = LocalDateTime.of(2026, 12, 7, 15, 0);
        assertEquals(DEC_2026 - 1, MonitoringService.monitoringMonth(seventhOfDecember, DEC_2026));
        assertEquals(LocalDate.of(2026, 11, 30), MonthRow.monthEnd(MonitoringService.monitoringMonth(seventhOfDecember, DEC_2026)));
        assertEquals(DEC_2026 - 1, MonitoringService.monitoringMonth(LocalDateTime.of(2026, 12, 1, 0, 0), DEC_2026),
                "at midnight on the 1st November is complete");
        assertEquals(DEC_2026 - 2, MonitoringService.monitoringMonth(LocalDateTime.of(2026, 11, 30, 23, 59), DEC_2026),
                "on the last day of November it is still running");
        assertEquals(DEC_2026 - 3, MonitoringService.monitoringMonth(seventhOfDecember, DEC_2026 - 3),
                "never after the history's last month");
    }

    static JsonNode baseline(double[] values) {
        return ModelRepository.JSON.valueToTree(Distribution.baseline(values));
    }

    @Test
    void monthsOnBookOneYearOlderIsExpectedDrift() {
        double[] atTraining = IntStream.range(0, 2400).mapToDouble(i -> 1 + i % 24).toArray();
        double[] yearLater = IntStream.range(0, 2400).mapToDouble(i -> 13 + i % 24).toArray();
        MonitoringService.Drift d = MonitoringService.drift("MONTHS_ON_BOOK", baseline(atTraining), yearLater, Feature.MONTHS_ON_BOOK, 12);
        assertTrue(d.psi() >= MonitoringService.PSI_ALERT, "the plain comparison alarms: " + d.psi());
        assertTrue(d.timeAdjusted() < MonitoringService.PSI_WARNING, "a year taken back, it is the training population: " + d.timeAdjusted());
        double[] fresh = IntStream.range(0, 2400).mapToDouble(i -> 1 + i % 3).toArray();
        assertEquals("ALERT", MonitoringService.drift("MONTHS_ON_BOOK", baseline(atTraining), fresh, Feature.MONTHS_ON_BOOK, 12).level(),
                "a book of new accounts is not what a year of ageing makes");
        assertEquals(MonitoringService.EXPECTED, d.level());
        assertTrue(d.expected());
    }

    @Test
    void agedByAYearIsExpectedButAYoungerIntakeIsAnAlert() {
        double[] atTraining = IntStream.range(0, 3000).mapToDouble(i -> 20 + i % 10).toArray();
        double[] yearLater = IntStream.range(0, 3000).mapToDouble(i -> 21 + i % 10).toArray();
        assertEquals(MonitoringService.EXPECTED,
                MonitoringService.drift("AGE", baseline(atTraining), yearLater, Feature.AGE, 12).level());
        double[] younger = IntStream.range(0, 3000).mapToDouble(i -> 18 + i % 8).toArray();
        MonitoringService.Drift d = MonitoringService.drift("AGE", baseline(atTraining), younger, Feature.AGE, 12);
        assertEquals("ALERT", d.level(), "time does not explain a book grown younger: " + d.timeAdjusted());
    }

    @Test
    void aFeatureThatDoesNotGrowWithTimeIsNeverExpected() {
        double[] atTraining = IntStream.range(0, 2400).mapToDouble(i -> (i % 24) / 24.0).toArray();
        double[] shifted = IntStream.range(0, 2400).mapToDouble(i -> 0.5 + (i % 24) / 24.0).toArray();
        MonitoringService.Drift d = MonitoringService.drift("UTIL_NOW", baseline(atTraining), shifted, Feature.UTIL_NOW, 12);
        assertEquals("ALERT", d.level());
        assertTrue(Double.isNaN(d.timeAdjusted()));
        double[] monthsOnBook = IntStream.range(0, 2400).mapToDouble(i -> 1 + i % 24).toArray();
        assertEquals("OK", MonitoringService.drift("MONTHS_ON_BOOK", baseline(monthsOnBook), monthsOnBook, Feature.MONTHS_ON_BOOK, 12).level(),
                "a book whose intake keeps it as it was does not drift");
    }
}
