package dev.riskdesk.privacy;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The text columns of every table whose rows belong to one customer or account (it has a CUSTOMER_ID or ACCOUNT_ID
 * column), read from the database's own catalogue (JDBC metadata), so a table added later is covered without a change
 * here. Tables whose personal columns {@link PersonalDataEraser} handles by name are left out.
 */
record LinkedTexts(String table, String keyColumn, List<String> textColumns) {
    private static final Set<String> HANDLED_BY_NAME = Set.of("CUSTOMER", "ACCOUNT", "AUDIT_EVENT", "PERSONAL_DATA_ERASURE", "FLYWAY_SCHEMA_HISTORY");
    private static final Set<Integer> TEXT_TYPES = Set.of(Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB);

    /** Every linked table of the connection's current schema, with its text columns (tables without any are left out). */
    static List<LinkedTexts> read(DSLContext dsl) {
        return dsl.connectionResult(c -> {
            Map<String, List<String>> texts = new LinkedHashMap<>();
            Map<String, String> keys = new LinkedHashMap<>();
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet columns = meta.getColumns(c.getCatalog(), c.getSchema(), "%", "%")) {
                while (columns.next()) {
                    String table = columns.getString("TABLE_NAME");
                    String column = columns.getString("COLUMN_NAME").toUpperCase(Locale.ROOT);
                    if (HANDLED_BY_NAME.contains(table.toUpperCase(Locale.ROOT))) {
                        continue;
                    }
                    if (column.equals("CUSTOMER_ID") || column.equals("ACCOUNT_ID")) {
                        String exact = columns.getString("COLUMN_NAME");
                        keys.merge(table, exact, (a, b) -> a.equalsIgnoreCase("ACCOUNT_ID") ? a : b);
                    } else if (TEXT_TYPES.contains(columns.getInt("DATA_TYPE"))) {
                        texts.computeIfAbsent(table, t -> new ArrayList<>()).add(columns.getString("COLUMN_NAME"));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read the database's catalogue: " + e.getMessage(), e);
            }
            List<LinkedTexts> linked = new ArrayList<>();
            keys.forEach((table, key) -> {
                List<String> columns = texts.get(table);
                if (columns != null) {
                    linked.add(new LinkedTexts(table, key, List.copyOf(columns)));
                }
            });
            return linked;
        });
    }
}
