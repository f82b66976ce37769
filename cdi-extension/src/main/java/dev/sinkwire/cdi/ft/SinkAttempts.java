/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.ft;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * For the container only, not API: Sinkwire adds this interceptor binding to sink methods that
 * carry MicroProfile Fault Tolerance annotations, so that {@link SinkAttemptsInterceptor}, inside
 * the FT implementation's interceptor, counts the calls the implementation makes (its retries)
 * for the dead letter's attempt count. An annotation literal is immutable and safe for concurrent use.
 */
@InterceptorBinding
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SinkAttempts {

    /** The instance to add. Immutable. */
    final class Literal extends AnnotationLiteral<SinkAttempts> implements SinkAttempts {
        private static final long serialVersionUID = 1L;

        /** The only instance. */
        public static final Literal INSTANCE = new Literal();

        private Literal() {
        }
    }
}
