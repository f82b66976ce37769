/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.ft;

import dev.sinkwire.SinkException;
import dev.sinkwire.core.RetryingSink;

/**
 * A {@link TimeoutSink} gave up waiting for a write: the wrapped sink took longer than the
 * timeout. The counterpart of MicroProfile Fault Tolerance's {@code TimeoutException}. Not
 * terminal: a {@link RetryingSink} outside the timeout retries it like any other failure (its
 * default {@code retryOn} of {@link Exception} matches), and a {@link CircuitBreakerSink} outside
 * it counts it as a failure.
 *
 * <p>The late write may still complete after this is thrown (see {@link TimeoutSink}): delivery is
 * at least once, not exactly once.
 */
public class SinkTimeoutException extends SinkException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which sink timed out, and after how long
     */
    public SinkTimeoutException(String message) {
        super(message);
    }
}
