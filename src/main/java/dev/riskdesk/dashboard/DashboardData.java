package dev.riskdesk.dashboard;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * Everything the dashboard shows for one filter.
 *
 * @param snapshotMonth the month of the snapshot charts (last month of the range with data); null when the tables are empty
 * @param months        every month the aggregates hold, for the filter bar
 * @param charts        the chart tables by id, in display order
 * @param psi           PSI of the current score distribution against the training sample; NaN without a baseline
 * @param refreshedAt   when the aggregates were last rebuilt; null when never
 * @param timingsMicros time each part of the load took, for the benchmark
 */
public record DashboardData(DashboardFilter filter, YearMonth snapshotMonth, List<YearMonth> months, KeyFigures figures,
        Map<String, ChartTable> charts, double psi, LocalDateTime refreshedAt,
        Map<String, Long> timingsMicros) {

    public record KeyFigures(long accounts, BigDecimal totalLimit, BigDecimal exposure, BigDecimal expectedLoss, double rate30Plus,
            double rate90Plus, long openAppeals) {
    }

    public ChartTable chart(String id) {
        return charts.get(id);
    }
}
