package dev.riskdesk.privacy;

import static dev.riskdesk.db.schema.Tables.PERSONAL_DATA_ERASURE;

import dev.riskdesk.db.Database;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Requires;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Erasures per month for the dashboard, from the erasure records (PERSONAL_DATA_ERASURE): in each calendar month, the
 * customers any of whose personal data was erased (by the retention run or on request; a customer whose kinds were
 * erased in the same month counts once), and of them those erased on request.
 */
public final class ErasureFigures {
    private final Database database;
    private final Clock clock;

    public ErasureFigures(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** One calendar month: customers with personal data erased in it, and of them those erased on a customer's request. */
    public record Month(YearMonth month, long customers, long onRequest) {
    }

    /**
     * The last {@code months} calendar months up to this one (the business clock's), oldest first, months without an
     * erasure included as zero. Read by the dashboard's readers (PORTFOLIO_VIEW) and the lifecycle's (LIFECYCLE_VIEW).
     */
    @Requires({Permission.PORTFOLIO_VIEW, Permission.LIFECYCLE_VIEW})
    public List<Month> monthly(Session session, int months) {
        if (!session.has(Permission.LIFECYCLE_VIEW)) {
            session.require(Permission.PORTFOLIO_VIEW);
        }
        YearMonth last = YearMonth.from(LocalDate.now(clock));
        YearMonth first = last.minusMonths(months - 1L);
        Map<YearMonth, Set<Long>> customers = new TreeMap<>();
        Map<YearMonth, Set<Long>> onRequest = new TreeMap<>();
        database.dsl().select(PERSONAL_DATA_ERASURE.ERASED_AT, PERSONAL_DATA_ERASURE.CUSTOMER_ID, PERSONAL_DATA_ERASURE.ON_REQUEST)
                .from(PERSONAL_DATA_ERASURE).where(PERSONAL_DATA_ERASURE.ERASED_AT.ge(first.atDay(1).atStartOfDay()))
                .and(PERSONAL_DATA_ERASURE.ERASED_AT.lt(last.plusMonths(1).atDay(1).atStartOfDay()))
                .forEach(r -> {
                    YearMonth month = YearMonth.from(r.value1());
                    customers.computeIfAbsent(month, m -> new HashSet<>()).add(r.value2());
                    if (Boolean.TRUE.equals(r.value3())) {
                        onRequest.computeIfAbsent(month, m -> new HashSet<>()).add(r.value2());
                    }
                });
        List<Month> result = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            result.add(new Month(m, customers.getOrDefault(m, Set.of()).size(), onRequest.getOrDefault(m, Set.of()).size()));
        }
        return result;
    }
}
