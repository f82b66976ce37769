/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire;

/**
 * A sink could not commit an event. The Java form of the {@code error} that go-events'
 * {@code Write} returns. Unchecked, so that sinks compose without {@code throws} clauses.
 */
public class SinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong
     */
    public SinkException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates a light exception: no stack trace, not suppressible. For failures that are expected
     * and frequent (a flaky receiver, a preallocated error), where filling in a stack trace on
     * every write would cost more than the write itself.
     *
     * @param message what went wrong
     * @param cause the underlying failure, or {@code null}
     * @param writableStackTrace whether to fill in the stack trace
     */
    protected SinkException(String message, Throwable cause, boolean writableStackTrace) {
        super(message, cause, false, writableStackTrace);
    }
}
