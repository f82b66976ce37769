/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.chain;

import dev.sinkwire.Sink;
import dev.sinkwire.core.Filter;
import dev.sinkwire.core.Queue;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * The layers of one sink's chain, outer to inner, as the runtime closes them; absent layers are
 * {@code null}. Immutable; the layers are safe for concurrent use.
 *
 * @param entry the outer end, fed by the observers and injected with {@code @SinkChain}
 * @param filter the filter, or {@code null}
 * @param queue the queue, or {@code null}
 * @param retrying the retrying part, or {@code null}
 * @param target the sink itself, or {@code null} for a disabled sink
 */
public record Chain(ChainEntry entry, Filter<Object> filter, Queue<Object> queue, Sink<Object> retrying,
        Sink<Object> target) {

    private static final System.Logger LOGGER = System.getLogger(Chain.class.getName());

    /**
     * Closes the layers behind the entry, outer to inner: the queue delivers what it accepted within {@code timeout}
     * (the rest is reported with reason {@code SHUTDOWN}), then the filter, the retrying part and the sink are closed;
     * a failure to close is logged.
     */
    public boolean close(Duration timeout) {
        boolean delivered = queue == null || queue.close(timeout);
        closeQuietly(filter);
        closeQuietly(retrying);
        closeQuietly(target);
        return delivered;
    }

    /** Closes a sink, logging a failure. */
    static void closeQuietly(Sink<?> sink) {
        if (sink == null) {
            return;
        }
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Sinkwire: closing " + sink + " failed", e);
        }
    }
}
