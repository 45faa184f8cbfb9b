package dev.riskdesk.db;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Emptying the book's tables after a bulk load that could not finish (the generator's, an import's
 * first load), and switching H2's foreign-key checks of a set of tables off and on around such a load
 * (on PostgreSQL the checks stay on and the tables are emptied in one TRUNCATE).
 */
public final class TableReset {
    private TableReset() {
    }

    /**
     * Turns H2's foreign-key checks of the tables off (while a bulk load fills an empty book) or back
     * on, without re-checking the rows (NOCHECK): the loader guarantees its rows are consistent.
     */
    public static void referentialChecks(DSLContext dsl, List<? extends Table<?>> tables, boolean on) {
        if (dsl.dialect() != SQLDialect.H2) {
            return; // PostgreSQL keeps its checks on: switching them off needs a superuser
        }
        for (Table<?> table : tables) {
            dsl.query(on ? "ALTER TABLE {0} SET REFERENTIAL_INTEGRITY TRUE NOCHECK" : "ALTER TABLE {0} SET REFERENTIAL_INTEGRITY FALSE",
                    table).execute();
        }
    }

    /**
     * Empties {@code tables}, given children first, with TRUNCATE, which H2 allows on a table others
     * reference only while its referential checks are off; the checks are back on afterwards.
     */
    public static void empty(DSLContext dsl, List<? extends Table<?>> tables) {
        if (dsl.dialect() != SQLDialect.H2) {
            // PostgreSQL truncates tables that reference each other in one statement
            dsl.query("TRUNCATE TABLE {0} RESTART IDENTITY", DSL.list(tables)).execute();
            return;
        }
        for (Table<?> table : tables) {
            boolean referenced = !table.getReferences().isEmpty() || tables.stream().anyMatch(t -> !t.getReferencesTo(table).isEmpty());
            if (referenced) {
                dsl.query("ALTER TABLE {0} SET REFERENTIAL_INTEGRITY FALSE", table).execute();
            }
            try {
                dsl.query("TRUNCATE TABLE {0} RESTART IDENTITY", table).execute();
            } finally {
                if (referenced) {
                    dsl.query("ALTER TABLE {0} SET REFERENTIAL_INTEGRITY TRUE NOCHECK", table).execute();
                }
            }
        }
    }
}
