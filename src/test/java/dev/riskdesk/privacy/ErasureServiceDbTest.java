package dev.riskdesk.privacy;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.PERSONAL_DATA_ERASURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.EngineResolver;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.limits.LimitsFixture;
import dev.riskdesk.security.AccessDeniedException;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.audit.AuditChainVerifier;
import dev.riskdesk.security.audit.AuditErasure;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure on request: refused under each legal hold (naming it) and without the permission or a reason, writing
 * nothing then; a manager's erasure clears the customer, is audited with the reason cleared of the customer's
 * identifiers, and keeps the audit chain intact. The retention run's dry run changes nothing.
 */
@Tag("db")
@ExtendWith(EngineResolver.class)
class ErasureServiceDbTest {
    @TempDir
    Path dir;
    LimitsFixture f;
    ErasureService erasure;
    Session manager;
    Session risk;

    @BeforeEach
    void open(TestDatabases.Engine engine) {
        f = new LimitsFixture(dir, engine);
        erasure = new ErasureService(f.db, f.audit, f.clock);
        manager = f.login("manager", "manager123");
        risk = f.login("risk", "risk123");
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** A test-only closure, as the lifecycle's cancellation leaves an account: cancelled, no limit, a closing date. */
    long closedCustomer(String outstanding) {
        long account = f.account("10000", outstanding, "I3", 1);
        f.db.dsl().execute("UPDATE ACCOUNT SET STATUS = 'CANCELLED', CREDIT_LIMIT = 0, AVAILABLE_AMOUNT = 0, CLOSED_AT = TIMESTAMP '2026-11-01 10:00:00'"
                + " WHERE ID = ?", account);
        return f.customerOf(account);
    }

    int erasureRows() {
        return f.db.dsl().fetchCount(PERSONAL_DATA_ERASURE);
    }

    void refusedUnder(LegalHold hold, long customer) {
        int before = f.db.dsl().fetchCount(AUDIT_EVENT);
        UserFacingException e = assertThrows(UserFacingException.class, () -> erasure.eraseOnRequest(manager, customer, "customer asked by letter"));
        assertEquals("privacy.hold." + hold.name(), e.messageKey());
        assertTrue(e.getMessage().contains("(legal hold " + hold.name() + ")"), e.getMessage());
        assertEquals(0, erasureRows());
        assertEquals(before, f.db.dsl().fetchCount(AUDIT_EVENT), "a refusal writes nothing");
    }

    @Test
    void eachLegalHoldRefusesTheErasureAndNamesItself() {
        long open = f.customerOf(f.account("10000", "0", "I3", 1));
        refusedUnder(LegalHold.ACCOUNT_OPEN, open);
        refusedUnder(LegalHold.UNPAID_BALANCE, closedCustomer("250.00"));
        long appealing = closedCustomer("0");
        long account = f.db.dsl().select(dev.riskdesk.db.schema.Tables.ACCOUNT.ID).from(dev.riskdesk.db.schema.Tables.ACCOUNT)
                .where(dev.riskdesk.db.schema.Tables.ACCOUNT.CUSTOMER_ID.eq(appealing)).fetchSingle().value1();
        f.db.dsl().execute("INSERT INTO APPEAL (APPEAL_NO, ACCOUNT_ID, APPEAL_TYPE, CHANNEL, CONTACT_PREFERENCE, STATEMENT, STATUS, CREATED_AT, SLA_DUE_AT)"
                + " VALUES ('AP-HOLD', ?, 'SUSPENSION', 'PHONE', 'SMS', 'please look again', 'IN_REVIEW', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", account);
        refusedUnder(LegalHold.OPEN_APPEAL, appealing);
        assertEquals(EnumSet.of(LegalHold.OPEN_APPEAL), erasure.holds(manager, appealing));
    }

    @Test
    void onlyAManagerWithAReasonMayEraseAndTheErasureIsAudited() {
        long customer = closedCustomer("0");
        String name = f.db.dsl().select(CUSTOMER.FULL_NAME).from(CUSTOMER).where(CUSTOMER.ID.eq(customer)).fetchSingle().value1();
        assertThrows(AccessDeniedException.class, () -> erasure.eraseOnRequest(risk, customer, "customer asked by letter"));
        UserFacingException shortReason = assertThrows(UserFacingException.class, () -> erasure.eraseOnRequest(manager, customer, " ok "));
        assertEquals("privacy.reasonTooShort", shortReason.messageKey());
        assertEquals(0, erasureRows());
        // an earlier event that names the customer: its details are erased in place (on PostgreSQL past the append-only trigger)
        f.db.transaction(tx -> f.audit.record(tx, risk, "CUSTOMER_CALLED", "CUSTOMER", customer, null, "spoke with " + name));

        assertEquals(EnumSet.allOf(DataKind.class), erasure.eraseOnRequest(manager, customer, name + " asked by letter of 2026-11-20"));
        var called = f.db.dsl().selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.eq("CUSTOMER_CALLED")).fetchSingle();
        assertEquals("spoke with " + PersonalDataEraser.MASK, called.getDetails(), "the name is gone from the earlier event");
        assertTrue(called.getErasedAt() != null, "and the event says it was erased");
        var c = f.db.dsl().selectFrom(CUSTOMER).where(CUSTOMER.ID.eq(customer)).fetchSingle();
        assertNull(c.getFullName());
        assertNull(c.getPhone());
        assertNull(c.getIdNumber());
        assertEquals("ERASED-C" + customer, c.getCustomerNo());
        assertEquals(LocalDate.of(1990, 1, 1), c.getBirthDate(), "the birth year stays");
        var event = f.db.dsl().selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.eq(AuditErasure.ACTION)).fetchSingle();
        assertEquals("manager", event.getOperatorName());
        assertEquals(PersonalDataEraser.MASK + " asked by letter of 2026-11-20", event.getReason(), "the reason keeps no former identifier");
        ErasureService.Status status = erasure.status(manager, customer);
        assertEquals(ErasureService.RULE_REQUEST, status.identity().ruleCode());
        assertTrue(status.identity().onRequest());
        // the dashboard's erasures per month: this customer in this month, on request; none before
        java.time.YearMonth month = java.time.YearMonth.now(f.clock);
        assertEquals(List.of(new ErasureFigures.Month(month.minusMonths(2), 0, 0), new ErasureFigures.Month(month.minusMonths(1), 0, 0),
                new ErasureFigures.Month(month, 1, 1)), new ErasureFigures(f.db, f.clock).monthly(manager, 3));
        assertThrows(AccessDeniedException.class, () -> new ErasureFigures(f.db, f.clock).monthly(f.login("agent", "agent123"), 3));
        assertEquals(Set.of(), erasure.eraseOnRequest(manager, customer, "asked again by phone"), "nothing is left to erase");
        UserFacingException reveal = assertThrows(UserFacingException.class, () -> new dev.riskdesk.customers.PersonalDataService(f.db, f.audit)
                .reveal(manager, customer, Set.of(dev.riskdesk.customers.PersonalDataService.Field.PHONE), "customer called in"));
        assertEquals("personal.erased", reveal.messageKey());
        assertTrue(new AuditChainVerifier(f.db).verify(Progress.NONE).intact());
    }

    @Test
    void aDryRunCountsAndChangesNothingAndTheRunNeedsItsPermission() {
        long customer = closedCustomer("0");
        RetentionRunService retention = new RetentionRunService(f.db, f.policies, f.audit, f.clock);
        assertThrows(AccessDeniedException.class, () -> retention.run(f.login("agent", "agent123"), LocalDate.of(2037, 1, 1), true, Progress.NONE));
        int audit = f.db.dsl().fetchCount(AUDIT_EVENT);
        int jobs = f.db.dsl().fetchCount(dev.riskdesk.db.schema.Tables.BATCH_JOB);
        RetentionRunService.Report dry = retention.run(manager, LocalDate.of(2037, 1, 1), true, Progress.NONE);
        assertEquals(1, dry.customers());
        assertEquals(1, dry.erased().get(DataKind.IDENTITY));
        assertEquals(audit, f.db.dsl().fetchCount(AUDIT_EVENT));
        assertEquals(jobs, f.db.dsl().fetchCount(dev.riskdesk.db.schema.Tables.BATCH_JOB));
        assertEquals(0, erasureRows());

        // before the shortest period ends nothing is due; after six months only the login devices
        assertEquals(0, retention.run(manager, LocalDate.of(2027, 4, 30), true, Progress.NONE).customers());
        RetentionRunService.Report sixMonths = retention.run(manager, LocalDate.of(2027, 5, 1), false, Progress.NONE);
        assertEquals(java.util.Map.of(DataKind.LOGIN_DEVICES, 1), sixMonths.erased());
        assertEquals(1, erasureRows());
        assertTrue(f.db.dsl().select(CUSTOMER.FULL_NAME).from(CUSTOMER).where(CUSTOMER.ID.eq(customer)).fetchSingle().value1() != null,
                "the identity is kept until its own period ends");
    }

    @Test
    void aRetentionRunFailedMidwayIsResumedByTheNextRunAndEndsAsAnUninterruptedRun() {
        for (int i = 0; i < 4; i++) {
            closedCustomer("0");
        }
        LocalDate day = LocalDate.of(2037, 1, 1);
        java.util.Map<Long, Set<DataKind>> due = RetentionRunService.due(f.db.dsl(), day, f.policies.active().policy().retentionPeriods());
        assertEquals(4, due.size());
        RetentionRunService retention = new RetentionRunService(f.db, f.policies, f.audit, f.clock);
        assertThrows(IllegalStateException.class, () -> retention.run(manager, day, false, Progress.NONE, 2));
        var failed = f.db.dsl().selectFrom(dev.riskdesk.db.schema.Tables.BATCH_JOB).fetchSingle();
        assertEquals(dev.riskdesk.jobs.JobStatus.FAILED, failed.getStatus());
        assertEquals(2 * DataKind.values().length, erasureRows(), "the two customers before the failure are erased whole");

        RetentionRunService.Report resumed = retention.run(manager, day, false, Progress.NONE);
        assertTrue(resumed.resumed());
        assertEquals(failed.getId(), resumed.jobId(), "the failed job is taken over, not a second one started");
        assertEquals(2, resumed.customers(), "only what was still due");
        var job = f.db.dsl().selectFrom(dev.riskdesk.db.schema.Tables.BATCH_JOB).fetchSingle();
        assertEquals(dev.riskdesk.jobs.JobStatus.COMPLETED, job.getStatus());
        assertNull(job.getLeaseKind(), "the lease is released");
        // as an uninterrupted run: every kind due of every customer erased exactly once, under its own rule
        java.util.Map<Long, Set<DataKind>> erased = new java.util.TreeMap<>();
        f.db.dsl().select(PERSONAL_DATA_ERASURE.CUSTOMER_ID, PERSONAL_DATA_ERASURE.DATA_KIND, PERSONAL_DATA_ERASURE.RULE_CODE).from(PERSONAL_DATA_ERASURE)
                .fetch().forEach(r -> {
                    DataKind kind = DataKind.valueOf(r.value2());
                    assertEquals(kind.ruleCode(kind.months(f.policies.active().policy().retentionPeriods())), r.value3());
                    erased.computeIfAbsent(r.value1(), c -> EnumSet.noneOf(DataKind.class)).add(kind);
                });
        assertEquals(due, erased);
        assertEquals(4 * DataKind.values().length, erasureRows(), "none twice");
        assertEquals(4, f.db.dsl().fetchCount(CUSTOMER, CUSTOMER.FULL_NAME.isNull()));
        assertEquals(List.of(new ErasureFigures.Month(java.time.YearMonth.now(f.clock), 4, 0)), new ErasureFigures(f.db, f.clock).monthly(manager, 1),
                "four customers erased this month, each once though five kinds each, none on request");
        assertEquals(0, retention.run(manager, day, false, Progress.NONE).customers(), "a run after it finds nothing due");
        assertTrue(new AuditChainVerifier(f.db).verify(Progress.NONE).intact());
    }
}
