/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.SinkException;

/**
 * A bounded {@link Queue} was full and did not accept the event: its policy is
 * {@link OverflowPolicy#FAIL}, or it is {@link OverflowPolicy#BLOCK} and the maximum wait passed.
 * The event is neither queued nor reported to any drop listener: the writer still owns it.
 *
 * <p>Not terminal (unlike {@link dev.sinkwire.SinkClosedException}): the same write may succeed
 * once the consumer has made room. Expected and possibly frequent under overload, so it carries
 * no stack trace; the message names the queue, its capacity and its policy. Thread-safety: like
 * any exception, safe to hand to another thread once thrown (no stack trace, no suppression).
 */
public class QueueFullException extends SinkException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which queue is full, its capacity and its policy
     */
    public QueueFullException(String message) {
        super(message, null, false);
    }
}
