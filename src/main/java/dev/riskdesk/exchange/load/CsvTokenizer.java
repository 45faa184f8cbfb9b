package dev.riskdesk.exchange.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Splits a decoded CSV stream into records, counting physical lines: a record reports the line it
 * starts on, whatever quoted line breaks or blank lines came before. Quotes follow RFC 4180 (a
 * quoted field may hold delimiters, line breaks and doubled quotes). Memory is bounded whatever the
 * input: a record past {@link #MAX_RECORD_CHARS} characters is scanned to its end without being
 * kept, and a field keeps at most {@link #MAX_FIELD_CHARS} characters.
 */
final class CsvTokenizer {
    static final int MAX_RECORD_CHARS = 64 * 1024;
    static final int MAX_FIELD_CHARS = 4 * 1024;
    static final int HEAD_CHARS = 80;
    private static final int EOF = -1;
    private static final int MALFORMED = -2;

    /** One record as read; reused from record to record. */
    static final class Record {
        long line;
        int fieldCount;
        String[] fields;
        boolean quoted;
        boolean tooLong;
        int longField;
        int unclosedField;
        int strayField;
        final StringBuilder head = new StringBuilder(HEAD_CHARS);

        Record(int capacity) {
            fields = new String[capacity];
        }

        void reset(long startLine) {
            line = startLine;
            fieldCount = 0;
            quoted = false;
            tooLong = false;
            longField = -1;
            unclosedField = -1;
            strayField = -1;
            head.setLength(0);
        }

        /** A line holding nothing but spaces: skipped, but counted. */
        boolean blank() {
            return fieldCount == 1 && !quoted && !tooLong && fields.length > 0 && fields[0].isBlank();
        }

        String field(int i) {
            return i < fields.length ? fields[i] : null;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
    private final CharBuffer chars = CharBuffer.allocate(16 * 1024);
    private boolean inputDone;
    private boolean decoderFlushed;
    private boolean started;
    private boolean bom;
    private CharSequence replay;
    private int replayAt;
    private int peeked = Integer.MIN_VALUE;
    private long line = 1;
    private long malformedLine = -1;
    private String lineEnding = "";
    private char delimiter = ',';
    private final StringBuilder field = new StringBuilder();
    private int recordChars;

    CsvTokenizer(InputStream in, Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        chars.limit(0);
    }

    boolean bom() {
        return bom;
    }

    String lineEnding() {
        return lineEnding;
    }

    char delimiter() {
        return delimiter;
    }

    String charsetName() {
        return decoder.charset().name();
    }

    /** The line where the bytes stopped decoding in the charset, -1 while they decode. */
    long malformedLine() {
        return malformedLine;
    }

    /**
     * Takes the delimiter from the first line that is not blank: the most frequent of {@code ,}
     * {@code ;} and tab outside quotes (a comma when there is none). The characters read are read
     * again as records.
     */
    char detectDelimiter() throws IOException {
        StringBuilder seen = new StringBuilder();
        int comma = 0;
        int semicolon = 0;
        int tab = 0;
        boolean quoted = false;
        boolean content = false;
        while (seen.length() <= MAX_RECORD_CHARS) {
            int c = rawChar();
            if (c < 0) {
                break;
            }
            seen.append((char) c);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (content) {
                    break;
                }
            } else if (!quoted) {
                content |= !Character.isWhitespace(c);
                comma += c == ',' ? 1 : 0;
                semicolon += c == ';' ? 1 : 0;
                tab += c == '\t' ? 1 : 0;
            }
        }
        replay = seen;
        replayAt = 0;
        delimiter = tab > comma && tab > semicolon ? '\t' : semicolon > comma ? ';' : ',';
        return delimiter;
    }

    /**
     * Reads the next record into {@code r}; false at the end of the input, or where the bytes stop
     * decoding (see {@link #malformedLine()}), the record in progress then dropped.
     */
    boolean next(Record r) throws IOException {
        r.reset(line);
        field.setLength(0);
        recordChars = 0;
        int state = 0; // 0 field start, 1 unquoted, 2 quoted, 3 quote inside quoted
        while (true) {
            int c = read();
            if (c == MALFORMED) {
                return false;
            }
            if (c == EOF) {
                if (state == 0 && r.fieldCount == 0 && recordChars == 0) {
                    return false;
                }
                if (state == 2) {
                    r.unclosedField = r.fieldCount;
                }
                endField(r);
                return true;
            }
            count(r, c);
            boolean lineBreak = c == '\n' || c == '\r';
            if (state == 2) {
                if (c == '"') {
                    state = 3;
                } else {
                    if (lineBreak) {
                        endLine(c);
                    }
                    append(r, lineBreak ? '\n' : c);
                }
            } else if (c == '"' && state != 1) {
                // opens a quoted field, or (after a closing quote) is a doubled quote inside it
                r.quoted = true;
                if (state == 3) {
                    append(r, '"');
                }
                state = 2;
            } else if (c == delimiter) {
                endField(r);
                state = 0;
            } else if (lineBreak) {
                endLine(c);
                endField(r);
                return true;
            } else {
                if (state == 3 && r.strayField < 0) {
                    r.strayField = r.fieldCount;
                }
                append(r, c);
                state = 1;
            }
        }
    }

    /** Reads the rest of the input without keeping it (so a digest under it sees every byte). */
    void drain() throws IOException {
        byte[] skip = new byte[64 * 1024];
        while (in.read(skip) >= 0) {
            // nothing to keep
        }
    }

    private void count(Record r, int c) {
        if (++recordChars > MAX_RECORD_CHARS && !r.tooLong) {
            r.tooLong = true;
            java.util.Arrays.fill(r.fields, null);
            field.setLength(0);
            field.trimToSize();
        }
        if (r.head.length() < HEAD_CHARS && c != '\n' && c != '\r') {
            r.head.append((char) c);
        }
    }

    private void append(Record r, int c) {
        if (r.tooLong) {
            return;
        }
        if (field.length() >= MAX_FIELD_CHARS) {
            if (r.longField < 0) {
                r.longField = r.fieldCount;
            }
            return;
        }
        field.append((char) c);
    }

    private void endField(Record r) {
        if (!r.tooLong && r.fieldCount < r.fields.length) {
            r.fields[r.fieldCount] = field.toString();
        }
        r.fieldCount++;
        field.setLength(0);
    }

    /** A line break ends a physical line: CRLF counts once, a lone CR like LF. */
    private void endLine(int c) throws IOException {
        String ending = "\n";
        if (c == '\r') {
            int next = peek();
            if (next == '\n') {
                peeked = Integer.MIN_VALUE;
                ending = "\r\n";
            } else {
                ending = "\r";
            }
        }
        if (lineEnding.isEmpty()) {
            lineEnding = ending.equals("\r\n") ? "CRLF" : ending.equals("\n") ? "LF" : "CR";
        }
        line++;
    }

    private int peek() throws IOException {
        if (peeked == Integer.MIN_VALUE) {
            peeked = rawOrReplay();
        }
        return peeked;
    }

    private int read() throws IOException {
        if (peeked != Integer.MIN_VALUE) {
            int c = peeked;
            peeked = Integer.MIN_VALUE;
            return c;
        }
        return rawOrReplay();
    }

    private int rawOrReplay() throws IOException {
        if (replay != null) {
            if (replayAt < replay.length()) {
                return replay.charAt(replayAt++);
            }
            replay = null;
        }
        return rawChar();
    }

    /** The next decoded character, skipping a leading byte-order mark; EOF or MALFORMED. */
    private int rawChar() throws IOException {
        if (malformedLine >= 0) {
            return MALFORMED;
        }
        if (!chars.hasRemaining() && !fill()) {
            return malformedLine >= 0 ? MALFORMED : EOF;
        }
        char c = chars.get();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                bom = true;
                return rawChar();
            }
        }
        return c;
    }

    private boolean fill() throws IOException {
        if (decoderFlushed) {
            return false;
        }
        chars.clear();
        try {
            while (chars.position() == 0) {
                if (!inputDone) {
                    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (n < 0) {
                        inputDone = true;
                    } else {
                        bytes.position(bytes.position() + n);
                    }
                }
                bytes.flip();
                CoderResult result = decoder.decode(bytes, chars, inputDone);
                bytes.compact();
                if (result.isError()) {
                    if (chars.position() == 0) {
                        malformedLine = line;
                        return false;
                    }
                    // deliver what decoded first; the error comes back on the next fill
                    break;
                }
                if (inputDone && chars.position() == 0) {
                    if (!decoderFlushed) {
                        decoderFlushed = true;
                        if (decoder.flush(chars).isError()) {
                            malformedLine = line;
                            return false;
                        }
                        if (chars.position() > 0) {
                            break;
                        }
                    }
                    return false;
                }
            }
            return true;
        } finally {
            chars.flip();
        }
    }
}
