package dev.riskdesk.limits.review;

import dev.riskdesk.db.OnPostgres;

/** {@link ProposalQueueServiceDbTest} on PostgreSQL. */
@OnPostgres
class ProposalQueueServicePgTest extends ProposalQueueServiceDbTest {
}
