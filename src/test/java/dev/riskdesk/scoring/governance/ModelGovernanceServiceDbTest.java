package dev.riskdesk.scoring.governance;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.MODEL;
import static dev.riskdesk.db.schema.Tables.MODEL_PROMOTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.db.schema.tables.records.AuditEventRecord;
import dev.riskdesk.scoring.model.ModelKind;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.scoring.model.ModelSeat;
import dev.riskdesk.scoring.model.ModelStatus;
import dev.riskdesk.security.AccessDeniedException;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestOperators;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Champions change under maker-checker control, on a real H2 database with the real migrations: one manager asks,
 * another approves, and only the approval changes the champion, audited in its transaction; every refusal is one
 * sentence and changes nothing. The models are stored rows (governance never reads their content), so no training.
 */
@Tag("db")
class ModelGovernanceServiceDbTest {
    @TempDir
    Path dir;
    private Database db;
    private ModelRepository models;
    private ModelGovernanceService governance;
    private Session maker;
    private Session checker;

    @BeforeEach
    void open() {
        db = TestDatabases.fresh(dir);
        Clock clock = Clock.systemUTC();
        models = new ModelRepository(db, clock);
        governance = new ModelGovernanceService(db, models, new AuditLog(clock), clock);
        maker = TestOperators.manager(db);
        checker = TestOperators.second(db, Role.MANAGER);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long model(ModelKind kind) {
        return db.transactionResult(tx -> models.insert(tx, maker, new ModelRepository.NewModel(kind + " model", kind, List.of("UTIL_NOW"), null, null, null,
                LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 1), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 1))));
    }

    private ModelStatus status(long id) {
        return models.load(id).status();
    }

    /** Every row of MODEL, MODEL_PROMOTION and AUDIT_EVENT: a refused step leaves them as they were. */
    private String state() {
        return db.dsl().selectFrom(MODEL).orderBy(MODEL.ID).fetch().formatCSV() + db.dsl().selectFrom(MODEL_PROMOTION).orderBy(MODEL_PROMOTION.ID).fetch().formatCSV()
                + db.dsl().selectFrom(AUDIT_EVENT).orderBy(AUDIT_EVENT.ID).fetch().formatCSV();
    }

    private void refused(String expected, Runnable step) {
        String before = state();
        UserFacingException e = assertThrows(UserFacingException.class, step::run);
        assertEquals(expected, e.getMessage());
        assertEquals(before, state(), "a refused step changes nothing: " + expected);
    }

    private AuditEventRecord event(String action) {
        return db.dsl().selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.eq(action)).orderBy(AUDIT_EVENT.ID.desc()).limit(1).fetchOne();
    }

    @Test
    void theFirstChampionTakesEffectAtOnceAndAPromotionOnlyWhenASecondManagerApprovesIt() {
        long scorecard = model(ModelKind.SCORECARD);
        long boosted = model(ModelKind.GRADIENT_BOOSTED);
        PromotionRequest first = governance.requestPromotion(maker, scorecard, "Demo book: first scorecard");
        assertEquals(PromotionKind.FIRST, first.kind());
        assertEquals(PromotionStatus.APPROVED, first.status());
        assertEquals(ModelStatus.CHAMPION, status(scorecard));
        assertEquals(String.valueOf(scorecard), event("MODEL_FIRST_CHAMPION").getEntityId());

        PromotionRequest asked = governance.requestPromotion(maker, boosted, "  Out-of-time AUC 0.91 against 0.83  ");
        assertEquals(PromotionStatus.REQUESTED, asked.status());
        assertEquals("Out-of-time AUC 0.91 against 0.83", asked.reason());
        assertEquals(Long.valueOf(scorecard), asked.championId());
        assertEquals(maker.username(), asked.requester().username());
        assertEquals(ModelStatus.CHAMPION, status(scorecard), "a request changes no champion");
        assertEquals(ModelStatus.DRAFT, status(boosted));
        AuditEventRecord requested = event("MODEL_PROMOTION_REQUESTED");
        assertEquals(maker.operatorId(), requested.getOperatorId());
        assertEquals("Out-of-time AUC 0.91 against 0.83", requested.getReason());

        refused("You asked for request " + asked.id() + ": another manager must decide it (maker-checker).", () -> governance.approve(maker, asked.id()));
        refused("You asked for request " + asked.id() + ": another manager must decide it (maker-checker).",
                () -> governance.decline(maker, asked.id(), "my own"));
        refused("Model " + boosted + " already waits for approval in request " + asked.id() + ".",
                () -> governance.requestPromotion(checker, boosted, "again"));
        for (Session noRight : List.of(TestOperators.risk(db), TestOperators.agent(db), TestOperators.batch(db))) {
            String before = state();
            AccessDeniedException denied = assertThrows(AccessDeniedException.class, () -> governance.approve(noRight, asked.id()));
            assertEquals(Permission.MODEL_APPROVE, denied.permission());
            assertThrows(AccessDeniedException.class, () -> governance.requestPromotion(noRight, boosted, "try"));
            assertEquals(before, state());
        }

        PromotionRequest approved = governance.approve(checker, asked.id());
        assertEquals(PromotionStatus.APPROVED, approved.status());
        assertEquals(checker.username(), approved.decider().username());
        assertEquals(ModelStatus.CHAMPION, status(boosted));
        assertEquals(ModelStatus.RETIRED, status(scorecard), "one champion per seat: the scorecard's seat is the boosted model's");
        assertEquals(boosted, models.mainChampion().id());
        AuditEventRecord event = event("MODEL_PROMOTION_APPROVED");
        assertEquals(checker.operatorId(), event.getOperatorId());
        assertEquals(String.valueOf(boosted), event.getEntityId());
        assertTrue(event.getDetails().contains("requested by " + maker.username() + ", approved by " + checker.username()), event.getDetails());
        assertTrue(event.getDetails().contains("retires model " + scorecard), event.getDetails());
        assertEquals(checker.operatorId(), db.dsl().select(MODEL.PROMOTED_BY).from(MODEL).where(MODEL.ID.eq(boosted)).fetchOne(MODEL.PROMOTED_BY));

        refused("Request " + asked.id() + " is APPROVED and cannot be approved.", () -> governance.approve(checker, asked.id()));
        refused("Model " + boosted + " is the champion already.", () -> governance.requestPromotion(maker, boosted, "again"));
        long forest = model(ModelKind.TREE_ENSEMBLE);
        refused("Model " + forest + " is a TREE_ENSEMBLE challenger; it cannot be champion, because it cannot explain a score in points.",
                () -> governance.requestPromotion(maker, forest, "best AUC"));
        refused("Say why the model should be champion.", () -> governance.requestPromotion(maker, scorecard, " "));
        refused("There is no model 999999.", () -> governance.requestPromotion(maker, 999_999, "why"));
    }

    @Test
    void aRollbackRestoresThePreviousChampionOnlyOnApprovalAndTheFirstChampionHasNoneToRestore() {
        long thin = model(ModelKind.THIN_FILE);
        long scorecard = model(ModelKind.SCORECARD);
        long boosted = model(ModelKind.GRADIENT_BOOSTED);
        governance.requestPromotion(maker, thin, "first thin-file model");
        governance.requestPromotion(maker, scorecard, "first scorecard");
        refused("Model " + thin + " is the first champion of the thin-file seat: there is no previous champion to roll back to.",
                () -> governance.requestRollback(maker, ModelSeat.THIN_FILE, "undo"));
        governance.approve(checker, governance.requestPromotion(maker, boosted, "better separation").id());

        PromotionRequest rollback = governance.requestRollback(checker, ModelSeat.FILE, "Approval rate fell after the switch");
        assertEquals(PromotionKind.ROLLBACK, rollback.kind());
        assertEquals(scorecard, rollback.modelId());
        assertEquals(Long.valueOf(boosted), rollback.championId());
        assertEquals(ModelStatus.CHAMPION, status(boosted), "asking to roll back changes nothing yet");
        assertEquals("Approval rate fell after the switch", event("MODEL_ROLLBACK_REQUESTED").getReason());
        refused("You asked for request " + rollback.id() + ": another manager must decide it (maker-checker).",
                () -> governance.approve(checker, rollback.id()));

        governance.approve(maker, rollback.id());
        assertEquals(ModelStatus.CHAMPION, status(scorecard));
        assertEquals(ModelStatus.RETIRED, status(boosted));
        AuditEventRecord event = event("MODEL_ROLLBACK_APPROVED");
        assertTrue(event.getDetails().contains("requested by " + checker.username() + ", approved by " + maker.username()), event.getDetails());
        assertEquals(ModelStatus.CHAMPION, status(thin), "the other seat keeps its champion");
    }

    @Test
    void anApprovalIsRefusedWhenTheChampionChangedMeanwhileAndWaitingRequestsCanBeDeclinedOrWithdrawn() {
        long scorecard = model(ModelKind.SCORECARD);
        long boosted = model(ModelKind.GRADIENT_BOOSTED);
        long other = model(ModelKind.SCORECARD);
        governance.requestPromotion(maker, scorecard, "first");
        PromotionRequest toBoosted = governance.requestPromotion(maker, boosted, "boosted");
        PromotionRequest toOther = governance.requestPromotion(checker, other, "newer scorecard");
        governance.approve(checker, toBoosted.id());
        refused("The champion of the seat for accounts with a file changed since request " + toOther.id() + " was made: decline it and ask again.",
                () -> governance.approve(maker, toOther.id()));
        assertEquals(ModelStatus.DRAFT, status(other));

        refused("Say why the request is declined.", () -> governance.decline(maker, toOther.id(), ""));
        refused("Only the manager who made request " + toOther.id() + " (" + checker.username() + ") may withdraw it.",
                () -> governance.withdraw(maker, toOther.id()));
        PromotionRequest declined = governance.decline(maker, toOther.id(), "The champion changed: compare against the boosted model first");
        assertEquals(PromotionStatus.DECLINED, declined.status());
        assertEquals("The champion changed: compare against the boosted model first", declined.decisionNote());
        assertEquals("The champion changed: compare against the boosted model first", event("MODEL_PROMOTION_DECLINED").getReason());
        assertEquals(boosted, models.mainChampion().id());

        PromotionRequest again = governance.requestPromotion(checker, other, "compared now");
        PromotionRequest withdrawn = governance.withdraw(checker, again.id());
        assertEquals(PromotionStatus.WITHDRAWN, withdrawn.status());
        assertEquals(String.valueOf(again.id()), event("MODEL_PROMOTION_WITHDRAWN").getEntityId());
        refused("Request " + again.id() + " is WITHDRAWN and cannot be approved.", () -> governance.approve(maker, again.id()));
        assertEquals(List.of(again.id(), toOther.id(), toBoosted.id()),
                governance.requests(TestOperators.risk(db)).stream().filter(r -> r.kind() != PromotionKind.FIRST).map(PromotionRequest::id).toList(),
                "risk operators read the requests, newest first");
        assertNull(governance.request(maker, withdrawn.id()).decisionNote());
    }
}
