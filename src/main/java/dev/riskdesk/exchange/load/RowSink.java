package dev.riskdesk.exchange.load;

/**
 * Where {@link BookFileReader} hands each record of a file: a row whose every field is valid, or
 * the line of a record that was rejected (its problems already went to the problem sink). An
 * exception thrown here (a cancel, say) ends the read and reaches the caller.
 */
public interface RowSink {

    void row(BookRow row);

    /**
     * A rejected record: its line and its trimmed cells in the kind's column order (empty for a
     * column the file lacks), or null when the record could not be split into the file's columns.
     */
    default void rejected(long line, String[] cells) {
    }
}
