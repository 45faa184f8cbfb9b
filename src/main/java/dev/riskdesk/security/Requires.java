package dev.riskdesk.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a public method that takes a {@link Session} checks before it reads or changes anything: a session
 * without it gets {@link AccessDeniedException} and nothing is written. A method that needs one permission or another
 * depending on what it is asked for (the limit policy or the rule set, a contact or the ID number) names each of them:
 * a session holding none of them is refused.
 *
 * <p>Every such method carries this annotation or {@link SignedIn}; {@code PermissionMatrixTest} finds them all from
 * the composition root and calls each as every role, so a new method without its check fails the build.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requires {
    Permission[] value();
}
