/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.chain;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.cdi.config.Keys;
import java.util.Objects;

/**
 * The outer end of one sink's chain, as injected with {@code @SinkChain} and fed by the
 * synthetic observers. It checks the event's type, refuses writes once the application stops or
 * when the sink is disabled, and forwards to the first layer. Its {@code close()} does nothing:
 * the chain belongs to the container, which closes it at shutdown ({@link #stop()}).
 *
 * <p>Safe for concurrent use.
 */
public final class ChainEntry implements Sink<Object> {

    private final String name;
    private final Class<?> eventClass;
    /** The first layer; {@code null} for a disabled sink. */
    private final Sink<Object> first;
    /** The chain line, or why the sink is disabled. */
    private final String description;
    private final boolean durable;
    private volatile boolean stopped;

    ChainEntry(String name, Class<?> eventClass, Sink<Object> first, String description, boolean durable) {
        this.name = name;
        this.eventClass = eventClass;
        this.first = first;
        this.description = description;
        this.durable = durable;
    }

    /** The entry of a sink disabled by configuration: every write fails. */
    static ChainEntry disabled(String name, Class<?> eventClass) {
        String reason = "sink '" + name + "' is disabled by " + Keys.of(name, Keys.ENABLED) + "=false";
        return new ChainEntry(name, eventClass, null, reason, false);
    }

    /** @return the sink's name */
    public String name() {
        return name;
    }

    /** @return the erasure of the sink's event type */
    public Class<?> eventClass() {
        return eventClass;
    }

    /** @return whether the sink is enabled by configuration */
    public boolean enabled() {
        return first != null;
    }

    /**
     * Whether the sink stores what it accepts ({@code store=jdbc}): a failure to store an event is
     * then thrown at the code that fired it, so that its transaction can roll back rather than
     * commit the business data without its event.
     */
    public boolean durable() {
        return durable;
    }

    /** Writes an event into the chain. */
    @Override
    public void write(Object event) {
        Objects.requireNonNull(event, "event must not be null");
        if (first == null) {
            throw new SinkClosedException(description);
        }
        if (!eventClass.isInstance(event)) {
            throw new IllegalArgumentException("sink '" + name + "' accepts " + eventClass.getName() + ", not "
                    + event.getClass().getName());
        }
        if (stopped) {
            throw new SinkClosedException("sink '" + name + "' is closed: the application is stopping");
        }
        first.write(event);
    }

    /** @return whether the application is stopping (writes are refused) */
    boolean stopped() {
        return stopped;
    }

    /** Stops accepting writes; the runtime then closes the layers behind. */
    public void stop() {
        stopped = true;
    }

    /** Does nothing: the container owns the chain and closes it when the application stops. */
    @Override
    public void close() {
        // owned by the container
    }

    /** Describes the chain, outer to inner: {@code sink 'audit': Queue(audit) -> RetryingSink[...] -> audit}. */
    @Override
    public String toString() {
        return description;
    }
}
