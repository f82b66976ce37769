/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/** An inner sink that records what it is given, failing the events a test chooses. Safe for concurrent use. */
final class Recorder implements Sink<DurableEvent<Order>> {

    final List<DurableEvent<Order>> delivered = new CopyOnWriteArrayList<>();
    final List<DurableEvent<Order>> failed = new CopyOnWriteArrayList<>();
    final AtomicBoolean closed = new AtomicBoolean();
    volatile Predicate<DurableEvent<Order>> fails = e -> false;

    @Override
    public void write(DurableEvent<Order> event) {
        if (fails.test(event)) {
            failed.add(event);
            throw new SinkException("receiver refused " + event.event());
        }
        delivered.add(event);
    }

    @Override
    public void close() {
        closed.set(true);
    }

    List<Integer> numbers() {
        return delivered.stream().map(e -> e.event().n()).toList();
    }
}
