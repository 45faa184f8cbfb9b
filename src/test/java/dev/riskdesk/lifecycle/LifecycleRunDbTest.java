package dev.riskdesk.lifecycle;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.BATCH_JOB;
import static dev.riskdesk.db.schema.Tables.CUSTOMER_NOTICE;
import static dev.riskdesk.db.schema.Tables.LIFECYCLE_CASE;
import static dev.riskdesk.db.schema.Tables.LIMIT_CHANGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.accounts.NoticeKind;
import dev.riskdesk.common.Money;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.EngineResolver;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.db.schema.tables.records.AccountRecord;
import dev.riskdesk.db.schema.tables.records.LifecycleCaseRecord;
import dev.riskdesk.jobs.JobStatus;
import dev.riskdesk.jobs.TwoStarts;
import dev.riskdesk.limits.LimitsFixture;
import dev.riskdesk.security.AccessDeniedException;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestOperators;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle run on hand-made accounts: who is found, notices, grace, keeping, cancellation date, approval, audit, lease.
 * On H2 here and on PostgreSQL in {@link LifecycleRunPgTest}.
 */
@Tag("db")
@ExtendWith(EngineResolver.class)
class LifecycleRunDbTest {
    static final LocalDateTime NOW = LimitsFixture.NOW;
    static final LocalDate TODAY = NOW.toLocalDate();
    static final LocalDate PLANNED = TODAY.plusDays(30);

    @TempDir
    java.nio.file.Path dir;
    LimitsFixture f;
    LifecycleServices lifecycle;
    Session batch;

    @BeforeEach
    void open(TestDatabases.Engine engine) {
        f = new LimitsFixture(dir, engine);
        f.feeds(NOW);
        lifecycle = new LifecycleServices(f.db, f.policies, f.notices, f.audit, f.clock);
        batch = TestOperators.batch(f.db);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private LifecycleRunService.Report run(LocalDate asOf) {
        return lifecycle.runs.run(batch, new LifecycleRunService.Options(asOf, false), Progress.NONE);
    }

    private LifecycleCaseRecord caseOf(long account) {
        return f.db.dsl().selectFrom(LIFECYCLE_CASE).where(LIFECYCLE_CASE.ACCOUNT_ID.eq(account)).orderBy(LIFECYCLE_CASE.ID.desc()).limit(1).fetchOne();
    }

    private AccountRecord account(long id) {
        return f.db.dsl().selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(id)).fetchOne();
    }

    private int notices(long account, NoticeKind kind) {
        return f.db.dsl().fetchCount(CUSTOMER_NOTICE, CUSTOMER_NOTICE.ACCOUNT_ID.eq(account).and(CUSTOMER_NOTICE.KIND.eq(kind)));
    }

    private int audits(String action, long caseId) {
        return f.db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq(action).and(AUDIT_EVENT.ENTITY_ID.eq(String.valueOf(caseId))));
    }

    private java.util.Set<String> languages(long account, NoticeKind kind) {
        return f.db.dsl().selectDistinct(CUSTOMER_NOTICE.LANGUAGE_TAG).from(CUSTOMER_NOTICE)
                .where(CUSTOMER_NOTICE.ACCOUNT_ID.eq(account)).and(CUSTOMER_NOTICE.KIND.eq(kind)).fetchSet(CUSTOMER_NOTICE.LANGUAGE_TAG);
    }

    private List<String> bodies(long account, NoticeKind kind) {
        return f.db.dsl().select(CUSTOMER_NOTICE.BODY).from(CUSTOMER_NOTICE)
                .where(CUSTOMER_NOTICE.ACCOUNT_ID.eq(account)).and(CUSTOMER_NOTICE.KIND.eq(kind)).fetch(CUSTOMER_NOTICE.BODY);
    }

    private long neverUsed(String limit) {
        return f.account(limit, "0", "I3", 1);
    }

    private long lastUsed(LocalDateTime at, String outstanding) {
        long id = f.account("8000", outstanding, "I3", 1);
        f.txn(id, at, "120");
        return id;
    }

    @Test
    void findsDormantAndNeverUsedLinesFromTheirOwnDataAndNoOther() {
        long never = neverUsed("5000");
        long dormant = lastUsed(NOW.minusMonths(13), "0");
        long recent = lastUsed(NOW.minusMonths(11), "0");
        long owing = lastUsed(NOW.minusMonths(13), "300");
        long monthly = f.account("8000", "0", "I3", 1); // raw events gone, the monthly aggregate shows spend 10 months ago
        f.month(monthly, TODAY.withDayOfMonth(1).minusMonths(10), "8000", "0", "350");
        long frozen = neverUsed("5000");
        f.db.dsl().update(ACCOUNT).set(ACCOUNT.STATUS, AccountStatus.FROZEN).where(ACCOUNT.ID.eq(frozen)).execute();
        long young = neverUsed("5000");
        f.db.dsl().update(ACCOUNT).set(ACCOUNT.OPENED_AT, NOW.minusMonths(5)).where(ACCOUNT.ID.eq(young)).execute();

        LifecycleRunService.Report r = run(null);

        assertEquals(TODAY, r.asOf(), "the newest feed's date");
        assertEquals(2, r.detected());
        assertEquals(LifecycleReason.NEVER_USED, caseOf(never).getReason());
        assertEquals(LifecycleReason.DORMANT, caseOf(dormant).getReason());
        assertEquals(NOW.minusMonths(13), caseOf(dormant).getLastUsedAt());
        for (long none : List.of(recent, owing, monthly, frozen, young)) {
            assertNull(caseOf(none), "account " + none + " is not a candidate");
        }
        LifecycleCaseRecord c = caseOf(never);
        assertEquals(LifecycleStage.GRACE, c.getStage());
        assertEquals(PLANNED, c.getPlannedOn());
        assertEquals(30, c.getGraceDays());
        assertEquals(0, Money.of("5000").compareTo(c.getOpenLimit()));
        assertEquals(AccountStatus.DORMANT, account(never).getStatus(), "marked dormant from its own data");
        assertEquals(1, f.db.dsl().fetchCount(LIMIT_CHANGE, LIMIT_CHANGE.ACCOUNT_ID.eq(never).and(LIMIT_CHANGE.SOURCE.eq("LIFECYCLE"))));
        // the notice: SMS and in-app, the planned date, the grace period and how to keep the line
        var bodies = f.db.dsl().select(CUSTOMER_NOTICE.CHANNEL, CUSTOMER_NOTICE.BODY).from(CUSTOMER_NOTICE)
                .where(CUSTOMER_NOTICE.ACCOUNT_ID.eq(never)).and(CUSTOMER_NOTICE.KIND.eq(NoticeKind.CANCEL_PLANNED)).fetchMap(CUSTOMER_NOTICE.CHANNEL,
                        CUSTOMER_NOTICE.BODY);
        assertEquals(java.util.Set.of("SMS", "APP"), bodies.keySet());
        for (String body : bodies.values()) {
            assertTrue(body.contains(PLANNED.toString()) && body.contains("30") && body.contains("保留额度") && body.contains("从未使用"), body);
        }
        assertEquals(1, audits("LIFECYCLE_CANDIDATE", c.getId()));
    }

    @Test
    void anAccountUsedDuringGraceIsKeptAndTheRestAreCancelledOnThePlannedDate() {
        long used = neverUsed("5000");
        long unused = neverUsed("6000");
        // this customer reads English: the handler of an earlier appeal wrote its outcome to them in English
        f.db.dsl().insertInto(CUSTOMER_NOTICE).set(CUSTOMER_NOTICE.ACCOUNT_ID, unused).set(CUSTOMER_NOTICE.KIND, NoticeKind.APPEAL_OUTCOME)
                .set(CUSTOMER_NOTICE.CHANNEL, "SMS").set(CUSTOMER_NOTICE.LANGUAGE_TAG, "en").set(CUSTOMER_NOTICE.TEMPLATE_CODE, "APPEAL_OUTCOME_UPHELD_SMS")
                .set(CUSTOMER_NOTICE.BODY, "[Credit Pay] Your appeal was reviewed.").set(CUSTOMER_NOTICE.STATUS, dev.riskdesk.accounts.NoticeStatus.EXPORTED)
                .set(CUSTOMER_NOTICE.CREATED_AT, NOW.minusMonths(3)).execute();
        run(TODAY);
        assertEquals(java.util.Set.of("en"), languages(unused, NoticeKind.CANCEL_PLANNED));
        for (String body : bodies(unused, NoticeKind.CANCEL_PLANNED)) {
            assertTrue(body.contains("will be cancelled on " + PLANNED) && body.contains("never been used") && body.contains("Keep my limit"), body);
        }
        assertEquals(java.util.Set.of("zh_CN"), languages(used, NoticeKind.CANCEL_PLANNED), "the others in Chinese, the notices' default");
        f.txn(used, NOW.plusDays(5).plusHours(14), "88");

        LifecycleRunService.Report afterUse = run(TODAY.plusDays(6));
        assertEquals(1, afterUse.kept());
        LifecycleCaseRecord kept = caseOf(used);
        assertEquals(LifecycleStage.KEPT, kept.getStage());
        assertEquals(KeptBy.USE, kept.getKeptBy());
        assertEquals(TODAY.plusDays(6), kept.getClosedOn());
        assertEquals(AccountStatus.ACTIVE, account(used).getStatus());
        assertEquals(1, audits("LIFECYCLE_KEPT", kept.getId()));

        run(PLANNED.minusDays(1));
        assertEquals(LifecycleStage.GRACE, caseOf(unused).getStage(), "not before the planned date");
        assertEquals(AccountStatus.DORMANT, account(unused).getStatus());

        LifecycleRunService.Report onTheDay = run(PLANNED);
        assertEquals(1, onTheDay.cancelled());
        assertEquals(0, Money.of("6000").compareTo(onTheDay.limitFreed()));
        AccountRecord a = account(unused);
        assertEquals(AccountStatus.CANCELLED, a.getStatus());
        assertEquals(0, a.getCreditLimit().signum());
        assertEquals(0, a.getAvailableAmount().signum());
        assertEquals(PLANNED.atStartOfDay(), a.getClosedAt(), "closed on the planned date: retention counts from it");
        LifecycleCaseRecord cancelled = caseOf(unused);
        assertEquals(LifecycleStage.CANCELLED, cancelled.getStage());
        assertEquals(PLANNED, cancelled.getClosedOn());
        assertNull(cancelled.getOpenAccountId());
        assertEquals(2, notices(unused, NoticeKind.ACCOUNT_CANCELLED), "the final notice, SMS and in-app");
        assertEquals(java.util.Set.of("en"), languages(unused, NoticeKind.ACCOUNT_CANCELLED));
        assertTrue(bodies(unused, NoticeKind.ACCOUNT_CANCELLED).stream().allMatch(b -> b.contains("cancelled on " + PLANNED)));
        assertEquals(1, audits("LIFECYCLE_CANCELLED", cancelled.getId()));
        assertEquals(0, notices(used, NoticeKind.ACCOUNT_CANCELLED));

        // a cancelled account is never found again, the kept one not before another dormancy period
        assertEquals(0, run(PLANNED.plusDays(1)).detected());
        LifecycleQueries.Figures figures = lifecycle.queries.figures(f.login("manager", "manager123"));
        assertEquals(0, Money.of("6000").compareTo(figures.limitFreed()));
        assertEquals(1L, figures.accounts().get(LifecycleQueries.Stage.CANCELLED));
        assertEquals(1L, figures.keptCases());
    }

    @Test
    void aLargeOpenLimitWaitsForAManagerWhoDidNotStartTheRun() {
        long large = neverUsed("30000");
        Session manager = f.login("manager", "manager123");
        lifecycle.runs.run(manager, new LifecycleRunService.Options(TODAY, false), Progress.NONE);
        LifecycleCaseRecord c = caseOf(large);
        assertTrue(c.getApprovalRequired());
        UserFacingException own = assertThrows(UserFacingException.class, () -> lifecycle.cases.approve(manager, c.getId(), c.getVersion()));
        assertEquals("lifecycle.ownRun", own.messageKey());

        run(PLANNED);
        assertEquals(LifecycleStage.AWAITING_APPROVAL, caseOf(large).getStage());
        assertEquals(AccountStatus.DORMANT, account(large).getStatus(), "not cancelled without the approval");
        assertEquals(1, audits("LIFECYCLE_AWAITING_APPROVAL", c.getId()));
        run(PLANNED.plusDays(1));
        assertEquals(1, audits("LIFECYCLE_AWAITING_APPROVAL", c.getId()), "said once");

        Session other = f.login("manager2", "quiet-harbor-42");
        assertThrows(AccessDeniedException.class, () -> lifecycle.cases.approve(f.login("risk", "risk123"), c.getId(), caseOf(large).getVersion()));
        lifecycle.cases.approve(other, c.getId(), caseOf(large).getVersion());
        assertEquals(1, audits("LIFECYCLE_APPROVED", c.getId()));
        run(PLANNED.plusDays(2));
        assertEquals(AccountStatus.CANCELLED, account(large).getStatus());
        assertEquals(PLANNED.plusDays(2).atStartOfDay(), account(large).getClosedAt());
    }

    @Test
    void theCustomersRequestKeepsTheAccountWithAReasonAndOnlyForThoseAllowed() {
        long asks = neverUsed("5000");
        run(TODAY);
        LifecycleCaseRecord c = caseOf(asks);
        Session risk = f.login("risk", "risk123");
        assertThrows(AccessDeniedException.class, () -> lifecycle.cases.keepOnRequest(f.login("agent", "agent123"), c.getId(), c.getVersion(), "called"));
        assertThrows(AccessDeniedException.class, () -> lifecycle.cases.keepOnRequest(batch, c.getId(), c.getVersion(), "called"));
        assertEquals("lifecycle.reasonRequired",
                assertThrows(UserFacingException.class, () -> lifecycle.cases.keepOnRequest(risk, c.getId(), c.getVersion(), "  ")).messageKey());
        assertEquals("lifecycle.changedBy",
                assertThrows(UserFacingException.class, () -> lifecycle.cases.keepOnRequest(risk, c.getId(), c.getVersion() + 1, "called")).messageKey());

        lifecycle.cases.keepOnRequest(risk, c.getId(), c.getVersion(), "Customer called 95188 and wants to keep the line for travel");
        LifecycleCaseRecord kept = caseOf(asks);
        assertEquals(LifecycleStage.KEPT, kept.getStage());
        assertEquals(KeptBy.REQUEST, kept.getKeptBy());
        assertEquals(AccountStatus.ACTIVE, account(asks).getStatus());
        assertEquals(1, f.db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("LIFECYCLE_KEPT").and(AUDIT_EVENT.ENTITY_ID.eq(String.valueOf(c.getId())))
                .and(AUDIT_EVENT.OPERATOR_NAME.eq("risk")).and(AUDIT_EVENT.REASON.startsWith("Customer called"))));
        assertEquals("lifecycle.closed",
                assertThrows(UserFacingException.class, () -> lifecycle.cases.keepOnRequest(risk, c.getId(), kept.getVersion(), "again")).messageKey());

        assertEquals(0, run(PLANNED).cancelled(), "a kept account is not cancelled");
        assertEquals(0, run(TODAY.plusMonths(11)).detected(), "nor found again within the dormancy period");
        assertEquals(1, run(TODAY.plusMonths(12).plusDays(1)).detected(), "but after it, unused still");
    }

    @Test
    void permissionsOfTheRunAndTheList() {
        neverUsed("5000");
        for (Session refused : List.of(f.login("agent", "agent123"), f.login("risk", "risk123"), TestOperators.admin(f.db))) {
            assertThrows(AccessDeniedException.class, () -> lifecycle.runs.run(refused, new LifecycleRunService.Options(TODAY, false), Progress.NONE),
                    refused.username());
        }
        assertThrows(AccessDeniedException.class, () -> lifecycle.queries.cases(f.login("agent", "agent123"), LifecycleQueries.Filter.all()));
        assertThrows(AccessDeniedException.class, () -> lifecycle.queries.cases(batch, LifecycleQueries.Filter.all()));
        run(TODAY);
        assertEquals(1, lifecycle.queries.cases(f.login("risk", "risk123"), LifecycleQueries.Filter.all()).total());
        assertEquals(0, lifecycle.queries.cases(f.login("risk", "risk123"),
                new LifecycleQueries.Filter(java.util.Set.of(LifecycleStage.CANCELLED), null, "", false)).total());
    }

    @Test
    void aDryRunCountsAndWritesNothingAndARunAgainOnTheSameDayDoublesNothing() {
        neverUsed("5000");
        lastUsed(NOW.minusMonths(14), "0");
        int audit = f.db.dsl().fetchCount(AUDIT_EVENT);
        LifecycleRunService.Report dry = lifecycle.runs.run(batch, new LifecycleRunService.Options(TODAY, true), Progress.NONE);
        assertEquals(2, dry.detected());
        assertEquals(0, f.db.dsl().fetchCount(LIFECYCLE_CASE));
        assertEquals(0, f.db.dsl().fetchCount(CUSTOMER_NOTICE));
        assertEquals(0, f.db.dsl().fetchCount(BATCH_JOB));
        assertEquals(audit, f.db.dsl().fetchCount(AUDIT_EVENT));

        run(TODAY);
        run(TODAY);
        assertEquals(2, f.db.dsl().fetchCount(LIFECYCLE_CASE));
        assertEquals(4, f.db.dsl().fetchCount(CUSTOMER_NOTICE));
        assertEquals(2, f.db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("LIFECYCLE_CANDIDATE")));
        assertEquals(2, f.db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("LIFECYCLE_RUN")));
    }

    @Test
    void aKilledRunResumedEndsAsAnUninterruptedRunAndTwoRunsAtOnceDoubleNothing() throws Exception {
        for (int i = 0; i < 9; i++) {
            if (i % 3 == 0) {
                lastUsed(NOW.minusMonths(2), "0");
            } else {
                neverUsed(String.valueOf(3000 + 1000 * i));
            }
        }
        var expected = LifecycleChunk.decide(f.db.dsl(), 0, Long.MAX_VALUE, TODAY, f.policies.activeOrDefaults().policy().lifecycleRules())
                .detections().stream().map(d -> d.account().id() + ":" + d.reason()).sorted().toList();
        assertThrows(IllegalStateException.class, () -> lifecycle.runs.run(batch, new LifecycleRunService.Options(TODAY, false, 2), Progress.NONE, 2));
        assertEquals(JobStatus.FAILED, f.db.dsl().select(BATCH_JOB.STATUS).from(BATCH_JOB).fetchOne(BATCH_JOB.STATUS));
        assertEquals(2, f.db.dsl().fetchCount(LIFECYCLE_CASE), "two chunks of two accounts committed, one never-used account in each");

        LifecycleRunService.Report resumed = lifecycle.runs.run(batch, new LifecycleRunService.Options(null, false, 2), Progress.NONE);
        assertTrue(resumed.resumed());
        assertEquals(TODAY, resumed.asOf());
        var found = f.db.dsl().select(LIFECYCLE_CASE.ACCOUNT_ID, LIFECYCLE_CASE.REASON).from(LIFECYCLE_CASE).fetch()
                .map(r -> r.value1() + ":" + r.value2()).stream().sorted().toList();
        assertEquals(expected, found);
        assertEquals(6, found.size());
        assertEquals(12, f.db.dsl().fetchCount(CUSTOMER_NOTICE), "one SMS and one in-app notice per case, none twice");
        assertEquals(6, f.db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("LIFECYCLE_CANDIDATE")));

        TwoStarts.Outcome<LifecycleRunService.Report> twice = TwoStarts.atOnce(progress ->
                lifecycle.runs.run(batch, new LifecycleRunService.Options(PLANNED, false, 2), progress));
        assertEquals(1, twice.ran().size(), twice.refused().toString());
        assertEquals("job.running.LIFECYCLE", twice.refused().get(0).messageKey());
        assertEquals(6, twice.ran().get(0).cancelled());
        assertEquals(12, f.db.dsl().fetchCount(CUSTOMER_NOTICE, CUSTOMER_NOTICE.KIND.eq(NoticeKind.ACCOUNT_CANCELLED)));
        assertEquals(6, f.db.dsl().fetchCount(ACCOUNT, ACCOUNT.STATUS.eq(AccountStatus.CANCELLED)));
    }

    @Test
    void anUnfinishedRunIsClosedWhenARunForAnotherDateStartsSoNoRunStaysRunning() {
        for (int i = 0; i < 5; i++) {
            neverUsed(String.valueOf(3000 + 1000 * i));
        }
        assertThrows(IllegalStateException.class, () -> lifecycle.runs.run(batch, new LifecycleRunService.Options(TODAY, false, 2), Progress.NONE, 1));
        long killed = f.db.dsl().select(BATCH_JOB.ID).from(BATCH_JOB).fetchOne(BATCH_JOB.ID);

        LifecycleRunService.Report next = lifecycle.runs.run(batch, new LifecycleRunService.Options(TODAY.plusDays(1), false, 2), Progress.NONE);
        assertFalse(next.resumed());
        var old = f.db.dsl().selectFrom(BATCH_JOB).where(BATCH_JOB.ID.eq(killed)).fetchOne();
        assertEquals(JobStatus.FAILED, old.getStatus());
        assertEquals("not finished; a run as of " + TODAY.plusDays(1) + " started instead", old.getMessage());
        assertEquals(0, f.db.dsl().fetchCount(BATCH_JOB, BATCH_JOB.STATUS.eq(JobStatus.RUNNING)));
        assertEquals(5, f.db.dsl().fetchCount(LIFECYCLE_CASE), "the run for the next date finds every line the unfinished run did not reach");
    }
}
