package dev.riskdesk.appeals;

import dev.riskdesk.db.OnPostgres;

/** {@link AppealServiceDbTest} on PostgreSQL. */
@OnPostgres
class AppealServicePgTest extends AppealServiceDbTest {
}
