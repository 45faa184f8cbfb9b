package dev.riskdesk.accounts;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.CHANGED_ACCOUNT;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.riskdesk.common.Progress;
import dev.riskdesk.limits.LimitsFixture;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.run.PolicyRunService;
import dev.riskdesk.security.TestOperators;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The changed-account marks on real H2: merged per account with the newest time, and found for a feed that moved. */
@Tag("db")
class ChangedAccountsDbTest {
    static final LocalDateTime NOW = LimitsFixture.NOW;
    @TempDir
    Path dir;

    @Test
    void touchMergesOneRowPerAccountWithTheLatestTime() {
        try (LimitsFixture f = new LimitsFixture(dir)) {
            long a = f.account("10000", "1000", "I3", 1);
            long b = f.account("10000", "1000", "I3", 1);
            long c = f.account("10000", "1000", "I3", 1);
            f.db.transaction(tx -> ChangedAccounts.touch(tx, List.of(a, b, a), NOW));
            f.db.transaction(tx -> ChangedAccounts.touch(tx, List.of(b, c), NOW.plusHours(1)));
            f.db.transaction(tx -> ChangedAccounts.touch(tx, List.of(), NOW.plusHours(2)));
            assertEquals(Map.of(a, NOW, b, NOW.plusHours(1), c, NOW.plusHours(1)), marks(f.db.dsl()));
            assertEquals(3, ChangedAccounts.count(f.db.dsl()));
            assertEquals(List.of(a), ChangedAccounts.upTo(f.db.dsl(), NOW));

            f.db.transaction(tx -> ChangedAccounts.clear(tx, List.of(a, c), NOW));
            assertEquals(Map.of(b, NOW.plusHours(1), c, NOW.plusHours(1)), marks(f.db.dsl()), "a mark made after the cut-off stays");
        }
    }

    @Test
    void aMarkRollsBackWithItsTransactionAndNamesOnlyAccounts() {
        try (LimitsFixture f = new LimitsFixture(dir)) {
            long a = f.account("10000", "1000", "I3", 1);
            assertThrows(IllegalStateException.class, () -> f.db.transaction(tx -> {
                ChangedAccounts.touch(tx, List.of(a), NOW);
                throw new IllegalStateException("the change failed");
            }));
            assertEquals(0, ChangedAccounts.count(f.db.dsl()));
            assertThrows(RuntimeException.class, () -> f.db.transaction(tx -> ChangedAccounts.touch(tx, List.of(a + 1000), NOW)));
            assertEquals(0, ChangedAccounts.count(f.db.dsl()));
        }
    }

    @Test
    void thousandsOfIdsInOneStatement() {
        try (LimitsFixture f = new LimitsFixture(dir)) {
            long first = f.account("10000", "1000", "I3", 1);
            long customer = f.customerOf(first);
            // 5,000 accounts of one customer, copied from the first row
            f.db.dsl().execute("INSERT INTO ACCOUNT (ACCOUNT_NO, CUSTOMER_ID, PRODUCT, OPENED_AT, STATUS, CREDIT_LIMIT, AVAILABLE_AMOUNT, "
                    + "OUTSTANDING_BALANCE) SELECT 'B' || X, ?, PRODUCT, OPENED_AT, STATUS, CREDIT_LIMIT, AVAILABLE_AMOUNT, OUTSTANDING_BALANCE "
                    + "FROM ACCOUNT, SYSTEM_RANGE(1, 4999) WHERE ACCOUNT.ID = ?", customer, first);
            List<Long> ids = f.db.dsl().select(ACCOUNT.ID).from(ACCOUNT).orderBy(ACCOUNT.ID).fetch(ACCOUNT.ID);
            List<Long> everyOther = new ArrayList<>();
            LongStream.range(0, ids.size() / 2).forEach(i -> everyOther.add(ids.get((int) (2 * i))));
            f.db.transaction(tx -> ChangedAccounts.touch(tx, ids, NOW));
            f.db.transaction(tx -> ChangedAccounts.touch(tx, everyOther, NOW.plusHours(1)));
            assertEquals(5_000, ChangedAccounts.count(f.db.dsl()));
            assertEquals(2_500, f.db.dsl().fetchCount(CHANGED_ACCOUNT, CHANGED_ACCOUNT.CHANGED_AT.eq(NOW.plusHours(1))));
            f.db.transaction(tx -> ChangedAccounts.clear(tx, everyOther, NOW.plusHours(1)));
            assertEquals(2_500, ChangedAccounts.count(f.db.dsl()));
            assertEquals(0, f.db.dsl().fetchCount(CHANGED_ACCOUNT, CHANGED_ACCOUNT.CHANGED_AT.eq(NOW.plusHours(1))));
        }
    }

    /**
     * An overdue bill the stale repayment feed cannot confirm waits for data; a takeover on fresh feeds does not. When the
     * repayment feed moves, only the waiting account is marked; a move of the login feed marks nobody.
     */
    @Test
    void touchAwaitingFeedMarksTheAccountsWaitingForThatFeed() {
        try (LimitsFixture f = new LimitsFixture(dir)) {
            f.feeds(NOW);
            f.feed("REPAYMENTS", NOW.minusDays(5), 24);
            long overdue = f.account("8000", "4000", "I2", 2);
            f.score(overdue, 0.2, 30);
            f.bill(overdue, NOW.toLocalDate().minusDays(40), "400", "0");
            long victim = f.account("20000", "5000", "I3", 1);
            f.score(victim, 0.02, 70);
            f.takeover(victim);
            long quiet = f.account("10000", "1000", "I3", 1);
            f.score(quiet, 0.02, 50);
            f.runs.run(TestOperators.batch(f.db), new PolicyRunService.RunOptions(false, 100, NOW, false), Progress.NONE);
            assertEquals(List.of(overdue), f.db.dsl().select(LIMIT_PROPOSAL.ACCOUNT_ID).from(LIMIT_PROPOSAL)
                    .where(LIMIT_PROPOSAL.STATUS.eq(ProposalStatus.AWAITING_DATA)).fetch(LIMIT_PROPOSAL.ACCOUNT_ID), "the book's one waiting account");

            assertEquals(0, (int) f.db.transactionResult(tx -> ChangedAccounts.touchAwaitingFeed(tx, "LOGINS", NOW)));
            assertEquals(0, ChangedAccounts.count(f.db.dsl()));
            assertEquals(1, (int) f.db.transactionResult(tx -> ChangedAccounts.touchAwaitingFeed(tx, "REPAYMENTS", NOW)));
            assertEquals(Map.of(overdue, NOW), marks(f.db.dsl()));
        }
    }

    private static Map<Long, LocalDateTime> marks(DSLContext dsl) {
        return dsl.select(CHANGED_ACCOUNT.ACCOUNT_ID, CHANGED_ACCOUNT.CHANGED_AT).from(CHANGED_ACCOUNT).fetchMap(CHANGED_ACCOUNT.ACCOUNT_ID,
                CHANGED_ACCOUNT.CHANGED_AT);
    }
}
