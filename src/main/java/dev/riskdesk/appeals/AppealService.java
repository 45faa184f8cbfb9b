package dev.riskdesk.appeals;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.APPEAL;
import static dev.riskdesk.db.schema.Tables.APPEAL_ATTACHMENT;
import static dev.riskdesk.db.schema.Tables.APPEAL_NOTE;
import static dev.riskdesk.db.schema.Tables.APPEAL_SLA;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.LIMIT_DECISION;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.OPERATOR;
import static dev.riskdesk.db.schema.Tables.REPAYMENT;
import static dev.riskdesk.db.schema.Tables.ROLE_PERMISSION;
import static dev.riskdesk.db.schema.Tables.RULE_HIT;
import static dev.riskdesk.db.schema.Tables.RULE_SET;
import static dev.riskdesk.db.schema.Tables.SUSPENSION;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskdesk.appeals.Appeals.AppealCase;
import dev.riskdesk.appeals.Appeals.Attachment;
import dev.riskdesk.appeals.Appeals.AttachmentInfo;
import dev.riskdesk.appeals.Appeals.Contestable;
import dev.riskdesk.appeals.Appeals.DataCheck;
import dev.riskdesk.appeals.Appeals.Decision;
import dev.riskdesk.appeals.Appeals.Handler;
import dev.riskdesk.appeals.Appeals.InboxFigures;
import dev.riskdesk.appeals.Appeals.InboxFilter;
import dev.riskdesk.appeals.Appeals.InboxRow;
import dev.riskdesk.appeals.Appeals.LateRepayment;
import dev.riskdesk.appeals.Appeals.Note;
import dev.riskdesk.appeals.Appeals.Registration;
import dev.riskdesk.appeals.Appeals.RuleQuality;
import dev.riskdesk.common.Money;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.Operator;
import dev.riskdesk.db.schema.tables.records.AppealRecord;
import dev.riskdesk.db.schema.tables.records.LimitDecisionRecord;
import dev.riskdesk.db.schema.tables.records.SuspensionRecord;
import dev.riskdesk.security.AccessDeniedException;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.PersonalDataMasker;
import dev.riskdesk.security.Session;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Suspension, freeze and limit-decrease appeals: registration with attachments, the inbox with
 * an SLA clock per appeal type, claim and assignment, the status machine of {@link AppealStatus},
 * an append-only notes log, decisions that act on the account through {@link AppealRemedy} and
 * queue the customer's outcome notice, and the figures and rule-quality labels learnt from
 * outcomes. Every change checks the operator's permission and writes an audit event in the same
 * transaction; APPEAL.VERSION guards against two operators changing the same appeal.
 */
public final class AppealService {
    /** Largest attachment the service stores. */
    public static final int MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
    public static final Set<String> ATTACHMENT_TYPES = Set.of("application/pdf", "image/jpeg", "image/png");
    public static final List<String> CHANNELS = List.of("PHONE", "APP", "EMAIL", "LETTER");
    public static final List<String> CONTACT_PREFERENCES = List.of("SMS", "APP", "EMAIL", "PHONE");

    private final Database database;
    private final AppealRemedy remedy;
    private final NoticeService notices;
    private final AuditLog audit;
    private final Clock clock;

    public AppealService(Database database, AppealRemedy remedy, NoticeService notices, AuditLog audit, Clock clock) {
        this.database = database;
        this.remedy = remedy;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ registration

    /** The account id of an account number, or an error sentence. */
    public long accountIdOf(Session session, String accountNo) {
        session.require(Permission.APPEAL_HANDLE);
        Long id = database.dsl().select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.ACCOUNT_NO.eq(accountNo == null ? "" : accountNo.trim()))
                .fetchOne(ACCOUNT.ID);
        if (id == null) {
            throw UserFacingException.keyed("appeal.noAccount", "There is no account " + accountNo + ".", accountNo);
        }
        return id;
    }

    /** Active suspensions and freezes, and decreases applied in the last 180 days, newest first. */
    public List<Contestable> contestable(Session session, long accountId) {
        session.require(Permission.APPEAL_HANDLE);
        DSLContext dsl = database.dsl();
        List<Contestable> out = new ArrayList<>();
        for (SuspensionRecord s : dsl.selectFrom(SUSPENSION).where(SUSPENSION.ACCOUNT_ID.eq(accountId)).and(SUSPENSION.STATUS.eq("ACTIVE"))
                .orderBy(SUSPENSION.STARTED_AT.desc()).fetch()) {
            out.add(new Contestable("FREEZE".equals(s.getKind()) ? AppealType.FREEZE : AppealType.SUSPENSION, s.getId(), null, s.getReasonCodes(),
                    s.getStartedAt(), s.getPreviousLimit(), s.getPreviousLimit()));
        }
        LocalDateTime since = LocalDateTime.now(clock).minusDays(180);
        dsl.select(LIMIT_DECISION.ID, LIMIT_DECISION.OLD_LIMIT, LIMIT_DECISION.NEW_LIMIT, LIMIT_DECISION.DECIDED_AT, LIMIT_PROPOSAL.REASON_CODES)
                .from(LIMIT_DECISION).join(LIMIT_PROPOSAL).on(LIMIT_PROPOSAL.ID.eq(LIMIT_DECISION.PROPOSAL_ID))
                .where(LIMIT_DECISION.ACCOUNT_ID.eq(accountId)).and(LIMIT_DECISION.STATUS.in("APPLIED", "APPROVED"))
                .and(LIMIT_DECISION.NEW_LIMIT.lt(LIMIT_DECISION.OLD_LIMIT)).and(LIMIT_DECISION.DECIDED_AT.ge(since))
                .orderBy(LIMIT_DECISION.DECIDED_AT.desc())
                .forEach(r -> out.add(new Contestable(AppealType.LIMIT_DECREASE, null, r.value1(), r.value5(), r.value4(), r.value2(), r.value3())));
        return out;
    }

    /** Registers an appeal with its attachments; returns its id. */
    public long register(Session session, Registration r, List<Attachment> attachments) {
        session.require(Permission.APPEAL_HANDLE);
        if (r.statement() == null || r.statement().isBlank()) {
            throw UserFacingException.keyed("appeal.statementRequired", "Write down the customer's statement.");
        }
        if (r.statement().length() > 4000) {
            throw UserFacingException.keyed("appeal.statementTooLong", "The statement is longer than 4,000 characters.");
        }
        if (!CHANNELS.contains(r.channel()) || !CONTACT_PREFERENCES.contains(r.contactPreference())) {
            throw UserFacingException.keyed("appeal.channelRequired", "Choose the channel and how the customer wants to hear back.");
        }
        for (Attachment a : attachments) {
            checkAttachment(a);
        }
        return database.transactionResult(tx -> {
            LocalDateTime now = LocalDateTime.now(clock);
            String ruleCode;
            Long ruleSetId;
            LocalDateTime triggeredAt;
            if (r.type() == AppealType.LIMIT_DECREASE) {
                LimitDecisionRecord d = r.decisionId() == null ? null
                        : tx.selectFrom(LIMIT_DECISION).where(LIMIT_DECISION.ID.eq(r.decisionId())).fetchOne();
                if (d == null || d.getAccountId() != r.accountId() || d.getNewLimit().compareTo(d.getOldLimit()) >= 0
                        || !Set.of("APPLIED", "APPROVED").contains(d.getStatus())) {
                    throw UserFacingException.keyed("appeal.notContestable", "This account has no such decision to appeal against.");
                }
                Record p = tx.select(LIMIT_PROPOSAL.RULE_SET_ID, LIMIT_PROPOSAL.REASON_CODES, LIMIT_PROPOSAL.CREATED_AT, RULE_HIT.RULE_CODE,
                        RULE_HIT.HIT_AT).from(LIMIT_PROPOSAL).leftJoin(RULE_HIT).on(RULE_HIT.ID.eq(LIMIT_PROPOSAL.RULE_HIT_ID))
                        .where(LIMIT_PROPOSAL.ID.eq(d.getProposalId())).fetchOne();
                ruleSetId = p == null ? null : p.get(LIMIT_PROPOSAL.RULE_SET_ID);
                ruleCode = p == null ? null : p.get(RULE_HIT.RULE_CODE) != null ? p.get(RULE_HIT.RULE_CODE)
                        : p.get(LIMIT_PROPOSAL.REASON_CODES).split(",")[0];
                triggeredAt = p == null ? d.getDecidedAt() : p.get(RULE_HIT.HIT_AT) != null ? p.get(RULE_HIT.HIT_AT) : p.get(LIMIT_PROPOSAL.CREATED_AT);
                if (tx.fetchExists(APPEAL, APPEAL.DECISION_ID.eq(d.getId()).and(APPEAL.STATUS.notIn("DECIDED", "CLOSED")))) {
                    throw UserFacingException.keyed("appeal.alreadyOpen", "An appeal against this decision is already open.");
                }
            } else {
                SuspensionRecord s = r.suspensionId() == null ? null
                        : tx.selectFrom(SUSPENSION).where(SUSPENSION.ID.eq(r.suspensionId())).fetchOne();
                boolean kindFits = s != null && ("FREEZE".equals(s.getKind()) == (r.type() == AppealType.FREEZE));
                if (s == null || s.getAccountId() != r.accountId() || !"ACTIVE".equals(s.getStatus()) || !kindFits) {
                    throw UserFacingException.keyed("appeal.notContestable", "This account has no such decision to appeal against.");
                }
                ruleCode = s.getRuleCode() != null ? s.getRuleCode() : s.getReasonCodes().split(",")[0];
                ruleSetId = s.getRuleSetId();
                triggeredAt = s.getRuleHitId() == null ? s.getStartedAt()
                        : tx.select(RULE_HIT.HIT_AT).from(RULE_HIT).where(RULE_HIT.ID.eq(s.getRuleHitId())).fetchOne(RULE_HIT.HIT_AT);
                if (tx.fetchExists(APPEAL, APPEAL.SUSPENSION_ID.eq(s.getId()).and(APPEAL.STATUS.notIn("DECIDED", "CLOSED")))) {
                    throw UserFacingException.keyed("appeal.alreadyOpen", "An appeal against this decision is already open.");
                }
            }
            int slaHours = tx.select(APPEAL_SLA.SLA_HOURS).from(APPEAL_SLA).where(APPEAL_SLA.APPEAL_TYPE.eq(r.type().name()))
                    .fetchOne(APPEAL_SLA.SLA_HOURS);
            // the number derives from the generated identity, so two operators registering at once
            // never compute the same one; a unique placeholder holds the NOT NULL column until then
            String placeholder = "AP-T" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            long id = tx.insertInto(APPEAL)
                    .set(APPEAL.APPEAL_NO, placeholder)
                    .set(APPEAL.ACCOUNT_ID, r.accountId())
                    .set(APPEAL.APPEAL_TYPE, r.type().name())
                    .set(APPEAL.SUSPENSION_ID, r.type() == AppealType.LIMIT_DECREASE ? null : r.suspensionId())
                    .set(APPEAL.DECISION_ID, r.type() == AppealType.LIMIT_DECREASE ? r.decisionId() : null)
                    .set(APPEAL.CHANNEL, r.channel())
                    .set(APPEAL.CONTACT_PREFERENCE, r.contactPreference())
                    .set(APPEAL.STATEMENT, r.statement().trim())
                    .set(APPEAL.STATUS, AppealStatus.NEW.name())
                    .set(APPEAL.CREATED_BY, Session.actorId(session))
                    .set(APPEAL.CREATED_AT, now)
                    .set(APPEAL.SLA_DUE_AT, now.plusHours(slaHours))
                    .set(APPEAL.RULE_CODE, ruleCode)
                    .set(APPEAL.RULE_SET_ID, ruleSetId)
                    .set(APPEAL.TRIGGERED_AT, triggeredAt)
                    .returning(APPEAL.ID).fetchOne().getId();
            tx.update(APPEAL).set(APPEAL.APPEAL_NO, String.format("AP-%06d", id)).where(APPEAL.ID.eq(id)).execute();
            for (Attachment a : attachments) {
                insertAttachment(tx, session, id, a, now);
            }
            note(tx, session, id, "CUSTOMER", r.statement().trim(), now);
            audit.record(tx, session, "APPEAL_REGISTERED", "APPEAL", id, null,
                    r.type() + " via " + r.channel() + "; account " + r.accountId() + "; " + attachments.size() + " attachments");
            return id;
        });
    }

    /** Size, type and content checks: PDF, JPEG or PNG up to 5 MB whose bytes are what the name says. */
    public static void checkAttachment(Attachment a) {
        if (a.content() == null || a.content().length == 0) {
            throw UserFacingException.keyed("appeal.attachmentEmpty", "The file " + a.fileName() + " is empty.", a.fileName());
        }
        if (a.content().length > MAX_ATTACHMENT_BYTES) {
            throw UserFacingException.keyed("appeal.attachmentTooLarge", "The file " + a.fileName() + " is larger than 5 MB.", a.fileName());
        }
        boolean known = ATTACHMENT_TYPES.contains(a.contentType());
        byte[] c = a.content();
        boolean matches = switch (a.contentType() == null ? "" : a.contentType()) {
            case "application/pdf" -> c.length >= 4 && c[0] == '%' && c[1] == 'P' && c[2] == 'D' && c[3] == 'F';
            case "image/png" -> c.length >= 4 && (c[0] & 0xff) == 0x89 && c[1] == 'P' && c[2] == 'N' && c[3] == 'G';
            case "image/jpeg" -> c.length >= 3 && (c[0] & 0xff) == 0xff && (c[1] & 0xff) == 0xd8 && (c[2] & 0xff) == 0xff;
            default -> false;
        };
        if (!known || !matches || a.fileName() == null || a.fileName().isBlank() || a.fileName().length() > 200) {
            throw UserFacingException.keyed("appeal.attachmentType", "The file " + a.fileName() + " is not a PDF, JPEG or PNG.", a.fileName());
        }
    }

    /** The content type a file name suggests (pdf, jpg, jpeg, png), or null. */
    public static String contentTypeOf(String fileName) {
        String n = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".pdf") ? "application/pdf" : n.endsWith(".png") ? "image/png"
                : n.endsWith(".jpg") || n.endsWith(".jpeg") ? "image/jpeg" : null;
    }

    public long addAttachment(Session session, long appealId, Attachment a) {
        session.require(Permission.APPEAL_HANDLE);
        checkAttachment(a);
        return database.transactionResult(tx -> {
            appeal(tx, appealId);
            long id = insertAttachment(tx, session, appealId, a, LocalDateTime.now(clock));
            audit.record(tx, session, "APPEAL_ATTACHMENT_ADDED", "APPEAL", appealId, null, a.fileName() + " (" + a.content().length + " bytes)");
            return id;
        });
    }

    public byte[] attachmentContent(Session session, long attachmentId) {
        session.require(Permission.APPEAL_HANDLE);
        return database.dsl().select(APPEAL_ATTACHMENT.CONTENT).from(APPEAL_ATTACHMENT).where(APPEAL_ATTACHMENT.ID.eq(attachmentId))
                .fetchOne(APPEAL_ATTACHMENT.CONTENT);
    }

    private long insertAttachment(DSLContext tx, Session session, long appealId, Attachment a, LocalDateTime now) {
        return tx.insertInto(APPEAL_ATTACHMENT)
                .set(APPEAL_ATTACHMENT.APPEAL_ID, appealId)
                .set(APPEAL_ATTACHMENT.FILE_NAME, a.fileName())
                .set(APPEAL_ATTACHMENT.CONTENT_TYPE, a.contentType())
                .set(APPEAL_ATTACHMENT.SIZE_BYTES, a.content().length)
                .set(APPEAL_ATTACHMENT.CONTENT, a.content())
                .set(APPEAL_ATTACHMENT.UPLOADED_BY, Session.actorId(session))
                .set(APPEAL_ATTACHMENT.UPLOADED_AT, now)
                .returning(APPEAL_ATTACHMENT.ID).fetchOne().getId();
    }

    // ------------------------------------------------------------------ workflow

    /**
     * Takes the appeal: it is assigned to the caller and a new one moves to review. Someone else's
     * appeal needs APPEAL_ASSIGN, except that a risk operator (APPEAL_DECIDE_FRAUD) takes an
     * escalated appeal from the agent who escalated it.
     */
    public void claim(Session session, long appealId, int expectedVersion) {
        session.require(Permission.APPEAL_HANDLE);
        if (session.isSystem()) {
            throw UserFacingException.keyed("appeal.systemClaim", "The system cannot claim an appeal.");
        }
        database.transaction(tx -> {
            AppealRecord a = lock(tx, appealId, expectedVersion);
            AppealStatus status = AppealStatus.valueOf(a.getStatus());
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
            tx.update(APPEAL).set(APPEAL.ASSIGNEE_ID, session.operatorId()).set(APPEAL.STATUS, to.name()).where(APPEAL.ID.eq(appealId)).execute();
            note(tx, session, appealId, "STATUS", "Claimed by " + session.username() + (to != status ? "; " + status + " → " + to : ""),
                    LocalDateTime.now(clock));
            audit.record(tx, session, "APPEAL_CLAIMED", "APPEAL", appealId, null, status + " → " + to);
        });
    }

    /** A supervisor assigns or reassigns the appeal to a handler. */
    public void assign(Session session, long appealId, int expectedVersion, long operatorId, String reason) {
        session.require(Permission.APPEAL_ASSIGN);
        database.transaction(tx -> {
            AppealRecord a = lock(tx, appealId, expectedVersion);
            if (!AppealStatus.valueOf(a.getStatus()).open()) {
                throw refused(AppealStatus.valueOf(a.getStatus()), AppealStatus.IN_REVIEW);
            }
            String name = operatorWith(tx, operatorId, Permission.APPEAL_HANDLE);
            if (name == null) {
                throw UserFacingException.keyed("appeal.noHandler", "That operator cannot handle appeals.");
            }
            tx.update(APPEAL).set(APPEAL.ASSIGNEE_ID, operatorId).where(APPEAL.ID.eq(appealId)).execute();
            note(tx, session, appealId, "STATUS", (a.getAssigneeId() == null ? "Assigned to " : "Reassigned to ") + name
                    + (reason == null || reason.isBlank() ? "" : ": " + reason.trim()), LocalDateTime.now(clock));
            audit.record(tx, session, a.getAssigneeId() == null ? "APPEAL_ASSIGNED" : "APPEAL_REASSIGNED", "APPEAL", appealId, reason, "to " + name);
        });
    }

    /**
     * Moves the appeal to {@code to}: review, awaiting customer, escalated, back from escalation,
     * closed, or reopened (manager). Deciding goes through {@link #decide}. A note is required.
     */
    public void move(Session session, long appealId, int expectedVersion, AppealStatus to, String note) {
        session.require(Permission.APPEAL_HANDLE);
        if (to == AppealStatus.DECIDED || to == AppealStatus.NEW) {
            throw UserFacingException.keyed("appeal.useDecision", "Use the decision dialog to decide an appeal.");
        }
        database.transaction(tx -> {
            AppealRecord a = lock(tx, appealId, expectedVersion);
            AppealStatus from = AppealStatus.valueOf(a.getStatus());
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
            var update = tx.update(APPEAL).set(APPEAL.STATUS, to.name());
            if (to == AppealStatus.CLOSED) {
                update = update.set(APPEAL.CLOSED_AT, now);
            }
            if (to == AppealStatus.IN_REVIEW && (from == AppealStatus.DECIDED || from == AppealStatus.CLOSED)) {
                // reopened: the outcome stays in the notes and the audit log, the case is open again
                update = update.set(APPEAL.OUTCOME, (String) null).set(APPEAL.OUTCOME_LIMIT, (BigDecimal) null)
                        .set(APPEAL.OUTCOME_REASON, (String) null).set(APPEAL.DECIDED_AT, (LocalDateTime) null)
                        .set(APPEAL.DECIDED_BY, (Long) null).set(APPEAL.CLOSED_AT, (LocalDateTime) null);
            }
            update.where(APPEAL.ID.eq(appealId)).execute();
            note(tx, session, appealId, "STATUS", from + " → " + to + (note == null || note.isBlank() ? "" : ": " + note.trim()), now);
            audit.record(tx, session, "APPEAL_" + to.name(), "APPEAL", appealId, note, from + " → " + to);
        });
    }

    /** Appends a note; notes are never changed or deleted. */
    public void addNote(Session session, long appealId, String body) {
        session.require(Permission.APPEAL_HANDLE);
        if (body == null || body.isBlank()) {
            throw UserFacingException.keyed("appeal.noteRequired", "Write the note first.");
        }
        database.transaction(tx -> {
            appeal(tx, appealId);
            note(tx, session, appealId, "NOTE", body.trim(), LocalDateTime.now(clock));
            audit.record(tx, session, "APPEAL_NOTE_ADDED", "APPEAL", appealId, null, body.length() > 200 ? body.substring(0, 200) : body);
        });
    }

    /**
     * Decides the appeal. Lifting a FRAUD suspension needs APPEAL_DECIDE_FRAUD, a confirmed
     * identity re-verification and a manager's second approval: until then the appeal stays open
     * with the lift waiting ({@link #approveLift}). Returns true when the decision is final now.
     */
    public boolean decide(Session session, long appealId, int expectedVersion, Decision d) {
        session.require(Permission.APPEAL_HANDLE);
        if (d.outcome() == null || d.reasonCode() == null || !AppealOutcome.REASON_CODES.contains(d.reasonCode())
                || d.note() == null || d.note().isBlank()) {
            throw UserFacingException.keyed("appeal.decisionReason", "A decision needs an outcome, a reason and a note.");
        }
        return database.transactionResult(tx -> {
            AppealRecord a = lock(tx, appealId, expectedVersion);
            AppealStatus from = AppealStatus.valueOf(a.getStatus());
            Permission needed = from.permissionTo(AppealStatus.DECIDED);
            if (needed == null) {
                throw refused(from, AppealStatus.DECIDED);
            }
            session.require(needed);
            if (a.getPendingDecisionId() != null) {
                if (!"DECLINED".equals(remedy.decisionStatus(tx, a.getPendingDecisionId()))) {
                    throw UserFacingException.keyed("appeal.awaitingApproval", "A lift of this appeal waits for a manager's approval.");
                }
                tx.update(APPEAL).set(APPEAL.PENDING_DECISION_ID, (Long) null).set(APPEAL.NOTICE_LANGUAGE, (String) null)
                        .where(APPEAL.ID.eq(appealId)).execute();
            }
            AppealType type = AppealType.valueOf(a.getAppealType());
            BigDecimal current = tx.select(ACCOUNT.CREDIT_LIMIT).from(ACCOUNT).where(ACCOUNT.ID.eq(a.getAccountId())).fetchOne(ACCOUNT.CREDIT_LIMIT);
            BigDecimal outcomeLimit = current;
            String reasons = d.reasonCode();
            String note = d.note().trim();
            AppealRemedy.Result result = null;
            if (type == AppealType.LIMIT_DECREASE) {
                LimitDecisionRecord contested = tx.selectFrom(LIMIT_DECISION).where(LIMIT_DECISION.ID.eq(a.getDecisionId())).fetchOne();
                if (d.outcome() == AppealOutcome.LIFTED) {
                    outcomeLimit = contested.getOldLimit();
                } else if (d.outcome() == AppealOutcome.PARTIALLY_LIFTED) {
                    outcomeLimit = checkedNewLimit(d.newLimit(), current, contested.getOldLimit());
                }
                if (d.outcome().overturns()) {
                    if (outcomeLimit.compareTo(current) <= 0) {
                        throw UserFacingException.keyed("appeal.newLimitRange", "The new limit must lie above the current limit "
                                + current + " and at most " + contested.getOldLimit() + ".", current, contested.getOldLimit());
                    }
                    result = remedy.setLimit(tx, session, a.getAccountId(), outcomeLimit, reasons, note);
                }
            } else if (d.outcome().overturns()) {
                SuspensionRecord s = tx.selectFrom(SUSPENSION).where(SUSPENSION.ID.eq(a.getSuspensionId())).fetchOne();
                boolean fraud = "FRAUD".equals(s.getKind());
                if (fraud) {
                    session.require(Permission.APPEAL_DECIDE_FRAUD);
                    if (!d.identityReverified()) {
                        throw UserFacingException.keyed("appeal.identityRequired",
                                "Lifting a fraud suspension needs the customer's identity re-verified first; confirm it.");
                    }
                    if (d.outcome() == AppealOutcome.PARTIALLY_LIFTED) {
                        throw UserFacingException.keyed("appeal.fraudPartial", "A fraud suspension is lifted in full or upheld, not in part.");
                    }
                    tx.update(APPEAL).set(APPEAL.IDENTITY_REVERIFIED, true).where(APPEAL.ID.eq(appealId)).execute();
                }
                if (!"ACTIVE".equals(s.getStatus())) {
                    throw UserFacingException.keyed("appeal.suspensionGone", "The suspension was lifted meanwhile; reload the case.");
                }
                if (d.outcome() == AppealOutcome.PARTIALLY_LIFTED) {
                    outcomeLimit = checkedNewLimit(d.newLimit(), BigDecimal.ZERO, current.subtract(new BigDecimal("0.01")));
                }
                result = remedy.lift(tx, session, s.getId(), reasons, note);
                if (result.applied() && d.outcome() == AppealOutcome.PARTIALLY_LIFTED) {
                    result = remedy.setLimit(tx, session, a.getAccountId(), outcomeLimit, reasons, note);
                }
            }
            LocalDateTime now = LocalDateTime.now(clock);
            tx.update(APPEAL).set(APPEAL.OUTCOME, d.outcome().name()).set(APPEAL.OUTCOME_LIMIT, outcomeLimit)
                    .set(APPEAL.OUTCOME_REASON, d.reasonCode() + ": " + note).where(APPEAL.ID.eq(appealId)).execute();
            if (result != null && !result.applied()) {
                tx.update(APPEAL).set(APPEAL.PENDING_DECISION_ID, result.decisionId()).set(APPEAL.NOTICE_LANGUAGE, d.language())
                        .where(APPEAL.ID.eq(appealId)).execute();
                note(tx, session, appealId, "STATUS", d.outcome() + " proposed (" + d.reasonCode() + "); waits for a manager's approval, decision "
                        + result.decisionId() + ": " + note, now);
                audit.record(tx, session, "APPEAL_LIFT_REQUESTED", "APPEAL", appealId, note, d.outcome() + "; decision " + result.decisionId());
                return false;
            }
            finish(tx, session, a, from, d.outcome(), d.reasonCode(), outcomeLimit, note, d.language(), now);
            return true;
        });
    }

    /**
     * A manager approves the lift an appeal waits for; the appeal is decided and the customer
     * notified in {@code language}, or when null in the language chosen with the decision.
     */
    public void approveLift(Session session, long appealId, int expectedVersion, String note, String language) {
        session.require(Permission.LIMIT_APPROVE);
        database.transaction(tx -> {
            AppealRecord a = lock(tx, appealId, expectedVersion);
            if (a.getPendingDecisionId() == null) {
                throw UserFacingException.keyed("appeal.nothingToApprove", "Nothing of this appeal waits for approval.");
            }
            String status = remedy.decisionStatus(tx, a.getPendingDecisionId());
            if ("AWAITING_APPROVAL".equals(status)) {
                remedy.approve(tx, session, a.getPendingDecisionId(), note == null || note.isBlank() ? "appeal " + a.getAppealNo() : note);
            } else if (!"APPROVED".equals(status)) {
                throw UserFacingException.keyed("appeal.liftDeclined", "The lift was declined; decide the appeal again.");
            }
            AppealOutcome outcome = AppealOutcome.valueOf(a.getOutcome());
            String reasonCode = a.getOutcomeReason().split(":")[0];
            if (outcome == AppealOutcome.PARTIALLY_LIFTED && AppealType.valueOf(a.getAppealType()) != AppealType.LIMIT_DECREASE) {
                // the approved decision lifted a suspension; the partial limit follows. A decrease
                // appeal's pending decision is the restored limit itself, applied by the approval.
                remedy.setLimit(tx, session, a.getAccountId(), a.getOutcomeLimit(), reasonCode, "appeal " + a.getAppealNo());
            }
            tx.update(APPEAL).set(APPEAL.PENDING_DECISION_ID, (Long) null).set(APPEAL.NOTICE_LANGUAGE, (String) null)
                    .where(APPEAL.ID.eq(appealId)).execute();
            finish(tx, session, a, AppealStatus.valueOf(a.getStatus()), outcome, reasonCode, a.getOutcomeLimit(),
                    note == null || note.isBlank() ? "approved" : note.trim(), language != null ? language : a.getNoticeLanguage(),
                    LocalDateTime.now(clock));
        });
    }

    private void finish(DSLContext tx, Session session, AppealRecord a, AppealStatus from, AppealOutcome outcome, String reasonCode,
            BigDecimal outcomeLimit, String note, String language, LocalDateTime now) {
        tx.update(APPEAL).set(APPEAL.STATUS, AppealStatus.DECIDED.name()).set(APPEAL.DECIDED_AT, now)
                .set(APPEAL.DECIDED_BY, Session.actorId(session)).where(APPEAL.ID.eq(a.getId())).execute();
        String channel = switch (a.getContactPreference()) {
            case "APP" -> "APP";
            case "EMAIL" -> "EMAIL";
            default -> "SMS";
        };
        long noticeId = notices.queueAppealOutcome(tx, new NoticeService.AppealOutcomeNotice(a.getAccountId(), a.getId(), a.getAppealNo(),
                channel, outcome.name(), reasonCode, outcomeLimit, language));
        note(tx, session, a.getId(), "STATUS", from + " → DECIDED: " + outcome + " (" + reasonCode + "): " + note + "; notice " + noticeId, now);
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

    /** Sets the SLA of an appeal type; it applies to appeals registered from now on. */
    public void setSlaHours(Session session, AppealType type, int hours) {
        session.require(Permission.APPEAL_ASSIGN);
        if (hours <= 0 || hours > 24 * 30) {
            throw UserFacingException.keyed("appeal.slaRange", "The SLA must be between 1 and 720 hours.");
        }
        database.transaction(tx -> {
            tx.update(APPEAL_SLA).set(APPEAL_SLA.SLA_HOURS, hours).where(APPEAL_SLA.APPEAL_TYPE.eq(type.name())).execute();
            audit.record(tx, session, "APPEAL_SLA_CHANGED", "APPEAL_SLA", type.name(), null, hours + " hours");
        });
    }

    public Map<AppealType, Integer> slaHours(Session session) {
        session.require(Permission.APPEAL_HANDLE);
        Map<AppealType, Integer> out = new LinkedHashMap<>();
        database.dsl().selectFrom(APPEAL_SLA).orderBy(APPEAL_SLA.APPEAL_TYPE)
                .forEach(r -> out.put(AppealType.valueOf(r.getAppealType()), r.getSlaHours()));
        return out;
    }

    // ------------------------------------------------------------------ reading

    /** The inbox: open appeals first, by SLA deadline (nearest first); then decided and closed ones, also by SLA deadline. */
    public List<InboxRow> inbox(Session session, InboxFilter filter) {
        session.require(Permission.APPEAL_HANDLE);
        Condition where = DSL.trueCondition();
        if (filter.status() != null) {
            where = where.and(APPEAL.STATUS.eq(filter.status().name()));
        } else if (filter.openOnly()) {
            where = where.and(APPEAL.STATUS.notIn("DECIDED", "CLOSED"));
        }
        if (filter.type() != null) {
            where = where.and(APPEAL.APPEAL_TYPE.eq(filter.type().name()));
        }
        if (filter.ruleCode() != null && !filter.ruleCode().isBlank()) {
            where = where.and(APPEAL.RULE_CODE.eq(filter.ruleCode()));
        }
        if (filter.assigneeId() != null) {
            where = where.and(filter.assigneeId() == 0 ? APPEAL.ASSIGNEE_ID.isNull() : APPEAL.ASSIGNEE_ID.eq(filter.assigneeId()));
        }
        return rows(database.dsl(), where, 2000);
    }

    /** Rule codes that appeals name, for the inbox filter. */
    public List<String> ruleCodes(Session session) {
        session.require(Permission.APPEAL_HANDLE);
        return database.dsl().selectDistinct(APPEAL.RULE_CODE).from(APPEAL).where(APPEAL.RULE_CODE.isNotNull()).orderBy(APPEAL.RULE_CODE)
                .fetch(APPEAL.RULE_CODE);
    }

    /** Active operators whose role may handle appeals. */
    public List<Handler> handlers(Session session) {
        session.require(Permission.APPEAL_HANDLE);
        return database.dsl().select(OPERATOR.ID, OPERATOR.USERNAME, OPERATOR.DISPLAY_NAME, OPERATOR.ROLE_CODE).from(OPERATOR)
                .join(ROLE_PERMISSION).on(ROLE_PERMISSION.ROLE_CODE.eq(OPERATOR.ROLE_CODE))
                .where(OPERATOR.ACTIVE.isTrue()).and(ROLE_PERMISSION.PERMISSION.eq(Permission.APPEAL_HANDLE.name())).orderBy(OPERATOR.USERNAME)
                .fetch(r -> new Handler(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    private List<InboxRow> rows(DSLContext dsl, Condition where, int limit) {
        LocalDateTime now = LocalDateTime.now(clock);
        Operator assignee = OPERATOR.as("ASSIGNEE");
        return dsl.select(APPEAL.asterisk(), ACCOUNT.ACCOUNT_NO, CUSTOMER.FULL_NAME, assignee.USERNAME, RULE_SET.VERSION_NO)
                .from(APPEAL).join(ACCOUNT).on(ACCOUNT.ID.eq(APPEAL.ACCOUNT_ID)).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID))
                .leftJoin(assignee).on(assignee.ID.eq(APPEAL.ASSIGNEE_ID)).leftJoin(RULE_SET).on(RULE_SET.ID.eq(APPEAL.RULE_SET_ID))
                .where(where)
                .orderBy(DSL.when(APPEAL.STATUS.in("DECIDED", "CLOSED"), 1).otherwise(0), APPEAL.SLA_DUE_AT, APPEAL.ID)
                .limit(limit)
                .fetch(r -> {
                    AppealRecord a = r.into(APPEAL);
                    AppealStatus status = AppealStatus.valueOf(a.getStatus());
                    Duration remaining = status.open() ? Duration.between(now, a.getSlaDueAt()) : null;
                    return new InboxRow(a.getId(), a.getAppealNo(), a.getAccountId(), r.get(ACCOUNT.ACCOUNT_NO),
                            PersonalDataMasker.name(r.get(CUSTOMER.FULL_NAME)), AppealType.valueOf(a.getAppealType()), status, a.getRuleCode(),
                            r.get(RULE_SET.VERSION_NO), r.get(assignee.USERNAME), a.getAssigneeId(), a.getCreatedAt(), a.getSlaDueAt(), remaining,
                            a.getOutcome() == null ? null : AppealOutcome.valueOf(a.getOutcome()), a.getPendingDecisionId() != null, a.getVersion());
                });
    }

    /** One appeal with everything the case screen shows. */
    public AppealCase detail(Session session, long appealId) {
        session.require(Permission.APPEAL_HANDLE);
        DSLContext dsl = database.dsl();
        List<InboxRow> found = rows(dsl, APPEAL.ID.eq(appealId), 1);
        if (found.isEmpty()) {
            throw UserFacingException.keyed("appeal.missing", "Appeal " + appealId + " does not exist.", appealId);
        }
        InboxRow row = found.get(0);
        AppealRecord a = appeal(dsl, appealId);
        Record account = dsl.select(ACCOUNT.CREDIT_LIMIT, ACCOUNT.STATUS).from(ACCOUNT).where(ACCOUNT.ID.eq(a.getAccountId())).fetchOne();
        String reasonCodes;
        String kind = null;
        String evidence;
        String feedAsOf;
        BigDecimal oldLimit;
        BigDecimal newLimit;
        if (a.getSuspensionId() != null) {
            SuspensionRecord s = dsl.selectFrom(SUSPENSION).where(SUSPENSION.ID.eq(a.getSuspensionId())).fetchOne();
            reasonCodes = s.getReasonCodes();
            kind = s.getKind();
            evidence = s.getEvidence();
            feedAsOf = s.getFeedAsOf();
            oldLimit = s.getPreviousLimit();
            newLimit = s.getPreviousLimit();
        } else {
            Record d = dsl.select(LIMIT_DECISION.OLD_LIMIT, LIMIT_DECISION.NEW_LIMIT, LIMIT_PROPOSAL.REASON_CODES, LIMIT_PROPOSAL.EVIDENCE,
                    RULE_HIT.FEED_AS_OF).from(LIMIT_DECISION).join(LIMIT_PROPOSAL).on(LIMIT_PROPOSAL.ID.eq(LIMIT_DECISION.PROPOSAL_ID))
                    .leftJoin(RULE_HIT).on(RULE_HIT.ID.eq(LIMIT_PROPOSAL.RULE_HIT_ID)).where(LIMIT_DECISION.ID.eq(a.getDecisionId())).fetchOne();
            reasonCodes = d.get(LIMIT_PROPOSAL.REASON_CODES);
            evidence = d.get(LIMIT_PROPOSAL.EVIDENCE);
            feedAsOf = d.get(RULE_HIT.FEED_AS_OF);
            oldLimit = d.get(LIMIT_DECISION.OLD_LIMIT);
            newLimit = d.get(LIMIT_DECISION.NEW_LIMIT);
        }
        DataCheck check = dataCheck(dsl, a.getAccountId(), a.getTriggeredAt() == null ? a.getCreatedAt() : a.getTriggeredAt(), feedAsOf);
        Operator decider = OPERATOR.as("DECIDER");
        String decidedBy = a.getDecidedBy() == null ? (a.getDecidedAt() == null ? null : "system")
                : dsl.select(decider.USERNAME).from(decider).where(decider.ID.eq(a.getDecidedBy())).fetchOne(decider.USERNAME);
        List<Note> notes = dsl.select(APPEAL_NOTE.ID, APPEAL_NOTE.KIND, OPERATOR.USERNAME, APPEAL_NOTE.BODY, APPEAL_NOTE.CREATED_AT).from(APPEAL_NOTE)
                .leftJoin(OPERATOR).on(OPERATOR.ID.eq(APPEAL_NOTE.AUTHOR_ID)).where(APPEAL_NOTE.APPEAL_ID.eq(appealId))
                .orderBy(APPEAL_NOTE.CREATED_AT, APPEAL_NOTE.ID)
                .fetch(r -> new Note(r.value1(), r.value2(), r.value3() == null ? "system" : r.value3(), r.value4(), r.value5()));
        List<AttachmentInfo> attachments = dsl.select(APPEAL_ATTACHMENT.ID, APPEAL_ATTACHMENT.FILE_NAME, APPEAL_ATTACHMENT.CONTENT_TYPE,
                APPEAL_ATTACHMENT.SIZE_BYTES, OPERATOR.USERNAME, APPEAL_ATTACHMENT.UPLOADED_AT).from(APPEAL_ATTACHMENT)
                .leftJoin(OPERATOR).on(OPERATOR.ID.eq(APPEAL_ATTACHMENT.UPLOADED_BY)).where(APPEAL_ATTACHMENT.APPEAL_ID.eq(appealId))
                .orderBy(APPEAL_ATTACHMENT.ID)
                .fetch(r -> new AttachmentInfo(r.value1(), r.value2(), r.value3(), r.value4(), r.value5() == null ? "system" : r.value5(), r.value6()));
        List<InboxRow> earlier = rows(dsl, APPEAL.ACCOUNT_ID.eq(a.getAccountId()).and(APPEAL.ID.ne(appealId)), 50);
        return new AppealCase(row, a.getChannel(), a.getContactPreference(), a.getStatement(), Arrays.asList(reasonCodes.split(",")), kind,
                evidence, check, account.get(ACCOUNT.CREDIT_LIMIT), oldLimit, newLimit, account.get(ACCOUNT.STATUS), a.getOutcomeReason(),
                a.getOutcomeLimit(), decidedBy, a.getDecidedAt(), a.getIdentityReverified(), a.getPendingDecisionId(), notes, attachments, earlier);
    }

    /**
     * Whether the data a trigger saw changed since: repayments paid before the trigger that reached
     * the database after the repayment feed's as-of time the trigger relied on (or after the trigger,
     * when it recorded none), counted only once they have arrived (RECEIVED_AT up to now).
     */
    DataCheck dataCheck(DSLContext dsl, long accountId, LocalDateTime triggeredAt, String feedAsOfJson) {
        Map<String, String> feeds = parseFeeds(feedAsOfJson);
        LocalDateTime seenUpTo = triggeredAt;
        String repayments = feeds.get("REPAYMENTS");
        if (repayments != null) {
            LocalDateTime asOf = LocalDateTime.parse(repayments);
            seenUpTo = asOf.isBefore(triggeredAt) ? asOf : triggeredAt;
        }
        LocalDateTime now = LocalDateTime.now(clock);
        List<LateRepayment> late = dsl.select(REPAYMENT.AMOUNT, REPAYMENT.PAID_AT, REPAYMENT.RECEIVED_AT).from(REPAYMENT)
                .where(REPAYMENT.ACCOUNT_ID.eq(accountId)).and(REPAYMENT.PAID_AT.le(triggeredAt)).and(REPAYMENT.RECEIVED_AT.gt(seenUpTo))
                .and(REPAYMENT.RECEIVED_AT.le(now)).orderBy(REPAYMENT.PAID_AT)
                .fetch(r -> new LateRepayment(r.value1(), r.value2(), r.value3()));
        int since = dsl.fetchCount(REPAYMENT, REPAYMENT.ACCOUNT_ID.eq(accountId).and(REPAYMENT.RECEIVED_AT.gt(triggeredAt))
                .and(REPAYMENT.RECEIVED_AT.le(now)));
        return new DataCheck(triggeredAt, feeds, late, since);
    }

    private static Map<String, String> parseFeeds(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return new LinkedHashMap<>(new ObjectMapper().readValue(json, new TypeReference<Map<String, String>>() { }));
        } catch (IOException e) {
            return Map.of();
        }
    }

    // ------------------------------------------------------------------ learning from appeals

    /** Open appeals by age, median handling time, SLA compliance and overturn rate; also for the manager dashboard. */
    public InboxFigures figures(Session session) {
        if (!session.has(Permission.APPEAL_HANDLE) && !session.has(Permission.PORTFOLIO_VIEW)) {
            throw new AccessDeniedException(session.username(), Permission.APPEAL_HANDLE);
        }
        LocalDateTime now = LocalDateTime.now(clock);
        int[] age = new int[4];
        int open = 0;
        int breached = 0;
        int decided = 0;
        int within = 0;
        int overturned = 0;
        List<Long> handlingMinutes = new ArrayList<>();
        for (AppealRecord a : database.dsl().selectFrom(APPEAL).fetch()) {
            if (AppealStatus.valueOf(a.getStatus()).open()) {
                open++;
                long hours = Duration.between(a.getCreatedAt(), now).toHours();
                age[hours < 24 ? 0 : hours < 48 ? 1 : hours < 24 * 7 ? 2 : 3]++;
                if (now.isAfter(a.getSlaDueAt())) {
                    breached++;
                }
            } else if (a.getDecidedAt() != null) {
                decided++;
                if (!a.getDecidedAt().isAfter(a.getSlaDueAt())) {
                    within++;
                }
                if (AppealOutcome.valueOf(a.getOutcome()).overturns()) {
                    overturned++;
                }
                handlingMinutes.add(Duration.between(a.getCreatedAt(), a.getDecidedAt()).toMinutes());
            }
        }
        return new InboxFigures(open, age[0], age[1], age[2], age[3], breached, median(handlingMinutes), decided, within, overturned);
    }

    static Double median(List<Long> minutes) {
        if (minutes.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(minutes);
        sorted.sort(null);
        int n = sorted.size();
        double m = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return m / 60.0;
    }

    /**
     * Appeal outcomes as labels per rule and rule version: appeals, decided, overturned (a likely
     * false positive) and how many of them had stale data, next to how often the rule fired.
     */
    public List<RuleQuality> ruleQuality(Session session) {
        session.require(Permission.RULE_VIEW);
        DSLContext dsl = database.dsl();
        Map<List<Object>, long[]> counts = new LinkedHashMap<>();
        Map<List<Object>, Integer> versions = new HashMap<>();
        for (Record r : dsl.select(APPEAL.asterisk(), RULE_SET.VERSION_NO).from(APPEAL).leftJoin(RULE_SET).on(RULE_SET.ID.eq(APPEAL.RULE_SET_ID))
                .where(APPEAL.RULE_CODE.isNotNull()).orderBy(APPEAL.RULE_CODE, APPEAL.RULE_SET_ID).fetch()) {
            AppealRecord a = r.into(APPEAL);
            List<Object> key = Arrays.asList(a.getRuleCode(), a.getRuleSetId());
            versions.put(key, r.get(RULE_SET.VERSION_NO));
            long[] c = counts.computeIfAbsent(key, k -> new long[4]);
            c[0]++;
            if (a.getOutcome() != null && !AppealStatus.valueOf(a.getStatus()).open()) {
                c[1]++;
                if (AppealOutcome.valueOf(a.getOutcome()).overturns()) {
                    c[2]++;
                    if (a.getOutcomeReason() != null && a.getOutcomeReason().startsWith("APPEAL_STALE_DATA")) {
                        c[3]++;
                    }
                }
            }
        }
        List<RuleQuality> out = new ArrayList<>();
        for (var e : counts.entrySet()) {
            String rule = (String) e.getKey().get(0);
            Long setId = (Long) e.getKey().get(1);
            Condition hits = RULE_HIT.RULE_CODE.eq(rule).and(setId == null ? DSL.trueCondition() : RULE_HIT.RULE_SET_ID.eq(setId));
            long triggers = dsl.fetchCount(RULE_HIT, hits);
            long[] c = e.getValue();
            out.add(new RuleQuality(rule, setId, versions.get(e.getKey()), triggers, (int) c[0], (int) c[1], (int) c[2], (int) c[3]));
        }
        out.sort((x, y) -> Double.compare(y.overturnRate() == null ? -1 : y.overturnRate(), x.overturnRate() == null ? -1 : x.overturnRate()));
        return out;
    }

    /** The appeals behind one rule-quality line. */
    public List<InboxRow> appealsOfRule(Session session, String ruleCode, Long ruleSetId) {
        session.require(Permission.RULE_VIEW);
        return rows(database.dsl(), APPEAL.RULE_CODE.eq(ruleCode).and(ruleSetId == null ? APPEAL.RULE_SET_ID.isNull()
                : APPEAL.RULE_SET_ID.eq(ruleSetId)), 2000);
    }

    // ------------------------------------------------------------------ helpers

    private static AppealRecord appeal(DSLContext tx, long appealId) {
        AppealRecord a = tx.selectFrom(APPEAL).where(APPEAL.ID.eq(appealId)).fetchOne();
        if (a == null) {
            throw UserFacingException.keyed("appeal.missing", "Appeal " + appealId + " does not exist.", appealId);
        }
        return a;
    }

    /** Bumps APPEAL.VERSION; someone else's change in between is refused with a reload sentence. */
    private static AppealRecord lock(DSLContext tx, long appealId, int expectedVersion) {
        AppealRecord a = appeal(tx, appealId);
        int updated = tx.update(APPEAL).set(APPEAL.VERSION, APPEAL.VERSION.plus(1)).where(APPEAL.ID.eq(appealId))
                .and(APPEAL.VERSION.eq(expectedVersion)).execute();
        if (updated == 0) {
            throw UserFacingException.keyed("appeal.changed", "Appeal " + a.getAppealNo() + " was changed meanwhile; reload it.", a.getAppealNo());
        }
        return a;
    }

    /** The user name of an active operator whose role has {@code permission}, or null. */
    private static String operatorWith(DSLContext tx, long operatorId, Permission permission) {
        return tx.select(OPERATOR.USERNAME).from(OPERATOR).join(ROLE_PERMISSION).on(ROLE_PERMISSION.ROLE_CODE.eq(OPERATOR.ROLE_CODE))
                .where(OPERATOR.ID.eq(operatorId)).and(OPERATOR.ACTIVE.isTrue()).and(ROLE_PERMISSION.PERMISSION.eq(permission.name()))
                .fetchOne(OPERATOR.USERNAME);
    }

    private static UserFacingException refused(AppealStatus from, AppealStatus to) {
        return UserFacingException.keyed("appeal.transition", "An appeal cannot go from " + from + " to " + to + ".", from, to);
    }

    private static void note(DSLContext tx, Session session, long appealId, String kind, String body, LocalDateTime at) {
        tx.insertInto(APPEAL_NOTE).set(APPEAL_NOTE.APPEAL_ID, appealId).set(APPEAL_NOTE.AUTHOR_ID, Session.actorId(session))
                .set(APPEAL_NOTE.KIND, kind).set(APPEAL_NOTE.BODY, body.length() <= 4000 ? body : body.substring(0, 4000))
                .set(APPEAL_NOTE.CREATED_AT, at).execute();
    }

}
