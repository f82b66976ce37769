/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.spi;

import dev.sinkwire.DropListener;
import dev.sinkwire.Sink;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * What the extension gives a {@link DurableStoreProvider} for one sink. Implementations are
 * immutable and thread-safe.
 */
public interface DurableStoreContext {

    /** @return the sink's name (the {@code <name>} of {@code sinkwire.sinks.<name>.}) */
    String name();

    /** @return {@code sinkwire.sinks.<name>.}, for messages naming keys */
    default String prefix() {
        return "sinkwire.sinks." + name() + ".";
    }

    /** @return the erasure of the sink's event type: stored events are read back as it */
    Class<?> eventClass();

    /**
     * The sink's {@code store.*} keys, relative to {@link #prefix()} ({@code store.table}...); a key
     * set as an environment variable that the configuration lists by that name only is there by its
     * own name ({@code SINKWIRE_SINKS_ORDERS_STORE_TABLE}). The extension reads {@code store} itself
     * and checks none of these: the provider reads them, rejects unknown ones, and reports each
     * problem naming the full key and what is allowed, never a value that could be a secret.
     *
     * @return an unmodifiable map
     */
    Map<String, String> keys();

    /**
     * The sink's ordinary chain (retry, circuit breaker, timeout, the sink), counting deliveries
     * and failed attempts; the stage writes each stored event to it from its relay.
     *
     * @return the chain behind the stage
     */
    Sink<Object> inner();

    /**
     * Writes one stored event to {@link #inner()} with the id the store gave it (its row's id):
     * during the write, a sink behind the store that asked for
     * {@link ConfiguredSinkContext#storedEventIds()} gets {@code id} for this event instance (a
     * webhook puts it in its envelope). Pass a fresh instance per stored event (as decoding the row
     * gives). The default writes to {@link #inner()} without the id.
     *
     * @param event the event read back from the store
     * @param id its stable id
     * @throws RuntimeException whatever the chain's write throws (the attempt failed)
     */
    default void deliver(Object event, String id) {
        inner().write(event);
    }

    /** @return where the stage reports events it gives up on (counted as dropped); never {@code null} */
    DropListener dropListener();

    /**
     * Where the stage reports each event it stored, once the store committed it (at once outside a
     * transaction, after the commit inside one; never for an event whose transaction rolled back),
     * so the sink's statistics count it as accepted then.
     *
     * @return the listener; safe for concurrent use
     */
    Consumer<Object> acceptListener();

    /** @return the managed thread factory of the application, if the extension uses one */
    Optional<ThreadFactory> threadFactory();

    /**
     * The application's bean of a type, if it has exactly one.
     *
     * @param type the bean type
     * @param <T> the bean type
     * @return the bean, or empty if there is none or more than one
     */
    <T> Optional<T> bean(Class<T> type);

    /**
     * The application's bean of a type named {@code name} with {@code @Named}.
     *
     * @param type the bean type
     * @param name the bean name
     * @param <T> the bean type
     * @return the bean, or empty if there is none of that type or more than one
     */
    <T> Optional<T> named(Class<T> type, String name);
}
