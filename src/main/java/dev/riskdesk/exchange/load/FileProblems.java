package dev.riskdesk.exchange.load;

import java.util.function.Consumer;

/**
 * The problems of one file on their way to the load's sink: located in the file, values cut to
 * 80 characters, counted, and capped at {@link #MAX_PROBLEMS} (the next one becomes a final problem
 * saying reading stopped). Records which lines (or the whole file) are rejected as it goes.
 */
final class FileProblems {
    static final int MAX_PROBLEMS = 100_000;
    static final int VALUE_CHARS = 80;

    private final String file;
    private final Consumer<LoadProblem> sink;
    private final RejectedLines rejected = new RejectedLines();
    private long count;
    private boolean stopped;

    FileProblems(String file, Consumer<LoadProblem> sink) {
        this.file = file;
        this.sink = sink;
    }

    String file() {
        return file;
    }

    /** A problem of the record starting on {@code line}, which is rejected. */
    void row(long line, String column, String value, LoadProblem.Text message) {
        if (emit(line, column, value, message)) {
            rejected.add(line);
        }
    }

    /** A problem of the whole file (line 0) or of its header: nothing of the file loads. */
    void file(long line, String column, String value, LoadProblem.Text message) {
        emit(line, column, value, message);
        rejected.rejectAll();
    }

    /** True once the cap was reached: the reader stops. */
    boolean stopped() {
        return stopped;
    }

    long count() {
        return count;
    }

    RejectedLines rejected() {
        return rejected;
    }

    private boolean emit(long line, String column, String value, LoadProblem.Text message) {
        if (stopped) {
            return false;
        }
        if (count == MAX_PROBLEMS) {
            stopped = true;
            rejected.rejectAll();
            count++;
            sink.accept(new LoadProblem(file, line, "", "",
                    LoadProblem.Text.of("data.problem.tooMany", String.format("%,d", MAX_PROBLEMS))));
            return false;
        }
        count++;
        sink.accept(new LoadProblem(file, line, column == null ? "" : column, cut(value), message));
        return true;
    }

    static String cut(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= VALUE_CHARS ? value : value.substring(0, VALUE_CHARS);
    }
}
