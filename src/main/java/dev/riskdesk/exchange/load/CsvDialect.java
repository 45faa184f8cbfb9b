package dev.riskdesk.exchange.load;

import java.nio.charset.Charset;

/**
 * How one book file is written: its character set (UTF-8, with or without a byte-order mark, or
 * GB18030, which covers GBK), its delimiter ({@code ,} {@code ;} or tab, taken from the header
 * line) and its line ending (CRLF, LF, CR; empty when the file has a single line).
 */
public record CsvDialect(Charset charset, boolean bom, char delimiter, String lineEnding) {

    /** The encoding as recorded with the load (DATA_LOAD_FILE.ENCODING): {@code UTF-8}, {@code UTF-8 BOM}, {@code GB18030}. */
    public String encodingLabel() {
        return charset.name() + (bom ? " BOM" : "");
    }

    /** The delimiter as a word for messages and the load history: {@code comma}, {@code semicolon}, {@code tab}. */
    public String delimiterName() {
        return switch (delimiter) {
            case ',' -> "comma";
            case ';' -> "semicolon";
            case '\t' -> "tab";
            default -> String.valueOf(delimiter);
        };
    }
}
