package dev.riskdesk.common;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.MODEL;
import static dev.riskdesk.db.schema.Tables.SUSPENSION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.SuspensionKind;
import dev.riskdesk.accounts.SuspensionService;
import dev.riskdesk.appeals.AppealOutcome;
import dev.riskdesk.appeals.AppealServices;
import dev.riskdesk.appeals.AppealStatus;
import dev.riskdesk.appeals.AppealType;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.customers.PersonalDataService;
import dev.riskdesk.dashboard.StressScenario;
import dev.riskdesk.dashboard.StressTestService;
import dev.riskdesk.lifecycle.LifecycleQueries;
import dev.riskdesk.lifecycle.LifecycleRunService;
import dev.riskdesk.lifecycle.LifecycleServices;
import dev.riskdesk.limits.LimitsFixture;
import dev.riskdesk.limits.review.AppealRemedies;
import dev.riskdesk.limits.run.PolicyRunService;
import dev.riskdesk.scoring.model.ModelKind;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.scoring.model.ModelStatus;
import dev.riskdesk.security.Session;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every service entry point that stores an operator's free text, on a real H2 database with the
 * real migrations: a text of exactly the limit is stored (so the limit fits its columns and no
 * database error can reach the operator), one character more is refused with the field's
 * sentence before anything is written.
 *
 * <p>Inventory of the entry points (field → service method):
 * DECISION_NOTE → LimitDecisionService.confirm, override, reject, approve, decline, liftSuspension;
 * APPEAL_STATEMENT → AppealRegistration.register; APPEAL_NOTE → AppealWorkflow.addNote;
 * APPEAL_MOVE_NOTE → AppealWorkflow.move; APPEAL_ASSIGN_REASON → AppealWorkflow.assign;
 * APPEAL_DECISION_NOTE → AppealWorkflow.decide, approveLift; ATTACHMENT_NAME →
 * AppealRegistration.register, addAttachment; REVEAL_REASON → PersonalDataService.reveal;
 * PROMOTE_REASON → ModelRepository.promote; STRESS_SCENARIO_NAME → StressTestService.save; LIFECYCLE_KEEP_REASON →
 * LifecycleCaseService.keepOnRequest, decline; POLICY_NOTE → PolicyVersionService.draft, sendBack.
 * Operators' user and display names belong to the operator screens; imported names are checked
 * by the book import; search boxes and the login name are never stored.
 */
@Tag("db")
class TextLimitServicesDbTest {
    private static final byte[] PDF = "%PDF-1.4 appeal".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    LimitsFixture f;
    AppealServices appeals;
    Session risk;
    Session manager;

    @BeforeEach
    void open() {
        f = new LimitsFixture(dir);
        f.feeds(LimitsFixture.NOW);
        appeals = AppealServices.of(f.db, new AppealRemedies(f.decisions), f.notices, f.audit, f.clock);
        risk = f.login("risk", "risk123");
        manager = f.login("manager", "manager123");
    }

    @AfterEach
    void close() {
        f.close();
    }

    /**
     * For each field: prepares what the call needs (a proposal, an appeal, a customer) and returns
     * the service call that stores its argument in that field.
     */
    private Map<TextLimit, Supplier<Consumer<String>>> storeEachField() {
        Map<TextLimit, Supplier<Consumer<String>>> calls = new EnumMap<>(TextLimit.class);
        calls.put(TextLimit.DECISION_NOTE, () -> {
            long proposal = pendingIncrease();
            return note -> f.decisions.override(risk, proposal, 0, Money.of("12000"), "CUSTOMER_CONTACTED", note);
        });
        calls.put(TextLimit.APPEAL_STATEMENT, () -> {
            long suspension = suspended();
            return statement -> appeals.registration().register(manager, new Appeals.Registration(accountOf(suspension), AppealType.SUSPENSION,
                    suspension, null, "PHONE", "SMS", statement), List.of());
        });
        calls.put(TextLimit.ATTACHMENT_NAME, () -> {
            long id = appeal();
            return name -> appeals.registration().addAttachment(manager, id, new Appeals.Attachment(name.substring(4) + ".pdf", "application/pdf", PDF));
        });
        calls.put(TextLimit.APPEAL_NOTE, () -> {
            long id = appeal();
            return body -> appeals.workflow().addNote(manager, id, body);
        });
        calls.put(TextLimit.APPEAL_MOVE_NOTE, () -> {
            long id = inReview();
            return note -> appeals.workflow().move(manager, id, version(id), AppealStatus.AWAITING_CUSTOMER, note);
        });
        calls.put(TextLimit.APPEAL_ASSIGN_REASON, () -> {
            long id = appeal();
            return reason -> appeals.workflow().assign(manager, id, version(id), manager.operatorId(), reason);
        });
        calls.put(TextLimit.APPEAL_DECISION_NOTE, () -> {
            long id = inReview();
            return note -> appeals.workflow().decide(manager, id, version(id), new Appeals.Decision(AppealOutcome.UPHELD, null, "APPEAL_RISK_CONFIRMED",
                    note, false, null));
        });
        calls.put(TextLimit.REVEAL_REASON, () -> {
            long customer = f.customerOf(f.account("10000", "0", "I3", 1));
            return reason -> new PersonalDataService(f.db, f.audit).reveal(manager, customer, Set.of(PersonalDataService.Field.PHONE), reason);
        });
        calls.put(TextLimit.PROMOTE_REASON, () -> {
            long model = draftScorecard();
            return reason -> new dev.riskdesk.scoring.governance.ModelGovernanceService(f.db, new ModelRepository(f.db, f.clock), f.audit, f.clock)
                    .requestPromotion(manager, model, reason);
        });
        calls.put(TextLimit.STRESS_SCENARIO_NAME, () -> name -> new StressTestService(f.db, f.policies, f.simulations, f.audit, f.clock).save(manager,
                name, new StressScenario.Parameters(Map.of(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO)));
        calls.put(TextLimit.ERASURE_REASON, () -> {
            // a closed account with nothing owed: no legal hold keeps the erasure on request (a test-only closure)
            long account = f.account("10000", "0", "I3", 1);
            f.db.dsl().execute("UPDATE ACCOUNT SET STATUS = 'CANCELLED', CREDIT_LIMIT = 0, AVAILABLE_AMOUNT = 0, CLOSED_AT = CURRENT_TIMESTAMP WHERE ID = ?",
                    account);
            long customer = f.customerOf(account);
            return reason -> new dev.riskdesk.privacy.ErasureService(f.db, f.audit, f.clock).eraseOnRequest(manager, customer, reason);
        });
        calls.put(TextLimit.POLICY_NOTE, () -> note -> new dev.riskdesk.limits.versions.PolicyVersionService(f.db, f.audit, f.clock).draft(manager,
                dev.riskdesk.limits.versions.PolicyKind.LIMIT_POLICY, null, null, note));
        calls.put(TextLimit.LIFECYCLE_KEEP_REASON, () -> {
            LifecycleServices lifecycle = new LifecycleServices(f.db, f.policies, f.notices, f.audit, f.clock);
            long account = f.account("5000", "0", "I3", 1); // never used: the run opens a case for it
            lifecycle.runs.run(manager, new LifecycleRunService.Options(LimitsFixture.NOW.toLocalDate(), false), Progress.NONE);
            LifecycleQueries.CaseRow c = lifecycle.queries.cases(manager, LifecycleQueries.Filter.all()).rows().stream()
                    .filter(r -> r.accountId() == account).findFirst().orElseThrow();
            return reason -> lifecycle.cases.keepOnRequest(manager, c.id(), c.version(), reason);
        });
        return calls;
    }

    @Test
    void everyFieldStoresItsLimitAndRefusesOneCharacterMoreBeforeWritingAnything() {
        Map<TextLimit, Supplier<Consumer<String>>> calls = storeEachField();
        assertEquals(EnumSet.allOf(TextLimit.class), calls.keySet(), "every limited field has a service call here");
        for (var call : calls.entrySet()) {
            TextLimit field = call.getKey();
            Consumer<String> tooLong = call.getValue().get();
            int before = auditEvents();
            UserFacingException refused = assertThrows(UserFacingException.class, () -> tooLong.accept("x".repeat(field.max() + 1)), field.name());
            assertEquals("text.tooLong." + field.name(), refused.messageKey(), field.name());
            assertArrayEquals(new Object[] {field.max() + 1, field.max()}, refused.arguments(), field.name());
            assertTrue(refused.getMessage().contains(String.format(Locale.ENGLISH, "has %,d characters; it can hold at most %,d.", field.max() + 1,
                    field.max())), refused.getMessage());
            assertEquals(before, auditEvents(), field + ": nothing was written for the refused text");

            // the whole limit, in characters that take three bytes in UTF-8: stored and audited, no database error
            call.getValue().get().accept("字".repeat(field.max()));
            assertTrue(auditEvents() > before, field + ": a text of the limit is stored and audited");
        }
    }

    @Test
    void theOverrideNoteOfTheIssueIsRefusedWithItsSentenceAndTheProposalStaysOpen() {
        long proposal = pendingIncrease();
        String note = "n".repeat(2001);
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> f.decisions.override(risk, proposal, 0, Money.of("12000"), "CUSTOMER_CONTACTED", note));
        assertEquals("The note has 2,001 characters; it can hold at most 2,000. Shorten it and try again.", e.getMessage());
        assertEquals(dev.riskdesk.limits.ProposalStatus.PENDING,
                f.db.dsl().select(LIMIT_PROPOSAL.STATUS).from(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ID.eq(proposal)).fetchOne(LIMIT_PROPOSAL.STATUS));
        f.decisions.override(risk, proposal, 0, Money.of("12000"), "CUSTOMER_CONTACTED", "n".repeat(1590));
        assertEquals(1590, f.db.dsl().select(AUDIT_EVENT.REASON).from(AUDIT_EVENT).where(AUDIT_EVENT.ENTITY_TYPE.eq("LIMIT_PROPOSAL"))
                .and(AUDIT_EVENT.ENTITY_ID.eq(String.valueOf(proposal))).fetchOne(AUDIT_EVENT.REASON).length(), "the 1,590-character note is audited whole");
    }

    @Test
    void theOtherDecisionCallsCheckTheNoteBeforeTheyLookAtAnything() {
        String note = "x".repeat(TextLimit.DECISION_NOTE.max() + 1);
        List<Runnable> calls = List.of(
                () -> f.decisions.confirm(risk, -1, 0, note),
                () -> f.decisions.reject(risk, -1, 0, "CUSTOMER_CONTACTED", note),
                () -> f.decisions.approve(manager, -1, 0, note),
                () -> f.decisions.decline(manager, -1, 0, note),
                () -> f.decisions.liftSuspension(risk, -1, "CUSTOMER_CONTACTED", note),
                () -> appeals.workflow().approveLift(manager, -1, 0, note, null));
        for (Runnable call : calls) {
            UserFacingException e = assertThrows(UserFacingException.class, call::run);
            assertTrue(e.messageKey().startsWith("text.tooLong."), e.getMessage());
        }
    }

    private int auditEvents() {
        return f.db.dsl().fetchCount(AUDIT_EVENT);
    }

    /** A 30 % increase routed to review: 10,000 → 13,000; an override to 12,000 applies at once. */
    private long pendingIncrease() {
        long account = f.account("10000", "5000", "I5", 1);
        f.score(account, 0.01, 100);
        f.history(account, "10000", "5000", "2000");
        f.runs.run(manager, new PolicyRunService.RunOptions(false, 100, LimitsFixture.NOW, false), Progress.NONE);
        return f.db.dsl().select(LIMIT_PROPOSAL.ID).from(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ACCOUNT_ID.eq(account)).fetchOne(LIMIT_PROPOSAL.ID);
    }

    private long suspended() {
        long account = f.account("20000.00", "5000.00", "I3", 2);
        f.db.transaction(tx -> new SuspensionService().suspend(tx, new SuspensionService.SuspensionRequest(account, SuspensionKind.RISK, null,
                "SPENDING_SPIKE", null, null, "SPENDING_SPIKE", "{}", "{}"), 0, "ENGINE", null, LimitsFixture.NOW));
        return f.db.dsl().select(SUSPENSION.ID).from(SUSPENSION).where(SUSPENSION.ACCOUNT_ID.eq(account)).fetchOne(SUSPENSION.ID);
    }

    private long accountOf(long suspension) {
        return f.db.dsl().select(SUSPENSION.ACCOUNT_ID).from(SUSPENSION).where(SUSPENSION.ID.eq(suspension)).fetchOne(SUSPENSION.ACCOUNT_ID);
    }

    private long appeal() {
        long suspension = suspended();
        return appeals.registration().register(manager, new Appeals.Registration(accountOf(suspension), AppealType.SUSPENSION, suspension, null,
                "PHONE", "SMS", "It was me."), List.of());
    }

    private long inReview() {
        long id = appeal();
        appeals.workflow().claim(manager, id, version(id));
        return id;
    }

    private int version(long appeal) {
        return appeals.queries().detail(manager, appeal).row().version();
    }

    private long draftScorecard() {
        return f.db.dsl().insertInto(MODEL).set(MODEL.NAME, "draft scorecard").set(MODEL.KIND, ModelKind.SCORECARD).set(MODEL.STATUS, ModelStatus.DRAFT)
                .set(MODEL.FEATURES, "[]").set(MODEL.TRAINED_AT, LimitsFixture.NOW.minusDays(1)).returning(MODEL.ID).fetchOne().getId();
    }
}
