/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire;

/**
 * The sink is closed: the event was not accepted and never will be. go-events'
 * {@code ErrSinkClosed}. This failure is terminal: retrying is pointless, and a
 * {@code Broadcaster} that sees it from one of its sinks removes that sink.
 */
public class SinkClosedException extends SinkException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception naming the closed sink.
     *
     * @param message which sink is closed
     */
    public SinkClosedException(String message) {
        super(message);
    }
}
