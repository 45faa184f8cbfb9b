package dev.riskdesk.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.LongConsumer;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.jooq.conf.ParamType;

/**
 * Runs a query built by jOOQ (its SQL and bind values) through plain JDBC and hands every row's
 * {@link ResultSet} to a reader, for scans of millions of rows: there jOOQ's record per row and
 * value conversions cost as much as H2's own reading.
 */
public final class JdbcRows {
    private JdbcRows() {
    }

    /** Reads one row; the columns are numbered from 1 in the order of the query's select list. */
    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    public static void forEach(DSLContext dsl, ResultQuery<?> query, RowReader reader) {
        prepared(dsl, query, 0, statement -> readAll(statement, reader));
    }

    /** Reads one row of the query run for {@code key}. */
    @FunctionalInterface
    public interface KeyRowReader {
        void read(long key, ResultSet row) throws SQLException;
    }

    /**
     * Runs {@code query} once per key on one prepared statement, the key bound as its first parameter (build the query with a
     * placeholder value there), calling {@code done} after each key's rows: an index seek per key where an IN list of keys
     * would make H2 compare every row with the whole list.
     */
    public static void forEachKey(DSLContext dsl, ResultQuery<?> query, List<Long> keys, KeyRowReader reader, LongConsumer done) {
        prepared(dsl, query, 1, statement -> {
            for (long key : keys) {
                statement.setLong(1, key);
                readAll(statement, row -> reader.read(key, row));
                done.accept(key);
            }
        });
    }

    @FunctionalInterface
    private interface StatementUse {
        void use(PreparedStatement statement) throws SQLException;
    }

    /** The query's SQL prepared on a connection of {@code dsl}, its bind values from number {@code firstBound} on set. */
    private static void prepared(DSLContext dsl, ResultQuery<?> query, int firstBound, StatementUse use) {
        String sql = query.getSQL(ParamType.INDEXED);
        List<Object> binds = query.getBindValues();
        dsl.connection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = firstBound; i < binds.size(); i++) {
                    // an enum-typed column (jOOQ forced type) stores the constant's name, as its EnumConverter writes it
                    statement.setObject(i + 1, binds.get(i) instanceof Enum<?> e ? e.name() : binds.get(i));
                }
                use.use(statement);
            }
        });
    }

    private static void readAll(PreparedStatement statement, RowReader reader) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }
}
