package dev.riskdesk.accounts;

import dev.riskdesk.db.OnPostgres;

/** {@link NoticeExportDbTest} on PostgreSQL. */
@OnPostgres
class NoticeExportPgTest extends NoticeExportDbTest {
}
