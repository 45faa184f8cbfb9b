package dev.riskdesk.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.ParamType;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * Rows for one table, written with multi-row INSERTs of bound values ({@value #ROWS_PER_STATEMENT}
 * rows per statement) instead of one statement per row. {@link #executeReturning} hands back the
 * generated ids in row order, so dependent rows can be linked without a round trip per row: H2
 * allocates identity values row by row while one statement inserts its rows in order, so the ids
 * of one statement ascend in row order even when another connection inserts at the same time.
 * The static helpers serve loads that bind through plain JDBC: {@link #placeholderSql} renders the
 * multi-row statement, {@link #jdbc} runs it inside a jOOQ transaction.
 */
public final class BulkInsert<R extends Record> {
    static final int ROWS_PER_STATEMENT = 250;
    private static final DSLContext RENDER = DSL.using(SQLDialect.H2,
            new Settings().withRenderSchema(false).withParamType(ParamType.INDEXED));
    /** Rendered once per table, columns and row count: rendering a 1,500-parameter statement costs more than running it. */
    private static final Map<String, String> PLACEHOLDER_SQL = new ConcurrentHashMap<>();

    /**
     * {@code INSERT INTO T (c1, ..) VALUES (?, ..), (?, ..)} for {@code rows} rows, rendered by jOOQ, for
     * loads that bind through plain JDBC (jOOQ binds byte[] through its BLOB path, a LOB write per row).
     */
    public static String placeholderSql(Table<?> table, List<? extends Field<?>> fields, int rows) {
        return PLACEHOLDER_SQL.computeIfAbsent(table.getName() + fields + rows, k -> {
            InsertValuesStepN<?> insert = RENDER.insertInto(table, fields);
            for (int r = 0; r < rows; r++) {
                insert = insert.values(Collections.nCopies(fields.size(), null));
            }
            return RENDER.render(insert);
        });
    }

    private final Table<R> table;
    private final List<Field<?>> fields;
    private final List<List<Object>> rows = new ArrayList<>();

    private BulkInsert(Table<R> table, List<Field<?>> fields) {
        this.table = table;
        this.fields = fields;
    }

    public static <R extends Record> BulkInsert<R> into(Table<R> table, Field<?>... fields) {
        return new BulkInsert<>(table, List.of(fields));
    }

    /** Adds one row; the values are in the order of the fields given to {@link #into}. */
    public BulkInsert<R> add(Object... values) {
        if (values.length != fields.size()) {
            throw new IllegalArgumentException(values.length + " values for " + fields.size() + " fields of " + table.getName());
        }
        rows.add(Arrays.asList(values));
        return this;
    }

    public int size() {
        return rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Inserts every row added so far and forgets them. */
    public void execute(DSLContext tx) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            statement(tx, from).execute();
        }
        rows.clear();
    }

    /** Inserts every row added so far and returns the generated {@code id} of each, in the order the rows were added. */
    public List<Long> executeReturning(DSLContext tx, Field<Long> id) {
        List<Long> ids = new ArrayList<>(rows.size());
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Long> batch = new ArrayList<>(statement(tx, from).returningResult(id).fetch(id));
            int expected = Math.min(ROWS_PER_STATEMENT, rows.size() - from);
            if (batch.size() != expected) {
                throw new IllegalStateException(table.getName() + ": " + batch.size() + " ids returned for " + expected + " rows");
            }
            batch.sort(null);
            ids.addAll(batch);
        }
        rows.clear();
        return ids;
    }

    private InsertValuesStepN<R> statement(DSLContext tx, int from) {
        InsertValuesStepN<R> insert = tx.insertInto(table, fields);
        for (List<Object> row : rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT))) {
            insert = insert.values(row);
        }
        return insert;
    }

    /** Binds row {@code row} of the batch; its first parameter is {@code offset + 1}. */
    public interface JdbcBinder {
        void bind(PreparedStatement insert, int offset, int row) throws SQLException;
    }

    /**
     * Inserts {@code count} rows in statements of {@code rowsPerStatement} rows through plain JDBC, inside
     * {@code tx}: jOOQ binds byte[] through its BLOB path, which made every row a LOB write and the inserts
     * ten times slower.
     */
    public static void jdbc(DSLContext tx, Table<?> table, List<? extends Field<?>> columns, int count, int rowsPerStatement, JdbcBinder binder) {
        int full = count / rowsPerStatement;
        int rest = count % rowsPerStatement;
        int width = columns.size();
        tx.connection(connection -> {
            if (full > 0) {
                try (PreparedStatement insert = connection.prepareStatement(placeholderSql(table, columns, rowsPerStatement))) {
                    for (int k = 0; k < full; k++) {
                        for (int row = 0; row < rowsPerStatement; row++) {
                            binder.bind(insert, row * width, k * rowsPerStatement + row);
                        }
                        insert.executeUpdate();
                    }
                }
            }
            if (rest > 0) {
                try (PreparedStatement insert = connection.prepareStatement(placeholderSql(table, columns, rest))) {
                    for (int row = 0; row < rest; row++) {
                        binder.bind(insert, row * width, full * rowsPerStatement + row);
                    }
                    insert.executeUpdate();
                }
            }
        });
    }
}
