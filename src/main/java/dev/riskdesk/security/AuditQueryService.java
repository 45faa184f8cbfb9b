package dev.riskdesk.security;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;

import dev.riskdesk.db.Database;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Reads the audit log, newest first, for operators holding {@link Permission#AUDIT_VIEW}.
 * Pages by keyset on the event id, so "load more" stays fast however long the log grows.
 */
public final class AuditQueryService {
    public static final int PAGE_SIZE = 200;

    private final Database database;

    public AuditQueryService(Database database) {
        this.database = database;
    }

    public record AuditEntry(long id, LocalDateTime occurredAt, String operatorName, String action,
                             String entityType, String entityId, String reason, String details) {
    }

    /** Null or blank means "any". Both match exactly. */
    public record AuditFilter(String operatorName, String action) {
        public static final AuditFilter NONE = new AuditFilter(null, null);
    }

    /** One page; {@code nextBefore} is the id to pass for the next page, null when there is none. */
    public record AuditPage(List<AuditEntry> entries, Long nextBefore) {
        public boolean hasMore() {
            return nextBefore != null;
        }
    }

    /**
     * The newest events matching the filter whose id is below {@code beforeId} (null: from the
     * newest), at most {@code limit} of them.
     */
    @Requires(Permission.AUDIT_VIEW)
    public AuditPage page(Session session, AuditFilter filter, Long beforeId, int limit) {
        session.require(Permission.AUDIT_VIEW);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        List<Condition> where = new ArrayList<>();
        if (beforeId != null) {
            where.add(AUDIT_EVENT.ID.lt(beforeId));
        }
        if (filter != null && filter.operatorName() != null && !filter.operatorName().isBlank()) {
            where.add(AUDIT_EVENT.OPERATOR_NAME.eq(filter.operatorName()));
        }
        if (filter != null && filter.action() != null && !filter.action().isBlank()) {
            where.add(AUDIT_EVENT.ACTION.eq(filter.action()));
        }
        List<AuditEntry> rows = database.dsl()
                .select(AUDIT_EVENT.ID, AUDIT_EVENT.OCCURRED_AT, AUDIT_EVENT.OPERATOR_NAME, AUDIT_EVENT.ACTION,
                        AUDIT_EVENT.ENTITY_TYPE, AUDIT_EVENT.ENTITY_ID, AUDIT_EVENT.REASON, AUDIT_EVENT.DETAILS)
                .from(AUDIT_EVENT)
                .where(DSL.and(where))
                .orderBy(AUDIT_EVENT.ID.desc())
                .limit(limit + 1)
                .fetch(r -> new AuditEntry(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(), r.value8()));
        if (rows.size() <= limit) {
            return new AuditPage(List.copyOf(rows), null);
        }
        List<AuditEntry> page = List.copyOf(rows.subList(0, limit));
        return new AuditPage(page, page.get(page.size() - 1).id());
    }

    @Requires(Permission.AUDIT_VIEW)
    public AuditPage firstPage(Session session, AuditFilter filter) {
        return page(session, filter, null, PAGE_SIZE);
    }

    /** The operator names and actions that occur in the log, sorted: the choices of the filters. */
    public record FilterChoices(List<String> operatorNames, List<String> actions) {
    }

    @Requires(Permission.AUDIT_VIEW)

    public FilterChoices filterChoices(Session session) {
        session.require(Permission.AUDIT_VIEW);
        var dsl = database.dsl();
        List<String> names = dsl.selectDistinct(AUDIT_EVENT.OPERATOR_NAME).from(AUDIT_EVENT)
                .orderBy(AUDIT_EVENT.OPERATOR_NAME).fetch(AUDIT_EVENT.OPERATOR_NAME);
        List<String> actions = dsl.selectDistinct(AUDIT_EVENT.ACTION).from(AUDIT_EVENT)
                .orderBy(AUDIT_EVENT.ACTION).fetch(AUDIT_EVENT.ACTION);
        return new FilterChoices(List.copyOf(names), List.copyOf(actions));
    }
}
