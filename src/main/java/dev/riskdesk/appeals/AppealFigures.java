package dev.riskdesk.appeals;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.APPEAL;
import static dev.riskdesk.db.schema.Tables.RULE_HIT;
import static dev.riskdesk.db.schema.Tables.RULE_SET;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.floor;
import static org.jooq.impl.DSL.percentileCont;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.when;

import dev.riskdesk.appeals.Appeals.InboxFigures;
import dev.riskdesk.appeals.Appeals.RuleQuality;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.RuleHit;
import dev.riskdesk.security.AccessDeniedException;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.SQLDataType;

/**
 * What the appeals say as a whole: open appeals by age, handling time, SLA compliance and overturn
 * rate, and per rule and rule version how often appeals overturned it. Each is one SQL aggregate.
 */
public final class AppealFigures {
    private static final List<String> CLOSED = Arrays.stream(AppealStatus.values()).filter(s -> !s.open()).map(Enum::name).toList();
    private static final List<String> OVERTURNING = Arrays.stream(AppealOutcome.values()).filter(AppealOutcome::overturns)
            .map(Enum::name).toList();

    private final Database database;
    private final Clock clock;

    public AppealFigures(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Open appeals by age, median handling time, SLA compliance and overturn rate; also for the manager dashboard. */
    @Requires({Permission.APPEAL_HANDLE, Permission.PORTFOLIO_VIEW})
    public InboxFigures figures(Session session) {
        if (!session.has(Permission.APPEAL_HANDLE) && !session.has(Permission.PORTFOLIO_VIEW)) {
            throw new AccessDeniedException(session.username(), Permission.APPEAL_HANDLE);
        }
        return figures();
    }

    /**
     * The same figures without a sign-in ({@code riskdesk appeals figures}): counts and times only,
     * nothing about a customer or an operator, so reading them needs no permission.
     */
    public InboxFigures figures() {
        LocalDateTime now = LocalDateTime.now(clock);
        Condition open = APPEAL.STATUS.notIn(CLOSED);
        Condition decided = APPEAL.STATUS.in(CLOSED).and(APPEAL.DECIDED_AT.isNotNull());
        // whole minutes from registration to decision, as Duration.toMinutes counts them
        Field<BigDecimal> minutes = floor(epoch(APPEAL.DECIDED_AT).minus(epoch(APPEAL.CREATED_AT)).div(60));
        Record r = database.dsl().select(
                count().filterWhere(open),
                count().filterWhere(open.and(APPEAL.CREATED_AT.gt(now.minusHours(24)))),
                count().filterWhere(open.and(APPEAL.CREATED_AT.le(now.minusHours(24))).and(APPEAL.CREATED_AT.gt(now.minusHours(48)))),
                count().filterWhere(open.and(APPEAL.CREATED_AT.le(now.minusHours(48))).and(APPEAL.CREATED_AT.gt(now.minusHours(24 * 7)))),
                count().filterWhere(open.and(APPEAL.CREATED_AT.le(now.minusHours(24 * 7)))),
                count().filterWhere(open.and(APPEAL.SLA_DUE_AT.lt(now))),
                percentileCont(0.5).withinGroupOrderBy(when(decided, minutes)),
                count().filterWhere(decided),
                count().filterWhere(decided.and(APPEAL.DECIDED_AT.le(APPEAL.SLA_DUE_AT))),
                count().filterWhere(decided.and(APPEAL.OUTCOME.in(OVERTURNING))))
                .from(APPEAL).fetchOne();
        BigDecimal medianMinutes = r.get(6, BigDecimal.class);
        return new InboxFigures(r.get(0, int.class), r.get(1, int.class), r.get(2, int.class), r.get(3, int.class), r.get(4, int.class),
                r.get(5, int.class), medianMinutes == null ? null : medianMinutes.doubleValue() / 60.0, r.get(7, int.class),
                r.get(8, int.class), r.get(9, int.class));
    }

    /** Seconds since 1970 of a timestamp read as it is written (no time zone), with its fraction. */
    private static Field<BigDecimal> epoch(Field<LocalDateTime> at) {
        return field("extract(epoch from {0})", SQLDataType.NUMERIC, at);
    }

    /**
     * Appeal outcomes as labels per rule and rule version: appeals, decided, overturned (a likely
     * false positive) and how many of them had stale data, next to how often the rule fired.
     */
    @Requires(Permission.RULE_VIEW)
    public List<RuleQuality> ruleQuality(Session session) {
        session.require(Permission.RULE_VIEW);
        return ruleQuality();
    }

    /** The same table without a sign-in ({@code riskdesk appeals rules}): counts per rule, nothing about a customer. */
    public List<RuleQuality> ruleQuality() {
        Condition decided = APPEAL.OUTCOME.isNotNull().and(APPEAL.STATUS.in(CLOSED));
        Condition overturned = decided.and(APPEAL.OUTCOME.in(OVERTURNING));
        RuleHit hit = RULE_HIT.as("HIT");
        // how often the rule fired: in the appeal's rule set, or in any when the appeal names none
        Field<Integer> triggers = field(selectCount().from(hit).where(hit.RULE_CODE.eq(APPEAL.RULE_CODE))
                .and(APPEAL.RULE_SET_ID.isNull().or(hit.RULE_SET_ID.eq(APPEAL.RULE_SET_ID))));
        List<RuleQuality> out = new ArrayList<>(database.dsl()
                .select(APPEAL.RULE_CODE, APPEAL.RULE_SET_ID, RULE_SET.VERSION_NO, triggers, count(), count().filterWhere(decided),
                        count().filterWhere(overturned), count().filterWhere(overturned.and(APPEAL.OUTCOME_REASON.startsWith("APPEAL_STALE_DATA"))))
                .from(APPEAL).leftJoin(RULE_SET).on(RULE_SET.ID.eq(APPEAL.RULE_SET_ID))
                .where(APPEAL.RULE_CODE.isNotNull())
                .groupBy(APPEAL.RULE_CODE, APPEAL.RULE_SET_ID, RULE_SET.VERSION_NO)
                .orderBy(APPEAL.RULE_CODE, APPEAL.RULE_SET_ID)
                .fetch(r -> new RuleQuality(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(), r.value8())));
        out.sort((x, y) -> Double.compare(y.overturnRate() == null ? -1 : y.overturnRate(), x.overturnRate() == null ? -1 : x.overturnRate()));
        return out;
    }
}
