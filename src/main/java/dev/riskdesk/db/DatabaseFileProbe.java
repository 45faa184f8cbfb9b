package dev.riskdesk.db;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * A read-only look at an existing database file before it is opened for writing: a file another
 * program made, or one a newer RiskDesk migrated, is refused without a byte written and without
 * a trace file appearing beside it (opening it read-write would rewrite its chunks).
 */
final class DatabaseFileProbe {
    private DatabaseFileProbe() {
    }

    static void requireRiskDeskFile(DatabaseLocation location) {
        if (!Files.exists(location.dataFile())) {
            return;
        }
        String url = H2Credentials.fileUrl(location.file(), location) + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE;TRACE_LEVEL_FILE=0";
        // the probe's connection stays open while Flyway looks, so Flyway's own connection shares this process's open
        // instead of racing other processes for the file
        try (H2Credentials.Accepted accepted = H2Credentials.connect(url, location)) {
            if (hasOnlyForeignTables(accepted.connection())) {
                throw Database.foreignTables(location, null);
            }
            Database.checkNotNewer(Flyway.configure().dataSource(url, H2Credentials.USER, accepted.password()).locations(Database.MIGRATIONS).load(),
                    location);
        } catch (SQLException e) {
            // in use, or being opened or closed by another process: the normal open reaches it (through its
            // server) and retries while it is busy
            if (!Database.busy(e)) {
                throw Database.openFailure(location, e);
            }
        }
    }

    /** Tables in PUBLIC but no Flyway history: another program's database. */
    private static boolean hasOnlyForeignTables(Connection connection) throws SQLException {
        boolean tables = false;
        try (ResultSet rs = connection.createStatement().executeQuery(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            while (rs.next()) {
                if ("flyway_schema_history".equals(rs.getString(1))) {
                    return false;
                }
                tables = true;
            }
        }
        return tables;
    }
}
