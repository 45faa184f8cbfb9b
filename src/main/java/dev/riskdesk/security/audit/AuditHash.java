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
 * canonical content: the bytes {@code RDA1} (format 1), then these fields in this order, each as a 4-byte
 * big-endian length and that many bytes of UTF-8, a missing value (SQL NULL) as length -1 and no bytes:
 * chain sequence (decimal), time ({@code uuuu-MM-dd'T'HH:mm:ss.SSSSSS}), operator id (decimal), operator
 * name, action, entity type, entity id, reason, details, and the previous event's hash (hex). The length
 * prefixes make the encoding unambiguous: no two different events give the same bytes.
 * One instance per thread (it keeps its digest).
 */
public final class AuditHash {
    /** The "previous hash" of the first event. */
    public static final String GENESIS = "0".repeat(64);
    private static final byte[] FORMAT = "RDA1".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest digest;
    private final ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);

    public AuditHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** What of an event the hash covers besides its place in the chain. */
    public record Content(LocalDateTime occurredAt, Long operatorId, String operatorName, String action, String entityType,
                          String entityId, String reason, String details) {
    }

    /** An event time as stored: TIMESTAMP keeps microseconds (H2 and PostgreSQL), so the hashed time is the stored one. */
    public static LocalDateTime storedTime(LocalDateTime time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    public String of(long chainSeq, Content content, String prevHash) {
        digest.reset();
        digest.update(FORMAT);
        field(Long.toString(chainSeq));
        field(content.occurredAt() == null ? null : TIME.format(content.occurredAt()));
        field(content.operatorId() == null ? null : content.operatorId().toString());
        field(content.operatorName());
        field(content.action());
        field(content.entityType());
        field(content.entityId());
        field(content.reason());
        field(content.details());
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
