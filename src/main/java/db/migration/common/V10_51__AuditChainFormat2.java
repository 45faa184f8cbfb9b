package db.migration.common;

import dev.riskdesk.security.audit.AuditChainConversion;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Converts the audit chain to format RDA2, which hashes an event's reason and details through their digests so
 * they can be erased (see {@link AuditChainConversion}). A Java migration for the same reason as V9_1_1: SHA-256
 * over the canonical content is not portable SQL.
 */
public class V10_51__AuditChainFormat2 extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        AuditChainConversion.run(context.getConnection());
    }
}
