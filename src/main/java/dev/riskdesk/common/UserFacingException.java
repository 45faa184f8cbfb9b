package dev.riskdesk.common;

/**
 * A failure an operator can act on. Its message is one complete sentence for the operator;
 * the cause, if any, goes to the log file only.
 */
public class UserFacingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserFacingException(String message) {
        super(message);
    }

    public UserFacingException(String message, Throwable cause) {
        super(message, cause);
    }
}
