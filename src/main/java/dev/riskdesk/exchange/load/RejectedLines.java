package dev.riskdesk.exchange.load;

import java.util.Arrays;

/**
 * The lines of one file that cannot be loaded, for {@code --accept-partial}: a sorted set of
 * physical line numbers (the line each rejected record starts on), or the whole file when a
 * file-level problem (unreadable, encoding, header, too many problems) stopped its reading. Lines
 * are added in file order, so it is a growing sorted array (8 bytes a rejected line).
 */
public final class RejectedLines {
    private long[] lines = new long[16];
    private int size;
    private boolean all;

    /** True when no row of the file may be loaded. */
    public boolean all() {
        return all;
    }

    /** True when the record starting on {@code line} is rejected (always, when {@link #all()}). */
    public boolean contains(long line) {
        return all || Arrays.binarySearch(lines, 0, size, line) >= 0;
    }

    /** How many distinct lines were rejected one by one (not counting a whole-file rejection). */
    public long count() {
        return size;
    }

    /** True when nothing of the file is rejected. */
    public boolean none() {
        return !all && size == 0;
    }

    void add(long line) {
        if (size > 0 && lines[size - 1] >= line) {
            if (lines[size - 1] == line || Arrays.binarySearch(lines, 0, size, line) >= 0) {
                return;
            }
            throw new IllegalStateException("rejected lines must come in file order: " + line + " after " + lines[size - 1]);
        }
        if (size == lines.length) {
            lines = Arrays.copyOf(lines, size * 2);
        }
        lines[size++] = line;
    }

    void rejectAll() {
        all = true;
    }
}
