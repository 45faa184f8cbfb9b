package dev.riskdesk.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.ParamType;
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
    /** The one-row statement per dialect, table and columns, rendered once: rendering a 1,500-parameter statement costs more than running it. */
    private static final Map<String, String> ONE_ROW_SQL = new ConcurrentHashMap<>();

    /**
     * {@code INSERT INTO T (c1, ..) VALUES (?, ..), (?, ..)} for {@code rows} rows: jOOQ renders the one-row statement once
     * per table and columns, and its row of placeholders is repeated. Bound through plain JDBC.
     */
    public static String placeholderSql(SQLDialect dialect, Table<?> table, List<? extends Field<?>> fields, int rows) {
        StringBuilder key = new StringBuilder(dialect.name()).append(':').append(table.getName());
        fields.forEach(f -> key.append(',').append(f.getName()));
        String one = ONE_ROW_SQL.computeIfAbsent(key.toString(), k -> {
            DSLContext render = DSL.using(dialect, Database.settings(dialect).withParamType(ParamType.INDEXED));
            return render.render(render.insertInto(table, fields).values(Collections.nCopies(fields.size(), null)));
        });
        String tuple = one.substring(one.lastIndexOf("values ") + "values ".length());
        StringBuilder sql = new StringBuilder(one.length() + (tuple.length() + 2) * (rows - 1)).append(one);
        for (int r = 1; r < rows; r++) {
            sql.append(", ").append(tuple);
        }
        return sql.toString();
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
        write(tx, null);
    }

    /** Inserts every row added so far and returns the generated {@code id} of each, in the order the rows were added. */
    public List<Long> executeReturning(DSLContext tx, Field<Long> id) {
        return write(tx, id);
    }

    /**
     * The rows through plain JDBC ({@link #insert}), each value converted to its field's type as jOOQ would bind it:
     * building and binding a jOOQ insert of 250 rows cost as much as H2 running it.
     */
    private List<Long> write(DSLContext tx, Field<Long> id) {
        int width = fields.size();
        int[] sqlTypes = new int[width];
        List<Converter<Object, Object>> converters = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            sqlTypes[c] = fields.get(c).getDataType().getSQLType();
            converters.add(databaseConverter(fields.get(c)));
        }
        List<Long> ids = insert(tx, table, fields, rows.size(), ROWS_PER_STATEMENT, id, (insert, offset, r) -> {
            List<Object> row = rows.get(r);
            for (int c = 0; c < width; c++) {
                Object value = row.get(c) == null ? null : converters.get(c).to(fields.get(c).getDataType().convert(row.get(c)));
                if (value == null) {
                    insert.setNull(offset + c + 1, sqlTypes[c]);
                } else {
                    insert.setObject(offset + c + 1, value);
                }
            }
        });
        rows.clear();
        return ids;
    }

    /** The field's converter from its Java type to the stored one: an enum column stores the constant's name. */
    @SuppressWarnings("unchecked")
    private static Converter<Object, Object> databaseConverter(Field<?> field) {
        return (Converter<Object, Object>) field.getConverter();
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
        insert(tx, table, columns, count, rowsPerStatement, null, binder);
    }

    /**
     * {@code count} rows in statements of {@code rowsPerStatement} rows (one prepared statement for the full ones, one for
     * the rest); with an {@code id} field, the generated ids in row order: H2 allocates them row by row within a statement.
     */
    private static List<Long> insert(DSLContext tx, Table<?> table, List<? extends Field<?>> columns, int count, int rowsPerStatement,
            Field<Long> id, JdbcBinder binder) {
        List<Long> ids = new ArrayList<>(id == null ? 0 : count);
        int full = count / rowsPerStatement;
        int rest = count % rowsPerStatement;
        int width = columns.size();
        SQLDialect dialect = tx.dialect();
        tx.connection(connection -> {
            for (int part = 0; part < 2; part++) {
                int rowsEach = part == 0 ? rowsPerStatement : rest;
                int statements = part == 0 ? full : (rest > 0 ? 1 : 0);
                if (statements == 0) {
                    continue;
                }
                String sql = placeholderSql(dialect, table, columns, rowsEach);
                try (PreparedStatement insert = id == null ? connection.prepareStatement(sql)
                        : connection.prepareStatement(sql, new String[] {generatedColumn(dialect, id)})) {
                    for (int k = 0; k < statements; k++) {
                        int first = part == 0 ? k * rowsPerStatement : full * rowsPerStatement;
                        for (int row = 0; row < rowsEach; row++) {
                            binder.bind(insert, row * width, first + row);
                        }
                        insert.executeUpdate();
                        if (id != null) {
                            ids.addAll(generatedIds(insert, table, rowsEach));
                        }
                    }
                }
            }
        });
        return ids;
    }

    /** The id column as the driver names it in RETURNING: PostgreSQL's driver quotes it, and the unquoted table created it in lower case. */
    private static String generatedColumn(SQLDialect dialect, Field<Long> id) {
        return dialect == SQLDialect.POSTGRES ? id.getName().toLowerCase(java.util.Locale.ROOT) : id.getName();
    }

    private static List<Long> generatedIds(PreparedStatement insert, Table<?> table, int expected) throws SQLException {
        List<Long> batch = new ArrayList<>(expected);
        try (ResultSet keys = insert.getGeneratedKeys()) {
            while (keys.next()) {
                batch.add(keys.getLong(1));
            }
        }
        if (batch.size() != expected) {
            throw new IllegalStateException(table.getName() + ": " + batch.size() + " ids returned for " + expected + " rows");
        }
        batch.sort(null);
        return batch;
    }
}
