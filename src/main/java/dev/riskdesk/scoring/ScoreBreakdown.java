package dev.riskdesk.scoring;

import dev.riskdesk.scoring.model.Explanation;
import dev.riskdesk.scoring.model.ScoreBand;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One account's score as the profile shows it: the champion's score now with its explanation
 * (points per characteristic against the population average; they sum to the score), the
 * sub-scores, and the stored scores over time. {@code score} is null when the account has no
 * recent history to score.
 */
public record ScoreBreakdown(AccountScore score, Explanation explanation, List<HistoryPoint> history) {

    /** One stored SCORE row. */
    public record HistoryPoint(LocalDateTime scoredAt, LocalDate observationDate, int score, ScoreBand band) {
    }

    public boolean scored() {
        return score != null;
    }

    /** The sum of the points shown (base, lines and the range adjustment): equals the score by construction. */
    public int pointsTotal() {
        return explanation.basePoints() + explanation.lines().stream().mapToInt(Explanation.Line::points).sum() + explanation.clampAdjustment();
    }
}
