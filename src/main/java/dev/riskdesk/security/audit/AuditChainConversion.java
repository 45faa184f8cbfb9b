package dev.riskdesk.security.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Converts a chain of format RDA1 (the texts hashed) to RDA2 (their digests hashed, see {@link AuditHash}), once,
 * inside the migration V10_51's transaction: in id order every chained event gets its hash recomputed in the new
 * format over the new hash of the event before it, and the head moves to the new hash of its event.
 *
 * <p>A conversion must not launder a chain that was already broken. An event is recomputed only where the old
 * chain vouched for it: its content gives its old hash in format RDA1, and its previous hash is the old hash of the
 * chained event before it; otherwise it keeps the old value (its hash, or its previous hash), which the new format
 * never produces, so the verifier names the same event as before the conversion. Likewise the head moves only when
 * it was the old hash of its event. Events outside the chain (no sequence) are left as they are.
 * Plain JDBC and portable SQL, read in pages and written in batches, like {@link AuditChainBackfill}.
 */
public final class AuditChainConversion {
    static final int PAGE = 1_000;

    private AuditChainConversion() {
    }

    /** Returns how many events were converted (recomputed in the new format). */
    public static long run(Connection connection) throws SQLException {
        AuditHash oldFormat = AuditHash.legacy();
        AuditHash newFormat = new AuditHash();
        long headSeq;
        String headHash;
        try (PreparedStatement read = connection.prepareStatement("SELECT LAST_SEQ, LAST_HASH FROM AUDIT_CHAIN_HEAD WHERE ID = 1");
             ResultSet head = read.executeQuery()) {
            if (!head.next()) {
                return 0;
            }
            headSeq = head.getLong(1);
            headHash = head.getString(2);
        }
        String newHead = null;
        long converted = 0;
        String previousOld = AuditHash.GENESIS;
        String previousNew = AuditHash.GENESIS;
        long after = Long.MIN_VALUE;
        try (PreparedStatement read = connection.prepareStatement("SELECT ID, OCCURRED_AT, OPERATOR_ID, OPERATOR_NAME, ACTION, ENTITY_TYPE,"
                + " ENTITY_ID, REASON, DETAILS, CHAIN_SEQ, PREV_HASH, HASH FROM AUDIT_EVENT WHERE ID > ? AND CHAIN_SEQ IS NOT NULL"
                + " ORDER BY ID LIMIT " + PAGE);
             PreparedStatement write = connection.prepareStatement("UPDATE AUDIT_EVENT SET PREV_HASH = ?, HASH = ? WHERE ID = ?")) {
            int count;
            do {
                read.setLong(1, after);
                count = 0;
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        count++;
                        after = rows.getLong(1);
                        AuditHash.Content content = AuditHash.Content.read(rows);
                        long seq = rows.getLong(10);
                        String oldPrev = rows.getString(11);
                        String oldHash = rows.getString(12);
                        String prev = previousOld.equals(oldPrev) ? previousNew : oldPrev;
                        boolean vouched = oldHash != null && oldPrev != null && oldFormat.of(seq, content, oldPrev).equals(oldHash);
                        String hash = vouched ? newFormat.of(seq, content, prev) : oldHash;
                        if (vouched) {
                            converted++;
                        }
                        if (seq == headSeq && headHash.equals(oldHash)) {
                            newHead = hash;
                        }
                        write.setString(1, prev);
                        write.setString(2, hash);
                        write.setLong(3, after);
                        write.addBatch();
                        previousOld = oldHash == null ? "" : oldHash;
                        previousNew = hash == null ? "" : hash;
                    }
                }
                write.executeBatch();
            } while (count == PAGE);
        }
        if (newHead != null) {
            try (PreparedStatement head = connection.prepareStatement("UPDATE AUDIT_CHAIN_HEAD SET LAST_HASH = ? WHERE ID = 1")) {
                head.setString(1, newHead);
                head.executeUpdate();
            }
        }
        return converted;
    }
}
