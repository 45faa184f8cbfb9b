package dev.riskdesk.limits.versions;

import dev.riskdesk.common.UserFacingException;

/**
 * A version refused because of one of its fields: the sentence as any {@link UserFacingException}, and the
 * {@link PolicyFields.FieldError} itself, so the console names the field as its form labels it and shows the value in
 * the field's unit, in the operator's language, rather than the field's path.
 */
public final class PolicyFieldException extends UserFacingException {
    private static final long serialVersionUID = 1L;
    private final transient PolicyFields.FieldError error;

    PolicyFieldException(PolicyFields.FieldError error) {
        super(error.key(), error.message(), null, error.arguments().toArray());
        this.error = error;
    }

    public PolicyFields.FieldError error() {
        return error;
    }
}
