package dev.riskdesk.privacy;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.PERSONAL_DATA_ERASURE;

import dev.riskdesk.common.TextLimit;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.impl.DSL;

/**
 * Erasure of a customer's personal data on the customer's request, before the retention period ends (a manager, with
 * a reason; audited), unless a {@link LegalHold} applies; and what has been erased, for the profile and the dashboard.
 */
public final class ErasureService {
    /** The rule code of an erasure on request. */
    public static final String RULE_REQUEST = "REQUEST";
    public static final int MIN_REASON_LENGTH = 5;

    private final Database database;
    private final PersonalDataEraser eraser;
    private final Clock clock;

    public ErasureService(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.eraser = new PersonalDataEraser(audit);
        this.clock = clock;
    }

    /** One kind of a customer's data erased: when, under which rule (and limit policy version), on request or not. */
    public record Erasure(DataKind kind, LocalDateTime erasedAt, String ruleCode, Integer policyVersion, boolean onRequest) {
    }

    /** What the profile shows about a customer's erased data: every kind erased, oldest first; empty when nothing was. */
    public record Status(long customerId, List<Erasure> erasures) {
        public boolean erased(DataKind kind) {
            return erasures.stream().anyMatch(e -> e.kind() == kind);
        }

        /** The identity erasure (the customer can no longer be named), or null. */
        public Erasure identity() {
            return erasures.stream().filter(e -> e.kind() == DataKind.IDENTITY).findFirst().orElse(null);
        }
    }

    /** Whether the profile should offer the erasure on request at all. */
    public static boolean mayErase(Session session) {
        return session.has(Permission.PRIVACY_ERASE);
    }

    /** The erasures of a customer's data (needs CUSTOMER_VIEW). */
    @Requires(Permission.CUSTOMER_VIEW)
    public Status status(Session session, long customerId) {
        session.require(Permission.CUSTOMER_VIEW);
        List<Erasure> erasures = database.dsl().selectFrom(PERSONAL_DATA_ERASURE).where(PERSONAL_DATA_ERASURE.CUSTOMER_ID.eq(customerId))
                .orderBy(PERSONAL_DATA_ERASURE.ERASED_AT, PERSONAL_DATA_ERASURE.ID)
                .fetch(r -> new Erasure(DataKind.valueOf(r.getDataKind()), r.getErasedAt(), r.getRuleCode(), r.getPolicyVersion(), r.getOnRequest()));
        return new Status(customerId, erasures);
    }

    /** The legal holds on a customer now (needs CUSTOMER_VIEW): empty when the erasure on request would go ahead. */
    @Requires(Permission.CUSTOMER_VIEW)
    public Set<LegalHold> holds(Session session, long customerId) {
        session.require(Permission.CUSTOMER_VIEW);
        return LegalHold.of(database.dsl(), customerId);
    }

    /**
     * Erases every kind of customer {@code customerId}'s personal data now, at the customer's request. Needs
     * {@link Permission#PRIVACY_ERASE} and a reason (at least {@value #MIN_REASON_LENGTH} characters, at most
     * {@link TextLimit#ERASURE_REASON}); refused, naming the hold, while any {@link LegalHold} applies. The holds are
     * checked again inside the transaction that erases. Returns the kinds erased (empty when all were erased before).
     */
    @Requires(Permission.PRIVACY_ERASE)
    public Set<DataKind> eraseOnRequest(Session session, long customerId, String reason) {
        session.require(Permission.PRIVACY_ERASE);
        TextLimit.ERASURE_REASON.check(reason);
        String why = reason == null ? "" : reason.strip();
        if (why.length() < MIN_REASON_LENGTH) {
            throw UserFacingException.keyed("privacy.reasonTooShort",
                    "Type the reason for the erasure (at least " + MIN_REASON_LENGTH + " characters).", String.valueOf(MIN_REASON_LENGTH));
        }
        return database.transactionResult(tx -> {
            if (!tx.fetchExists(DSL.selectOne().from(CUSTOMER).where(CUSTOMER.ID.eq(customerId)))) {
                throw UserFacingException.keyed("privacy.noCustomer", "Customer " + customerId + " does not exist.", String.valueOf(customerId));
            }
            Set<LegalHold> holds = LegalHold.of(tx, customerId);
            if (!holds.isEmpty()) {
                throw refusal(customerId, holds);
            }
            PersonalDataEraser.Result result = eraser.erase(tx, session, customerId, EnumSet.allOf(DataKind.class),
                    new PersonalDataEraser.Rule(RULE_REQUEST, null, true, why), LocalDateTime.now(clock));
            return result.kinds();
        });
    }

    /** "Customer 42's personal data cannot be erased: an appeal is open." with the first hold's key for the console. */
    static UserFacingException refusal(long customerId, Set<LegalHold> holds) {
        String words = holds.stream().map(ErasureService::words).collect(Collectors.joining("; "));
        LegalHold first = holds.iterator().next();
        String key = "privacy.hold." + first.name(); // one sentence per hold in both bundles
        return UserFacingException.keyed(key,
                "Customer " + customerId + "'s personal data cannot be erased: " + words + ".", String.valueOf(customerId));
    }

    private static String words(LegalHold hold) {
        return switch (hold) {
            case ACCOUNT_OPEN -> "an account is not closed (legal hold ACCOUNT_OPEN)";
            case OPEN_APPEAL -> "an appeal is open (legal hold OPEN_APPEAL)";
            case UNPAID_BALANCE -> "an account has an unpaid or past-due balance (legal hold UNPAID_BALANCE)";
        };
    }

    /**
     * Customers whose identity was erased per month, from {@code from} to {@code to} (months without any included as 0),
     * for the dashboard (needs PORTFOLIO_VIEW).
     */
    @Requires(Permission.PORTFOLIO_VIEW)
    public Map<YearMonth, Integer> erasuresPerMonth(Session session, YearMonth from, YearMonth to) {
        session.require(Permission.PORTFOLIO_VIEW);
        Map<YearMonth, Integer> months = new LinkedHashMap<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            months.put(m, 0);
        }
        LocalDateTime start = from.atDay(1).atStartOfDay();
        LocalDateTime end = to.plusMonths(1).atDay(1).atStartOfDay();
        database.dsl().select(PERSONAL_DATA_ERASURE.ERASED_AT).from(PERSONAL_DATA_ERASURE)
                .where(PERSONAL_DATA_ERASURE.DATA_KIND.eq(DataKind.IDENTITY.name()))
                .and(PERSONAL_DATA_ERASURE.ERASED_AT.ge(start)).and(PERSONAL_DATA_ERASURE.ERASED_AT.lt(end))
                .fetch(PERSONAL_DATA_ERASURE.ERASED_AT)
                .forEach(at -> months.merge(YearMonth.from(at), 1, Integer::sum));
        return months;
    }

    PersonalDataEraser eraser() {
        return eraser;
    }
}
