package dev.riskdesk.db;

import static dev.riskdesk.db.schema.Tables.APP_SETTING;
import static dev.riskdesk.db.schema.Tables.MODEL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.scoring.model.ModelKind;
import dev.riskdesk.scoring.model.ModelStatus;
import java.time.LocalDateTime;
import java.util.Map;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Opening a PostgreSQL database from its URL: dialect, migrations, names, and what is shown of the location. */
@Tag("db")
@Tag("pg")
class PostgresDatabaseTest {

    @Test
    void aPostgresUrlIsRecognisedAndItsPasswordIsNeverShown() {
        DatabaseLocation location = DatabaseLocation.resolve("jdbc:postgresql://db.example:5432/riskdesk?user=desk&password=s3cret&ssl=true",
                Map.of(DatabaseLocation.PASSWORD_VARIABLE, "fromEnv"));
        assertTrue(location.isPostgres());
        assertFalse(location.isFile());
        assertEquals("fromEnv", location.password());
        assertEquals("jdbc:postgresql://db.example:5432/riskdesk?user=desk", location.describe());
        assertFalse(location.toString().contains("s3cret") || location.toString().contains("fromEnv"), location.toString());
        assertEquals(SQLDialect.POSTGRES, Database.dialectOf(location));
        assertEquals(SQLDialect.H2, Database.dialectOf(DatabaseLocation.parse("/tmp/x/riskdesk")));
    }

    @Test
    void theSchemaIsMigratedAndTheGeneratedClassesWorkOnIt() {
        TestPostgres server = TestPostgres.server();
        try (Database db = Database.open(server.emptyDatabase(TestPostgres.SUPERUSER))) {
            assertEquals(SQLDialect.POSTGRES, db.dialect());
            assertEquals(TestDatabases.latestMigration("postgresql"), db.schemaVersion());
            LocalDateTime now = LocalDateTime.of(2026, 12, 7, 9, 30);
            db.transaction(tx -> tx.insertInto(APP_SETTING).set(APP_SETTING.SETTING_KEY, "k").set(APP_SETTING.SETTING_VALUE, "值")
                    .set(APP_SETTING.UPDATED_AT, now).execute());
            assertEquals("值", db.dsl().select(APP_SETTING.SETTING_VALUE).from(APP_SETTING).fetchOne(APP_SETTING.SETTING_VALUE));
            // a CLOB column of the H2 scripts is TEXT here, a BLOB is BYTEA: both round-trip through the generated types
            byte[] bytes = {0, 1, 2, (byte) 255};
            long id = db.transactionResult(tx -> tx.insertInto(MODEL).set(MODEL.NAME, "m").set(MODEL.KIND, ModelKind.SCORECARD)
                    .set(MODEL.STATUS, ModelStatus.DRAFT).set(MODEL.FEATURES, "f").set(MODEL.METRICS, "{\"auc\":0.7}").set(MODEL.MODEL_BYTES, bytes)
                    .set(MODEL.TRAINED_AT, now).returning(MODEL.ID).fetchOne(MODEL.ID));
            assertArrayEquals(bytes, db.dsl().select(MODEL.MODEL_BYTES).from(MODEL).where(MODEL.ID.eq(id)).fetchOne(MODEL.MODEL_BYTES));
        }
    }

    @Test
    void aWrongServerFailsAsOneSentence() {
        DatabaseLocation nowhere = DatabaseLocation.parse("jdbc:postgresql://127.0.0.1:1/riskdesk?user=desk&connectTimeout=2");
        UserFacingException e = assertThrows(UserFacingException.class, () -> Database.open(nowhere));
        assertTrue(e.getMessage().contains("jdbc:postgresql://127.0.0.1:1/riskdesk?user=desk"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
