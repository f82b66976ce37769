/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sink for tests that keeps the sink contract: records every event it accepts, counts closes,
 * and throws {@link SinkClosedException} on a write after close. Safe for concurrent use.
 */
class RecordingSink<E> implements Sink<E> {

    private final String name;
    private final List<E> events = new ArrayList<>();
    private int closes;

    RecordingSink() {
        this("recording");
    }

    RecordingSink(String name) {
        this.name = name;
    }

    @Override
    public synchronized void write(E event) {
        Objects.requireNonNull(event, "event must not be null");
        if (closes > 0) {
            throw new SinkClosedException(name + " is closed");
        }
        events.add(event);
    }

    @Override
    public synchronized void close() {
        closes++;
    }

    synchronized List<E> events() {
        return List.copyOf(events);
    }

    synchronized int closes() {
        return closes;
    }

    synchronized boolean isClosed() {
        return closes > 0;
    }

    @Override
    public String toString() {
        return name;
    }
}
