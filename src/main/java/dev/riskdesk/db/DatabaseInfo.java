package dev.riskdesk.db;

import static dev.riskdesk.db.schema.Tables.APP_SETTING;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;

import dev.riskdesk.db.schema.DefaultSchema;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** What {@code riskdesk info} and the status bar show about a database. */
public record DatabaseInfo(Map<String, Long> rowCounts, LocalDateTime dataAsOf, boolean demo) {

    public static final String DEMO_SETTING = "demo.database";

    public static DatabaseInfo read(Database database) {
        DSLContext dsl = database.dsl();
        return new DatabaseInfo(rowCounts(dsl), dataAsOf(dsl), isDemo(dsl));
    }

    /** The rows of every table of the schema, by table name (in a transaction's {@code dsl}: as that transaction sees them). */
    public static Map<String, Long> rowCounts(DSLContext dsl) {
        Map<String, Long> counts = new LinkedHashMap<>();
        DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
                .sorted(Comparator.comparing(Table::getName))
                .forEach(table -> counts.put(table.getName(), dsl.selectCount().from(table).fetchOne(0, Long.class)));
        return counts;
    }

    /** The oldest as-of time over all data feeds: everything before it is complete. */
    public static LocalDateTime dataAsOf(DSLContext dsl) {
        return dsl.select(DSL.min(DATA_FEED.AS_OF)).from(DATA_FEED).fetchOne(0, LocalDateTime.class);
    }

    public static boolean isDemo(DSLContext dsl) {
        return "true".equals(dsl.select(APP_SETTING.SETTING_VALUE).from(APP_SETTING)
                .where(APP_SETTING.SETTING_KEY.eq(DEMO_SETTING)).fetchOne(APP_SETTING.SETTING_VALUE));
    }
}
