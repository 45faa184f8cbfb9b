package dev.riskdesk.lifecycle;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.BATCH_JOB;
import static dev.riskdesk.db.schema.Tables.LIFECYCLE_CASE;
import static dev.riskdesk.db.schema.Tables.LIMIT_CHANGE;
import static dev.riskdesk.db.schema.Tables.OPERATOR;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.db.Database;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** Reads the cancellation cases for the Lifecycle screen and the dashboard: a filtered list and the figures per stage. */
public final class LifecycleQueries {
    /** Rows a list returns at most; the screen says when there are more. */
    public static final int MAX_ROWS = 500;

    private final Database database;

    public LifecycleQueries(Database database) {
        this.database = database;
    }

    /**
     * What the list shows: {@code stages} empty means every stage; {@code reason} null every reason; {@code accountNo}
     * blank every account, else accounts whose number starts with it; {@code needsApproval} only cases whose open limit
     * needs a manager and that no manager approved yet.
     */
    public record Filter(Set<LifecycleStage> stages, LifecycleReason reason, String accountNo, boolean needsApproval) {
        public static Filter all() {
            return new Filter(Set.of(), null, "", false);
        }
    }

    /** One case as the list shows it; {@code detectedBy}: who started the run that opened it (may not approve it), null when unknown. */
    public record CaseRow(long id, int version, long accountId, String accountNo, LifecycleReason reason, LifecycleStage stage, LocalDate detectedOn,
            LocalDate plannedOn, int graceDays, BigDecimal openLimit, boolean approvalRequired, String approvedBy, KeptBy keptBy, String keepReason,
            LocalDate closedOn, String detectedBy) {
        /** True while a manager's approval is needed before the run may cancel the account. */
        public boolean awaitsApproval() {
            return approvalRequired && approvedBy == null && stage.open();
        }
    }

    /** A page of the list: the rows (at most {@link #MAX_ROWS}, soonest planned date first) and how many cases match. */
    public record Page(List<CaseRow> rows, int total) {
    }

    @Requires(Permission.LIFECYCLE_VIEW)

    public Page cases(Session session, Filter filter) {
        session.require(Permission.LIFECYCLE_VIEW);
        Condition where = DSL.noCondition();
        if (!filter.stages().isEmpty()) {
            where = where.and(LIFECYCLE_CASE.STAGE.in(filter.stages()));
        }
        if (filter.reason() != null) {
            where = where.and(LIFECYCLE_CASE.REASON.eq(filter.reason()));
        }
        String no = filter.accountNo() == null ? "" : filter.accountNo().strip().toUpperCase(java.util.Locale.ROOT);
        if (!no.isEmpty()) {
            where = where.and(ACCOUNT.ACCOUNT_NO.startsWith(no));
        }
        if (filter.needsApproval()) {
            where = where.and(LIFECYCLE_CASE.APPROVAL_REQUIRED.isTrue()).and(LIFECYCLE_CASE.APPROVED_BY.isNull())
                    .and(LIFECYCLE_CASE.STAGE.in(LifecycleStage.GRACE, LifecycleStage.AWAITING_APPROVAL));
        }
        var dsl = database.dsl();
        int total = dsl.fetchCount(dsl.select(LIFECYCLE_CASE.ID).from(LIFECYCLE_CASE).join(ACCOUNT).on(ACCOUNT.ID.eq(LIFECYCLE_CASE.ACCOUNT_ID)).where(where));
        List<CaseRow> rows = new ArrayList<>();
        dsl.select(LIFECYCLE_CASE.ID, LIFECYCLE_CASE.VERSION, LIFECYCLE_CASE.ACCOUNT_ID, ACCOUNT.ACCOUNT_NO, LIFECYCLE_CASE.REASON, LIFECYCLE_CASE.STAGE,
                        LIFECYCLE_CASE.DETECTED_ON, LIFECYCLE_CASE.PLANNED_ON, LIFECYCLE_CASE.GRACE_DAYS, LIFECYCLE_CASE.OPEN_LIMIT,
                        LIFECYCLE_CASE.APPROVAL_REQUIRED, OPERATOR.USERNAME, LIFECYCLE_CASE.KEPT_BY, LIFECYCLE_CASE.KEEP_REASON, LIFECYCLE_CASE.CLOSED_ON,
                        BATCH_JOB.STARTED_BY)
                .from(LIFECYCLE_CASE).join(ACCOUNT).on(ACCOUNT.ID.eq(LIFECYCLE_CASE.ACCOUNT_ID))
                .leftJoin(OPERATOR).on(OPERATOR.ID.eq(LIFECYCLE_CASE.APPROVED_BY))
                .leftJoin(BATCH_JOB).on(BATCH_JOB.ID.eq(LIFECYCLE_CASE.JOB_ID))
                .where(where).orderBy(LIFECYCLE_CASE.PLANNED_ON, LIFECYCLE_CASE.ID).limit(MAX_ROWS)
                .forEach(r -> rows.add(new CaseRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(), r.value8(),
                        r.value9(), r.value10(), Boolean.TRUE.equals(r.value11()), r.value12(), r.value13(), r.value14(), r.value15(), r.value16())));
        return new Page(rows, total);
    }

    /**
     * The book by lifecycle stage and the dormant exposure. {@code accounts}: accounts in use (no open case, not
     * cancelled), in their grace period, waiting for a manager, cancelled; {@code openLimitInCases}: the open limit of
     * the accounts with an open case (what a cancellation would free); {@code limitFreed}: the open limit of the
     * accounts the lifecycle run cancelled; {@code keptCases}: cases closed because the account was kept.
     */
    public record Figures(Map<Stage, Long> accounts, BigDecimal openLimitInCases, BigDecimal limitFreed, long keptCases) {
    }

    /** An account's place in the lifecycle, for the figures. */
    public enum Stage { IN_USE, GRACE, AWAITING_APPROVAL, CANCELLED }

    /** The figures for a manager's dashboard or the Lifecycle screen (either permission reads them). */
    @Requires({Permission.PORTFOLIO_VIEW, Permission.LIFECYCLE_VIEW})
    public Figures figures(Session session) {
        if (!session.has(Permission.LIFECYCLE_VIEW)) {
            session.require(Permission.PORTFOLIO_VIEW);
        }
        var dsl = database.dsl();
        Map<Stage, Long> accounts = new EnumMap<>(Stage.class);
        long all = dsl.fetchCount(ACCOUNT);
        long cancelled = dsl.fetchCount(ACCOUNT, ACCOUNT.STATUS.eq(AccountStatus.CANCELLED));
        Map<LifecycleStage, Integer> open = new EnumMap<>(LifecycleStage.class);
        dsl.select(LIFECYCLE_CASE.STAGE, DSL.count()).from(LIFECYCLE_CASE).where(LIFECYCLE_CASE.OPEN_ACCOUNT_ID.isNotNull())
                .groupBy(LIFECYCLE_CASE.STAGE).forEach(r -> open.put(r.value1(), r.value2()));
        long grace = open.getOrDefault(LifecycleStage.GRACE, 0);
        long awaiting = open.getOrDefault(LifecycleStage.AWAITING_APPROVAL, 0);
        accounts.put(Stage.IN_USE, all - cancelled - grace - awaiting);
        accounts.put(Stage.GRACE, grace);
        accounts.put(Stage.AWAITING_APPROVAL, awaiting);
        accounts.put(Stage.CANCELLED, cancelled);
        BigDecimal inCases = dsl.select(DSL.sum(LIFECYCLE_CASE.OPEN_LIMIT)).from(LIFECYCLE_CASE).where(LIFECYCLE_CASE.OPEN_ACCOUNT_ID.isNotNull())
                .fetchOne(0, BigDecimal.class);
        BigDecimal freed = dsl.select(DSL.sum(LIMIT_CHANGE.OLD_LIMIT)).from(LIMIT_CHANGE).where(LIMIT_CHANGE.SOURCE.eq(LifecycleWriter.SOURCE))
                .and(LIMIT_CHANGE.NEW_STATUS.eq(AccountStatus.CANCELLED)).fetchOne(0, BigDecimal.class);
        long kept = dsl.fetchCount(LIFECYCLE_CASE, LIFECYCLE_CASE.STAGE.eq(LifecycleStage.KEPT));
        return new Figures(accounts, money(inCases), money(freed), kept);
    }

    private static BigDecimal money(BigDecimal v) {
        return v == null ? BigDecimal.ZERO.setScale(2) : v.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }
}
