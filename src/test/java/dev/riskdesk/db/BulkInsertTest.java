package dev.riskdesk.db;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.db.schema.tables.records.AuditEventRecord;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class BulkInsertTest {

    @Test
    void everyRowIsStoredWithItsValuesAndTheIdsComeBackInRowOrder(@TempDir Path dir) {
        try (Database db = TestDatabases.fresh(dir)) {
            int rows = 2 * BulkInsert.ROWS_PER_STATEMENT + 37; // two full statements and a shorter one
            LocalDateTime at = LocalDateTime.of(2026, 12, 1, 9, 30, 15);
            BulkInsert<AuditEventRecord> insert = BulkInsert.into(AUDIT_EVENT, AUDIT_EVENT.OCCURRED_AT, AUDIT_EVENT.OPERATOR_NAME,
                    AUDIT_EVENT.ACTION, AUDIT_EVENT.ENTITY_TYPE, AUDIT_EVENT.ENTITY_ID, AUDIT_EVENT.REASON);
            for (int i = 0; i < rows; i++) {
                // ENTITY_ID is text: a number is converted as jOOQ would bind it; every third reason is null
                insert.add(at.plusSeconds(i), "张三", "ACTION_" + i, "ACCOUNT", (long) (1000 + i), i % 3 == 0 ? null : "理由 " + i);
            }
            List<Long> ids = new ArrayList<>(db.transactionResult(tx -> insert.executeReturning(tx, AUDIT_EVENT.ID)));
            assertEquals(rows, ids.size());
            assertTrue(insert.isEmpty(), "the rows are forgotten once written");
            Map<Long, AuditEventRecord> stored = db.dsl().selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.like("ACTION_%")).fetch()
                    .stream().collect(Collectors.toMap(AuditEventRecord::getId, r -> r));
            assertEquals(rows, stored.size());
            for (int i = 0; i < rows; i++) {
                AuditEventRecord r = stored.get(ids.get(i));
                assertEquals("ACTION_" + i, r.getAction(), "row " + i + " has the id returned at its position");
                assertEquals(at.plusSeconds(i), r.getOccurredAt());
                assertEquals("张三", r.getOperatorName());
                assertEquals(String.valueOf(1000 + i), r.getEntityId());
                if (i % 3 == 0) {
                    assertNull(r.getReason());
                } else {
                    assertEquals("理由 " + i, r.getReason());
                }
            }
        }
    }

    @Test
    void theMultiRowStatementIsWhatJooqRendersForThoseRows() {
        var fields = List.of(AUDIT_EVENT.OCCURRED_AT, AUDIT_EVENT.OPERATOR_NAME, AUDIT_EVENT.ACTION);
        var render = org.jooq.impl.DSL.using(org.jooq.SQLDialect.H2,
                Database.settings(org.jooq.SQLDialect.H2).withParamType(org.jooq.conf.ParamType.INDEXED));
        var insert = render.insertInto(AUDIT_EVENT, fields).values((Object) null, null, null).values((Object) null, null, null)
                .values((Object) null, null, null);
        assertEquals(render.render(insert), BulkInsert.placeholderSql(org.jooq.SQLDialect.H2, AUDIT_EVENT, fields, 3));
    }

    @Test
    void aFailingRowLeavesNothingOfTheCallBehind(@TempDir Path dir) {
        try (Database db = TestDatabases.fresh(dir)) {
            long before = db.dsl().fetchCount(AUDIT_EVENT);
            BulkInsert<AuditEventRecord> insert = BulkInsert.into(AUDIT_EVENT, AUDIT_EVENT.OCCURRED_AT, AUDIT_EVENT.OPERATOR_NAME,
                    AUDIT_EVENT.ACTION, AUDIT_EVENT.ENTITY_TYPE);
            for (int i = 0; i < BulkInsert.ROWS_PER_STATEMENT + 5; i++) {
                // the last row breaks NOT NULL, in the second statement
                insert.add(LocalDateTime.of(2026, 12, 1, 0, 0), "op", i == BulkInsert.ROWS_PER_STATEMENT + 4 ? null : "A", "ACCOUNT");
            }
            assertThrows(RuntimeException.class, () -> db.transaction(tx -> insert.execute(tx)));
            assertEquals(before, db.dsl().fetchCount(AUDIT_EVENT));
        }
    }
}
