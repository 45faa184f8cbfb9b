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
        String sql = query.getSQL(ParamType.INDEXED);
        List<Object> binds = query.getBindValues();
        dsl.connection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < binds.size(); i++) {
                    statement.setObject(i + 1, binds.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        reader.read(rows);
                    }
                }
            }
        });
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
        String sql = query.getSQL(ParamType.INDEXED);
        List<Object> binds = query.getBindValues();
        dsl.connection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 1; i < binds.size(); i++) {
                    statement.setObject(i + 1, binds.get(i));
                }
                for (long key : keys) {
                    statement.setLong(1, key);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            reader.read(key, rows);
                        }
                    }
                    done.accept(key);
                }
            }
        });
    }
}
