package dev.riskdesk.common;

/**
 * A failure an operator can act on. Its message is one complete English sentence (the CLI and
 * the log use it); when it also carries a bundle key, the console shows the sentence from the
 * {@code i18n.messages} bundle in the operator's language instead ({@code error.<key>}, with
 * the arguments in {@link #arguments()}). The cause, if any, goes to the log file only.
 */
public class UserFacingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String messageKey;
    private final transient Object[] arguments;

    public UserFacingException(String message) {
        this(message, (Throwable) null);
    }

    public UserFacingException(String message, Throwable cause) {
        super(message, cause);
        this.messageKey = null;
        this.arguments = new Object[0];
    }

    /** For subclasses that carry more than a sentence (a refused field, say): as {@link #keyed}. */
    protected UserFacingException(String messageKey, String message, Throwable cause, Object... arguments) {
        super(message, cause);
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
    }

    /** A failure with a translated sentence: {@code error.<key>} in the bundles, English {@code message} for CLI and log. */
    public static UserFacingException keyed(String key, String message, Object... arguments) {
        return new UserFacingException(key, message, null, arguments);
    }

    public static UserFacingException keyed(String key, String message, Throwable cause, Object... arguments) {
        return new UserFacingException(key, message, cause, arguments);
    }

    /** The bundle key without its {@code error.} prefix, or null when only the English sentence exists. */
    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments == null ? new Object[0] : arguments.clone();
    }
}
