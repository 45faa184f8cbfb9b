package dev.riskdesk.appeals;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.appeals.AppealRows.appeal;
import static dev.riskdesk.appeals.AppealRows.note;
import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.APPEAL;
import static dev.riskdesk.db.schema.Tables.APPEAL_ATTACHMENT;
import static dev.riskdesk.db.schema.Tables.APPEAL_SLA;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.LIMIT_DECISION;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.RULE_HIT;
import static dev.riskdesk.db.schema.Tables.SUSPENSION;

import dev.riskdesk.accounts.DecisionStatus;
import dev.riskdesk.accounts.SuspensionKind;
import dev.riskdesk.accounts.SuspensionStatus;
import dev.riskdesk.appeals.Appeals.Attachment;
import dev.riskdesk.appeals.Appeals.Contestable;
import dev.riskdesk.appeals.Appeals.Registration;
import dev.riskdesk.common.TextLimit;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.LimitDecisionRecord;
import dev.riskdesk.db.schema.tables.records.SuspensionRecord;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Registering suspension, freeze and limit-decrease appeals: the decisions an account may contest,
 * the appeal with its rule and SLA deadline, and its attachments (PDF, JPEG or PNG up to 5 MB).
 * Every change checks the operator's permission and writes an audit event in the same transaction.
 */
public final class AppealRegistration {
    /** Largest attachment the service stores. */
    public static final int MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
    public static final Set<String> ATTACHMENT_TYPES = Set.of("application/pdf", "image/jpeg", "image/png");
    public static final List<String> CHANNELS = List.of("PHONE", "APP", "EMAIL", "LETTER");
    public static final List<String> CONTACT_PREFERENCES = List.of("SMS", "APP", "EMAIL", "PHONE");

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;

    public AppealRegistration(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /** The account id of an account number, or an error sentence. */
    @Requires(Permission.APPEAL_HANDLE)
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
    @Requires(Permission.APPEAL_HANDLE)
    public List<Contestable> contestable(Session session, long accountId) {
        session.require(Permission.APPEAL_HANDLE);
        DSLContext dsl = database.dsl();
        List<Contestable> out = new ArrayList<>();
        for (SuspensionRecord s : dsl.selectFrom(SUSPENSION).where(SUSPENSION.ACCOUNT_ID.eq(accountId)).and(SUSPENSION.STATUS.eq(SuspensionStatus.ACTIVE))
                .orderBy(SUSPENSION.STARTED_AT.desc()).fetch()) {
            out.add(new Contestable(s.getKind() == SuspensionKind.FREEZE ? AppealType.FREEZE : AppealType.SUSPENSION, s.getId(), null, s.getReasonCodes(),
                    s.getStartedAt(), s.getPreviousLimit(), s.getPreviousLimit()));
        }
        LocalDateTime since = LocalDateTime.now(clock).minusDays(180);
        dsl.select(LIMIT_DECISION.ID, LIMIT_DECISION.OLD_LIMIT, LIMIT_DECISION.NEW_LIMIT, LIMIT_DECISION.DECIDED_AT, LIMIT_PROPOSAL.REASON_CODES)
                .from(LIMIT_DECISION).join(LIMIT_PROPOSAL).on(LIMIT_PROPOSAL.ID.eq(LIMIT_DECISION.PROPOSAL_ID))
                .where(LIMIT_DECISION.ACCOUNT_ID.eq(accountId)).and(LIMIT_DECISION.STATUS.in(DecisionStatus.APPLIED, DecisionStatus.APPROVED))
                .and(LIMIT_DECISION.NEW_LIMIT.lt(LIMIT_DECISION.OLD_LIMIT)).and(LIMIT_DECISION.DECIDED_AT.ge(since))
                .orderBy(LIMIT_DECISION.DECIDED_AT.desc())
                .forEach(r -> out.add(new Contestable(AppealType.LIMIT_DECREASE, null, r.value1(), r.value5(), r.value4(), r.value2(), r.value3())));
        return out;
    }

    /** Registers an appeal with its attachments; returns its id. */
    @Requires(Permission.APPEAL_HANDLE)
    public long register(Session session, Registration r, List<Attachment> attachments) {
        session.require(Permission.APPEAL_HANDLE);
        checkRegistration(r);
        for (Attachment a : attachments) {
            checkAttachment(a);
        }
        return database.transactionResult(tx -> {
            LocalDateTime now = LocalDateTime.now(clock);
            Trigger trigger = r.type() == AppealType.LIMIT_DECREASE ? decreaseTrigger(tx, r) : suspensionTrigger(tx, r);
            long id = insertAppeal(tx, session, r, trigger, now);
            for (Attachment a : attachments) {
                insertAttachment(tx, session, id, a, now);
            }
            note(tx, session, id, AppealNoteKind.CUSTOMER, r.statement().trim(), now);
            audit.record(tx, session, "APPEAL_REGISTERED", "APPEAL", id, null,
                    r.type() + " via " + r.channel() + "; account " + r.accountId() + "; " + attachments.size() + " attachments");
            return id;
        });
    }

    /** The rule behind the contested decision, its rule set and when it fired. */
    private record Trigger(String ruleCode, Long ruleSetId, LocalDateTime triggeredAt) {
    }

    private static void checkRegistration(Registration r) {
        if (r.statement() == null || r.statement().isBlank()) {
            throw UserFacingException.keyed("appeal.statementRequired", "Write down the customer's statement.");
        }
        TextLimit.APPEAL_STATEMENT.check(r.statement());
        if (!CHANNELS.contains(r.channel()) || !CONTACT_PREFERENCES.contains(r.contactPreference())) {
            throw UserFacingException.keyed("appeal.channelRequired", "Choose the channel and how the customer wants to hear back.");
        }
    }

    /** A limit decrease the account may contest: applied or approved, lower than before, with no open appeal against it. */
    private static Trigger decreaseTrigger(DSLContext tx, Registration r) {
        LimitDecisionRecord d = r.decisionId() == null ? null
                : tx.selectFrom(LIMIT_DECISION).where(LIMIT_DECISION.ID.eq(r.decisionId())).fetchOne();
        if (d == null || d.getAccountId() != r.accountId() || d.getNewLimit().compareTo(d.getOldLimit()) >= 0
                || !d.getStatus().inForce()) {
            throw UserFacingException.keyed("appeal.notContestable", "This account has no such decision to appeal against.");
        }
        Record p = tx.select(LIMIT_PROPOSAL.RULE_SET_ID, LIMIT_PROPOSAL.REASON_CODES, LIMIT_PROPOSAL.CREATED_AT, RULE_HIT.RULE_CODE,
                RULE_HIT.HIT_AT).from(LIMIT_PROPOSAL).leftJoin(RULE_HIT).on(RULE_HIT.ID.eq(LIMIT_PROPOSAL.RULE_HIT_ID))
                .where(LIMIT_PROPOSAL.ID.eq(d.getProposalId())).fetchOne();
        Long ruleSetId = p == null ? null : p.get(LIMIT_PROPOSAL.RULE_SET_ID);
        String ruleCode = p == null ? null : p.get(RULE_HIT.RULE_CODE) != null ? p.get(RULE_HIT.RULE_CODE)
                : p.get(LIMIT_PROPOSAL.REASON_CODES).split(",")[0];
        LocalDateTime triggeredAt = p == null ? d.getDecidedAt() : p.get(RULE_HIT.HIT_AT) != null ? p.get(RULE_HIT.HIT_AT)
                : p.get(LIMIT_PROPOSAL.CREATED_AT);
        if (tx.fetchExists(APPEAL, APPEAL.DECISION_ID.eq(d.getId()).and(APPEAL.STATUS.notIn(AppealStatus.DECIDED, AppealStatus.CLOSED)))) {
            throw UserFacingException.keyed("appeal.alreadyOpen", "An appeal against this decision is already open.");
        }
        return new Trigger(ruleCode, ruleSetId, triggeredAt);
    }

    /** An active suspension or freeze of the account, of the kind the appeal names, with no open appeal against it. */
    private static Trigger suspensionTrigger(DSLContext tx, Registration r) {
        SuspensionRecord s = r.suspensionId() == null ? null
                : tx.selectFrom(SUSPENSION).where(SUSPENSION.ID.eq(r.suspensionId())).fetchOne();
        boolean kindFits = s != null && ((s.getKind() == SuspensionKind.FREEZE) == (r.type() == AppealType.FREEZE));
        if (s == null || s.getAccountId() != r.accountId() || s.getStatus() != SuspensionStatus.ACTIVE || !kindFits) {
            throw UserFacingException.keyed("appeal.notContestable", "This account has no such decision to appeal against.");
        }
        String ruleCode = s.getRuleCode() != null ? s.getRuleCode() : s.getReasonCodes().split(",")[0];
        LocalDateTime triggeredAt = s.getRuleHitId() == null ? s.getStartedAt()
                : tx.select(RULE_HIT.HIT_AT).from(RULE_HIT).where(RULE_HIT.ID.eq(s.getRuleHitId())).fetchOne(RULE_HIT.HIT_AT);
        if (tx.fetchExists(APPEAL, APPEAL.SUSPENSION_ID.eq(s.getId()).and(APPEAL.STATUS.notIn(AppealStatus.DECIDED, AppealStatus.CLOSED)))) {
            throw UserFacingException.keyed("appeal.alreadyOpen", "An appeal against this decision is already open.");
        }
        return new Trigger(ruleCode, s.getRuleSetId(), triggeredAt);
    }

    private static long insertAppeal(DSLContext tx, Session session, Registration r, Trigger trigger, LocalDateTime now) {
        int slaHours = tx.select(APPEAL_SLA.SLA_HOURS).from(APPEAL_SLA).where(APPEAL_SLA.APPEAL_TYPE.eq(r.type()))
                .fetchOne(APPEAL_SLA.SLA_HOURS);
        // the number derives from the generated identity, so two operators registering at once
        // never compute the same one; a unique placeholder holds the NOT NULL column until then
        String placeholder = "AP-T" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        long id = tx.insertInto(APPEAL)
                .set(APPEAL.APPEAL_NO, placeholder)
                .set(APPEAL.ACCOUNT_ID, r.accountId())
                .set(APPEAL.APPEAL_TYPE, r.type())
                .set(APPEAL.SUSPENSION_ID, r.type() == AppealType.LIMIT_DECREASE ? null : r.suspensionId())
                .set(APPEAL.DECISION_ID, r.type() == AppealType.LIMIT_DECREASE ? r.decisionId() : null)
                .set(APPEAL.CHANNEL, r.channel())
                .set(APPEAL.CONTACT_PREFERENCE, r.contactPreference())
                .set(APPEAL.STATEMENT, r.statement().trim())
                .set(APPEAL.STATUS, AppealStatus.NEW)
                .set(APPEAL.CREATED_BY, Session.actorId(session))
                .set(APPEAL.CREATED_AT, now)
                .set(APPEAL.SLA_DUE_AT, now.plusHours(slaHours))
                .set(APPEAL.RULE_CODE, trigger.ruleCode())
                .set(APPEAL.RULE_SET_ID, trigger.ruleSetId())
                .set(APPEAL.TRIGGERED_AT, trigger.triggeredAt())
                .returning(APPEAL.ID).fetchOne().getId();
        tx.update(APPEAL).set(APPEAL.APPEAL_NO, String.format("AP-%06d", id)).where(APPEAL.ID.eq(id)).execute();
        return id;
    }

    /** Size, type and content checks: PDF, JPEG or PNG up to 5 MB whose bytes are what the name says. */
    public static void checkAttachment(Attachment a) {
        TextLimit.ATTACHMENT_NAME.check(a.fileName());
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
        if (!known || !matches || a.fileName() == null || a.fileName().isBlank()) {
            throw UserFacingException.keyed("appeal.attachmentType", "The file " + a.fileName() + " is not a PDF, JPEG or PNG.", a.fileName());
        }
    }

    /** The content type a file name suggests (pdf, jpg, jpeg, png), or null. */
    public static String contentTypeOf(String fileName) {
        String n = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".pdf") ? "application/pdf" : n.endsWith(".png") ? "image/png"
                : n.endsWith(".jpg") || n.endsWith(".jpeg") ? "image/jpeg" : null;
    }

    @Requires(Permission.APPEAL_HANDLE)

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

    /**
     * The content of one attachment, for an operator who opens or saves it: a customer's documents are
     * personal data, so each read is audited (who, which appeal, which file) in the same transaction.
     */
    @Requires(Permission.APPEAL_HANDLE)
    public Attachment readAttachment(Session session, long attachmentId) {
        session.require(Permission.APPEAL_HANDLE);
        return database.transactionResult(tx -> {
            var r = tx.select(APPEAL_ATTACHMENT.APPEAL_ID, APPEAL_ATTACHMENT.FILE_NAME, APPEAL_ATTACHMENT.CONTENT_TYPE, APPEAL_ATTACHMENT.CONTENT)
                    .from(APPEAL_ATTACHMENT).where(APPEAL_ATTACHMENT.ID.eq(attachmentId)).fetchOne();
            if (r == null) {
                throw UserFacingException.keyed("appeal.attachmentMissing", "Attachment " + attachmentId + " does not exist.", attachmentId);
            }
            audit.record(tx, session, "APPEAL_ATTACHMENT_READ", "APPEAL", r.value1(), null, r.value2());
            return new Attachment(r.value2(), r.value3(), r.value4());
        });
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
}
