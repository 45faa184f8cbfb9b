package dev.riskdesk.exchange.load;

import dev.riskdesk.common.Messages;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One reason a row (or a whole file) cannot be loaded, located: the file's name, its line (1 is
 * the header; 0 for the file as a whole), the column (empty for a whole line or file), the value as
 * read (cut to 80 characters) and one English sentence saying what was expected. The sentence is
 * the English text of the bundle {@code key} with {@code args}, so screens show it in the
 * operator's language; the CLI, the reject file and the log keep the English {@code message}.
 * A problem made from a bare sentence has no key (null) and no arguments. Equality is that of the
 * located English sentence: the key and arguments only say how to word the same problem in another
 * language, so a problem compares equal to one written out in English (as tests do).
 */
public record LoadProblem(String file, long line, String column, String value, String message, String key, List<String> args) {

    public LoadProblem {
        args = List.copyOf(args);
    }

    public LoadProblem(String file, long line, String column, String value, String message) {
        this(file, line, column, value, message, null, List.of());
    }

    LoadProblem(String file, long line, String column, String value, Text text) {
        this(file, line, column, value, text.english(), text.key(), text.args());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LoadProblem p && line == p.line && Objects.equals(file, p.file) && Objects.equals(column, p.column)
                && Objects.equals(value, p.value) && Objects.equals(message, p.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, line, column, value, message);
    }

    /** What was expected, as a bundle key ({@code data.problem.*}) with its arguments as text. */
    record Text(String key, List<String> args) {
        private static final Messages ENGLISH = new Messages(Messages.ENGLISH);

        static Text of(String key, Object... args) {
            return new Text(key, Arrays.stream(args).map(String::valueOf).toList());
        }

        String english() {
            return ENGLISH.format(key, args.toArray());
        }
    }
}
