package dev.riskdesk.scoring;

import dev.riskdesk.db.BulkInsert;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

/**
 * Multi-row INSERTs through plain JDBC with the SQL rendered by jOOQ: one statement with many
 * rows costs H2 far less than as many single-row statements, and jOOQ binds byte[] through its
 * BLOB path, which made every row a LOB write and the inserts ten times slower.
 */
final class BatchInsert {
    private BatchInsert() {
    }

    /** Binds row {@code row} of the batch; its first parameter is {@code offset + 1}. */
    interface Binder {
        void bind(PreparedStatement insert, int offset, int row) throws SQLException;
    }

    /** Inserts {@code count} rows in statements of {@code rowsPerStatement} rows. */
    static void run(DSLContext tx, Table<?> table, List<? extends Field<?>> columns, int count, int rowsPerStatement, Binder binder) {
        int full = count / rowsPerStatement;
        int rest = count % rowsPerStatement;
        int width = columns.size();
        tx.connection(connection -> {
            if (full > 0) {
                try (PreparedStatement insert = connection.prepareStatement(BulkInsert.placeholderSql(table, columns, rowsPerStatement))) {
                    for (int k = 0; k < full; k++) {
                        for (int row = 0; row < rowsPerStatement; row++) {
                            binder.bind(insert, row * width, k * rowsPerStatement + row);
                        }
                        insert.executeUpdate();
                    }
                }
            }
            if (rest > 0) {
                try (PreparedStatement insert = connection.prepareStatement(BulkInsert.placeholderSql(table, columns, rest))) {
                    for (int row = 0; row < rest; row++) {
                        binder.bind(insert, row * width, full * rowsPerStatement + row);
                    }
                    insert.executeUpdate();
                }
            }
        });
    }
}
