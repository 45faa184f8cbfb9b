package dev.riskdesk.limits.fairness;

import static dev.riskdesk.db.schema.Tables.CUSTOMER_NOTICE;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.SCORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Progress;
import dev.riskdesk.dashboard.ChartTable;
import dev.riskdesk.dashboard.DashboardData;
import dev.riskdesk.dashboard.DashboardFilter;
import dev.riskdesk.limits.run.PolicySimulationService;
import dev.riskdesk.scoring.AccountScore;
import dev.riskdesk.scoring.features.Feature;
import dev.riskdesk.scoring.model.MonitoringService;
import dev.riskdesk.scoring.model.StoredModel;
import dev.riskdesk.scoring.model.TrainingService;
import dev.riskdesk.scoring.ScoringService;
import dev.riskdesk.scoring.model.Explanation;
import dev.riskdesk.scoring.model.ProtectedAttributes;
import dev.riskdesk.security.TestOperators;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fairness and monitoring on a small generated book. A protected attribute is never an adverse-action reason: not among a score's reason codes, not
 * among a proposal's reasons (even when a score stored earlier still names it), not in a notice.
 */
@Tag("db")
class FairnessBookDbTest {
    @TempDir
    static Path dir;
    static FairBook book;
    /** Accounts whose stored reasons were made to start with AGE, as a score stored before AGE was protected would. */
    static List<Long> oldStyle;
    /** The simulation of the book before the run, whose decisions the run then writes. */
    static PolicySimulationService.Report simulation;

    @BeforeAll
    static void build() {
        book = new FairBook(dir);
        simulation = book.services.limits().simulations.simulate(TestOperators.manager(book.db),
                new PolicySimulationService.Options(null, null, 0, 0, null, 500, null), Progress.NONE);
        oldStyle = book.db.dsl().select(SCORE.ACCOUNT_ID).from(SCORE).where(SCORE.THIN_FILE.isFalse()).orderBy(SCORE.ACCOUNT_ID).limit(60)
                .fetch(r -> r.value1());
        for (long id : oldStyle) {
            String codes = book.db.dsl().select(SCORE.REASON_CODES).from(SCORE).where(SCORE.ACCOUNT_ID.eq(id)).fetchOne().value1();
            book.db.dsl().update(SCORE).set(SCORE.REASON_CODES, "AGE" + (codes == null || codes.isBlank() ? "" : "," + codes))
                    .where(SCORE.ACCOUNT_ID.eq(id)).execute();
        }
        book.runPolicy();
    }

    @AfterAll
    static void close() {
        book.close();
    }

    @Test
    void aProtectedCharacteristicKeepsItsPointsButIsNeverAReason() {
        assertTrue(book.training.features().contains("OCCUPATION"), "the test needs a scorecard that uses OCCUPATION: " + book.training.features());
        ScoringService unprotected = new ScoringService(book.db, book.services.models(), () -> ProtectedAttributes.of(List.of()));
        ScoringService occupationProtected = new ScoringService(book.db, book.services.models(), () -> ProtectedAttributes.of(List.of("occupation ")));
        long wouldName = 0;
        for (long id : scoredAccounts(false, 150)) {
            AccountScore raw = unprotected.scoreAccount(TestOperators.risk(book.db), id);
            AccountScore now = occupationProtected.scoreAccount(TestOperators.risk(book.db), id);
            wouldName += raw.reasonCodes().contains("OCCUPATION") ? 1 : 0;
            assertFalse(now.reasonCodes().contains("OCCUPATION") || now.explanation().reasonCodes().contains("OCCUPATION"), "account " + id);
            assertEquals(raw.result().score(), now.result().score(), "leaving a reason out does not change the score");
            assertEquals(raw.explanation().lines(), now.explanation().lines(), "the points table still shows every characteristic");
            List<String> others = raw.reasonCodes().stream().filter(c -> !c.equals("OCCUPATION")).toList();
            assertEquals(others, now.reasonCodes().subList(0, others.size()), "the other reasons keep their order");
        }
        assertTrue(wouldName > 0, "OCCUPATION costs some accounts points, so it would be a reason without the protection");
    }

    @Test
    void theConsoleScorerLeavesOutWhatTheActivePolicyProtects() {
        assertEquals(List.of("AGE", "GENDER", "MARITAL_STATUS"), book.services.limits().policies.activeOrDefaults().policy().protectedAttributes());
        for (long id : scoredAccounts(true, 100)) {
            AccountScore s = book.services.scoring().scoreAccount(TestOperators.risk(book.db), id);
            assertNoProtected(String.join(",", s.reasonCodes()), "thin-file account " + id);
        }
    }

    private static List<Long> scoredAccounts(boolean thinFile, int limit) {
        return book.db.dsl().select(SCORE.ACCOUNT_ID).from(SCORE).where(SCORE.THIN_FILE.eq(thinFile)).orderBy(SCORE.ACCOUNT_ID).limit(limit)
                .fetch(r -> r.value1());
    }

    @Test
    void storedScoresNameNoProtectedAttribute() {
        long stored = book.db.dsl().fetchCount(SCORE, SCORE.REASON_CODES.isNotNull()
                .and(SCORE.ACCOUNT_ID.notIn(oldStyle)));
        assertTrue(stored > 300, "the book was scored: " + stored);
        for (String codes : book.db.dsl().select(SCORE.REASON_CODES).from(SCORE).where(SCORE.ACCOUNT_ID.notIn(oldStyle))
                .fetch(r -> r.value1())) {
            assertNoProtected(codes, "SCORE.REASON_CODES");
        }
    }

    @Test
    void noProposalCarriesAProtectedAttributeEvenFromAnOlderScore() {
        List<String> all = book.db.dsl().select(LIMIT_PROPOSAL.REASON_CODES).from(LIMIT_PROPOSAL).fetch(r -> r.value1());
        assertTrue(all.size() > 50, "the run proposed changes: " + all.size());
        all.forEach(codes -> assertNoProtected(codes, "LIMIT_PROPOSAL.REASON_CODES"));
        long fromOldScores = book.db.dsl().fetchCount(LIMIT_PROPOSAL, LIMIT_PROPOSAL.ACCOUNT_ID.in(oldStyle));
        assertTrue(fromOldScores > 0, "some accounts whose stored score names AGE got a proposal");
    }

    @Test
    void noNoticeNamesAProtectedAttribute() {
        List<String> bodies = book.db.dsl().select(CUSTOMER_NOTICE.BODY).from(CUSTOMER_NOTICE).fetch(r -> r.value1());
        assertTrue(bodies.size() > 10, "the run's automatic changes queued notices: " + bodies.size());
        List<String> words = List.of(Explanation.reasonText("AGE", Locale.ENGLISH), Explanation.reasonText("AGE", Locale.SIMPLIFIED_CHINESE),
                Explanation.featureName("AGE", Locale.SIMPLIFIED_CHINESE), "AGE", "GENDER", "性别", "MARITAL", "婚姻");
        for (String body : bodies) {
            for (String w : words) {
                assertFalse(body.contains(w), "notice names '" + w + "': " + body);
            }
        }
    }

    @Test
    void monitoringOnTheSeventhOfDecemberComparesNovemberAndTimeExplainsTheAgeing() {
        MonitoringService.Report r = book.services.monitoring().monitor(TestOperators.risk(book.db), Progress.NONE);
        assertEquals(LocalDate.of(2026, 11, 30), r.observationDate(), "the clock stands on 7 December: November is the last complete month");
        assertEquals(FairBook.AS_OF, r.asOf().toLocalDate());
        assertTrue(r.monthsSinceTraining() > 0);
        for (MonitoringService.Drift d : r.features()) {
            if (d.name().startsWith("LOGIN") || d.name().equals("NEW_DEVICES_1M") || d.name().equals("TXN_COUNT_AVG_3M")) {
                assertNotEquals("ALERT", d.level(), "a complete month of logins and spending does not alarm: " + d);
            }
            if (Feature.valueOf(d.name()).growsWithTime()) {
                assertFalse(Double.isNaN(d.timeAdjusted()), d.name() + " is also compared with the months taken back");
                assertTrue(d.timeAdjusted() < d.psi() || "OK".equals(d.level()), "taking the months back explains part of it: " + d);
            } else {
                assertFalse(d.expected(), "only a feature that grows with time may drift as expected: " + d);
            }
        }
        assertTrue(r.unexpected().stream().noneMatch(d -> Feature.valueOf(d.name()).growsWithTime()),
                "months on book and age age with the book: " + r.unexpected());
    }

    @Test
    void modelsTrainedWithoutAttributesNeitherUseNorAreScoredByThemAndRecordIt() {
        TrainingService.Report r = book.services.training().train(TestOperators.manager(book.db),
                FairBook.OPTIONS.excluding(List.of("occupation", "AGE")), Progress.NONE);
        assertEquals(List.of("AGE", "OCCUPATION"), r.excluded());
        assertFalse(r.features().contains("AGE") || r.features().contains("OCCUPATION"), r.features().toString());
        assertFalse(r.thinFile().featureNames().contains("AGE") || r.thinFile().featureNames().contains("OCCUPATION"));
        assertTrue(book.training.features().contains("OCCUPATION"), "the same run with every attribute used OCCUPATION");
        assertEquals(book.training.scorecardTest().auc(), r.scorecardTestWithExcluded().auc(), 1e-12,
                "the comparison model is the one trained with every attribute on the same rows");
        assertEquals(r.scorecardTestWithExcluded().auc() - r.scorecardTest().auc(), r.scorecardAucCost(), 1e-12);
        for (long id : List.of(r.scorecardId(), r.forestId(), r.thinFileId())) {
            StoredModel m = book.services.models().list().stream().filter(x -> x.id() == id).findFirst().orElseThrow();
            assertEquals(List.of("AGE", "OCCUPATION"), TrainingService.excludedAttributes(m), "model " + id);
            assertFalse(m.features().contains("AGE") || m.features().contains("OCCUPATION"), m.features().toString());
        }
        StoredModel first = book.services.models().list().stream().filter(x -> x.id() == book.training.scorecardId()).findFirst().orElseThrow();
        assertEquals(List.of(), TrainingService.excludedAttributes(first));
    }

    @Test
    void theFairnessTableCountsWhatTheRunDecidedAndWhatTheCohortDid() {
        FairnessTable t = simulation.fairness();
        assertEquals(LocalDate.of(2025, 11, 30), t.cohortMonthEnd(), "November 2026, the last complete month, minus twelve");
        // independent count: the run's first acting proposal per account, by the customer's gender and age on the evaluation date
        LocalDate on = simulation.at().toLocalDate();
        Map<String, long[]> expected = new TreeMap<>();
        book.db.dsl().resultQuery("SELECT C.GENDER, C.BIRTH_DATE, (SELECT P.PROPOSAL_TYPE FROM LIMIT_PROPOSAL P WHERE P.ACCOUNT_ID = A.ID"
                + " AND P.STATUS <> 'AWAITING_DATA' ORDER BY P.ID FETCH FIRST 1 ROWS ONLY) FROM ACCOUNT A JOIN CUSTOMER C ON C.ID = A.CUSTOMER_ID"
                + " WHERE A.STATUS <> 'CHARGED_OFF'") // charged-off accounts have left the book the engine evaluates
                .forEach(r -> {
                    String type = r.get(2, String.class);
                    int age = java.time.Period.between(r.get(1, LocalDate.class), on).getYears();
                    String ageGroup = age < 25 ? "18-24" : age < 35 ? "25-34" : age < 45 ? "35-44" : age < 55 ? "45-54" : "55+";
                    for (String g : List.of(r.get(0, String.class).trim(), ageGroup)) {
                        long[] c = expected.computeIfAbsent(g, k -> new long[5]);
                        c[0]++;
                        int i = List.of("INCREASE", "DECREASE", "FREEZE", "SUSPEND").indexOf(type == null ? "" : type.trim());
                        if (i >= 0) {
                            c[i + 1]++;
                        }
                    }
                });
        List<FairnessTable.Row> rows = new java.util.ArrayList<>(t.byAge());
        rows.addAll(t.byGender());
        long decided = 0;
        for (FairnessTable.Row row : rows) {
            long[] c = expected.getOrDefault(row.group(), new long[5]);
            assertEquals(List.of(c[0], c[1], c[2], c[3], c[4]), List.of(row.accounts(), row.increase(), row.decrease(), row.freeze(), row.suspend()),
                    "group " + row.group());
            decided += row.increase() + row.decrease() + row.freeze() + row.suspend();
        }
        assertTrue(decided > 50, "the book has decisions to count: " + decided);
        assertEquals(simulation.accounts(), t.byGender().stream().mapToLong(FairnessTable.Row::accounts).sum());
        assertEquals(simulation.accounts(), t.byAge().stream().mapToLong(FairnessTable.Row::accounts).sum());

        for (FairnessTable.Row row : t.byGender()) {
            String cohort = "FROM ACCOUNT_MONTH M JOIN ACCOUNT A ON A.ID = M.ACCOUNT_ID JOIN CUSTOMER C ON C.ID = A.CUSTOMER_ID"
                    + " WHERE M.MONTH_START = DATE '2025-11-01' AND M.DAYS_PAST_DUE < 90 AND C.GENDER = '" + row.group() + "'";
            long size = book.db.dsl().resultQuery("SELECT COUNT(*) " + cohort).fetchOne(0, Long.class);
            long bad = book.db.dsl().resultQuery("SELECT COUNT(*) " + cohort + " AND EXISTS (SELECT 1 FROM ACCOUNT_MONTH L WHERE L.ACCOUNT_ID = M.ACCOUNT_ID"
                    + " AND L.MONTH_START > DATE '2025-11-01' AND L.MONTH_START <= DATE '2026-11-01' AND L.DAYS_PAST_DUE >= 90)").fetchOne(0, Long.class);
            assertEquals(size, row.cohortAccounts(), "cohort of " + row.group());
            assertEquals(bad, row.cohortBad(), "bad accounts of " + row.group());
            assertTrue(size > 50 && bad > 0, "a cohort with defaults: " + size + "/" + bad);
        }
    }

    @Test
    void theDashboardShowsTheRunsFairnessTableAsTheSimulationCountedIt() {
        var manager = TestOperators.manager(book.db);
        book.services.dashboard().refresh.refresh(manager, Progress.NONE);
        DashboardData data = book.services.dashboard().query.load(manager, DashboardFilter.all());
        FairnessTable t = simulation.fairness();
        for (var kind : List.of(Map.entry("fairnessByAge", t.byAge()), Map.entry("fairnessByGender", t.byGender()))) {
            ChartTable chart = data.chart(kind.getKey());
            List<FairnessTable.Row> expected = kind.getValue().stream().filter(r -> r.accounts() > 0).toList();
            assertEquals(expected.size(), chart.rows().size(), kind.getKey());
            for (int i = 0; i < chart.rows().size(); i++) {
                int row = i;
                FairnessTable.Row r = expected.get(i);
                assertEquals(r.group(), chart.text(i, "group"));
                assertEquals(List.of(r.accounts(), r.increase(), r.decrease(), r.freeze(), r.suspend(), r.cohortAccounts(), r.cohortBad()),
                        List.of("accounts", "increases", "decreases", "freezes", "suspensions", "cohortAccounts", "cohortBad").stream()
                                .map(c -> (long) chart.number(row, c)).toList(),
                        kind.getKey() + " " + r.group());
                assertEquals(r.increaseRate(), chart.number(i, "increaseRate"), 1e-12);
                assertEquals((double) (r.decrease() + r.freeze() + r.suspend()) / r.accounts(), chart.number(i, "adverseRate"), 1e-12);
                assertEquals(r.badRate(), chart.number(i, "cohortBadRate"), 1e-12);
                assertEquals("2025-11", chart.text(i, "cohortMonth"));
            }
        }
        ChartTable macro = data.chart("macroFactor");
        assertFalse(macro.isEmpty(), "the generated book carries its macro series");
        assertTrue(macro.rows().stream().allMatch(r -> r.subList(1, 6).stream().allMatch(v -> ((Double) v) > 0.5 && ((Double) v) <= 2.0)),
                "every tier has a factor each month");
    }

    private static void assertNoProtected(String codes, String where) {
        if (codes == null) {
            return;
        }
        List<String> list = Arrays.asList(codes.split("[,;\\s]+"));
        for (String name : ProtectedAttributes.DEFAULT_NAMES) {
            assertFalse(list.contains(name), where + " names " + name + ": " + codes);
        }
    }
}
