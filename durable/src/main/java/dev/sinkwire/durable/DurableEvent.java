/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import dev.sinkwire.Sink;
import java.util.Objects;
import java.util.UUID;

/**
 * What a {@link DurableSink}'s relay hands to the inner sink: the event read back from the outbox
 * row, with the id it was given when it was accepted. The id is the row's primary key: the same on
 * every attempt, after restarts and on another instance, so a receiver can drop duplicates by it
 * (delivery is at least once).
 *
 * <p>Two ways for an inner sink to see the id:
 * <ul>
 *   <li>take {@code DurableEvent<E>} itself ({@code Sink<DurableEvent<E>>});</li>
 *   <li>take the plain event behind {@link #unwrapping(Sink)}, and read {@link #currentId()} during
 *       its {@code write} on the same thread: for example a webhook sink built with
 *       {@code ids(DurableEvent::currentId)} puts the outbox id in its envelope. This only works
 *       while the inner chain writes synchronously on the relay's thread (filter, retry, breaker,
 *       timeout-free targets); behind a {@code Queue} the id is no longer there.</li>
 * </ul>
 *
 * @param id the stable event id
 * @param sink the name of the durable sink
 * @param key the ordering key (the row's {@code aggregateid})
 * @param event the event, decoded from the row's JSON-B payload
 * @param attempt which delivery attempt this is, counting from 1 (attempts of earlier relays
 *     that were killed mid-delivery are not counted)
 * @param <E> the event type
 */
public record DurableEvent<E>(UUID id, String sink, String key, E event, int attempt) {

    private static final ThreadLocal<UUID> CURRENT = new ThreadLocal<>();

    /**
     * Checks the components.
     *
     * @param id the stable event id
     * @param sink the name of the durable sink
     * @param key the ordering key
     * @param event the event
     * @param attempt which delivery attempt this is, counting from 1
     * @throws NullPointerException if a component other than {@code attempt} is null
     */
    public DurableEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(event, "event");
    }

    /**
     * The id of the durable event being written by {@link #unwrapping(Sink)} on this thread.
     *
     * @return the id
     * @throws IllegalStateException if this thread is not inside such a write
     */
    public static UUID currentId() {
        UUID id = CURRENT.get();
        if (id == null) {
            throw new IllegalStateException("no durable event is being written on this thread; currentId() is"
                    + " only available inside the write of a sink behind DurableEvent.unwrapping(...)");
        }
        return id;
    }

    /**
     * Adapts a sink of plain events to the relay: each {@code DurableEvent} is written to
     * {@code sink} as its {@link #event()}, with {@link #currentId()} answering its id during the
     * write. Closing the adapter closes {@code sink}. Safe for concurrent use if {@code sink} is.
     *
     * @param sink the sink of plain events (the sink's ordinary chain)
     * @param <E> the event type
     * @return the adapter
     */
    public static <E> Sink<DurableEvent<E>> unwrapping(Sink<? super E> sink) {
        Objects.requireNonNull(sink, "sink");
        return new Sink<>() {
            @Override
            public void write(DurableEvent<E> event) {
                UUID previous = CURRENT.get();
                CURRENT.set(event.id());
                try {
                    sink.write(event.event());
                } finally {
                    if (previous == null) {
                        CURRENT.remove();
                    } else {
                        CURRENT.set(previous);
                    }
                }
            }

            @Override
            public void close() {
                sink.close();
            }

            @Override
            public String toString() {
                return "DurableEvent.unwrapping(" + sink + ")";
            }
        };
    }
}
