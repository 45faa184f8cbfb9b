package db.migration.common;

import dev.riskdesk.security.audit.AuditChainBackfill;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Chains the audit events written before V9_1 added the hash chain (see {@link AuditChainBackfill}).
 * A Java migration because SHA-256 over the canonical content cannot be written in SQL that runs on
 * both H2 and PostgreSQL; Flyway finds it in the shared migration location (db/migration/common) and runs it once, in order.
 */
public class V9_1_1__AuditChainBackfill extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        AuditChainBackfill.run(context.getConnection());
    }
}
