package dev.riskdesk.portfolio;

import dev.riskdesk.db.BulkInsert;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;

/**
 * Set-based inserts for bulk loads: the INSERT text is rendered by jOOQ with bind placeholders
 * (several rows per statement) and executed as JDBC batches on one connection, each batch
 * committed. Needs no {@code Database}; the caller owns the connection.
 */
public final class BulkWriter implements AutoCloseable {
    /** Rows per rendered INSERT: fewer statement executions per row in H2. */
    static final int ROWS_PER_STATEMENT = 64;
    /**
     * Statements per JDBC batch; the writer commits after each batch (1,024 rows). H2's store writes
     * its pages in the background every half second: a page that holds rows of an open transaction is
     * written with their undo entries and written again once they commit. Short transactions let most
     * pages be written once, committed: the generator spent a quarter less CPU (bench, 20,000 × 24).
     */
    static final int STATEMENTS_PER_COMMIT = 16;

    private final Table<?> table;
    private final int columns;
    private final int[] sqlTypes;
    private final PreparedStatement multi;
    private final PreparedStatement single;
    private final Connection connection;
    private final boolean commits;
    private long written;

    /** A writer that commits after every batch (the generator's short transactions). */
    public BulkWriter(Connection connection, SQLDialect dialect, Table<?> table, List<Field<?>> fields) throws SQLException {
        this(connection, dialect, table, fields, true);
    }

    /**
     * A writer that commits after every batch, or ({@code commits} false) leaves every commit to the
     * caller, so what it writes joins the caller's one transaction (an import's delta).
     */
    public BulkWriter(Connection connection, SQLDialect dialect, Table<?> table, List<Field<?>> fields, boolean commits) throws SQLException {
        this.commits = commits;
        this.table = table;
        this.connection = connection;
        this.columns = fields.size();
        this.sqlTypes = new int[columns];
        for (int i = 0; i < columns; i++) {
            sqlTypes[i] = fields.get(i).getDataType().getSQLType();
        }
        this.multi = connection.prepareStatement(BulkInsert.placeholderSql(dialect, table, fields, ROWS_PER_STATEMENT));
        this.single = connection.prepareStatement(BulkInsert.placeholderSql(dialect, table, fields, 1));
    }

    /**
     * Writes and commits all rows of the buffer, a batch of {@link #STATEMENTS_PER_COMMIT} statements
     * per transaction (or none, see the constructor). A failed load is removed by its caller, not rolled back.
     */
    public void write(RowBuffer buffer) throws SQLException {
        int rows = buffer.rows();
        int row = 0;
        int pending = 0;
        while (rows - row >= ROWS_PER_STATEMENT) {
            int p = 1;
            for (int r = 0; r < ROWS_PER_STATEMENT; r++, row++) {
                for (int c = 0; c < columns; c++) {
                    bind(multi, p++, buffer.value(row, c), sqlTypes[c]);
                }
            }
            multi.addBatch();
            if (++pending == STATEMENTS_PER_COMMIT) {
                multi.executeBatch();
                commit();
                pending = 0;
            }
        }
        if (pending > 0) {
            multi.executeBatch();
        }
        pending = 0;
        for (; row < rows; row++) {
            for (int c = 0; c < columns; c++) {
                bind(single, c + 1, buffer.value(row, c), sqlTypes[c]);
            }
            single.addBatch();
            pending++;
        }
        if (pending > 0) {
            single.executeBatch();
        }
        commit();
        written += rows;
    }

    private void commit() throws SQLException {
        if (commits) {
            connection.commit();
        }
    }

    /** Typed setters: cheaper than setObject's type inference, and null needs the SQL type. */
    public static void bind(PreparedStatement ps, int index, Object value, int sqlType) throws SQLException {
        if (value == null) {
            ps.setNull(index, sqlType);
        } else if (value instanceof Long l) {
            ps.setLong(index, l);
        } else if (value instanceof Integer i) {
            ps.setInt(index, i);
        } else if (value instanceof String s) {
            ps.setString(index, s);
        } else if (value instanceof BigDecimal d) {
            ps.setBigDecimal(index, d);
        } else if (value instanceof Boolean b) {
            ps.setBoolean(index, b);
        } else if (value instanceof LocalDateTime || value instanceof LocalDate) {
            ps.setObject(index, value);
        } else if (value instanceof Enum<?> e) {
            ps.setString(index, e.name()); // a status or kind column stores the constant's name
        } else {
            ps.setObject(index, value, sqlType == Types.OTHER ? Types.JAVA_OBJECT : sqlType);
        }
    }

    public Table<?> table() {
        return table;
    }

    public long written() {
        return written;
    }

    @Override
    public void close() throws SQLException {
        try {
            multi.close();
        } finally {
            single.close();
        }
    }
}
