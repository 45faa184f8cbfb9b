package dev.riskdesk.limits.fairness;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.ACCOUNT_MONTH;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;

import dev.riskdesk.scoring.features.FeatureCalculator;
import dev.riskdesk.scoring.features.MonthRow;
import dev.riskdesk.scoring.model.MonitoringService;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Builds a {@link FairnessTable} chunk by chunk beside a pass of the engine over the book (one
 * query per chunk for the customers' gender and birth date, so the pass keeps its own reads
 * untouched), then the cohort's later performance in one streamed pass over its months.
 */
public final class FairnessTally {
    /** Age groups by lower bound, at the evaluation date. */
    static final int[] AGE_FROM = {18, 25, 35, 45, 55};

    private final LocalDate at;
    private final LocalDate cohortStart;
    private final Map<String, long[]> byAge = new LinkedHashMap<>();
    private final Map<String, long[]> byGender = new LinkedHashMap<>();

    /**
     * @param at               the evaluation time; ages are taken on its date
     * @param lastHistoryMonth the newest month of ACCOUNT_MONTH (month index); the cohort is the last complete month before
     *                         {@code at} minus twelve, as monitoring's back-test
     */
    public FairnessTally(LocalDateTime at, int lastHistoryMonth) {
        this.at = at.toLocalDate();
        this.cohortStart = MonthRow.monthStart(MonitoringService.monitoringMonth(at, lastHistoryMonth) - FeatureCalculator.OUTCOME_MONTHS);
        for (int i = 0; i < AGE_FROM.length; i++) {
            byAge.put(ageLabel(i), new long[7]);
        }
        byGender.put("F", new long[7]);
        byGender.put("M", new long[7]);
    }

    static String ageLabel(int i) {
        return i == AGE_FROM.length - 1 ? AGE_FROM[i] + "+" : AGE_FROM[i] + "-" + (AGE_FROM[i + 1] - 1);
    }

    static String ageGroup(LocalDate birthDate, LocalDate on) {
        int age = Period.between(birthDate, on).getYears();
        int group = 0;
        for (int i = 0; i < AGE_FROM.length; i++) {
            if (age >= AGE_FROM[i]) {
                group = i;
            }
        }
        return ageLabel(group);
    }

    /** Counts one chunk: {@code actions} holds each account's decision (INCREASE, DECREASE, FREEZE, SUSPEND, or anything else for none). */
    public void add(DSLContext dsl, Map<Long, String> actions) {
        if (actions.isEmpty()) {
            return;
        }
        dsl.select(ACCOUNT.ID, CUSTOMER.GENDER, CUSTOMER.BIRTH_DATE).from(ACCOUNT).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID))
                .where(ACCOUNT.ID.in(actions.keySet())).forEach(r -> {
                    String action = actions.get(r.value1());
                    count(group(byAge, ageGroup(r.value3(), at)), action);
                    count(group(byGender, r.value2().trim()), action);
                });
    }

    private static long[] group(Map<String, long[]> groups, String name) {
        return groups.computeIfAbsent(name, g -> new long[7]);
    }

    private static void count(long[] c, String action) {
        c[0]++;
        switch (action == null ? "" : action) {
            case "INCREASE" -> c[1]++;
            case "DECREASE" -> c[2]++;
            case "FREEZE" -> c[3]++;
            case "SUSPEND" -> c[4]++;
            default -> {
            }
        }
    }

    /**
     * The table, with the cohort counted over the whole history: every account with a month at the cohort start not yet
     * 90+ days past due, including those charged off since (they are the bads a decision should have foreseen).
     */
    public FairnessTable table(DSLContext dsl) {
        LocalDate end = cohortStart.plusMonths(FeatureCalculator.OUTCOME_MONTHS);
        Field<Integer> atCohort = DSL.max(DSL.when(ACCOUNT_MONTH.MONTH_START.eq(cohortStart), ACCOUNT_MONTH.DAYS_PAST_DUE));
        Field<Integer> later = DSL.max(DSL.when(ACCOUNT_MONTH.MONTH_START.gt(cohortStart), ACCOUNT_MONTH.DAYS_PAST_DUE));
        try (var cursor = dsl.select(CUSTOMER.GENDER, CUSTOMER.BIRTH_DATE, atCohort, later).from(ACCOUNT_MONTH)
                .join(ACCOUNT).on(ACCOUNT.ID.eq(ACCOUNT_MONTH.ACCOUNT_ID)).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID))
                .where(ACCOUNT_MONTH.MONTH_START.between(cohortStart, end))
                .groupBy(ACCOUNT_MONTH.ACCOUNT_ID, CUSTOMER.GENDER, CUSTOMER.BIRTH_DATE).fetchSize(1000).fetchLazy()) {
            for (var r : cursor) {
                if (r.value3() != null && r.value3() < FeatureCalculator.BAD_DPD) {
                    int bad = r.value4() != null && r.value4() >= FeatureCalculator.BAD_DPD ? 1 : 0;
                    for (long[] c : List.of(group(byAge, ageGroup(r.value2(), at)), group(byGender, r.value1().trim()))) {
                        c[5]++;
                        c[6] += bad;
                    }
                }
            }
        }
        return new FairnessTable(cohortStart.plusMonths(1).minusDays(1), rows(byAge), rows(byGender));
    }

    private static List<FairnessTable.Row> rows(Map<String, long[]> groups) {
        List<FairnessTable.Row> out = new ArrayList<>();
        groups.forEach((g, c) -> out.add(new FairnessTable.Row(g, c[0], c[1], c[2], c[3], c[4], c[5], c[6])));
        return out;
    }
}
