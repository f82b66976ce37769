/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.chain;

import dev.sinkwire.Sink;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The ids durable stores gave the events their relays are delivering, by event instance: a relay
 * binds the id for the duration of one write to the inner chain ({@link #deliver}); a sink behind
 * the store reads it with {@link #apply} (the function handed out as
 * {@link dev.sinkwire.cdi.spi.ConfiguredSinkContext#storedEventIds()}). Keyed by identity, not by
 * thread, so a layer that hands the write to another thread (a timeout) still finds it; each relay
 * decodes a fresh instance per row, so two rows never share a key. One per graph; safe for
 * concurrent use.
 */
final class StoredIds implements Function<Object, String> {

    private final Map<Object, String> delivering = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * Writes {@code event} to {@code inner} with {@code id} bound to it during the write.
     *
     * @throws RuntimeException whatever the write throws
     */
    void deliver(Sink<Object> inner, Object event, String id) {
        String previous = delivering.put(event, id);
        try {
            inner.write(event);
        } finally {
            if (previous == null) {
                delivering.remove(event);
            } else {
                delivering.put(event, previous);
            }
        }
    }

    /**
     * The id of an event a relay is delivering.
     *
     * @throws IllegalStateException if no relay is delivering this instance (a write that outlived
     *     its relay's attempt): the attempt fails and the row is retried with its id
     */
    @Override
    public String apply(Object event) {
        String id = delivering.get(event);
        if (id == null) {
            throw new IllegalStateException("no durable store is delivering this " + event.getClass().getName()
                    + " instance now (its relay attempt is over), so its stored id is unknown");
        }
        return id;
    }

    @Override
    public String toString() {
        return "StoredIds[" + delivering.size() + " delivering]";
    }
}
