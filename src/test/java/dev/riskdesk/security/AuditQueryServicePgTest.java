package dev.riskdesk.security;

import dev.riskdesk.db.OnPostgres;

/** {@link AuditQueryServiceTest} on PostgreSQL. */
@OnPostgres
class AuditQueryServicePgTest extends AuditQueryServiceTest {
}
