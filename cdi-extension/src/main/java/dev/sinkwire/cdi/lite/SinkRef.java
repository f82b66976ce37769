/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.lite;

import dev.sinkwire.cdi.config.SinkKind;
import java.util.Objects;

/**
 * One sink as the build compatible front end hands it from build time to run time: a single
 * string parameter per sink (next to its bean class and, for a method sink, its invoker, keyed by
 * the sink's name). Immutable.
 *
 * @param kind class sink or method sink
 * @param name the sink's name
 * @param eventClass the binary (or primitive) name of the erasure of its event type
 * @param description where it is declared, for messages
 */
public record SinkRef(SinkKind kind, String name, String eventClass, String description) {

    private static final String SEPARATOR = "\n";

    /**
     * Checks the components: none may hold a line break but the description.
     *
     * @param kind class sink or method sink
     * @param name the sink's name
     * @param eventClass the event class's name
     * @param description where it is declared
     */
    public SinkRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        if (name.contains(SEPARATOR) || eventClass.contains(SEPARATOR)) {
            throw new IllegalArgumentException("a line break in " + name + " or " + eventClass);
        }
    }

    /** @return the parameter value: kind, name, event class and description, one per line */
    public String encode() {
        return String.join(SEPARATOR, kind.name(), name, eventClass, description);
    }

    /**
     * Reads a parameter value written by {@link #encode()}.
     *
     * @param text the value
     * @return the sink
     */
    public static SinkRef decode(String text) {
        String[] parts = text.split(SEPARATOR, 4);
        return new SinkRef(SinkKind.valueOf(parts[0]), parts[1], parts[2], parts[3]);
    }
}
