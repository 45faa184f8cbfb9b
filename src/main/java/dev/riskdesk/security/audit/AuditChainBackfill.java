package dev.riskdesk.security.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Chains the audit events a database held before the chain existed, once, when the schema is migrated
 * (Flyway's Java migration V9_1_1 calls it inside the migration's transaction): in id order they get the
 * sequence 1, 2, 3, ..., the previous hash and their own, and the head moves to the last. Plain JDBC and
 * portable SQL, read in pages of {@value #PAGE} events and written in JDBC batches, so a long log needs
 * constant memory.
 */
public final class AuditChainBackfill {
    static final int PAGE = 1_000;

    private AuditChainBackfill() {
    }

    /** Returns how many events were chained. */
    public static long run(Connection connection) throws SQLException {
        AuditHash hash = AuditHash.legacy(); // the format of V9_1; V10_51 converts the chain to the current one
        long seq = 0;
        String prev = AuditHash.GENESIS;
        long after = Long.MIN_VALUE;
        try (PreparedStatement read = connection.prepareStatement("SELECT ID, OCCURRED_AT, OPERATOR_ID, OPERATOR_NAME, ACTION, ENTITY_TYPE,"
                + " ENTITY_ID, REASON, DETAILS FROM AUDIT_EVENT WHERE ID > ? ORDER BY ID LIMIT " + PAGE);
             PreparedStatement write = connection.prepareStatement("UPDATE AUDIT_EVENT SET CHAIN_SEQ = ?, PREV_HASH = ?, HASH = ? WHERE ID = ?")) {
            int count;
            do {
                read.setLong(1, after);
                count = 0;
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        count++;
                        after = rows.getLong(1);
                        AuditHash.Content content = AuditHash.Content.read(rows);
                        String next = hash.of(++seq, content, prev);
                        write.setLong(1, seq);
                        write.setString(2, prev);
                        write.setString(3, next);
                        write.setLong(4, after);
                        write.addBatch();
                        prev = next;
                    }
                }
                write.executeBatch();
            } while (count == PAGE);
        }
        try (PreparedStatement head = connection.prepareStatement("UPDATE AUDIT_CHAIN_HEAD SET LAST_SEQ = ?, LAST_HASH = ? WHERE ID = 1")) {
            head.setLong(1, seq);
            head.setString(2, prev);
            head.executeUpdate();
        }
        return seq;
    }
}
