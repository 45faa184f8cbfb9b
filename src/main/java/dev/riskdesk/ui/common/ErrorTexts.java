package dev.riskdesk.ui.common;

import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.security.AccessDeniedException;

/** Turns a failure into the sentence an operator sees; never a stack trace (that is in the log file). */
public final class ErrorTexts {
    private ErrorTexts() {
    }

    public static UiText of(Throwable error) {
        if (error instanceof AccessDeniedException) {
            return UiText.of("common.error.denied");
        }
        if (error instanceof UserFacingException) {
            return UiText.literal(error.getMessage());
        }
        return UiText.of("common.error.unexpected");
    }
}
