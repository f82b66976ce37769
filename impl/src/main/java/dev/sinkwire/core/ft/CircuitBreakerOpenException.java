/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.ft;

import dev.sinkwire.SinkException;
import dev.sinkwire.core.RetryingSink;

/**
 * A {@link CircuitBreakerSink} refused a write because its breaker is open (or half-open with
 * every trial taken): the wrapped sink was not called. The counterpart of MicroProfile Fault
 * Tolerance's {@code CircuitBreakerOpenException}. Not terminal: a {@link RetryingSink} outside the
 * breaker retries it like any other failure (its default {@code retryOn} of {@link Exception}
 * matches), as MP FT's {@code @Retry} does.
 *
 * <p>Thrown often while a receiver is down, so it carries no stack trace.
 */
public class CircuitBreakerOpenException extends SinkException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which breaker refused, and for how long it stays open
     */
    public CircuitBreakerOpenException(String message) {
        super(message, null, false);
    }
}
