package dev.riskdesk.exchange.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Finds a book file's character set from its bytes, reading the whole file once (and computing its
 * SHA-256 on the way): valid UTF-8 (with or without a byte-order mark) is UTF-8; otherwise GB18030
 * if the whole file decodes cleanly in it (a second read, only for such files); otherwise the file
 * is neither. A NUL byte is never text (a UTF-16 file or binary data), in either.
 */
final class EncodingSniffer {
    static final Charset GB18030 = Charset.forName("GB18030");
    private static final int CHUNK = 64 * 1024;

    /** The outcome: a charset and whether a BOM leads the file, or (charset null) where it failed. */
    record Sniffed(Charset charset, boolean bom, String sha256, long failLine, String failDetail) {
        boolean ok() {
            return charset != null;
        }
    }

    private EncodingSniffer() {
    }

    static Sniffed sniff(Path file) throws IOException {
        MessageDigest sha = sha256();
        Utf8Check utf8 = new Utf8Check();
        byte[] buf = new byte[CHUNK];
        boolean first = true;
        boolean bom = false;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                sha.update(buf, 0, n);
                int from = 0;
                if (first && n >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
                    bom = true;
                    from = 3;
                }
                first = false;
                utf8.feed(buf, from, n);
            }
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        utf8.end();
        if (utf8.failLine < 0) {
            return new Sniffed(StandardCharsets.UTF_8, bom, digest, 0, null);
        }
        long gbFail = gb18030FailLine(file);
        if (gbFail < 0) {
            return new Sniffed(GB18030, false, digest, 0, null);
        }
        return new Sniffed(null, false, digest, Math.max(utf8.failLine, gbFail),
                "UTF-8 fails on line " + utf8.failLine + ", GB18030 on line " + gbFail);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The line where GB18030 decoding fails (or a NUL appears), -1 when the whole file decodes. */
    private static long gb18030FailLine(Path file) throws IOException {
        CharsetDecoder decoder = GB18030.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(CHUNK);
        CharBuffer out = CharBuffer.allocate(CHUNK);
        long line = 1;
        try (InputStream stream = Files.newInputStream(file)) {
            boolean eof = false;
            while (true) {
                int n = stream.read(in.array(), in.position(), in.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    in.position(in.position() + n);
                }
                in.flip();
                CoderResult r;
                do {
                    r = decoder.decode(in, out, eof);
                    long at = lineAfter(out, line);
                    if (at < 0) {
                        return -at;
                    }
                    line = at;
                    if (r.isError()) {
                        return line;
                    }
                } while (r.isOverflow());
                in.compact();
                if (eof) {
                    return decoder.flush(out).isError() ? line : -1;
                }
            }
        }
    }

    /** Counts the decoded newlines onto {@code line} and empties {@code out}; minus the line of a decoded NUL. */
    private static long lineAfter(CharBuffer out, long line) {
        out.flip();
        for (int i = 0; i < out.limit(); i++) {
            char c = out.get(i);
            if (c == 0) {
                return -line;
            }
            if (c == '\n') {
                line++;
            }
        }
        out.clear();
        return line;
    }

    /** A streaming UTF-8 validator (RFC 3629: no overlongs, no surrogates, at most U+10FFFF) that also refuses NUL. */
    static final class Utf8Check {
        long line = 1;
        long failLine = -1;
        private int need;      // continuation bytes still expected
        private int lower = 0x80;
        private int upper = 0xBF;

        void feed(byte[] b, int from, int to) {
            if (failLine >= 0) {
                return;
            }
            for (int i = from; i < to; i++) {
                int c = b[i] & 0xFF;
                if (need == 0) {
                    if (c < 0x80) {
                        if (c == 0) {
                            failLine = line;
                            return;
                        }
                        if (c == '\n') {
                            line++;
                        }
                        continue;
                    }
                    if (!lead(c)) {
                        failLine = line;
                        return;
                    }
                } else {
                    if (c < lower || c > upper) {
                        failLine = line;
                        return;
                    }
                    lower = 0x80;
                    upper = 0xBF;
                    need--;
                }
            }
        }

        void end() {
            if (failLine < 0 && need > 0) {
                failLine = line;
            }
        }

        private boolean lead(int c) {
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                lower = c == 0xE0 ? 0xA0 : 0x80;
                upper = c == 0xED ? 0x9F : 0xBF;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                lower = c == 0xF0 ? 0x90 : 0x80;
                upper = c == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false;
            }
            return true;
        }
    }
}
