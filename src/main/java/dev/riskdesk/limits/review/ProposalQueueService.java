package dev.riskdesk.limits.review;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.LIMIT_DECISION;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.OPERATOR;
import static dev.riskdesk.db.schema.Tables.RULE;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.val;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riskdesk.accounts.DecisionStatus;
import dev.riskdesk.common.Json;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.limits.DecisionAction;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * What the review queue reads: open limit proposals (PENDING and AWAITING_DATA) highest
 * priority first (priority = exposure × probability of default), in keyset pages so a book of a
 * million accounts is never read whole; one proposal's explanation and evidence; and the
 * decisions that wait for a second approval. Read-only: decisions go through
 * {@link LimitDecisionService}.
 */
public final class ProposalQueueService {
    public static final int PAGE_SIZE = 100;
    /** The approvals queue is short by nature (only overrides above authority); read at most this many. */
    public static final int MAX_APPROVALS = 500;
    /** Reason codes an operator may give for an override or a rejection. */
    public static final List<String> DECISION_REASONS = List.of("CUSTOMER_CONTACTED", "DATA_CORRECTED", "INCOME_VERIFIED",
            "RISK_JUDGEMENT", "POLICY_EXCEPTION");
    private static final List<ProposalStatus> OPEN = List.of(ProposalStatus.PENDING, ProposalStatus.AWAITING_DATA);

    /** Size of the change against the current limit. */
    public enum ChangeSize {
        ANY, NONE, SMALL, MEDIUM, LARGE;

        /** NONE: status changes (freeze, suspend); SMALL below 10 %; MEDIUM 10–30 %; LARGE 30 % and more. */
        Condition condition() {
            var change = LIMIT_PROPOSAL.PROPOSED_LIMIT.minus(LIMIT_PROPOSAL.OLD_LIMIT).abs();
            var old = LIMIT_PROPOSAL.OLD_LIMIT;
            return switch (this) {
                case ANY -> DSL.noCondition();
                case NONE -> change.eq(BigDecimal.ZERO);
                case SMALL -> change.gt(BigDecimal.ZERO).and(change.lt(old.times(new BigDecimal("0.10"))));
                case MEDIUM -> change.ge(old.times(new BigDecimal("0.10"))).and(change.lt(old.times(new BigDecimal("0.30"))))
                        .and(change.gt(BigDecimal.ZERO));
                case LARGE -> change.ge(old.times(new BigDecimal("0.30"))).and(change.gt(BigDecimal.ZERO));
            };
        }
    }

    /** How long the proposal has waited. */
    public enum Age {
        ANY, TODAY, WEEK, OLDER;

        Condition condition(LocalDateTime now) {
            return switch (this) {
                case ANY -> DSL.noCondition();
                case TODAY -> LIMIT_PROPOSAL.CREATED_AT.gt(now.minusDays(1));
                case WEEK -> LIMIT_PROPOSAL.CREATED_AT.gt(now.minusDays(7));
                case OLDER -> LIMIT_PROPOSAL.CREATED_AT.le(now.minusDays(7));
            };
        }
    }

    /** Null type or reason means any. */
    public record Filter(ProposalType type, ChangeSize size, String reason, Age age) {
        public static final Filter ALL = new Filter(null, ChangeSize.ANY, null, Age.ANY);

        public Filter {
            size = size == null ? ChangeSize.ANY : size;
            age = age == null ? Age.ANY : age;
            reason = reason == null || reason.isBlank() ? null : reason;
        }
    }

    /** Where the next page starts: strictly after this (priority, id). */
    public record Key(BigDecimal priority, long id) {
    }

    public record Row(long proposalId, int version, long accountId, String accountNo, ProposalType type, ProposalStatus status,
                      BigDecimal oldLimit, BigDecimal proposedLimit, BigDecimal exposure, Double pd, BigDecimal priority,
                      List<String> reasonCodes, Integer score, String band, LocalDateTime createdAt) {
        public BigDecimal change() {
            return proposedLimit.subtract(oldLimit);
        }

        /** Only PENDING proposals can be confirmed or overridden; AWAITING_DATA ones only rejected. */
        public boolean decidable() {
            return status == ProposalStatus.PENDING;
        }

        /**
         * Low risk for bulk confirmation: pending, and confirming it lowers or keeps the limit, so
         * it never raises exposure and never needs a second approval.
         */
        public boolean lowRisk() {
            return decidable() && proposedLimit.compareTo(oldLimit) <= 0;
        }

        public Key key() {
            return new Key(priority, proposalId);
        }
    }

    public record Page(List<Row> rows, Key next) {
        public boolean hasMore() {
            return next != null;
        }
    }

    /** One rule hit as the engine recorded it; evidence values as name → text. */
    public record RuleHit(String ruleCode, String descriptionEn, String descriptionZh, boolean stale, Map<String, String> evidence,
                          Map<String, String> feedAsOf) {
    }

    /**
     * One proposal with everything the operator weighs: the row, the rule hits with evidence,
     * guardrails that shaped the amount, the data as-of per feed, and the bounds of an override
     * (zero to {@code maxOverride}; the authority's thresholds say when a second person approves).
     */
    public record Detail(Row row, BigDecimal hiddenCap, List<RuleHit> ruleHits, List<String> guardrails, Map<String, String> dataAsOf,
                         BigDecimal maxOverride, LimitPolicy.Authority authority, boolean temporary, LocalDateTime expiresAt,
                         Pending awaiting) {
        /** True when a decision of {@code newLimit} would wait for a second approval (the service decides again). */
        public boolean needsApproval(BigDecimal newLimit, boolean override) {
            return newLimit != null && LimitDecisionService.needsSecondApproval(row.oldLimit(), row.proposedLimit(), newLimit, override, authority);
        }
    }

    /** A decision waiting for a second approval. {@code mine}: the reader made it and may not approve it. */
    public record Pending(long decisionId, int version, long proposalId, long accountId, String accountNo, DecisionAction action,
                          BigDecimal oldLimit, BigDecimal newLimit, BigDecimal proposedLimit, ProposalType type, String reasonCode,
                          String note, String makerName, LocalDateTime decidedAt, boolean mine) {
    }

    private final Database database;
    private final LimitPolicyService policies;
    private final Clock clock;

    public ProposalQueueService(Database database, LimitPolicyService policies, Clock clock) {
        this.database = database;
        this.policies = policies;
        this.clock = clock;
    }

    /** One page of open proposals, highest priority first (ties: newest id first), starting after {@code after}. */
    @Requires(Permission.LIMIT_DECIDE)
    public Page page(Session session, Filter filter, Key after, int pageSize) {
        session.require(Permission.LIMIT_DECIDE);
        Condition where = LIMIT_PROPOSAL.STATUS.in(OPEN).and(conditions(filter));
        if (after != null) {
            where = where.and(row(LIMIT_PROPOSAL.PRIORITY, LIMIT_PROPOSAL.ID).lt(after.priority(), after.id()));
        }
        List<Row> rows = new ArrayList<>(database.dsl().select(rowFields()).from(LIMIT_PROPOSAL).join(ACCOUNT).on(ACCOUNT.ID.eq(LIMIT_PROPOSAL.ACCOUNT_ID))
                .where(where).orderBy(LIMIT_PROPOSAL.PRIORITY.desc(), LIMIT_PROPOSAL.ID.desc())
                .limit(pageSize + 1).fetch(ProposalQueueService::toRow));
        Key next = null;
        if (rows.size() > pageSize) {
            rows.remove(pageSize);
            next = rows.get(pageSize - 1).key();
        }
        return new Page(List.copyOf(rows), next);
    }

    /** How many open proposals match (for "100 shown of 641"). A count on the queue's index, bounded by the open set. */
    @Requires(Permission.LIMIT_DECIDE)
    public int count(Session session, Filter filter) {
        session.require(Permission.LIMIT_DECIDE);
        return database.dsl().fetchCount(LIMIT_PROPOSAL, LIMIT_PROPOSAL.STATUS.in(OPEN).and(conditions(filter)));
    }

    /**
     * A cheap stamp of the queue's state: the open proposals (counted on the queue's index), the highest
     * proposal and decision ids, and the decisions awaiting approval with their summed versions. It moves
     * when a run adds proposals, when anyone decides one and when an approval is given or refused, so a
     * console can see that another operator changed the queue without reading it again.
     */
    @Requires(Permission.LIMIT_DECIDE)
    public List<Long> stamp(Session session) {
        session.require(Permission.LIMIT_DECIDE);
        DSLContext dsl = database.dsl();
        long open = dsl.fetchCount(LIMIT_PROPOSAL, LIMIT_PROPOSAL.STATUS.in(OPEN));
        Record ids = dsl.select(DSL.coalesce(DSL.max(LIMIT_PROPOSAL.ID), 0L)).select(dsl.select(DSL.coalesce(DSL.max(LIMIT_DECISION.ID), 0L)).from(LIMIT_DECISION).asField())
                .from(LIMIT_PROPOSAL).fetchOne();
        Record awaiting = dsl.select(DSL.count(), DSL.coalesce(DSL.sum(LIMIT_DECISION.VERSION), BigDecimal.ZERO)).from(LIMIT_DECISION)
                .where(LIMIT_DECISION.STATUS.eq(DecisionStatus.AWAITING_APPROVAL)).fetchOne();
        return List.of(open, ids.get(0, Long.class), ids.get(1, Long.class), awaiting.get(0, Long.class), awaiting.get(1, Long.class));
    }

    /** The reason codes that occur on open proposals, for the filter's choices. */
    @Requires(Permission.LIMIT_DECIDE)
    public List<String> reasonChoices(Session session) {
        session.require(Permission.LIMIT_DECIDE);
        TreeSet<String> codes = new TreeSet<>();
        database.dsl().selectDistinct(LIMIT_PROPOSAL.REASON_CODES).from(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.STATUS.in(OPEN)).limit(2000)
                .fetch(LIMIT_PROPOSAL.REASON_CODES).forEach(text -> codes.addAll(split(text)));
        return List.copyOf(codes);
    }

    /** The proposal with its explanation and evidence, as it is now (any status). */
    @Requires(Permission.LIMIT_DECIDE)
    public Detail detail(Session session, long proposalId) {
        session.require(Permission.LIMIT_DECIDE);
        Record r = database.dsl().select(rowFields()).select(LIMIT_PROPOSAL.HIDDEN_CAP, LIMIT_PROPOSAL.EVIDENCE, LIMIT_PROPOSAL.RULE_SET_ID,
                        LIMIT_PROPOSAL.TEMPORARY_LIMIT, LIMIT_PROPOSAL.EXPIRES_AT)
                .from(LIMIT_PROPOSAL).join(ACCOUNT).on(ACCOUNT.ID.eq(LIMIT_PROPOSAL.ACCOUNT_ID))
                .where(LIMIT_PROPOSAL.ID.eq(proposalId)).fetchOne();
        if (r == null) {
            throw UserFacingException.keyed("review.noProposal", "Proposal " + proposalId + " does not exist.", proposalId);
        }
        Row row = toRow(r);
        JsonNode evidence = r.get(LIMIT_PROPOSAL.EVIDENCE) == null ? Json.object() : Json.read(r.get(LIMIT_PROPOSAL.EVIDENCE));
        Long ruleSetId = r.get(LIMIT_PROPOSAL.RULE_SET_ID);
        List<RuleHit> hits = new ArrayList<>();
        Map<String, String> asOf = new TreeMap<>();
        for (JsonNode hit : evidence.path("ruleHits")) {
            String code = hit.path("rule").asText();
            Record rule = ruleSetId == null ? null : database.dsl().select(RULE.DESCRIPTION_EN, RULE.DESCRIPTION_ZH).from(RULE)
                    .where(RULE.RULE_SET_ID.eq(ruleSetId)).and(RULE.RULE_CODE.eq(code)).fetchOne();
            Map<String, String> feeds = texts(hit.path("feedAsOf"));
            feeds.forEach((feed, at) -> asOf.merge(feed, at, (a, b) -> a.compareTo(b) <= 0 ? a : b));
            hits.add(new RuleHit(code, rule == null ? code : rule.get(RULE.DESCRIPTION_EN), rule == null ? code : rule.get(RULE.DESCRIPTION_ZH), hit.path("stale").asBoolean(),
                    texts(hit.path("evidence")), feeds));
        }
        List<String> guardrails = new ArrayList<>();
        evidence.path("guardrails").forEach(g -> guardrails.add(g.asText()));
        BigDecimal hiddenCap = r.get(LIMIT_PROPOSAL.HIDDEN_CAP);
        LimitPolicy.Authority authority = policies.activeOrDefaults().policy().authority();
        Pending awaiting = row.status() == ProposalStatus.AWAITING_APPROVAL ? awaitingFor(session, proposalId) : null;
        return new Detail(row, hiddenCap, List.copyOf(hits), List.copyOf(guardrails), asOf,
                hiddenCap != null ? hiddenCap : row.oldLimit().max(row.proposedLimit()),
                authority,
                Boolean.TRUE.equals(r.get(LIMIT_PROPOSAL.TEMPORARY_LIMIT)), r.get(LIMIT_PROPOSAL.EXPIRES_AT), awaiting);
    }

    /** Decisions that wait for a second approval, oldest first; the reader's own are included and marked. */
    @Requires(Permission.LIMIT_APPROVE)
    public List<Pending> awaitingApproval(Session session) {
        session.require(Permission.LIMIT_APPROVE);
        return pendingQuery(session, LIMIT_DECISION.STATUS.eq(DecisionStatus.AWAITING_APPROVAL), MAX_APPROVALS);
    }

    private Pending awaitingFor(Session session, long proposalId) {
        List<Pending> list = pendingQuery(session, LIMIT_DECISION.STATUS.eq(DecisionStatus.AWAITING_APPROVAL).and(LIMIT_DECISION.PROPOSAL_ID.eq(proposalId)), 1);
        return list.isEmpty() ? null : list.get(0);
    }

    private List<Pending> pendingQuery(Session session, Condition where, int limit) {
        return database.dsl().select(LIMIT_DECISION.ID, LIMIT_DECISION.VERSION, LIMIT_DECISION.PROPOSAL_ID, LIMIT_DECISION.ACCOUNT_ID,
                        ACCOUNT.ACCOUNT_NO, LIMIT_DECISION.ACTION, LIMIT_DECISION.OLD_LIMIT, LIMIT_DECISION.NEW_LIMIT,
                        LIMIT_PROPOSAL.PROPOSED_LIMIT, LIMIT_PROPOSAL.PROPOSAL_TYPE, LIMIT_DECISION.REASON_CODE, LIMIT_DECISION.NOTE,
                        OPERATOR.DISPLAY_NAME, LIMIT_DECISION.DECIDED_AT, LIMIT_DECISION.MAKER_ID)
                .from(LIMIT_DECISION).join(ACCOUNT).on(ACCOUNT.ID.eq(LIMIT_DECISION.ACCOUNT_ID))
                .join(LIMIT_PROPOSAL).on(LIMIT_PROPOSAL.ID.eq(LIMIT_DECISION.PROPOSAL_ID))
                .leftJoin(OPERATOR).on(OPERATOR.ID.eq(LIMIT_DECISION.MAKER_ID))
                .where(where).orderBy(LIMIT_DECISION.DECIDED_AT, LIMIT_DECISION.ID).limit(limit)
                .fetch(r -> new Pending(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(), r.value8(),
                        r.value9(), r.value10(), r.value11(), r.value12(), r.value13() == null ? "—" : r.value13(),
                        r.value14(), r.value15() != null && r.value15() == session.operatorId()));
    }

    private Condition conditions(Filter filter) {
        Condition c = filter.size().condition().and(filter.age().condition(LocalDateTime.now(clock)));
        if (filter.type() != null) {
            c = c.and(LIMIT_PROPOSAL.PROPOSAL_TYPE.eq(filter.type()));
        }
        if (filter.reason() != null) {
            // whole codes only: ",A,B," contains ",B,"
            c = c.and(DSL.concat(inline(","), LIMIT_PROPOSAL.REASON_CODES, inline(",")).contains(val("," + filter.reason() + ",")));
        }
        return c;
    }

    private static List<org.jooq.Field<?>> rowFields() {
        return List.of(LIMIT_PROPOSAL.ID, LIMIT_PROPOSAL.VERSION, LIMIT_PROPOSAL.ACCOUNT_ID, ACCOUNT.ACCOUNT_NO, LIMIT_PROPOSAL.PROPOSAL_TYPE,
                LIMIT_PROPOSAL.STATUS, LIMIT_PROPOSAL.OLD_LIMIT, LIMIT_PROPOSAL.PROPOSED_LIMIT, LIMIT_PROPOSAL.EXPOSURE, LIMIT_PROPOSAL.PD,
                LIMIT_PROPOSAL.PRIORITY, LIMIT_PROPOSAL.REASON_CODES, ACCOUNT.SCORE, ACCOUNT.SCORE_BAND, LIMIT_PROPOSAL.CREATED_AT);
    }

    private static Row toRow(Record r) {
        return new Row(r.get(LIMIT_PROPOSAL.ID), r.get(LIMIT_PROPOSAL.VERSION), r.get(LIMIT_PROPOSAL.ACCOUNT_ID), r.get(ACCOUNT.ACCOUNT_NO),
                r.get(LIMIT_PROPOSAL.PROPOSAL_TYPE), r.get(LIMIT_PROPOSAL.STATUS), r.get(LIMIT_PROPOSAL.OLD_LIMIT),
                r.get(LIMIT_PROPOSAL.PROPOSED_LIMIT), r.get(LIMIT_PROPOSAL.EXPOSURE), r.get(LIMIT_PROPOSAL.PD), r.get(LIMIT_PROPOSAL.PRIORITY),
                split(r.get(LIMIT_PROPOSAL.REASON_CODES)), r.get(ACCOUNT.SCORE), r.get(ACCOUNT.SCORE_BAND), r.get(LIMIT_PROPOSAL.CREATED_AT));
    }

    static List<String> split(String codes) {
        if (codes == null || codes.isBlank()) {
            return List.of();
        }
        return Arrays.stream(codes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static Map<String, String> texts(JsonNode node) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            map.put(e.getKey(), v.isNumber() ? v.decimalValue().toPlainString() : v.isValueNode() ? v.asText() : v.toString());
        }
        return map;
    }
}
