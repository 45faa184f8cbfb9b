package dev.riskdesk.limits.fairness;

import static dev.riskdesk.db.schema.Tables.CUSTOMER_NOTICE;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.SCORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Progress;
import dev.riskdesk.scoring.AccountScore;
import dev.riskdesk.scoring.features.Feature;
import dev.riskdesk.scoring.model.MonitoringService;
import dev.riskdesk.scoring.ScoringService;
import dev.riskdesk.scoring.model.Explanation;
import dev.riskdesk.scoring.model.ProtectedAttributes;
import dev.riskdesk.security.TestOperators;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

    @BeforeAll
    static void build() {
        book = new FairBook(dir);
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
