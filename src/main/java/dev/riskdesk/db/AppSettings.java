package dev.riskdesk.db;

import static dev.riskdesk.db.schema.Tables.APP_SETTING;

import java.time.LocalDateTime;
import java.time.ZoneId;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The database's own key/value settings (table APP_SETTING): demo markers, generator parameters, first-start steps. */
public final class AppSettings {
    private static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    private final Database database;

    public AppSettings(Database database) {
        this.database = database;
    }

    /** The value, or null when the key was never set. */
    public String get(String key) {
        return get(database.dsl(), key);
    }

    public void put(String key, String value) {
        put(database.dsl(), key, value, LocalDateTime.now(BUSINESS_ZONE).withNano(0));
    }

    public static String get(DSLContext dsl, String key) {
        return dsl.select(APP_SETTING.SETTING_VALUE).from(APP_SETTING).where(APP_SETTING.SETTING_KEY.eq(key))
                .fetchOne(APP_SETTING.SETTING_VALUE);
    }

    /** Inserts or replaces one setting, inside the caller's transaction when {@code dsl} is one. */
    public static void put(DSLContext dsl, String key, String value, LocalDateTime now) {
        dsl.mergeInto(APP_SETTING)
                .using(DSL.selectOne())
                .on(APP_SETTING.SETTING_KEY.eq(key))
                .whenMatchedThenUpdate().set(APP_SETTING.SETTING_VALUE, value).set(APP_SETTING.UPDATED_AT, now)
                .whenNotMatchedThenInsert(APP_SETTING.SETTING_KEY, APP_SETTING.SETTING_VALUE, APP_SETTING.UPDATED_AT)
                .values(key, value, now)
                .execute();
    }
}
