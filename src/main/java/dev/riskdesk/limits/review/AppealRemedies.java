package dev.riskdesk.limits.review;

import static dev.riskdesk.db.schema.Tables.LIMIT_DECISION;

import dev.riskdesk.accounts.DecisionStatus;
import dev.riskdesk.appeals.AppealRemedy;
import dev.riskdesk.db.schema.tables.records.LimitDecisionRecord;
import dev.riskdesk.security.Session;
import java.math.BigDecimal;
import org.jooq.DSLContext;

/**
 * The limit engine's side of an appeal decision: lifts and limit restorations go through the
 * same decision path as the review queue (maker-checker, LIMIT_CHANGE with source APPEAL,
 * notices, audit), inside the appeal's transaction. Lives here because limits already depends
 * on appeals; appeals only knows the {@link AppealRemedy} port.
 */
public final class AppealRemedies implements AppealRemedy {
    private final LimitDecisionService decisions;

    public AppealRemedies(LimitDecisionService decisions) {
        this.decisions = decisions;
    }

    @Override
    public Result lift(DSLContext tx, Session session, long suspensionId, String reasonCode, String note) {
        return result(decisions.liftSuspensionIn(tx, session, suspensionId, reasonCode, note, "APPEAL"));
    }

    @Override
    public Result setLimit(DSLContext tx, Session session, long accountId, BigDecimal newLimit, String reasonCode, String note) {
        return result(decisions.setLimitIn(tx, session, accountId, newLimit, reasonCode, note, "APPEAL"));
    }

    @Override
    public Result approve(DSLContext tx, Session session, long decisionId, String note) {
        LimitDecisionRecord d = tx.selectFrom(LIMIT_DECISION).where(LIMIT_DECISION.ID.eq(decisionId)).fetchOne();
        return result(decisions.approveIn(tx, session, decisionId, d.getVersion(), note, "APPEAL"));
    }

    @Override
    public DecisionStatus decisionStatus(DSLContext tx, long decisionId) {
        return tx.select(LIMIT_DECISION.STATUS).from(LIMIT_DECISION).where(LIMIT_DECISION.ID.eq(decisionId)).fetchOne(LIMIT_DECISION.STATUS);
    }

    private static Result result(LimitDecisionService.Outcome o) {
        return new Result(o.decisionId(), o.applied());
    }
}
