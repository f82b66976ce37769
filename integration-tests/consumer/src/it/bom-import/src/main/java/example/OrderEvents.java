/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package example;

import dev.sinkwire.Sink;
import dev.sinkwire.core.Broadcaster;
import dev.sinkwire.core.Queue;

/**
 * A user's wiring: order numbers go to an audit sink behind a {@link Queue} and, synchronously,
 * to a log sink, through one {@link Broadcaster}.
 */
public final class OrderEvents implements AutoCloseable {

    private final Broadcaster<String> broadcaster;

    public OrderEvents(Sink<? super String> audit, Sink<? super String> log) {
        Queue<String> auditQueue = new Queue<>(audit);
        this.broadcaster = new Broadcaster<>();
        broadcaster.add(auditQueue);
        broadcaster.add(log);
    }

    public void placed(String order) {
        broadcaster.write(order);
    }

    /** Closes the broadcaster, which drains the queue and closes both sinks. */
    @Override
    public void close() {
        broadcaster.close();
    }
}
