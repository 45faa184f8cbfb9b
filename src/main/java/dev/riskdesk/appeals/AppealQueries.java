package dev.riskdesk.appeals;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.appeals.AppealRows.appeal;
import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.APPEAL;
import static dev.riskdesk.db.schema.Tables.APPEAL_ATTACHMENT;
import static dev.riskdesk.db.schema.Tables.APPEAL_NOTE;
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
import dev.riskdesk.accounts.SuspensionKind;
import dev.riskdesk.appeals.Appeals.AppealCase;
import dev.riskdesk.appeals.Appeals.AttachmentInfo;
import dev.riskdesk.appeals.Appeals.DataCheck;
import dev.riskdesk.appeals.Appeals.Handler;
import dev.riskdesk.appeals.Appeals.InboxFilter;
import dev.riskdesk.appeals.Appeals.InboxRow;
import dev.riskdesk.appeals.Appeals.LateRepayment;
import dev.riskdesk.appeals.Appeals.Note;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.Operator;
import dev.riskdesk.db.schema.tables.records.AppealRecord;
import dev.riskdesk.db.schema.tables.records.SuspensionRecord;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.PersonalDataMasker;
import dev.riskdesk.security.Session;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Reading appeals: the inbox, one case with its evidence and data check, the appeals behind a rule, handlers and the list of attachments. */
public final class AppealQueries {
    private final Database database;
    private final Clock clock;

    public AppealQueries(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The inbox: open appeals first, by SLA deadline (nearest first); then decided and closed ones, also by SLA deadline. */
    @Requires(Permission.APPEAL_HANDLE)
    public List<InboxRow> inbox(Session session, InboxFilter filter) {
        session.require(Permission.APPEAL_HANDLE);
        Condition where = DSL.trueCondition();
        if (filter.status() != null) {
            where = where.and(APPEAL.STATUS.eq(filter.status()));
        } else if (filter.openOnly()) {
            where = where.and(APPEAL.STATUS.notIn(AppealStatus.DECIDED, AppealStatus.CLOSED));
        }
        if (filter.type() != null) {
            where = where.and(APPEAL.APPEAL_TYPE.eq(filter.type()));
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
    @Requires(Permission.APPEAL_HANDLE)
    public List<String> ruleCodes(Session session) {
        session.require(Permission.APPEAL_HANDLE);
        return database.dsl().selectDistinct(APPEAL.RULE_CODE).from(APPEAL).where(APPEAL.RULE_CODE.isNotNull()).orderBy(APPEAL.RULE_CODE)
                .fetch(APPEAL.RULE_CODE);
    }

    /** Active operators whose role may handle appeals. */
    @Requires(Permission.APPEAL_HANDLE)
    public List<Handler> handlers(Session session) {
        session.require(Permission.APPEAL_HANDLE);
        return database.dsl().select(OPERATOR.ID, OPERATOR.USERNAME, OPERATOR.DISPLAY_NAME, OPERATOR.ROLE_CODE).from(OPERATOR)
                .join(ROLE_PERMISSION).on(ROLE_PERMISSION.ROLE_CODE.eq(OPERATOR.ROLE_CODE))
                .where(OPERATOR.ACTIVE.isTrue()).and(ROLE_PERMISSION.PERMISSION.eq(Permission.APPEAL_HANDLE.name())).orderBy(OPERATOR.USERNAME)
                .fetch(r -> new Handler(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** The appeals behind one rule-quality line. */
    @Requires(Permission.RULE_VIEW)
    public List<InboxRow> appealsOfRule(Session session, String ruleCode, Long ruleSetId) {
        session.require(Permission.RULE_VIEW);
        return rows(database.dsl(), APPEAL.RULE_CODE.eq(ruleCode).and(ruleSetId == null ? APPEAL.RULE_SET_ID.isNull()
                : APPEAL.RULE_SET_ID.eq(ruleSetId)), 2000);
    }

    /**
     * A cheap stamp of every appeal's state (how many, the highest id, the summed versions): it moves with
     * every registration, claim, move and decision, so a console can see that another operator changed the
     * inbox without reading it again.
     */
    @Requires(Permission.APPEAL_HANDLE)
    public List<Long> inboxStamp(Session session) {
        session.require(Permission.APPEAL_HANDLE);
        Record r = database.dsl().select(DSL.count(), DSL.coalesce(DSL.max(APPEAL.ID), 0L), DSL.coalesce(DSL.sum(APPEAL.VERSION), java.math.BigDecimal.ZERO))
                .from(APPEAL).fetchOne();
        return List.of(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Long.class));
    }

    private List<InboxRow> rows(DSLContext dsl, Condition where, int limit) {
        LocalDateTime now = LocalDateTime.now(clock);
        Operator assignee = OPERATOR.as("ASSIGNEE");
        return dsl.select(APPEAL.asterisk(), ACCOUNT.ACCOUNT_NO, CUSTOMER.FULL_NAME, assignee.USERNAME, RULE_SET.VERSION_NO)
                .from(APPEAL).join(ACCOUNT).on(ACCOUNT.ID.eq(APPEAL.ACCOUNT_ID)).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID))
                .leftJoin(assignee).on(assignee.ID.eq(APPEAL.ASSIGNEE_ID)).leftJoin(RULE_SET).on(RULE_SET.ID.eq(APPEAL.RULE_SET_ID))
                .where(where)
                .orderBy(DSL.when(APPEAL.STATUS.in(AppealStatus.DECIDED, AppealStatus.CLOSED), 1).otherwise(0), APPEAL.SLA_DUE_AT, APPEAL.ID)
                .limit(limit)
                .fetch(r -> {
                    AppealRecord a = r.into(APPEAL);
                    AppealStatus status = a.getStatus();
                    Duration remaining = status.open() ? Duration.between(now, a.getSlaDueAt()) : null;
                    return new InboxRow(a.getId(), a.getAppealNo(), a.getAccountId(), r.get(ACCOUNT.ACCOUNT_NO),
                            PersonalDataMasker.name(r.get(CUSTOMER.FULL_NAME)), a.getAppealType(), status, a.getRuleCode(),
                            r.get(RULE_SET.VERSION_NO), r.get(assignee.USERNAME), a.getAssigneeId(), a.getCreatedAt(), a.getSlaDueAt(), remaining,
                            a.getOutcome() == null ? null : a.getOutcome(), a.getPendingDecisionId() != null, a.getVersion());
                });
    }

    /** One appeal with everything the case screen shows. */
    @Requires(Permission.APPEAL_HANDLE)
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
        SuspensionKind kind = null;
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
}
