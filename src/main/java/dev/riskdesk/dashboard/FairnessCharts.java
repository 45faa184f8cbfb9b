package dev.riskdesk.dashboard;

import static dev.riskdesk.db.schema.Tables.DASH_FAIRNESS;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The fairness tables of the latest policy run (DASH_FAIRNESS) as two charts, by age group and by gender: for each group its
 * accounts, the share increased, the share given an adverse action (decreased, frozen or suspended), and the later bad rate of
 * its back-test cohort, so a manager sees whether groups of alike risk are treated alike. Book-wide: the segment filter does not
 * narrow them (the run's decisions are not kept by segment).
 */
final class FairnessCharts {
    static final List<String> COLUMNS = List.of("group", "accounts", "increaseRate", "adverseRate", "cohortBadRate", "increases", "decreases",
            "freezes", "suspensions", "cohortAccounts", "cohortBad", "cohortMonth");

    private FairnessCharts() {
    }

    /** {@code kind}: AGE or GENDER; the chart is empty before the first full policy run has been refreshed into the dashboard. */
    static ChartTable load(DSLContext dsl, String id, String kind) {
        List<List<Object>> rows = new ArrayList<>();
        dsl.selectFrom(DASH_FAIRNESS).where(DASH_FAIRNESS.GROUP_KIND.eq(kind).and(DASH_FAIRNESS.ACCOUNTS.gt(0L))).orderBy(DASH_FAIRNESS.GROUP_NAME).forEach(r -> {
            long adverse = r.getDecreases() + r.getFreezes() + r.getSuspensions();
            rows.add(java.util.Arrays.asList(r.getGroupName(), r.getAccounts(), share(r.getIncreases(), r.getAccounts()),
                    share(adverse, r.getAccounts()), share(r.getCohortBad(), r.getCohortAccounts()), r.getIncreases(), r.getDecreases(),
                    r.getFreezes(), r.getSuspensions(), r.getCohortAccounts(), r.getCohortBad(), r.getCohortMonthEnd().toString().substring(0, 7)));
        });
        return new ChartTable(id, COLUMNS, rows);
    }

    /** Null (an empty cell) when the group has no account: a rate of nothing is not 0 %. */
    private static Double share(long n, long of) {
        return of == 0 ? null : (double) n / of;
    }
}
