package dev.riskdesk.privacy;

import dev.riskdesk.db.OnPostgres;

/** {@link ErasureServiceDbTest} on PostgreSQL, where the append-only audit trigger lets only an erasure update an event. */
@OnPostgres
class ErasureServicePgTest extends ErasureServiceDbTest {
}
