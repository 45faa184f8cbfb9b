package dev.riskdesk.ui.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.riskdesk.scoring.ScoreBreakdown;
import dev.riskdesk.scoring.model.ScoreBand;
import dev.riskdesk.ui.common.ChartPalette;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** The score history has a colour of its own, never the credit limit's. */
class ScoreChartsTest {

    @Test
    void theScoreLineUsesTheScoreColour() {
        LocalDateTime t = LocalDateTime.of(2025, 3, 1, 9, 0);
        XYChart chart = ScoreCharts.history(List.of(new ScoreBreakdown.HistoryPoint(t, LocalDate.of(2025, 2, 28), 604, ScoreBand.C),
                new ScoreBreakdown.HistoryPoint(t.plusMonths(1), LocalDate.of(2025, 3, 31), 630, ScoreBand.C)),
                new ScoreCharts.Texts("Score", "Month", "Score", "At least", "Score", "none"), false, Locale.ENGLISH);
        assertEquals(ChartPalette.SCORE.color(), chart.getSeries("Score").getLineColor());
        assertNotEquals(ChartPalette.LIMIT.color(), ChartPalette.SCORE.color());
    }
}
