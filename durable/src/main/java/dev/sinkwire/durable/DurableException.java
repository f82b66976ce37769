/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import dev.sinkwire.SinkException;

/**
 * A durable sink could not be built or could not accept an event: no usable DataSource, a missing
 * table with schema creation off, an event JSON-B cannot serialize, a failed insert. The message
 * names the sink and the cause; when {@code write} throws it, no row was written.
 */
public class DurableException extends SinkException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the sink
     * @param cause the underlying error, or {@code null}
     */
    public DurableException(String message, Throwable cause) {
        super(message, cause);
    }
}
