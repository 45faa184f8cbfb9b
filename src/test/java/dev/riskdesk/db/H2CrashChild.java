package dev.riskdesk.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The child processes of {@link H2CrashTest}, against H2 alone: {@code write URL} commits
 * batches of 200 ITEM rows, each with its LEDGER row advanced in the same transaction, and prints
 * a line after every commit until it is killed; {@code check FILE raw|recover} opens the file (after
 * {@link CrashRecovery} when asked), prints the items, the ledger's count and whether a write over
 * every row ended, and exits.
 */
final class H2CrashChild {
    static final int BATCH = 1000;

    private H2CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        if ("write".equals(args[0])) {
            write(args[1]);
        } else {
            check(Path.of(args[1]), "recover".equals(args[2]));
        }
    }

    private static void write(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS ITEM(ID BIGINT PRIMARY KEY, BATCH BIGINT, PAYLOAD VARCHAR(200))");
            s.execute("CREATE TABLE IF NOT EXISTS LEDGER(ID INT PRIMARY KEY, LAST_BATCH BIGINT, DONE BIGINT)");
            s.execute("MERGE INTO LEDGER KEY(ID) VALUES (1, 0, 0)");
            c.setAutoCommit(false);
            long batch;
            try (ResultSet r = s.executeQuery("SELECT LAST_BATCH FROM LEDGER")) {
                r.next();
                batch = r.getLong(1);
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO ITEM VALUES (?, ?, ?)");
                    PreparedStatement advance = c.prepareStatement("UPDATE LEDGER SET LAST_BATCH = ?, DONE = DONE + ? WHERE ID = 1")) {
                while (true) {
                    batch++;
                    for (int i = 0; i < BATCH; i++) {
                        insert.setLong(1, batch * BATCH + i);
                        insert.setLong(2, batch);
                        insert.setString(3, "row " + i + " of batch " + batch + " ".repeat(120));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    advance.setLong(1, batch);
                    advance.setLong(2, BATCH);
                    advance.executeUpdate();
                    c.commit();
                    System.out.println("committed " + batch);
                    System.out.flush();
                }
            }
        }
    }

    private static void check(Path file, boolean recover) throws SQLException {
        if (recover) {
            CrashRecovery.recoverIfUnclean(DatabaseLocation.ofPath(file));
        }
        // a file recovery rewrote has the key file's secret; one it left alone still has the writer's empty password
        try (Connection c = H2Credentials.connect("jdbc:h2:file:" + file + ";LOCK_TIMEOUT=2000", DatabaseLocation.ofPath(file)).connection();
                Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'LEDGER'")) {
                r.next();
                if (r.getLong(1) == 0) {
                    System.out.println("items=0 done=0 write=ended"); // killed before the first store reached the disk
                    return;
                }
            }
            long items;
            long done;
            try (ResultSet r = s.executeQuery("SELECT (SELECT COUNT(*) FROM ITEM), (SELECT DONE FROM LEDGER)")) {
                r.next();
                items = r.getLong(1);
                done = r.getLong(2);
            }
            String write;
            try {
                s.executeUpdate("UPDATE ITEM SET PAYLOAD = 'touched'");
                write = "ended";
            } catch (SQLException e) {
                write = "refused: " + Database.rootMessage(e);
            }
            System.out.println("items=" + items + " done=" + done + " write=" + write);
        }
    }
}
