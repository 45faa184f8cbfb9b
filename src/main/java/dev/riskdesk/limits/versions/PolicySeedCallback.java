package dev.riskdesk.limits.versions;

import dev.riskdesk.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Flyway's afterMigrate step of every open ({@code Database.open}): once the schema is complete, seeds a database
 * that has no limit policy or rule set version yet (see {@link PolicySeed}), in one transaction with its audit events.
 * On a database that has versions it only looks (two existence checks) and writes nothing. After the migrations, not
 * among them, so the seed is written with the finished schema and the audit chain's current format.
 */
public final class PolicySeedCallback implements Callback {
    /** Business time is China Standard Time wall-clock, as everywhere in the schema. */
    private static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection connection = context.getConnection();
        SQLDialect dialect;
        try {
            dialect = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres") ? SQLDialect.POSTGRES : SQLDialect.H2;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        DSL.using(connection, dialect, Database.settings(dialect)).transaction(c -> PolicySeed.seedIfEmpty(c.dsl(), Clock.system(BUSINESS_ZONE)));
    }

    @Override
    public String getCallbackName() {
        return "seed the limit policy and rule set";
    }
}
