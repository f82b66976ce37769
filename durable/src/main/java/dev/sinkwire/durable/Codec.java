/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import jakarta.json.bind.Jsonb;
import java.util.Map;

/**
 * Turns events into the JSON-B payload and back. The {@code type} column holds the event's class
 * name; reading a row resolves it among the registered subtypes, else by name through the event
 * type's class loader, and only accepts classes assignable to the event type. Safe for concurrent
 * use (a {@link Jsonb} instance is).
 */
final class Codec<E> {

    private final String sink;
    private final Class<E> type;
    private final Map<String, Class<? extends E>> subtypes;
    private final Jsonb jsonb;

    Codec(String sink, Class<E> type, Map<String, Class<? extends E>> subtypes, Jsonb jsonb) {
        this.sink = sink;
        this.type = type;
        this.subtypes = Map.copyOf(subtypes);
        this.jsonb = jsonb;
    }

    String typeName(E event) {
        return event.getClass().getName();
    }

    /** The payload; a {@link DurableException} naming the sink and the event's class when JSON-B fails. */
    String write(E event) {
        if (!type.isInstance(event)) {
            throw new DurableException("durable sink '" + sink + "': an event of " + event.getClass().getName()
                    + " is not a " + type.getName() + ", the sink's event type; nothing was written", null);
        }
        try {
            return jsonb.toJson(event);
        } catch (RuntimeException e) {
            throw new DurableException("durable sink '" + sink + "': JSON-B cannot serialize an event of "
                    + event.getClass().getName() + " (" + e + "); nothing was written", e);
        }
    }

    /** The event of a row; an {@link IllegalArgumentException} when it cannot be decoded. */
    E read(String typeName, String payload) {
        Class<? extends E> c = resolve(typeName);
        try {
            E event = jsonb.fromJson(payload, c);
            if (event == null) {
                throw new IllegalArgumentException("the payload is JSON null");
            }
            return event;
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            // a deeply nested payload overflows JSON-B; an event class whose initialization fails
            // throws ExceptionInInitializerError, then NoClassDefFoundError: as unreadable as a bad payload
            throw new IllegalArgumentException("JSON-B cannot read the payload as " + c.getName() + ": " + e, e);
        }
    }

    private Class<? extends E> resolve(String typeName) {
        if (typeName.equals(type.getName())) {
            return type;
        }
        Class<? extends E> known = subtypes.get(typeName);
        if (known != null) {
            return known;
        }
        Class<?> c;
        try {
            c = Class.forName(typeName, false, type.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("event type " + typeName + " is not loadable: " + e, e);
        }
        if (!type.isAssignableFrom(c)) {
            throw new IllegalArgumentException("event type " + typeName + " is not a " + type.getName());
        }
        return c.asSubclass(type);
    }
}
