package dev.riskdesk.appeals;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.appeals.AppealRows.appeal;
import static dev.riskdesk.appeals.AppealRows.lock;
import static dev.riskdesk.appeals.AppealRows.note;
import static dev.riskdesk.appeals.AppealRows.operatorWith;
import static dev.riskdesk.appeals.AppealRows.refused;
import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.APPEAL;
import static dev.riskdesk.db.schema.Tables.LIMIT_DECISION;
import static dev.riskdesk.db.schema.Tables.SUSPENSION;

import dev.riskdesk.accounts.DecisionStatus;
import dev.riskdesk.accounts.NoticeService;
import dev.riskdesk.accounts.SuspensionKind;
import dev.riskdesk.accounts.SuspensionStatus;
import dev.riskdesk.appeals.Appeals.Decision;
import dev.riskdesk.common.Money;
import dev.riskdesk.common.TextLimit;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.AppealRecord;
import dev.riskdesk.db.schema.tables.records.LimitDecisionRecord;
import dev.riskdesk.db.schema.tables.records.SuspensionRecord;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import org.jooq.DSLContext;

/**
 * An appeal's way through the status machine of {@link AppealStatus}: claim and assignment, moves,
 * the append-only notes, decisions that act on the account through {@link AppealRemedy} and queue
 * the customer's outcome notice, and a manager's approval of a waiting lift. Every change checks
 * the operator's permission and writes an audit event in the same transaction; APPEAL.VERSION
 * guards against two operators changing the same appeal.
 */
public final class AppealWorkflow {
    private final Database database;
    private final AppealRemedy remedy;
    private final NoticeService notices;
    private final AuditLog audit;
    private final Clock clock;

    public AppealWorkflow(Database database, AppealRemedy remedy, NoticeService notices, AuditLog audit, Clock clock) {
        this.database = database;
        this.remedy = remedy;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Takes the appeal: it is assigned to the caller and a new one moves to review. Someone else's
     * appeal needs APPEAL_ASSIGN, except that a risk operator (APPEAL_DECIDE_FRAUD) takes an
     * escalated appeal from the agent who escalated it.
     */
    @Requires(Permission.APPEAL_HANDLE)
    public void claim(Session session, long appealId, int expectedVersion) {
        session.require(Permission.APPEAL_HANDLE);
        database.transaction(tx -> {
            AppealRecord a = lock(tx, appealId, expectedVersion);
            AppealStatus status = a.getStatus();
            if (!status.open()) {
                throw refused(status, AppealStatus.IN_REVIEW);
            }
            // a risk operator takes an escalated appeal from the agent who escalated it, not from another risk operator
            boolean takesEscalation = status == AppealStatus.ESCALATED && session.has(Permission.APPEAL_DECIDE_FRAUD)
                    && a.getAssigneeId() != null && operatorWith(tx, a.getAssigneeId(), Permission.APPEAL_DECIDE_FRAUD) == null;
            if (a.getAssigneeId() != null && a.getAssigneeId() != session.operatorId() && !session.has(Permission.APPEAL_ASSIGN)
                    && !takesEscalation) {
                throw UserFacingException.keyed("appeal.claimedByOther", "Another agent already has this appeal; a supervisor can reassign it.");
            }
            AppealStatus to = status == AppealStatus.NEW ? AppealStatus.IN_REVIEW : status;
            tx.update(APPEAL).set(APPEAL.ASSIGNEE_ID, session.operatorId()).set(APPEAL.STATUS, to).where(APPEAL.ID.eq(appealId)).execute();
            note(tx, session, appealId, AppealNoteKind.STATUS, "Claimed by " + session.username() + (to != status ? "; " + status + " → " + to : ""),
                    LocalDateTime.now(clock));
            audit.record(tx, session, "APPEAL_CLAIMED", "APPEAL", appealId, null, status + " → " + to);
        });
    }

    /** A supervisor assigns or reassigns the appeal to a handler. */
    @Requires(Permission.APPEAL_ASSIGN)
    public void assign(Session session, long appealId, int expectedVersion, long operatorId, String reason) {
        session.require(Permission.APPEAL_ASSIGN);
        TextLimit.APPEAL_ASSIGN_REASON.check(reason);
        database.transaction(tx -> {
            AppealRecord a = lock(tx, appealId, expectedVersion);
            if (!a.getStatus().open()) {
                throw refused(a.getStatus(), AppealStatus.IN_REVIEW);
            }
            String name = operatorWith(tx, operatorId, Permission.APPEAL_HANDLE);
            if (name == null) {
                throw UserFacingException.keyed("appeal.noHandler", "That operator cannot handle appeals.");
            }
            tx.update(APPEAL).set(APPEAL.ASSIGNEE_ID, operatorId).where(APPEAL.ID.eq(appealId)).execute();
            note(tx, session, appealId, AppealNoteKind.STATUS, (a.getAssigneeId() == null ? "Assigned to " : "Reassigned to ") + name
                    + (reason == null || reason.isBlank() ? "" : ": " + reason.trim()), LocalDateTime.now(clock));
            audit.record(tx, session, a.getAssigneeId() == null ? "APPEAL_ASSIGNED" : "APPEAL_REASSIGNED", "APPEAL", appealId, reason, "to " + name);
        });
    }

    /**
     * Moves the appeal to {@code to}: review, awaiting customer, escalated, back from escalation,
     * closed, or reopened (manager). Deciding goes through {@link #decide}. A note is required.
     */
    @Requires(Permission.APPEAL_HANDLE)
    public void move(Session session, long appealId, int expectedVersion, AppealStatus to, String note) {
        session.require(Permission.APPEAL_HANDLE);
        TextLimit.APPEAL_MOVE_NOTE.check(note);
        if (to == AppealStatus.DECIDED || to == AppealStatus.NEW) {
            throw UserFacingException.keyed("appeal.useDecision", "Use the decision dialog to decide an appeal.");
        }
        database.transaction(tx -> {
            AppealRecord a = lock(tx, appealId, expectedVersion);
            AppealStatus from = a.getStatus();
            Permission needed = from.permissionTo(to);
            if (needed == null) {
                throw refused(from, to);
            }
            session.require(needed);
            if (a.getPendingDecisionId() != null && to != AppealStatus.ESCALATED) {
                throw UserFacingException.keyed("appeal.awaitingApproval", "A lift of this appeal waits for a manager's approval.");
            }
            if (to == AppealStatus.IN_REVIEW && (from == AppealStatus.DECIDED || from == AppealStatus.CLOSED) && (note == null || note.isBlank())) {
                throw UserFacingException.keyed("appeal.reasonRequired", "Give a reason.");
            }
            LocalDateTime now = LocalDateTime.now(clock);
            var update = tx.update(APPEAL).set(APPEAL.STATUS, to);
            if (to == AppealStatus.CLOSED) {
                update = update.set(APPEAL.CLOSED_AT, now);
            }
            if (to == AppealStatus.IN_REVIEW && (from == AppealStatus.DECIDED || from == AppealStatus.CLOSED)) {
                // reopened: the outcome stays in the notes and the audit log, the case is open again
                update = update.set(APPEAL.OUTCOME, (AppealOutcome) null).set(APPEAL.OUTCOME_LIMIT, (BigDecimal) null)
                        .set(APPEAL.OUTCOME_REASON, (String) null).set(APPEAL.DECIDED_AT, (LocalDateTime) null)
                        .set(APPEAL.DECIDED_BY, (Long) null).set(APPEAL.CLOSED_AT, (LocalDateTime) null);
            }
            update.where(APPEAL.ID.eq(appealId)).execute();
            note(tx, session, appealId, AppealNoteKind.STATUS, from + " → " + to + (note == null || note.isBlank() ? "" : ": " + note.trim()), now);
            audit.record(tx, session, "APPEAL_" + to.name(), "APPEAL", appealId, note, from + " → " + to);
        });
    }

    /** Appends a note; notes are never changed or deleted. */
    @Requires(Permission.APPEAL_HANDLE)
    public void addNote(Session session, long appealId, String body) {
        session.require(Permission.APPEAL_HANDLE);
        TextLimit.APPEAL_NOTE.check(body);
        if (body == null || body.isBlank()) {
            throw UserFacingException.keyed("appeal.noteRequired", "Write the note first.");
        }
        database.transaction(tx -> {
            appeal(tx, appealId);
            note(tx, session, appealId, AppealNoteKind.NOTE, body.trim(), LocalDateTime.now(clock));
            audit.record(tx, session, "APPEAL_NOTE_ADDED", "APPEAL", appealId, null, body.length() > 200 ? body.substring(0, 200) : body);
        });
    }

    /**
     * Decides the appeal. Lifting a FRAUD suspension needs APPEAL_DECIDE_FRAUD, a confirmed
     * identity re-verification and a manager's second approval: until then the appeal stays open
     * with the lift waiting ({@link #approveLift}). Returns true when the decision is final now.
     */
    @Requires(Permission.APPEAL_HANDLE)
    public boolean decide(Session session, long appealId, int expectedVersion, Decision d) {
        session.require(Permission.APPEAL_HANDLE);
        TextLimit.APPEAL_DECISION_NOTE.check(d.note());
        if (d.outcome() == null || d.reasonCode() == null || !AppealOutcome.REASON_CODES.contains(d.reasonCode())
                || d.note() == null || d.note().isBlank()) {
            throw UserFacingException.keyed("appeal.decisionReason", "A decision needs an outcome, a reason and a note.");
        }
        return database.transactionResult(tx -> {
            AppealRecord a = lock(tx, appealId, expectedVersion);
            AppealStatus from = a.getStatus();
            Permission needed = from.permissionTo(AppealStatus.DECIDED);
            if (needed == null) {
                throw refused(from, AppealStatus.DECIDED);
            }
            session.require(needed);
            if (a.getPendingDecisionId() != null) {
                if (remedy.decisionStatus(tx, a.getPendingDecisionId()) != DecisionStatus.DECLINED) {
                    throw UserFacingException.keyed("appeal.awaitingApproval", "A lift of this appeal waits for a manager's approval.");
                }
                tx.update(APPEAL).set(APPEAL.PENDING_DECISION_ID, (Long) null).set(APPEAL.NOTICE_LANGUAGE, (String) null)
                        .where(APPEAL.ID.eq(appealId)).execute();
            }
            String note = d.note().trim();
            Remedied remedied = a.getAppealType() == AppealType.LIMIT_DECREASE
                    ? remedyDecrease(tx, session, a, d, note) : remedySuspension(tx, session, a, d, note);
            LocalDateTime now = LocalDateTime.now(clock);
            tx.update(APPEAL).set(APPEAL.OUTCOME, d.outcome()).set(APPEAL.OUTCOME_LIMIT, remedied.outcomeLimit())
                    .set(APPEAL.OUTCOME_REASON, d.reasonCode() + ": " + note).where(APPEAL.ID.eq(appealId)).execute();
            AppealRemedy.Result result = remedied.result();
            if (result != null && !result.applied()) {
                tx.update(APPEAL).set(APPEAL.PENDING_DECISION_ID, result.decisionId()).set(APPEAL.NOTICE_LANGUAGE, d.language())
                        .where(APPEAL.ID.eq(appealId)).execute();
                note(tx, session, appealId, AppealNoteKind.STATUS, d.outcome() + " proposed (" + d.reasonCode() + "); waits for a manager's approval, decision "
                        + result.decisionId() + ": " + note, now);
                audit.record(tx, session, "APPEAL_LIFT_REQUESTED", "APPEAL", appealId, note, d.outcome() + "; decision " + result.decisionId());
                return false;
            }
            finish(tx, session, a, from, d.outcome(), d.reasonCode(), remedied.outcomeLimit(), note, d.language(), now);
            return true;
        });
    }

    /** The account's limit after the decision, and what the remedy did (null when nothing was overturned). */
    private record Remedied(BigDecimal outcomeLimit, AppealRemedy.Result result) {
    }

    /** A decrease appeal: lifting restores the old limit, lifting in part sets one between the current and the old. */
    private Remedied remedyDecrease(DSLContext tx, Session session, AppealRecord a, Decision d, String note) {
        BigDecimal current = currentLimit(tx, a);
        BigDecimal outcomeLimit = current;
        LimitDecisionRecord contested = tx.selectFrom(LIMIT_DECISION).where(LIMIT_DECISION.ID.eq(a.getDecisionId())).fetchOne();
        if (d.outcome() == AppealOutcome.LIFTED) {
            outcomeLimit = contested.getOldLimit();
        } else if (d.outcome() == AppealOutcome.PARTIALLY_LIFTED) {
            outcomeLimit = checkedNewLimit(d.newLimit(), current, contested.getOldLimit());
        }
        if (!d.outcome().overturns()) {
            return new Remedied(outcomeLimit, null);
        }
        if (outcomeLimit.compareTo(current) <= 0) {
            throw UserFacingException.keyed("appeal.newLimitRange", "The new limit must lie above the current limit "
                    + current + " and at most " + contested.getOldLimit() + ".", current, contested.getOldLimit());
        }
        return new Remedied(outcomeLimit, remedy.setLimit(tx, session, a.getAccountId(), outcomeLimit, d.reasonCode(), note));
    }

    /** A suspension or freeze appeal: lifting ends it, lifting in part also lowers the limit; a fraud suspension needs more. */
    private Remedied remedySuspension(DSLContext tx, Session session, AppealRecord a, Decision d, String note) {
        BigDecimal current = currentLimit(tx, a);
        if (!d.outcome().overturns()) {
            return new Remedied(current, null);
        }
        SuspensionRecord s = tx.selectFrom(SUSPENSION).where(SUSPENSION.ID.eq(a.getSuspensionId())).fetchOne();
        if (s.getKind() == SuspensionKind.FRAUD) {
            session.require(Permission.APPEAL_DECIDE_FRAUD);
            if (!d.identityReverified()) {
                throw UserFacingException.keyed("appeal.identityRequired",
                        "Lifting a fraud suspension needs the customer's identity re-verified first; confirm it.");
            }
            if (d.outcome() == AppealOutcome.PARTIALLY_LIFTED) {
                throw UserFacingException.keyed("appeal.fraudPartial", "A fraud suspension is lifted in full or upheld, not in part.");
            }
            tx.update(APPEAL).set(APPEAL.IDENTITY_REVERIFIED, true).where(APPEAL.ID.eq(a.getId())).execute();
        }
        if (s.getStatus() != SuspensionStatus.ACTIVE) {
            throw UserFacingException.keyed("appeal.suspensionGone", "The suspension was lifted meanwhile; reload the case.");
        }
        BigDecimal outcomeLimit = current;
        if (d.outcome() == AppealOutcome.PARTIALLY_LIFTED) {
            outcomeLimit = checkedNewLimit(d.newLimit(), BigDecimal.ZERO, current.subtract(new BigDecimal("0.01")));
        }
        AppealRemedy.Result result = remedy.lift(tx, session, s.getId(), d.reasonCode(), note);
        if (result.applied() && d.outcome() == AppealOutcome.PARTIALLY_LIFTED) {
            result = remedy.setLimit(tx, session, a.getAccountId(), outcomeLimit, d.reasonCode(), note);
        }
        return new Remedied(outcomeLimit, result);
    }

    private static BigDecimal currentLimit(DSLContext tx, AppealRecord a) {
        return tx.select(ACCOUNT.CREDIT_LIMIT).from(ACCOUNT).where(ACCOUNT.ID.eq(a.getAccountId())).fetchOne(ACCOUNT.CREDIT_LIMIT);
    }

    /**
     * A manager approves the lift an appeal waits for; the appeal is decided and the customer
     * notified in {@code language}, or when null in the language chosen with the decision.
     */
    @Requires(Permission.LIMIT_APPROVE)
    public void approveLift(Session session, long appealId, int expectedVersion, String note, String language) {
        session.require(Permission.LIMIT_APPROVE);
        TextLimit.APPEAL_DECISION_NOTE.check(note);
        database.transaction(tx -> {
            AppealRecord a = lock(tx, appealId, expectedVersion);
            if (a.getPendingDecisionId() == null) {
                throw UserFacingException.keyed("appeal.nothingToApprove", "Nothing of this appeal waits for approval.");
            }
            DecisionStatus status = remedy.decisionStatus(tx, a.getPendingDecisionId());
            if (status == DecisionStatus.AWAITING_APPROVAL) {
                remedy.approve(tx, session, a.getPendingDecisionId(), note == null || note.isBlank() ? "appeal " + a.getAppealNo() : note);
            } else if (status != DecisionStatus.APPROVED) {
                throw UserFacingException.keyed("appeal.liftDeclined", "The lift was declined; decide the appeal again.");
            }
            AppealOutcome outcome = a.getOutcome();
            String reasonCode = a.getOutcomeReason().split(":")[0];
            if (outcome == AppealOutcome.PARTIALLY_LIFTED && a.getAppealType() != AppealType.LIMIT_DECREASE) {
                // the approved decision lifted a suspension; the partial limit follows. A decrease
                // appeal's pending decision is the restored limit itself, applied by the approval.
                remedy.setLimit(tx, session, a.getAccountId(), a.getOutcomeLimit(), reasonCode, "appeal " + a.getAppealNo());
            }
            tx.update(APPEAL).set(APPEAL.PENDING_DECISION_ID, (Long) null).set(APPEAL.NOTICE_LANGUAGE, (String) null)
                    .where(APPEAL.ID.eq(appealId)).execute();
            finish(tx, session, a, a.getStatus(), outcome, reasonCode, a.getOutcomeLimit(),
                    note == null || note.isBlank() ? "approved" : note.trim(), language != null ? language : a.getNoticeLanguage(),
                    LocalDateTime.now(clock));
        });
    }

    private void finish(DSLContext tx, Session session, AppealRecord a, AppealStatus from, AppealOutcome outcome, String reasonCode,
            BigDecimal outcomeLimit, String note, String language, LocalDateTime now) {
        tx.update(APPEAL).set(APPEAL.STATUS, AppealStatus.DECIDED).set(APPEAL.DECIDED_AT, now)
                .set(APPEAL.DECIDED_BY, Session.actorId(session)).where(APPEAL.ID.eq(a.getId())).execute();
        String channel = switch (a.getContactPreference()) {
            case "APP" -> "APP";
            case "EMAIL" -> "EMAIL";
            default -> "SMS";
        };
        long noticeId = notices.queueAppealOutcome(tx, new NoticeService.AppealOutcomeNotice(a.getAccountId(), a.getId(), a.getAppealNo(),
                channel, outcome.name(), reasonCode, outcomeLimit, language));
        note(tx, session, a.getId(), AppealNoteKind.STATUS, from + " → DECIDED: " + outcome + " (" + reasonCode + "): " + note + "; notice " + noticeId, now);
        audit.record(tx, session, "APPEAL_DECIDED", "APPEAL", a.getId(), note, outcome + " " + reasonCode
                + (outcomeLimit == null ? "" : "; limit " + outcomeLimit) + "; notice " + noticeId);
    }

    private static BigDecimal checkedNewLimit(BigDecimal newLimit, BigDecimal above, BigDecimal atMost) {
        if (newLimit == null || newLimit.compareTo(above) <= 0 || newLimit.compareTo(atMost) > 0) {
            throw UserFacingException.keyed("appeal.newLimitRange", "The new limit must lie above " + above + " and at most " + atMost + ".",
                    above, atMost);
        }
        return Money.normalize(newLimit);
    }
}
