package dev.riskdesk.customers;

import dev.riskdesk.db.OnPostgres;

/** {@link CustomerSearchServiceTest} on PostgreSQL. */
@OnPostgres
class CustomerSearchServicePgTest extends CustomerSearchServiceTest {
}
