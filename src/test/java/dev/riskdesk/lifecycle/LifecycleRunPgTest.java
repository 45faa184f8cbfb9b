package dev.riskdesk.lifecycle;

import dev.riskdesk.db.OnPostgres;

/** {@link LifecycleRunDbTest} on PostgreSQL: the run's detection, chunked writing, lease and the case list's SQL in team mode. */
@OnPostgres
class LifecycleRunPgTest extends LifecycleRunDbTest {
}
