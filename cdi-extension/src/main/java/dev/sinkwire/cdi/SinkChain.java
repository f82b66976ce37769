/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Objects;

/**
 * Selects the outer end of one named sink's chain (filter, queue, retrying sink, the sink) for
 * direct writes:
 *
 * <pre>{@code
 * @Inject @SinkChain("audit") Sink<OrderPlaced> audit;
 * audit.write(new OrderPlaced(...));   // goes through the same chain as a CDI event would
 * }</pre>
 *
 * <p>The bean's type is {@code Sink<T>}, where {@code T} is the sink's event type, so inject it
 * as {@code Sink<T>} or {@code Sink<?>}. The chain is owned by the container: its {@code close()}
 * does nothing, and it is closed when the application stops. An annotation literal is
 * immutable and safe for concurrent use.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface SinkChain {

    /**
     * The sink's name, as given by {@code @EventSink} (or its default).
     *
     * @return the sink's name
     */
    String value();

    /** An instance of {@link SinkChain}, for programmatic lookup. Immutable. */
    final class Literal extends AnnotationLiteral<SinkChain> implements SinkChain {

        private static final long serialVersionUID = 1L;

        /** The sink's name. */
        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        /**
         * Creates a literal.
         *
         * @param name the sink's name
         * @return the literal
         * @throws NullPointerException if {@code name} is {@code null}
         */
        public static Literal of(String name) {
            return new Literal(Objects.requireNonNull(name, "name must not be null"));
        }

        @Override
        public String value() {
            return value;
        }
    }
}
