package dev.riskdesk.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A public method that takes a {@link Session} and needs no permission: it acts on the signed-in operator's own
 * sign-in (sign out, the idle lock and its unlock), which every role may do. The exception to {@link Requires}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SignedIn {
}
