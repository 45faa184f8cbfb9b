package dev.riskdesk.limits.review;

import dev.riskdesk.db.OnPostgres;

/** {@link LimitDecisionDbTest} on PostgreSQL. */
@OnPostgres
class LimitDecisionPgTest extends LimitDecisionDbTest {
}
