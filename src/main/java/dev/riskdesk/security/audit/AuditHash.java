package dev.riskdesk.security.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The SHA-256 of one audit event in the chain, as 64 lower-case hex digits. The digest runs over the
 * canonical content: a 4-byte format mark, then these fields in this order, each as a 4-byte big-endian
 * length and that many bytes of UTF-8, a missing value (SQL NULL) as length -1 and no bytes: chain sequence
 * (decimal), time ({@code uuuu-MM-dd'T'HH:mm:ss.SSSSSS}), operator id (decimal), operator name, action,
 * entity type, entity id, reason, details, and the previous event's hash (hex). The length prefixes make
 * the encoding unambiguous: no two different events give the same bytes.
 *
 * <p>Format {@code RDA2} (the chain's format since V10_51) hashes the reason and the details as their own
 * SHA-256 ({@link #digest}, hex; NULL stays NULL) instead of their text, so personal values in them can be
 * erased after the retention period ({@code dev.riskdesk.privacy}) while the event keeps the two digests and
 * its place in the chain: the chain still verifies, and only the erased texts can no longer be checked.
 * Format {@code RDA1} hashed the texts themselves; it is kept for the migrations that chain and convert the
 * events of older databases ({@link #legacy}).
 * One instance per thread (it keeps its digest).
 */
public final class AuditHash {
    /** The "previous hash" of the first event. */
    public static final String GENESIS = "0".repeat(64);
    private static final byte[] FORMAT_1 = "RDA1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FORMAT_2 = "RDA2".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest digest;
    private final MessageDigest fieldDigest;
    private final ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
    private final boolean legacy;

    /** The chain's current format, {@code RDA2}. */
    public AuditHash() {
        this(false);
    }

    private AuditHash(boolean legacy) {
        this.legacy = legacy;
        this.digest = sha256();
        this.fieldDigest = sha256();
    }

    /** Format {@code RDA1}, for the migrations of databases whose events were chained before V10_51. */
    public static AuditHash legacy() {
        return new AuditHash(true);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** What of an event the hash covers besides its place in the chain. */
    public record Content(LocalDateTime occurredAt, Long operatorId, String operatorName, String action, String entityType,
                          String entityId, String reason, String details) {
        /**
         * The content of the row a migration's JDBC walk is on, read from columns 2 to 9 in the order
         * OCCURRED_AT, OPERATOR_ID, OPERATOR_NAME, ACTION, ENTITY_TYPE, ENTITY_ID, REASON, DETAILS (column 1 is the ID).
         */
        static Content read(java.sql.ResultSet rows) throws java.sql.SQLException {
            long operatorId = rows.getLong(3);
            Long operator = rows.wasNull() ? null : operatorId;
            return new Content(rows.getObject(2, LocalDateTime.class), operator, rows.getString(4), rows.getString(5), rows.getString(6),
                    rows.getString(7), rows.getString(8), rows.getString(9));
        }
    }

    /** An event time as stored: TIMESTAMP keeps microseconds (H2 and PostgreSQL), so the hashed time is the stored one. */
    public static LocalDateTime storedTime(LocalDateTime time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    /** The SHA-256 of a reason or details text as 64 hex digits; null for null. */
    public String digest(String text) {
        if (text == null) {
            return null;
        }
        fieldDigest.reset();
        return HEX.formatHex(fieldDigest.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The hash of an event from its full content. */
    public String of(long chainSeq, Content content, String prevHash) {
        return legacy ? hash(chainSeq, content, content.reason(), content.details(), prevHash)
                : hash(chainSeq, content, digest(content.reason()), digest(content.details()), prevHash);
    }

    /**
     * The hash of an event whose reason and details are known only by their digests (they were erased); the
     * reason and details of {@code content} are not read. Format {@code RDA2} only.
     */
    public String ofDigests(long chainSeq, Content content, String reasonDigest, String detailsDigest, String prevHash) {
        if (legacy) {
            throw new IllegalStateException("format RDA1 hashes the texts themselves");
        }
        return hash(chainSeq, content, reasonDigest, detailsDigest, prevHash);
    }

    private String hash(long chainSeq, Content content, String reason, String details, String prevHash) {
        digest.reset();
        digest.update(legacy ? FORMAT_1 : FORMAT_2);
        field(Long.toString(chainSeq));
        field(content.occurredAt() == null ? null : TIME.format(content.occurredAt()));
        field(content.operatorId() == null ? null : content.operatorId().toString());
        field(content.operatorName());
        field(content.action());
        field(content.entityType());
        field(content.entityId());
        field(reason);
        field(details);
        field(prevHash);
        return HEX.formatHex(digest.digest());
    }

    private void field(String value) {
        byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        length.clear();
        length.putInt(bytes == null ? -1 : bytes.length);
        digest.update(length.array());
        if (bytes != null) {
            digest.update(bytes);
        }
    }
}
