package dev.riskdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tables a policy run writes keep no index whose columns merely start another index (each one costs every insert),
 * except the two by operator: H2 gives a foreign key its own index on exactly its columns, and paging one operator's
 * rows in time order needs the wider one.
 */
@Tag("db")
class PolicyTableIndexesTest {
    private static final List<String> TABLES = List.of("RULE_HIT", "LIMIT_PROPOSAL", "LIMIT_DECISION", "LIMIT_CHANGE", "SUSPENSION",
            "CUSTOMER_NOTICE", "AUDIT_EVENT");

    @Test
    void noIndexOfAPolicyTableIsTheLeadingPartOfAnother(@TempDir Path dir) {
        try (Database db = TestDatabases.fresh(dir)) {
            Map<String, List<String>> columns = new LinkedHashMap<>();
            db.dsl().resultQuery("SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS"
                            + " WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME, INDEX_NAME, ORDINAL_POSITION")
                    .forEach(r -> {
                        if (TABLES.contains(r.get(0, String.class))) {
                            // H2 names a foreign key's index after it, with a suffix that changes between databases
                            String index = r.get(1, String.class).replaceFirst("^(FK_.*)_INDEX_[0-9A-F]+$", "$1");
                            columns.computeIfAbsent(r.get(0, String.class) + "." + index, k -> new ArrayList<>())
                                    .add(r.get(2, String.class));
                        }
                    });
            assertTrue(columns.keySet().stream().anyMatch(k -> k.startsWith("LIMIT_PROPOSAL.")), "the query sees the indexes");
            List<String> duplicates = new ArrayList<>();
            columns.forEach((a, colsA) -> columns.forEach((b, colsB) -> {
                boolean sameTable = a.substring(0, a.indexOf('.')).equals(b.substring(0, b.indexOf('.')));
                if (sameTable && !a.equals(b) && colsA.size() <= colsB.size() && colsB.subList(0, colsA.size()).equals(colsA)
                        && !(colsA.size() == colsB.size() && a.compareTo(b) > 0)) {
                    duplicates.add(a + " " + colsA + " starts " + b + " " + colsB);
                }
            }));
            assertEquals(List.of("AUDIT_EVENT.FK_AUDIT_OPERATOR [OPERATOR_ID] starts AUDIT_EVENT.IX_AUDIT_OPERATOR [OPERATOR_ID, OCCURRED_AT]",
                    "LIMIT_DECISION.FK_DECISION_MAKER [MAKER_ID] starts LIMIT_DECISION.IX_DECISION_MAKER [MAKER_ID, DECIDED_AT]"), duplicates);
            // the foreign keys still hold
            assertTrue(db.dsl().fetchCount(DSL.table("INFORMATION_SCHEMA.TABLE_CONSTRAINTS"),
                    DSL.field("CONSTRAINT_NAME").eq("FK_PROPOSAL_ACCOUNT")) == 1);
        }
    }
}
