package dev.riskdesk.appeals;

import dev.riskdesk.accounts.DecisionStatus;
import dev.riskdesk.security.Session;
import java.math.BigDecimal;
import org.jooq.DSLContext;

/**
 * What an appeal decision does to the account, applied inside the appeal's transaction. The
 * limit engine implements it (dev.riskdesk.limits.review.AppealRemedies), so its maker-checker, limit
 * history, notices and audit events apply to appeals too, while this package never depends on
 * the limit engine (see decision record 0005).
 */
public interface AppealRemedy {

    /** The limit decision written; {@code applied} is false when it waits for a second person's approval. */
    record Result(long decisionId, boolean applied) {
    }

    /** Lifts a suspension or freeze. A FRAUD suspension waits for a manager's approval. */
    Result lift(DSLContext tx, Session session, long suspensionId, String reasonCode, String note);

    /** Sets the account's credit limit to {@code newLimit} (restoring a decrease fully or in part). */
    Result setLimit(DSLContext tx, Session session, long accountId, BigDecimal newLimit, String reasonCode, String note);

    /** A second person approves a decision that waits for approval; it applies now. */
    Result approve(DSLContext tx, Session session, long decisionId, String note);

    /** LIMIT_DECISION.STATUS of a decision. */
    DecisionStatus decisionStatus(DSLContext tx, long decisionId);
}
